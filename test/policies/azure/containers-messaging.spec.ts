import assert from "node:assert/strict";
// azure-native containers, queues, secrets and fronts (issue 15): AKS, ACR, Container Apps and their environments,
// container instances, Event Hubs / Service Bus namespaces, Key Vault secrets, CDN endpoints, Front Door routes and
// custom domains, API Management, Azure Files shares. Each rule: a compliant case, a violating case with its
// control, and a value unknown at preview that is not compliant.
import * as cmk from "../../../policies/azure/enc-rest-cmk";
import * as tls from "../../../policies/azure/enc-transit";
import * as ia from "../../../policies/azure/identity-authn";
import * as kr from "../../../policies/azure/key-rotation";
import * as lp from "../../../policies/azure/least-privilege";
import * as np from "../../../policies/azure/network-private";
import * as pa from "../../../policies/azure/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource } from "../../support/policies";

const aks = (props: Record<string, unknown> = {}) => resource("azure-native:containerservice:ManagedCluster", {
    resourceGroupName: "rg", dnsPrefix: "aks", disableLocalAccounts: true, aadProfile: { managed: true, enableAzureRBAC: true },
    apiServerAccessProfile: { enablePrivateCluster: true }, diskEncryptionSetID: "des",
    agentPoolProfiles: [{ name: "system", count: 2, vmSize: "Standard_D4s_v5", mode: "System" }], ...props,
}, { name: "aks" });
const acr = (props: Record<string, unknown> = {}) => resource("azure-native:containerregistry:Registry", {
    resourceGroupName: "rg", sku: { name: "Premium" }, adminUserEnabled: false, publicNetworkAccess: "Disabled",
    encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/acr", identity: "client-id" } }, ...props,
}, { name: "acr" });
const ns = (props: Record<string, unknown> = {}, type = "azure-native:eventhub:Namespace") => resource(type, {
    resourceGroupName: "rg", sku: { name: "Premium" }, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", disableLocalAuth: true,
    encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "k", keyVaultUri: "https://stmary-kv.vault.azure.net" }] }, ...props,
}, { name: "ns" });

