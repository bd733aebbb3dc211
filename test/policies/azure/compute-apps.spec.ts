// azure-native compute and apps (issue 15): web apps and slots, App Service plans, VMs (password sign-in, public
// IPs on their NICs, disk encryption sets), managed disks, static websites and blobs. Each rule: a compliant case,
// a violating case with its control, and a value unknown at preview that is not compliant.
import assert from "node:assert/strict";
import * as bv from "../../../policies/azure/backup-versioning";
import * as cmk from "../../../policies/azure/enc-rest-cmk";
import * as dp from "../../../policies/azure/deletion-protection";
import * as tls from "../../../policies/azure/enc-transit";
import * as ia from "../../../policies/azure/identity-authn";
import * as np from "../../../policies/azure/network-private";
import * as pa from "../../../policies/azure/public-access";
import { rules as noSafeguard } from "../../../policies/azure/no-safeguard";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource } from "../../support/policies";
import { rgId, storageAccount, tags } from "./baselines";

const DES = `${rgId}/providers/Microsoft.Compute/diskEncryptionSets/des`;
const webApp = (props: Record<string, unknown> = {}, type = "azure-native:web:WebApp") => resource(type, {
    resourceGroupName: "rg", location: "eastus", tags, serverFarmId: "plan", httpsOnly: true, publicNetworkAccess: "Disabled",
    siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" }, ...props,
}, { name: "app" });
const vm = (props: Record<string, unknown> = {}) => resource("azure-native:compute:VirtualMachine", {
    resourceGroupName: "rg", location: "eastus", tags, hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: "nic" }] },
    osProfile: { computerName: "vm", adminUsername: "ops", linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/ops/.ssh/authorized_keys", keyData: "ssh-rsa AAAA" }] } } },
    storageProfile: {
        imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
        osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: DES } } },
        dataDisks: [{ lun: 0, createOption: "Empty", diskSizeGB: 64, managedDisk: { diskEncryptionSet: { id: DES } } }],
    }, ...props,
}, { name: "vm" });
const nic = (ipConfigurations: unknown, type = "azure-native:network:NetworkInterface") => resource(type, { resourceGroupName: "rg", ipConfigurations }, { name: "nic" });

