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
import { assertFails, assertPasses, assertUnknown, res, rgId, runOn, runStack, storageAccount, tags } from "./fixtures";

const DES = `${rgId}/providers/Microsoft.Compute/diskEncryptionSets/des`;
const webApp = (props: Record<string, unknown> = {}, type = "azure-native:web:WebApp") => res(type, "app", {
    resourceGroupName: "rg", location: "eastus", tags, serverFarmId: "plan", httpsOnly: true, publicNetworkAccess: "Disabled",
    siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" }, ...props,
});
const vm = (props: Record<string, unknown> = {}) => res("azure-native:compute:VirtualMachine", "vm", {
    resourceGroupName: "rg", location: "eastus", tags, hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: "nic" }] },
    osProfile: { computerName: "vm", adminUsername: "ops", linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/ops/.ssh/authorized_keys", keyData: "ssh-rsa AAAA" }] } } },
    storageProfile: {
        imageReference: { publisher: "canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
        osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: DES } } },
        dataDisks: [{ lun: 0, createOption: "Empty", diskSizeGB: 64, managedDisk: { diskEncryptionSet: { id: DES } } }],
    }, ...props,
});
const nic = (ipConfigurations: unknown, type = "azure-native:network:NetworkInterface") => res(type, "nic", { resourceGroupName: "rg", ipConfigurations });