describe("azure-native containers, queues, secrets and fronts", () => {
    describe("AKS (azure-network-private-aks-cluster, azure-identity-authn-aks-cluster, azure-enc-rest-cmk-aks-cluster)", () => {
        it("passes a private, Entra-only, CMK cluster, and a public API server limited to office ranges", () => {
            for (const rule of [np.aksCluster, ia.aksCluster, cmk.aksCluster]) assertNoFinding(findingsOf(rule, aks()));
            assertNoFinding(findingsOf(np.aksCluster, aks({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24", "198.51.100.7/32"] } })));
        });
        it("fails the corpus's clusters: a public API server without ranges, local accounts, no Entra RBAC, no CMK", () => {
            const bare = resource("azure-native:containerservice:ManagedCluster", { resourceGroupName: "rg", agentPoolProfiles: [{ name: "p", count: 1 }] }, { name: "aks" });
            assertOneViolation(findingsOf(np.aksCluster, bare), "apiServerAccessProfile.authorizedIPRanges", { control: "NETWORK-PRIVATE" });
            const auth = findingsOf(ia.aksCluster, bare);
            assertViolations(auth, ["disableLocalAccounts", "aadProfile.managed", "aadProfile.enableAzureRBAC"], { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(cmk.aksCluster, bare), "diskEncryptionSetID", { control: "ENC-REST-CMK" });
        });
        it("fails authorized ranges that together are the internet, and node public IPs", () => {
            assertOneViolation(findingsOf(np.aksCluster, aks({ apiServerAccessProfile: { authorizedIPRanges: ["0.0.0.0/1", "128.0.0.0/1"] } })), "authorizedIPRanges", { control: "NETWORK-PRIVATE" });
            assertOneViolation(findingsOf(np.aksCluster, aks({ apiServerAccessProfile: { enablePrivateCluster: "false", authorizedIPRanges: ["0.0.0.0/0"] } })), "authorizedIPRanges", { control: "NETWORK-PRIVATE" });
            assertOneViolation(findingsOf(np.aksCluster, aks({ agentPoolProfiles: [{ name: "p" }, { name: "q", enableNodePublicIP: true }] })), "agentPoolProfiles[1].enableNodePublicIP", { control: "NETWORK-PRIVATE" });
        });
        it("reports unknown values as unknown", () => {
            assertOnlyUnknown(findingsOf(np.aksCluster, aks({ apiServerAccessProfile: { enablePrivateCluster: UNKNOWN } })), "apiServerAccessProfile");
            assertOnlyUnknown(findingsOf(np.aksCluster, aks({ apiServerAccessProfile: { authorizedIPRanges: [UNKNOWN] } })), "apiServerAccessProfile");
            assertOnlyUnknown(findingsOf(np.aksCluster, aks({ agentPoolProfiles: UNKNOWN })), "agentPoolProfiles");
            assertOnlyUnknown(findingsOf(ia.aksCluster, aks({ disableLocalAccounts: UNKNOWN })), "disableLocalAccounts");
        });
    });

    describe("ACR (azure-public-access-container-registry, azure-identity-authn-container-registry, azure-enc-rest-cmk-container-registry)", () => {
        it("passes a private, CMK registry without an admin user", () => { for (const rule of [pa.containerRegistry, ia.containerRegistry, cmk.containerRegistry]) assertNoFinding(findingsOf(rule, acr())); });
        it("fails the corpus's registries: admin user, public network, anonymous pull, no CMK", () => {
            const bare = resource("azure-native:containerregistry:Registry", { resourceGroupName: "rg", sku: { name: "Basic" }, adminUserEnabled: true }, { name: "acr" });
            assertOneViolation(findingsOf(ia.containerRegistry, bare), "adminUserEnabled", { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(pa.containerRegistry, bare), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(pa.containerRegistry, acr({ anonymousPullEnabled: true })), "anonymousPullEnabled", { control: "PUBLIC-ACCESS" });
            assertViolations(findingsOf(cmk.containerRegistry, bare), ["encryption.status", "encryption.keyVaultProperties.keyIdentifier"], { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(ia.containerRegistry, acr({ adminUserEnabled: 1 })), "adminUserEnabled", { control: "IDENTITY-AUTHN" });
        });
        it("reports unknown values as unknown", () => {
            assertOnlyUnknown(findingsOf(ia.containerRegistry, acr({ adminUserEnabled: UNKNOWN })), "adminUserEnabled");
            assertOnlyUnknown(findingsOf(pa.containerRegistry, acr({ publicNetworkAccess: UNKNOWN })), "publicNetworkAccess");
        });
    });

    describe("Container Apps", () => {
        const env = (props: Record<string, unknown> = {}) => resource("azure-native:app:ManagedEnvironment", { resourceGroupName: "rg", vnetConfiguration: { infrastructureSubnetId: "s", internal: true }, ...props }, { name: "env" });
        const app = (ingress: unknown, e = env()) => resource("azure-native:app:ContainerApp", {
            resourceGroupName: "rg", managedEnvironmentId: "id", configuration: { ingress },
        }, { name: "app", propertyDependencies: { managedEnvironmentId: [e.urn] } });
        it("azure-public-access-container-app: internal ingress, or external in an internal environment, passes", () => {
            assertNoFinding(findingsOf(pa.containerAppIngress, [env(), app({ external: false, targetPort: 80 })]));
            assertNoFinding(findingsOf(pa.containerAppIngress, [env(), app({ external: true, targetPort: 80 })]));
            assertNoFinding(findingsOf(pa.containerAppIngress, [app(undefined)]));
        });
        it("azure-public-access-container-app: external ingress in a public environment, or one outside the stack, fails", () => {
            const pub = env({ vnetConfiguration: undefined });
            assertOneViolation(findingsOf(pa.containerAppIngress, [pub, app({ external: true }, pub)]), "configuration.ingress.external", { control: "PUBLIC-ACCESS" });
            const alone = resource("azure-native:app:ContainerApp", { managedEnvironmentId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/elsewhere", configuration: { ingress: { external: "true" } } }, { name: "app" });
            assertOneViolation(findingsOf(pa.containerAppIngress, [alone]), "configuration.ingress.external", { control: "PUBLIC-ACCESS" });
        });
        it("azure-public-access-container-app: unknown ingress or environment is unknown", () => {
            // In an internal environment any ingress stays in the VNet: unknown there is still private.
            assertNoFinding(findingsOf(pa.containerAppIngress, [env(), app({ external: UNKNOWN })]));
            const pub = env({ vnetConfiguration: undefined });
            assertOnlyUnknown(findingsOf(pa.containerAppIngress, [pub, app({ external: UNKNOWN }, pub)]), "configuration.ingress.external");
            const pending = env({ vnetConfiguration: { internal: UNKNOWN } });
            assertOnlyUnknown(findingsOf(pa.containerAppIngress, [pending, app({ external: true }, pending)]), "configuration.ingress.external");
            assertOnlyUnknown(findingsOf(pa.containerAppIngress, [resource("azure-native:app:ContainerApp", { managedEnvironmentId: UNKNOWN, configuration: { ingress: { external: true } } }, { name: "app" })]), "configuration.ingress.external");
        });
        it("azure-enc-transit-container-app: allowInsecure fails", () => {
            assertNoFinding(findingsOf(tls.containerApp, app({ external: true })));
            assertOneViolation(findingsOf(tls.containerApp, app({ external: true, allowInsecure: true })), "allowInsecure", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.containerApp, app({ allowInsecure: UNKNOWN })), "allowInsecure");
        });
        it("azure-network-private-container-app-environment: internal or public access Disabled", () => {
            assertNoFinding(findingsOf(np.containerAppEnvironment, env()));
            assertNoFinding(findingsOf(np.containerAppEnvironment, env({ vnetConfiguration: undefined, publicNetworkAccess: "Disabled" })));
            assertOneViolation(findingsOf(np.containerAppEnvironment, env({ vnetConfiguration: undefined })), "vnetConfiguration.internal", { control: "NETWORK-PRIVATE" });
            assertOnlyUnknown(findingsOf(np.containerAppEnvironment, env({ vnetConfiguration: { internal: UNKNOWN } })), "vnetConfiguration.internal");
        });
        it("azure-network-private-container-group: a public IP fails", () => {
            const group = (ipAddress: unknown) => resource("azure-native:containerinstance:ContainerGroup", { resourceGroupName: "rg", osType: "Linux", containers: [], ipAddress }, { name: "aci" });
            assertNoFinding(findingsOf(np.containerGroup, group(undefined)));
            assertNoFinding(findingsOf(np.containerGroup, group({ type: "Private", ports: [{ port: 80 }] })));
            assertOneViolation(findingsOf(np.containerGroup, group({ type: "Public", ports: [{ port: 80 }] })), "ipAddress.type", { control: "NETWORK-PRIVATE" });
            assertOnlyUnknown(findingsOf(np.containerGroup, group(UNKNOWN)), "ipAddress");
        });
    });

    describe("Event Hubs and Service Bus namespaces (azure-enc-transit-messaging-namespace, azure-public-access-messaging-namespace, azure-identity-authn-messaging-namespace, azure-enc-rest-cmk-messaging-namespace)", () => {
        const rules = [tls.messagingNamespace, pa.messagingNamespace, ia.messagingNamespace, cmk.messagingNamespace];
        it("passes a private, TLS 1.2, Entra-only, CMK namespace of both kinds", () => {
            for (const type of ["azure-native:eventhub:Namespace", "azure-native:servicebus:Namespace"]) for (const rule of rules) assertNoFinding(findingsOf(rule, ns({}, type)));
        });
        it("fails a bare namespace on every control", () => {
            const bare = resource("azure-native:servicebus:Namespace", { resourceGroupName: "rg", sku: { name: "Standard" } }, { name: "ns" });
            assertOneViolation(findingsOf(tls.messagingNamespace, bare), "minimumTlsVersion", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(pa.messagingNamespace, bare), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(ia.messagingNamespace, bare), "disableLocalAuth", { control: "IDENTITY-AUTHN" });
            assertViolations(findingsOf(cmk.messagingNamespace, bare), ["encryption.keySource", "encryption.keyVaultProperties"], { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [] } })), "encryption.keyVaultProperties", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "k" }] } })), "keyVaultUri", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "k", keyVaultUri: "x" }] } })), "keyVaultProperties[0].keyVaultUri", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "https://stmary-kv.vault.azure.net/keys/k", keyVaultUri: "https://stmary-kv.vault.azure.net" }] } })), "keyVaultProperties[0].keyName", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(tls.messagingNamespace, ns({ minimumTlsVersion: "1.1" })), "minimumTlsVersion", { control: "ENC-TRANSIT" });
        });
        it("reports unknown values as unknown", () => {
            for (const [rule, prop] of [[tls.messagingNamespace, "minimumTlsVersion"], [pa.messagingNamespace, "publicNetworkAccess"], [ia.messagingNamespace, "disableLocalAuth"]] as const) {
                assertOnlyUnknown(findingsOf(rule, ns({ [prop]: UNKNOWN })), prop);
            }
            assertOnlyUnknown(findingsOf(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: UNKNOWN } })), "encryption.keyVaultProperties");
        });
    });

    describe("azure-key-rotation-key-vault-secret", () => {
        const secret = (expires: unknown) => resource("azure-native:keyvault:Secret", { resourceGroupName: "rg", vaultName: "kv", secretName: "db", properties: { value: "x", attributes: { expires } } }, { name: "s" });
        const inDays = (d: number) => Math.floor(Date.now() / 1000) + d * 86400;
        it("passes an expiry within a year", () => assertNoFinding(findingsOf(kr.keyVaultSecret, secret(inDays(90)))));
        it("fails no expiry, one beyond a year, a date string and zero", () => {
            for (const v of [undefined, inDays(400), "2027-01-01", 0, -5, inDays(30) * 1000]) assertOneViolation(findingsOf(kr.keyVaultSecret, secret(v)), "properties.attributes.expires", { control: "KEY-ROTATION" });
        });
        it("reports an unknown expiry as unknown", () => assertOnlyUnknown(findingsOf(kr.keyVaultSecret, secret(UNKNOWN)), "expires"));
    });

    describe("fronts", () => {
        it("azure-enc-transit-cdn-endpoint: HTTP allowed (the default) fails", () => {
            const ep = (props: Record<string, unknown>) => resource("azure-native:cdn:Endpoint", { resourceGroupName: "rg", profileName: "p", origins: [], ...props }, { name: "ep" });
            assertNoFinding(findingsOf(tls.cdnEndpoint, ep({ isHttpAllowed: false })));
            assertOneViolation(findingsOf(tls.cdnEndpoint, ep({})), "isHttpAllowed", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.cdnEndpoint, ep({ isHttpAllowed: false, isHttpsAllowed: false })), "isHttpsAllowed", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.cdnEndpoint, ep({ isHttpAllowed: UNKNOWN })), "isHttpAllowed");
        });
        it("azure-enc-transit-front-door-route: HTTPS only or redirected, and HTTPS to the origin", () => {
            const route = (props: Record<string, unknown>) => resource("azure-native:cdn:Route", { resourceGroupName: "rg", profileName: "p", endpointName: "e", originGroup: { id: "g" }, forwardingProtocol: "HttpsOnly", ...props }, { name: "r" });
            assertNoFinding(findingsOf(tls.frontDoorRoute, route({ supportedProtocols: ["Https"] })));
            assertNoFinding(findingsOf(tls.frontDoorRoute, route({ supportedProtocols: ["Http", "Https"], httpsRedirect: "Enabled" })));
            assertOneViolation(findingsOf(tls.frontDoorRoute, route({})), "httpsRedirect", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.frontDoorRoute, route({ supportedProtocols: ["Https"], forwardingProtocol: "MatchRequest" })), "forwardingProtocol", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.frontDoorRoute, route({ supportedProtocols: [] })), "httpsRedirect", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.frontDoorRoute, route({ supportedProtocols: UNKNOWN })), "supportedProtocols");
        });
        it("azure-enc-transit-front-door-custom-domain: TLS 1.2", () => {
            const domain = (tlsSettings: unknown) => resource("azure-native:cdn:AFDCustomDomain", { resourceGroupName: "rg", profileName: "p", hostName: "x.example.org", tlsSettings }, { name: "d" });
            assertNoFinding(findingsOf(tls.frontDoorCustomDomain, domain({ certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" })));
            assertOneViolation(findingsOf(tls.frontDoorCustomDomain, domain({ certificateType: "ManagedCertificate", minimumTlsVersion: "TLS10" })), "minimumTlsVersion", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.frontDoorCustomDomain, domain(undefined)), "minimumTlsVersion", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.frontDoorCustomDomain, domain(UNKNOWN)), "tlsSettings");
        });
        it("azure-enc-transit-api-management: TLS 1.0/1.1 or SSL 3.0 turned on fails, in any key case", () => {
            const apim = (customProperties: unknown) => resource("azure-native:apimanagement:ApiManagementService", { resourceGroupName: "rg", publisherEmail: "a@b", publisherName: "n", sku: { name: "Developer", capacity: 1 }, customProperties }, { name: "apim" });
            assertNoFinding(findingsOf(tls.apiManagement, apim(undefined)));
            assertNoFinding(findingsOf(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "False" })));
            assertOneViolation(findingsOf(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "True" })), "Protocols.Tls10", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.apiManagement, apim({ "microsoft.windowsazure.apimanagement.gateway.security.backend.protocols.ssl30": "true" })), "ssl30", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11": true })), "Tls11", { control: "ENC-TRANSIT" });
            // "False" in any case is off; a padded or numeric spelling is not a value APIM is known to read as off.
            for (const v of [" False", "False\u200b", "0", 0]) {
                assertOneViolation(findingsOf(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": v })), "Protocols.Tls10", { control: "ENC-TRANSIT" });
            }
            assertNoFinding(findingsOf(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "FALSE" })));
            assertOnlyUnknown(findingsOf(tls.apiManagement, apim(UNKNOWN)), "customProperties");
            assertOnlyUnknown(findingsOf(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": UNKNOWN })), "Tls10");
        });
        it("azure-enc-transit-application-gateway: TLS 1.2 policy, HTTPS listeners (HTTP only to redirect), HTTPS backends", () => {
            const gwId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw";
            const gw = (props: Record<string, unknown>) => resource("azure-native:network:ApplicationGateway", {
                resourceGroupName: "rg", sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" },
                httpListeners: [{ name: "https", protocol: "Https" }, { name: "http", protocol: "Http" }],
                redirectConfigurations: [{ name: "to-https", redirectType: "Permanent", targetListener: { id: `${gwId}/httpListeners/https` } }],
                requestRoutingRules: [{ name: "main", httpListener: { id: `${gwId}/httpListeners/https` } }, { name: "redirect", httpListener: { id: `${gwId}/httpListeners/http` }, redirectConfiguration: { id: `${gwId}/redirectConfigurations/to-https` } }],
                backendHttpSettingsCollection: [{ name: "be", port: 443, protocol: "Https" }], ...props,
            }, { name: "gw" });
            assertNoFinding(findingsOf(tls.applicationGateway, gw({})));
            assertNoFinding(findingsOf(tls.applicationGateway, gw({ sslPolicy: { policyType: "CustomV2", minProtocolVersion: "TLSv1_2" } })));
            assertOneViolation(findingsOf(tls.applicationGateway, gw({ sslPolicy: undefined })), "sslPolicy", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.applicationGateway, gw({ sslPolicy: { policyName: "AppGwSslPolicy20150501" } })), "sslPolicy", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.applicationGateway, gw({ requestRoutingRules: [{ name: "plain", httpListener: { id: `${gwId}/httpListeners/http` } }] })), "httpListeners[1].protocol", { control: "ENC-TRANSIT" });
            // A redirect to another HTTP listener is no upgrade.
            assertOneViolation(findingsOf(tls.applicationGateway, gw({ redirectConfigurations: [{ name: "to-https", targetListener: { id: `${gwId}/httpListeners/http` } }] })), "httpListeners[1].protocol", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.applicationGateway, gw({ backendHttpSettingsCollection: [{ name: "be", port: 80, protocol: "Http" }] })), "backendHttpSettingsCollection[0].protocol", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.applicationGateway, gw({ sslPolicy: UNKNOWN })), "sslPolicy");
            assertOnlyUnknown(findingsOf(tls.applicationGateway, gw({ requestRoutingRules: [{ name: "redirect", httpListener: { id: `${gwId}/httpListeners/http` }, redirectConfiguration: { id: UNKNOWN } }] })), "httpListeners[1].protocol");
        });
        it("azure-enc-transit-file-share: NFS fails, SMB passes", () => {
            const share = (enabledProtocols: unknown) => resource("azure-native:storage:FileShare", { resourceGroupName: "rg", accountName: "st", enabledProtocols }, { name: "share" });
            assertNoFinding(findingsOf(tls.fileShare, share(undefined)));
            assertNoFinding(findingsOf(tls.fileShare, share("SMB")));
            assertOneViolation(findingsOf(tls.fileShare, share("NFS")), "enabledProtocols", { control: "ENC-TRANSIT" });
            assertOnlyUnknown(findingsOf(tls.fileShare, share(UNKNOWN)), "enabledProtocols");
        });
    });
});