describe("azure-native compute and apps", () => {
    describe("azure-enc-transit-web-app", () => {
        it("passes HTTPS only, TLS 1.2, FTPS only or no FTP, for an app and a slot", () => {
            assertNoFinding(findingsOf(tls.webApp, webApp()));
            assertNoFinding(findingsOf(tls.webApp, webApp({ siteConfig: { minTlsVersion: "1.3", ftpsState: "FtpsOnly", scmMinTlsVersion: "1.2" } }, "azure-native:web:WebAppSlot")));
        });
        it("fails the corpus's web apps: HTTP allowed, no TLS floor, FTP allowed", () => {
            const bare = resource("azure-native:web:WebApp", { resourceGroupName: "rg", serverFarmId: "plan", siteConfig: { appSettings: [] } }, { name: "app" });
            const f = findingsOf(tls.webApp, bare);
            assertViolations(f, ["httpsOnly", "siteConfig.minTlsVersion", "siteConfig.ftpsState"], { control: "ENC-TRANSIT" });
        });
        it("fails TLS 1.0/1.1, a weak Kudu floor, FTP AllAllowed, and type confusions", () => {
            for (const v of ["1.0", "1.1", 1.2, " 1.2"]) assertOneViolation(findingsOf(tls.webApp, webApp({ siteConfig: { minTlsVersion: v, ftpsState: "Disabled" } })), "siteConfig.minTlsVersion", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.webApp, webApp({ siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled", scmMinTlsVersion: "1.0" } })), "siteConfig.scmMinTlsVersion", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.webApp, webApp({ siteConfig: { minTlsVersion: "1.2", ftpsState: "AllAllowed" } })), "siteConfig.ftpsState", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.webApp, webApp({ httpsOnly: "yes" })), "httpsOnly", { control: "ENC-TRANSIT" });
        });
        it("reports unknown values as unknown", () => {
            assertOnlyUnknown(findingsOf(tls.webApp, webApp({ httpsOnly: UNKNOWN })), "httpsOnly");
            assertOnlyUnknown(findingsOf(tls.webApp, webApp({ siteConfig: UNKNOWN })), "siteConfig.minTlsVersion", "siteConfig.scmMinTlsVersion", "siteConfig.ftpsState");
        });
    });

    describe("azure-public-access-web-app", () => {
        const endpoint = (app: ReturnType<typeof webApp>, groupIds: unknown = ["sites"], id: unknown = "x") => resource("azure-native:network:PrivateEndpoint", {
            resourceGroupName: "rg", subnet: { id: "s" }, privateLinkServiceConnections: [{ name: "l", groupIds, privateLinkServiceId: id }],
        }, { name: "pe", propertyDependencies: { privateLinkServiceConnections: [app.urn] } });
        it("passes public access Disabled at the top or in siteConfig, or deny-by-default restrictions", () => {
            assertNoFinding(findingsOf(pa.webApp, [webApp()]));
            assertNoFinding(findingsOf(pa.webApp, [webApp({ publicNetworkAccess: undefined, siteConfig: { publicNetworkAccess: "disabled" } })]));
            assertNoFinding(findingsOf(pa.webApp, [webApp({ publicNetworkAccess: undefined, siteConfig: { ipSecurityRestrictionsDefaultAction: "Deny" } })]));
        });
        it("passes a private endpoint (sites) beside public access Disabled", () => {
            const app = webApp();
            assertNoFinding(findingsOf(pa.webApp, [app, endpoint(app)]));
        });
        it("fails the vnet-injection example's backend: a private endpoint (sites) does not turn unset public access off", () => {
            const app = webApp({ publicNetworkAccess: undefined });
            const f = findingsOf(pa.webApp, [app, endpoint(app)]);
            assertOneViolation(f, "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assert.ok(f.some(x => /private endpoint or not/.test(x.message)), f.map(x => x.message).join("\n"));
        });
        it("fails a private endpoint beside public access written Enabled, or an endpoint of another group", () => {
            const open = webApp({ publicNetworkAccess: "Enabled" });
            assertOneViolation(findingsOf(pa.webApp, [open, endpoint(open)]), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            const app = webApp({ publicNetworkAccess: undefined });
            assertOneViolation(findingsOf(pa.webApp, [app, endpoint(app, ["blob"])]), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
        });
        it("fails an app open to the internet: unset, Enabled, an empty string, or Disabled contradicted by Enabled", () => {
            for (const props of [{ publicNetworkAccess: undefined }, { publicNetworkAccess: "Enabled" }, { publicNetworkAccess: "" },
                { publicNetworkAccess: "Disabled", siteConfig: { publicNetworkAccess: "Enabled" } }]) {
                assertOneViolation(findingsOf(pa.webApp, [webApp(props)]), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            }
        });
        it("reports unknown public access as unknown; an endpoint of unknown target excuses no app left unset", () => {
            assertOnlyUnknown(findingsOf(pa.webApp, [webApp({ publicNetworkAccess: UNKNOWN })]), "publicNetworkAccess");
            const a = webApp({ publicNetworkAccess: undefined }), b = resource("azure-native:web:WebApp", { ...a.props }, { name: "app2" });
            const pe = resource("azure-native:network:PrivateEndpoint", { subnet: { id: "s" }, privateLinkServiceConnections: UNKNOWN }, { name: "pe" });
            const f = findingsOf(pa.webApp, [a, b, pe]);
            assert.equal(f.filter(x => x.unknown).length, 0);
            assert.equal(f.filter(x => !x.unknown).length, 2);
        });
    });

    describe("azure-network-private-app-service-plan", () => {
        const plan = (props: Record<string, unknown>) => resource("azure-native:web:AppServicePlan", { resourceGroupName: "rg", sku: { name: "P1v3" }, ...props }, { name: "plan" });
        it("passes a plan without RDP", () => assertNoFinding(findingsOf(np.appServicePlan, plan({}))));
        it("fails RDP to the workers", () => assertOneViolation(findingsOf(np.appServicePlan, plan({ rdpEnabled: true })), "rdpEnabled", { control: "NETWORK-PRIVATE" }));
        it("reports unknown RDP as unknown", () => assertOnlyUnknown(findingsOf(np.appServicePlan, plan({ rdpEnabled: UNKNOWN })), "rdpEnabled"));
    });

    describe("virtual machines", () => {
        it("azure-identity-authn-virtual-machine: SSH keys pass; the webserver example's password sign-in fails, its password never shown", () => {
            assertNoFinding(findingsOf(ia.virtualMachine, vm()));
            const f = findingsOf(ia.virtualMachine, vm({ osProfile: { computerName: "h", adminUsername: "u", adminPassword: "S3cret-pw", linuxConfiguration: { disablePasswordAuthentication: false } } }));
            assertViolations(f, ["osProfile.linuxConfiguration.disablePasswordAuthentication", "osProfile.adminPassword"], { control: "IDENTITY-AUTHN" });
            assert.ok(f.every(x => !x.message.includes("S3cret-pw")));
            assertOneViolation(findingsOf(ia.virtualMachine, vm({ osProfile: { adminUsername: "u", adminPassword: "pw" } })), "osProfile.adminPassword", { control: "IDENTITY-AUTHN" });
            assertOnlyUnknown(findingsOf(ia.virtualMachine, vm({ osProfile: UNKNOWN })), "osProfile");
            assertOnlyUnknown(findingsOf(ia.virtualMachine, vm({ osProfile: { adminUsername: "u", linuxConfiguration: { disablePasswordAuthentication: UNKNOWN } } })), "disablePasswordAuthentication");
        });
        it("azure-identity-authn-virtual-machine: a Windows VM is not applicable, with the reason", () => {
            const win = vm({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer" }, osDisk: { createOption: "FromImage" } } });
            const { outcomes } = evaluateOutcomes([ia.virtualMachine], [win]);
            assert.equal(outcomes[0].outcome, "not-applicable");
            assert.match(outcomes[0].reason ?? "", /Windows/);
            // A Linux image that only names Windows, and a Windows config unknown at preview, are judged as Linux.
            const lookalike = vm({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { publisher: "contoso", offer: "windows-migration-tools" }, osDisk: { createOption: "FromImage" } } });
            assertOneViolation(findingsOf(ia.virtualMachine, lookalike), "osProfile.adminPassword", { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(ia.virtualMachine, vm({ osProfile: { adminUsername: "u", adminPassword: "pw", windowsConfiguration: UNKNOWN } })), "osProfile.adminPassword", { control: "IDENTITY-AUTHN" });
        });
        it("azure-enc-rest-cmk-virtual-machine: disks with an encryption set, or attached compute Disks, pass; platform keys fail", () => {
            assertNoFinding(findingsOf(cmk.virtualMachine, vm()));
            assertNoFinding(findingsOf(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "Attach", managedDisk: { id: "disk" } } } })));
            assertOneViolation(findingsOf(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "FromImage", name: "os" } } })), "storageProfile.osDisk.managedDisk.diskEncryptionSet.id", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: DES } } }, dataDisks: [{ lun: 0, createOption: "Empty" }] } })), "storageProfile.dataDisks[0].managedDisk.diskEncryptionSet.id", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "Attach" } } })), "storageProfile.osDisk", { control: "ENC-REST-CMK" });
            assertOnlyUnknown(findingsOf(cmk.virtualMachine, vm({ storageProfile: UNKNOWN })), "storageProfile");
            assertOnlyUnknown(findingsOf(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: UNKNOWN } } } } })), "diskEncryptionSet.id");
        });
        it("azure-network-private-virtual-machine: an inline NIC configuration with a public IP fails", () => {
            assertNoFinding(findingsOf(np.virtualMachine, vm()));
            const inline = (ip: unknown) => vm({ networkProfile: { networkInterfaceConfigurations: [{ name: "n", ipConfigurations: [ip] }] } });
            assertNoFinding(findingsOf(np.virtualMachine, inline({ name: "ip", subnet: { id: "s" } })));
            assertOneViolation(findingsOf(np.virtualMachine, inline({ name: "ip", publicIPAddressConfiguration: { name: "pip" } })), "publicIPAddressConfiguration", { control: "NETWORK-PRIVATE" });
            assertOnlyUnknown(findingsOf(np.virtualMachine, vm({ networkProfile: { networkInterfaceConfigurations: UNKNOWN } })), "networkInterfaceConfigurations");
        });
        it("azure-network-private-network-interface: a public IP on a NIC fails (azure-native and classic), unknown is unknown", () => {
            assertNoFinding(findingsOf(np.networkInterface, nic([{ name: "ip", subnet: { id: "s" } }])));
            assertOneViolation(findingsOf(np.networkInterface, nic([{ name: "ip", subnet: { id: "s" } }, { name: "pub", publicIPAddress: { id: "pip" } }])), "ipConfigurations[1].publicIPAddress", { control: "NETWORK-PRIVATE" });
            assertOneViolation(findingsOf(np.networkInterface, nic([{ name: "ip", publicIPAddress: {} }])), "ipConfigurations[0].publicIPAddress", { control: "NETWORK-PRIVATE" });
            assertOneViolation(findingsOf(np.networkInterface, nic([{ name: "ip", publicIpAddressId: "pip" }], "azure:network/networkInterface:NetworkInterface")), "publicIpAddressId", { control: "NETWORK-PRIVATE" });
            assertOnlyUnknown(findingsOf(np.networkInterface, nic([{ name: "ip", publicIPAddress: UNKNOWN }])), "publicIPAddress");
            assertOnlyUnknown(findingsOf(np.networkInterface, nic(UNKNOWN)), "ipConfigurations");
        });
    });

    describe("scale sets: the same rules read the virtualMachineProfile", () => {
        const vmss = (profile: unknown) => resource("azure-native:compute:VirtualMachineScaleSet", { resourceGroupName: "rg", sku: { name: "Standard_B2s", capacity: 2 }, virtualMachineProfile: profile }, { name: "vmss" });
        const profile = () => {
            const p = structuredClone(vm().props) as Record<string, any>;
            p.networkProfile = { networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [{ name: "ip", subnet: { id: "s" } }] }] };
            return p;
        };
        it("passes a private, SSH-key, CMK scale set", () => {
            for (const rule of [ia.virtualMachine, cmk.virtualMachine, np.virtualMachine]) assertNoFinding(findingsOf(rule, vmss(profile())));
        });
        it("fails password sign-in, platform keys and instance public IPs, naming the profile's paths", () => {
            const p = profile();
            p.osProfile = { adminUsername: "u", adminPassword: "pw", linuxConfiguration: { disablePasswordAuthentication: false } };
            p.storageProfile.osDisk = { createOption: "FromImage" };
            p.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration = { name: "pip" };
            assertViolations(findingsOf(ia.virtualMachine, vmss(p)), ["virtualMachineProfile.osProfile.linuxConfiguration.disablePasswordAuthentication", "virtualMachineProfile.osProfile.adminPassword"], { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(cmk.virtualMachine, vmss(p)), "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(np.virtualMachine, vmss(p)), "virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration", { control: "NETWORK-PRIVATE" });
        });
        it("reports an unknown profile as unknown, never compliant or not applicable", () => {
            for (const rule of [ia.virtualMachine, cmk.virtualMachine, np.virtualMachine]) assertOnlyUnknown(findingsOf(rule, vmss(UNKNOWN)), "virtualMachineProfile");
        });
        it("Azure classic scale sets: password, encryption set and public IPs (azure-network-private-classic-scale-set)", () => {
            const linux = (props: Record<string, unknown>) => resource("azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", {
                resourceGroupName: "rg", sku: "Standard_B2s", adminUsername: "u", osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS", diskEncryptionSetId: DES },
                networkInterfaces: [{ name: "nic", ipConfigurations: [{ name: "ip", subnetId: "s" }] }], ...props,
            }, { name: "ss" });
            for (const rule of [ia.classicLinuxVirtualMachine, cmk.classicVirtualMachine, np.classicScaleSet]) assertNoFinding(findingsOf(rule, linux({})));
            assertViolations(findingsOf(ia.classicLinuxVirtualMachine, linux({ disablePasswordAuthentication: false, adminPassword: "pw" })), ["disablePasswordAuthentication", "adminPassword"], { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(cmk.classicVirtualMachine, linux({ osDisk: { caching: "ReadWrite" } })), "osDisk.diskEncryptionSetId", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(np.classicScaleSet, linux({ networkInterfaces: [{ name: "nic", ipConfigurations: [{ name: "ip", publicIpAddresses: [{ name: "pip" }] }] }] })), "publicIpAddresses", { control: "NETWORK-PRIVATE" });
            assertOnlyUnknown(findingsOf(np.classicScaleSet, linux({ networkInterfaces: [{ name: "nic", ipConfigurations: [{ name: "ip", publicIpAddresses: UNKNOWN }] }] })), "publicIpAddresses");
            assertOnlyUnknown(findingsOf(np.classicScaleSet, linux({ networkInterfaces: UNKNOWN })), "networkInterfaces");
        });
    });

    describe("managed disks", () => {
        const disk = (props: Record<string, unknown>) => resource("azure-native:compute:Disk", {
            resourceGroupName: "rg", creationData: { createOption: "Empty" }, diskSizeGB: 64, networkAccessPolicy: "DenyAll", publicNetworkAccess: "Disabled",
            encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: DES }, ...props,
        }, { name: "data", protect: true });
        it("azure-enc-rest-cmk-managed-disk: a customer key passes, platform keys fail, unknown is unknown", () => {
            assertNoFinding(findingsOf(cmk.managedDisk, disk({})));
            assertViolations(findingsOf(cmk.managedDisk, disk({ encryption: undefined })), ["encryption.diskEncryptionSetId", "encryption.type"], { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.managedDisk, disk({ encryption: { type: "EncryptionAtRestWithPlatformKey", diskEncryptionSetId: DES } })), "encryption.type", { control: "ENC-REST-CMK" });
            assertOnlyUnknown(findingsOf(cmk.managedDisk, disk({ encryption: UNKNOWN })), "encryption.diskEncryptionSetId", "encryption.type");
        });
        it("is a stateful resource on both SDKs: protected in production (azure-deletion-protection-stateful-resource)", () => {
            assertNoFinding(findingsOf(dp.statefulResource, disk({}), { environment: "prod" }));
            assertOneViolation(findingsOf(dp.statefulResource, resource("azure-native:compute:Disk", {}, { name: "d" }), { environment: "prod" }), "opts.protect", { control: "DELETION-PROTECTION" });
            assertOneViolation(findingsOf(dp.classicStatefulResource, resource("azure:compute/managedDisk:ManagedDisk", {}, { name: "d" }), { environment: "prod" }), "opts.protect", { control: "DELETION-PROTECTION" });
        });
        it("azure-public-access-managed-disk: export from anywhere fails, on both SDKs", () => {
            assertNoFinding(findingsOf(pa.managedDisk, disk({})));
            assertOneViolation(findingsOf(pa.managedDisk, disk({ networkAccessPolicy: undefined })), "networkAccessPolicy", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.managedDisk, disk({ networkAccessPolicy: "AllowAll" })), "networkAccessPolicy", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.managedDisk, disk({ publicNetworkAccess: "Enabled" })), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            const classic = (props: Record<string, unknown>) => resource("azure:compute/managedDisk:ManagedDisk", { networkAccessPolicy: "DenyAll", publicNetworkAccessEnabled: false, ...props }, { name: "d" });
            assertNoFinding(findingsOf(pa.managedDisk, classic({})));
            assertOneViolation(findingsOf(pa.managedDisk, classic({ publicNetworkAccessEnabled: undefined })), "publicNetworkAccessEnabled", { control: "PUBLIC-ACCESS" });
            assertOnlyUnknown(findingsOf(pa.managedDisk, disk({ networkAccessPolicy: UNKNOWN })), "networkAccessPolicy");
        });
    });

    describe("storage: static websites and blobs", () => {
        it("azure-public-access-static-website: a static website is always a finding (the $web container is public)", () => {
            assertOneViolation(findingsOf(pa.staticWebsite, resource("azure-native:storage:StorageAccountStaticWebsite", { accountName: "st", resourceGroupName: "rg", indexDocument: "index.html" }, { name: "site" })), "indexDocument", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.staticWebsite, resource("azure:storage/accountStaticWebsite:AccountStaticWebsite", { storageAccountId: "st" }, { name: "site" })), "indexDocument", { control: "PUBLIC-ACCESS" });
        });
        it("a blob is judged with its account by azure-backup-versioning-storage-account-blob-service (its soft delete and versions are the account's)", () => {
            const account = storageAccount();
            const blob = resource("azure-native:storage:Blob", { accountName: account.props.accountName, containerName: "phi", resourceGroupName: "rg" }, { name: "scan.dcm", propertyDependencies: { accountName: [account.urn] } });
            const { outcomes } = evaluateOutcomes([bv.accountHasBlobService], [account, blob]);
            const mine = outcomes.find(o => o.urn === blob.urn);
            assert.ok(mine, "the blob has an outcome");
            assert.equal(mine.outcome, outcomes.find(o => o.urn === account.urn)!.outcome);
            assert.match(mine.reason ?? "", /judged as part of/);
            assert.equal(findingsOf(bv.accountHasBlobService, [account, blob]).length, 1, "the account without a blob service is the finding; the blob adds none");
        });
        it("public IP addresses and web-app VNet integration are judged not applicable, with a reason (azure-network-private-public-ip-address, azure-network-private-web-app-vnet-integration)", () => {
            for (const type of ["azure-native:network:PublicIPAddress", "azure-native:web:WebAppSwiftVirtualNetworkConnection"]) {
                const { outcomes } = evaluateOutcomes(noSafeguard, [resource(type, {}, { name: "x" })]);
                assert.equal(outcomes.length, 1);
                assert.equal(outcomes[0].outcome, "not-applicable");
                assert.ok((outcomes[0].reason ?? "").length > 40);
            }
        });
    });
});