describe("azure-native compute and apps", () => {
    describe("azure-enc-transit-web-app", () => {
        it("passes HTTPS only, TLS 1.2, FTPS only or no FTP, for an app and a slot", () => {
            assertPasses(runOn(tls.webApp, webApp()));
            assertPasses(runOn(tls.webApp, webApp({ siteConfig: { minTlsVersion: "1.3", ftpsState: "FtpsOnly", scmMinTlsVersion: "1.2" } }, "azure-native:web:WebAppSlot")));
        });
        it("fails the corpus's web apps: HTTP allowed, no TLS floor, FTP allowed", () => {
            const bare = res("azure-native:web:WebApp", "app", { resourceGroupName: "rg", serverFarmId: "plan", siteConfig: { appSettings: [] } });
            const f = runOn(tls.webApp, bare);
            for (const p of ["httpsOnly", "siteConfig.minTlsVersion", "siteConfig.ftpsState"]) assertFails(f, "ENC-TRANSIT", p);
        });
        it("fails TLS 1.0/1.1, a weak Kudu floor, FTP AllAllowed, and type confusions", () => {
            for (const v of ["1.0", "1.1", 1.2, " 1.2"]) assertFails(runOn(tls.webApp, webApp({ siteConfig: { minTlsVersion: v, ftpsState: "Disabled" } })), "ENC-TRANSIT", "siteConfig.minTlsVersion");
            assertFails(runOn(tls.webApp, webApp({ siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled", scmMinTlsVersion: "1.0" } })), "ENC-TRANSIT", "siteConfig.scmMinTlsVersion");
            assertFails(runOn(tls.webApp, webApp({ siteConfig: { minTlsVersion: "1.2", ftpsState: "AllAllowed" } })), "ENC-TRANSIT", "siteConfig.ftpsState");
            assertFails(runOn(tls.webApp, webApp({ httpsOnly: "yes" })), "ENC-TRANSIT", "httpsOnly");
        });
        it("reports unknown values as unknown", () => {
            assertUnknown(runOn(tls.webApp, webApp({ httpsOnly: UNKNOWN })), "httpsOnly");
            assertUnknown(runOn(tls.webApp, webApp({ siteConfig: UNKNOWN })), "siteConfig");
        });
    });

    describe("azure-public-access-web-app", () => {
        const endpoint = (app: ReturnType<typeof webApp>, groupIds: unknown = ["sites"], id: unknown = "x") => res("azure-native:network:PrivateEndpoint", "pe", {
            resourceGroupName: "rg", subnet: { id: "s" }, privateLinkServiceConnections: [{ name: "l", groupIds, privateLinkServiceId: id }],
        }, { propertyDependencies: { privateLinkServiceConnections: [app.urn] } });
        it("passes public access Disabled at the top or in siteConfig, or deny-by-default restrictions", () => {
            assertPasses(runStack(pa.webApp, [webApp()]));
            assertPasses(runStack(pa.webApp, [webApp({ publicNetworkAccess: undefined, siteConfig: { publicNetworkAccess: "disabled" } })]));
            assertPasses(runStack(pa.webApp, [webApp({ publicNetworkAccess: undefined, siteConfig: { ipSecurityRestrictionsDefaultAction: "Deny" } })]));
        });
        it("passes a private endpoint (sites) beside public access Disabled", () => {
            const app = webApp();
            assertPasses(runStack(pa.webApp, [app, endpoint(app)]));
        });
        it("fails the vnet-injection example's backend: a private endpoint (sites) does not turn unset public access off", () => {
            const app = webApp({ publicNetworkAccess: undefined });
            const f = runStack(pa.webApp, [app, endpoint(app)]);
            assertFails(f, "PUBLIC-ACCESS", "publicNetworkAccess");
            assert.ok(f.some(x => /private endpoint or not/.test(x.message)), f.map(x => x.message).join("\n"));
        });
        it("fails a private endpoint beside public access written Enabled, or an endpoint of another group", () => {
            const open = webApp({ publicNetworkAccess: "Enabled" });
            assertFails(runStack(pa.webApp, [open, endpoint(open)]), "PUBLIC-ACCESS", "publicNetworkAccess");
            const app = webApp({ publicNetworkAccess: undefined });
            assertFails(runStack(pa.webApp, [app, endpoint(app, ["blob"])]), "PUBLIC-ACCESS", "publicNetworkAccess");
        });
        it("fails an app open to the internet: unset, Enabled, an empty string, or Disabled contradicted by Enabled", () => {
            for (const props of [{ publicNetworkAccess: undefined }, { publicNetworkAccess: "Enabled" }, { publicNetworkAccess: "" },
                { publicNetworkAccess: "Disabled", siteConfig: { publicNetworkAccess: "Enabled" } }]) {
                assertFails(runStack(pa.webApp, [webApp(props)]), "PUBLIC-ACCESS", "publicNetworkAccess");
            }
        });
        it("reports unknown public access as unknown; an endpoint of unknown target excuses no app left unset", () => {
            assertUnknown(runStack(pa.webApp, [webApp({ publicNetworkAccess: UNKNOWN })]), "publicNetworkAccess");
            const a = webApp({ publicNetworkAccess: undefined }), b = res("azure-native:web:WebApp", "app2", { ...a.props });
            const pe = res("azure-native:network:PrivateEndpoint", "pe", { subnet: { id: "s" }, privateLinkServiceConnections: UNKNOWN });
            const f = runStack(pa.webApp, [a, b, pe]);
            assert.equal(f.filter(x => x.unknown).length, 0);
            assert.equal(f.filter(x => !x.unknown).length, 2);
        });
    });

    describe("azure-network-private-app-service-plan", () => {
        const plan = (props: Record<string, unknown>) => res("azure-native:web:AppServicePlan", "plan", { resourceGroupName: "rg", sku: { name: "P1v3" }, ...props });
        it("passes a plan without RDP", () => assertPasses(runOn(np.appServicePlan, plan({}))));
        it("fails RDP to the workers", () => assertFails(runOn(np.appServicePlan, plan({ rdpEnabled: true })), "NETWORK-PRIVATE", "rdpEnabled"));
        it("reports unknown RDP as unknown", () => assertUnknown(runOn(np.appServicePlan, plan({ rdpEnabled: UNKNOWN })), "rdpEnabled"));
    });

    describe("virtual machines", () => {
        it("azure-identity-authn-virtual-machine: SSH keys pass; the webserver example's password sign-in fails, its password never shown", () => {
            assertPasses(runOn(ia.virtualMachine, vm()));
            const f = runOn(ia.virtualMachine, vm({ osProfile: { computerName: "h", adminUsername: "u", adminPassword: "S3cret-pw", linuxConfiguration: { disablePasswordAuthentication: false } } }));
            assertFails(f, "IDENTITY-AUTHN", "osProfile.linuxConfiguration.disablePasswordAuthentication");
            assertFails(f, "IDENTITY-AUTHN", "osProfile.adminPassword");
            assert.ok(f.every(x => !x.message.includes("S3cret-pw")));
            assertFails(runOn(ia.virtualMachine, vm({ osProfile: { adminUsername: "u", adminPassword: "pw" } })), "IDENTITY-AUTHN", "osProfile.adminPassword");
            assertUnknown(runOn(ia.virtualMachine, vm({ osProfile: UNKNOWN })), "osProfile");
            assertUnknown(runOn(ia.virtualMachine, vm({ osProfile: { adminUsername: "u", linuxConfiguration: { disablePasswordAuthentication: UNKNOWN } } })), "disablePasswordAuthentication");
        });
        it("azure-identity-authn-virtual-machine: a Windows VM is not applicable, with the reason", () => {
            const win = vm({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer" }, osDisk: { createOption: "FromImage" } } });
            const { outcomes } = evaluateOutcomes([ia.virtualMachine], [win]);
            assert.equal(outcomes[0].outcome, "not-applicable");
            assert.match(outcomes[0].reason ?? "", /Windows/);
            // A Linux image that only names Windows, and a Windows config unknown at preview, are judged as Linux.
            const lookalike = vm({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { publisher: "contoso", offer: "windows-migration-tools" }, osDisk: { createOption: "FromImage" } } });
            assertFails(runOn(ia.virtualMachine, lookalike), "IDENTITY-AUTHN", "osProfile.adminPassword");
            assertFails(runOn(ia.virtualMachine, vm({ osProfile: { adminUsername: "u", adminPassword: "pw", windowsConfiguration: UNKNOWN } })), "IDENTITY-AUTHN", "osProfile.adminPassword");
        });
        it("azure-enc-rest-cmk-virtual-machine: disks with an encryption set, or attached compute Disks, pass; platform keys fail", () => {
            assertPasses(runOn(cmk.virtualMachine, vm()));
            assertPasses(runOn(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "Attach", managedDisk: { id: "disk" } } } })));
            assertFails(runOn(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "FromImage", name: "os" } } })), "ENC-REST-CMK", "storageProfile.osDisk.managedDisk.diskEncryptionSet.id");
            assertFails(runOn(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: DES } } }, dataDisks: [{ lun: 0, createOption: "Empty" }] } })),
                "ENC-REST-CMK", "storageProfile.dataDisks[0].managedDisk.diskEncryptionSet.id");
            assertFails(runOn(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "Attach" } } })), "ENC-REST-CMK", "storageProfile.osDisk");
            assertUnknown(runOn(cmk.virtualMachine, vm({ storageProfile: UNKNOWN })), "storageProfile");
            assertUnknown(runOn(cmk.virtualMachine, vm({ storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: UNKNOWN } } } } })), "diskEncryptionSet.id");
        });
        it("azure-network-private-virtual-machine: an inline NIC configuration with a public IP fails", () => {
            assertPasses(runOn(np.virtualMachine, vm()));
            const inline = (ip: unknown) => vm({ networkProfile: { networkInterfaceConfigurations: [{ name: "n", ipConfigurations: [ip] }] } });
            assertPasses(runOn(np.virtualMachine, inline({ name: "ip", subnet: { id: "s" } })));
            assertFails(runOn(np.virtualMachine, inline({ name: "ip", publicIPAddressConfiguration: { name: "pip" } })), "NETWORK-PRIVATE", "publicIPAddressConfiguration");
            assertUnknown(runOn(np.virtualMachine, vm({ networkProfile: { networkInterfaceConfigurations: UNKNOWN } })), "networkInterfaceConfigurations");
        });
        it("azure-network-private-network-interface: a public IP on a NIC fails (azure-native and classic), unknown is unknown", () => {
            assertPasses(runOn(np.networkInterface, nic([{ name: "ip", subnet: { id: "s" } }])));
            assertFails(runOn(np.networkInterface, nic([{ name: "ip", subnet: { id: "s" } }, { name: "pub", publicIPAddress: { id: "pip" } }])), "NETWORK-PRIVATE", "ipConfigurations[1].publicIPAddress");
            assertFails(runOn(np.networkInterface, nic([{ name: "ip", publicIPAddress: {} }])), "NETWORK-PRIVATE", "ipConfigurations[0].publicIPAddress");
            assertFails(runOn(np.networkInterface, nic([{ name: "ip", publicIpAddressId: "pip" }], "azure:network/networkInterface:NetworkInterface")), "NETWORK-PRIVATE", "publicIpAddressId");
            assertUnknown(runOn(np.networkInterface, nic([{ name: "ip", publicIPAddress: UNKNOWN }])), "publicIPAddress");
            assertUnknown(runOn(np.networkInterface, nic(UNKNOWN)), "ipConfigurations");
        });
    });

    describe("scale sets: the same rules read the virtualMachineProfile", () => {
        const vmss = (profile: unknown) => res("azure-native:compute:VirtualMachineScaleSet", "vmss", { resourceGroupName: "rg", sku: { name: "Standard_B2s", capacity: 2 }, virtualMachineProfile: profile });
        const profile = () => {
            const p = structuredClone(vm().props) as Record<string, any>;
            p.networkProfile = { networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [{ name: "ip", subnet: { id: "s" } }] }] };
            return p;
        };
        it("passes a private, SSH-key, CMK scale set", () => {
            for (const rule of [ia.virtualMachine, cmk.virtualMachine, np.virtualMachine]) assertPasses(runOn(rule, vmss(profile())));
        });
        it("fails password sign-in, platform keys and instance public IPs, naming the profile's paths", () => {
            const p = profile();
            p.osProfile = { adminUsername: "u", adminPassword: "pw", linuxConfiguration: { disablePasswordAuthentication: false } };
            p.storageProfile.osDisk = { createOption: "FromImage" };
            p.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration = { name: "pip" };
            assertFails(runOn(ia.virtualMachine, vmss(p)), "IDENTITY-AUTHN", "virtualMachineProfile.osProfile.adminPassword");
            assertFails(runOn(cmk.virtualMachine, vmss(p)), "ENC-REST-CMK", "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet.id");
            assertFails(runOn(np.virtualMachine, vmss(p)), "NETWORK-PRIVATE", "virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].publicIPAddressConfiguration");
        });
        it("reports an unknown profile as unknown, never compliant or not applicable", () => {
            for (const rule of [ia.virtualMachine, cmk.virtualMachine, np.virtualMachine]) assertUnknown(runOn(rule, vmss(UNKNOWN)), "virtualMachineProfile");
        });
        it("Azure classic scale sets: password, encryption set and public IPs (azure-network-private-classic-scale-set)", () => {
            const linux = (props: Record<string, unknown>) => res("azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", "ss", {
                resourceGroupName: "rg", sku: "Standard_B2s", adminUsername: "u", osDisk: { caching: "ReadWrite", storageAccountType: "Premium_LRS", diskEncryptionSetId: DES },
                networkInterfaces: [{ name: "nic", ipConfigurations: [{ name: "ip", subnetId: "s" }] }], ...props,
            });
            for (const rule of [ia.classicLinuxVirtualMachine, cmk.classicVirtualMachine, np.classicScaleSet]) assertPasses(runOn(rule, linux({})));
            assertFails(runOn(ia.classicLinuxVirtualMachine, linux({ disablePasswordAuthentication: false, adminPassword: "pw" })), "IDENTITY-AUTHN", "adminPassword");
            assertFails(runOn(cmk.classicVirtualMachine, linux({ osDisk: { caching: "ReadWrite" } })), "ENC-REST-CMK", "osDisk.diskEncryptionSetId");
            assertFails(runOn(np.classicScaleSet, linux({ networkInterfaces: [{ name: "nic", ipConfigurations: [{ name: "ip", publicIpAddresses: [{ name: "pip" }] }] }] })), "NETWORK-PRIVATE", "publicIpAddresses");
            assertUnknown(runOn(np.classicScaleSet, linux({ networkInterfaces: [{ name: "nic", ipConfigurations: [{ name: "ip", publicIpAddresses: UNKNOWN }] }] })), "publicIpAddresses");
            assertUnknown(runOn(np.classicScaleSet, linux({ networkInterfaces: UNKNOWN })), "networkInterfaces");
        });
    });

    describe("managed disks", () => {
        const disk = (props: Record<string, unknown>) => res("azure-native:compute:Disk", "data", {
            resourceGroupName: "rg", creationData: { createOption: "Empty" }, diskSizeGB: 64, networkAccessPolicy: "DenyAll", publicNetworkAccess: "Disabled",
            encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: DES }, ...props,
        }, { protect: true });
        it("azure-enc-rest-cmk-managed-disk: a customer key passes, platform keys fail, unknown is unknown", () => {
            assertPasses(runOn(cmk.managedDisk, disk({})));
            assertFails(runOn(cmk.managedDisk, disk({ encryption: undefined })), "ENC-REST-CMK", "encryption.diskEncryptionSetId");
            assertFails(runOn(cmk.managedDisk, disk({ encryption: { type: "EncryptionAtRestWithPlatformKey", diskEncryptionSetId: DES } })), "ENC-REST-CMK", "encryption.type");
            assertUnknown(runOn(cmk.managedDisk, disk({ encryption: UNKNOWN })), "encryption");
        });
        it("is a stateful resource on both SDKs: protected in production (azure-deletion-protection-stateful-resource)", () => {
            assertPasses(runOn(dp.statefulResource, disk({}), { environment: "prod" }));
            assertFails(runOn(dp.statefulResource, res("azure-native:compute:Disk", "d", {}), { environment: "prod" }), "DELETION-PROTECTION", "opts.protect");
            assertFails(runOn(dp.classicStatefulResource, res("azure:compute/managedDisk:ManagedDisk", "d", {}), { environment: "prod" }), "DELETION-PROTECTION", "opts.protect");
        });
        it("azure-public-access-managed-disk: export from anywhere fails, on both SDKs", () => {
            assertPasses(runOn(pa.managedDisk, disk({})));
            assertFails(runOn(pa.managedDisk, disk({ networkAccessPolicy: undefined })), "PUBLIC-ACCESS", "networkAccessPolicy");
            assertFails(runOn(pa.managedDisk, disk({ networkAccessPolicy: "AllowAll" })), "PUBLIC-ACCESS", "networkAccessPolicy");
            assertFails(runOn(pa.managedDisk, disk({ publicNetworkAccess: "Enabled" })), "PUBLIC-ACCESS", "publicNetworkAccess");
            const classic = (props: Record<string, unknown>) => res("azure:compute/managedDisk:ManagedDisk", "d", { networkAccessPolicy: "DenyAll", publicNetworkAccessEnabled: false, ...props });
            assertPasses(runOn(pa.managedDisk, classic({})));
            assertFails(runOn(pa.managedDisk, classic({ publicNetworkAccessEnabled: undefined })), "PUBLIC-ACCESS", "publicNetworkAccessEnabled");
            assertUnknown(runOn(pa.managedDisk, disk({ networkAccessPolicy: UNKNOWN })), "networkAccessPolicy");
        });
    });

    describe("storage: static websites and blobs", () => {
        it("azure-public-access-static-website: a static website is always a finding (the $web container is public)", () => {
            assertFails(runOn(pa.staticWebsite, res("azure-native:storage:StorageAccountStaticWebsite", "site", { accountName: "st", resourceGroupName: "rg", indexDocument: "index.html" })), "PUBLIC-ACCESS", "indexDocument");
            assertFails(runOn(pa.staticWebsite, res("azure:storage/accountStaticWebsite:AccountStaticWebsite", "site", { storageAccountId: "st" })), "PUBLIC-ACCESS", "indexDocument");
        });
        it("a blob is judged with its account by azure-backup-versioning-storage-account-blob-service (its soft delete and versions are the account's)", () => {
            const account = storageAccount();
            const blob = res("azure-native:storage:Blob", "scan.dcm", { accountName: account.props.accountName, containerName: "phi", resourceGroupName: "rg" },
                { propertyDependencies: { accountName: [account.urn] } });
            const { outcomes } = evaluateOutcomes([bv.accountHasBlobService], [account, blob]);
            const mine = outcomes.find(o => o.urn === blob.urn);
            assert.ok(mine, "the blob has an outcome");
            assert.equal(mine.outcome, outcomes.find(o => o.urn === account.urn)!.outcome);
            assert.match(mine.reason ?? "", /judged as part of/);
            assert.equal(runStack(bv.accountHasBlobService, [account, blob]).length, 1, "the account without a blob service is the finding; the blob adds none");
        });
        it("public IP addresses and web-app VNet integration are judged not applicable, with a reason (azure-network-private-public-ip-address, azure-network-private-web-app-vnet-integration)", () => {
            for (const type of ["azure-native:network:PublicIPAddress", "azure-native:web:WebAppSwiftVirtualNetworkConnection"]) {
                const { outcomes } = evaluateOutcomes(noSafeguard, [res(type, "x", {})]);
                assert.equal(outcomes.length, 1);
                assert.equal(outcomes[0].outcome, "not-applicable");
                assert.ok((outcomes[0].reason ?? "").length > 40);
            }
        });
    });
});