describe("azure-native Logic Apps (azure-public-access-logic-workflow, azure-least-privilege-api-connection)", () => {
    const definition = (triggers: unknown) => ({ $schema: "s", contentVersion: "1.0.0.0", triggers, actions: {} });
    const flow = (props: Record<string, unknown>) => resource("azure-native:logic:Workflow", { resourceGroupName: "rg", ...props }, { name: "flow" });
    const http = { Receive_post: { type: "Request", kind: "Http", inputs: { method: "POST" } } };
    it("passes a workflow without a Request trigger, and one whose callers are named or only other Logic Apps", () => {
        assertNoFinding(findingsOf(pa.logicWorkflow, flow({ definition: definition({ every_hour: { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 } } }) })));
        assertNoFinding(findingsOf(pa.logicWorkflow, flow({ definition: definition(http), accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: "203.0.113.0/24" }] } } })));
        assertNoFinding(findingsOf(pa.logicWorkflow, flow({ definition: JSON.stringify(definition(http)), accessControl: { triggers: { allowedCallerIpAddresses: [] } } })));
    });
    it("fails the cosmosdb-logicapp example's HTTP trigger open to anyone, and callers that together are the internet", () => {
        assertOneViolation(findingsOf(pa.logicWorkflow, flow({ definition: definition(http) })), "accessControl.triggers.allowedCallerIpAddresses", { control: "PUBLIC-ACCESS" });
        assertOneViolation(findingsOf(pa.logicWorkflow, flow({ definition: definition({ t: { type: "request" } }), accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: "0.0.0.0-255.255.255.255" }, { addressRange: "0.0.0.0/0" }] } } })), "allowedCallerIpAddresses", { control: "PUBLIC-ACCESS" });
    });
    it("reports an unknown definition, trigger or caller range as unknown", () => {
        assertOnlyUnknown(findingsOf(pa.logicWorkflow, flow({ definition: UNKNOWN })), "definition");
        assertOnlyUnknown(findingsOf(pa.logicWorkflow, flow({ definition: definition({ t: { type: UNKNOWN } }) })), "definition.triggers");
        // An unknown id among the actions (a connection's) does not hide a known HTTP trigger.
        assertOneViolation(findingsOf(pa.logicWorkflow, flow({ definition: { ...definition(http), actions: { write: { inputs: { host: { connection: { name: UNKNOWN } } } } } } })), "allowedCallerIpAddresses", { control: "PUBLIC-ACCESS" });
        assertOnlyUnknown(findingsOf(pa.logicWorkflow, flow({ definition: definition(http), accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: UNKNOWN }] } } })), "allowedCallerIpAddresses");
    });
    const conn = (parameterValues: unknown) => resource("azure-native:web:Connection", { resourceGroupName: "rg", properties: { displayName: "c", api: { id: "a" }, parameterValues } }, { name: "conn" });
    it("passes a connection without a shared credential", () => assertNoFinding(findingsOf(lp.apiConnection, conn({ databaseAccount: "db" }))));
    it("fails the example's Cosmos DB access key, never showing it", () => {
        const f = findingsOf(lp.apiConnection, conn({ databaseAccount: "db", accessKey: "c2VjcmV0LWtleQ==" }));
        assertOneViolation(f, "properties.parameterValues.accessKey", { control: "LEAST-PRIVILEGE" });
        assert.ok(f.every(x => !x.message.includes("c2VjcmV0LWtleQ==")));
        for (const k of ["password", "connectionString", "sasToken", "AccountKey"]) assertOneViolation(findingsOf(lp.apiConnection, conn({ [k]: "x" })), k, { control: "LEAST-PRIVILEGE" });
    });
    it("reports unknown parameter values as unknown", () => assertOnlyUnknown(findingsOf(lp.apiConnection, conn(UNKNOWN)), "parameterValues"));
});
