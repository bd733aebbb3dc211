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
import { assertFails, assertPasses, assertUnknown, res, runOn, runStack } from "./fixtures";

const aks = (props: Record<string, unknown> = {}) => res("azure-native:containerservice:ManagedCluster", "aks", {
    resourceGroupName: "rg", dnsPrefix: "aks", disableLocalAccounts: true, aadProfile: { managed: true, enableAzureRBAC: true },
    apiServerAccessProfile: { enablePrivateCluster: true }, diskEncryptionSetID: "des",
    agentPoolProfiles: [{ name: "system", count: 2, vmSize: "Standard_D4s_v5", mode: "System" }], ...props,
});
const acr = (props: Record<string, unknown> = {}) => res("azure-native:containerregistry:Registry", "acr", {
    resourceGroupName: "rg", sku: { name: "Premium" }, adminUserEnabled: false, publicNetworkAccess: "Disabled",
    encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: "https://kv.vault.azure.net/keys/acr", identity: "client-id" } }, ...props,
});
const ns = (props: Record<string, unknown> = {}, type = "azure-native:eventhub:Namespace") => res(type, "ns", {
    resourceGroupName: "rg", sku: { name: "Premium" }, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", disableLocalAuth: true,
    encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "k", keyVaultUri: "https://kv.vault.azure.net" }] }, ...props,
});

describe("azure-native containers, queues, secrets and fronts", () => {
    describe("AKS (azure-network-private-aks-cluster, azure-identity-authn-aks-cluster, azure-enc-rest-cmk-aks-cluster)", () => {
        it("passes a private, Entra-only, CMK cluster, and a public API server limited to office ranges", () => {
            for (const rule of [np.aksCluster, ia.aksCluster, cmk.aksCluster]) assertPasses(runOn(rule, aks()));
            assertPasses(runOn(np.aksCluster, aks({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24", "198.51.100.7/32"] } })));
        });
        it("fails the corpus's clusters: a public API server without ranges, local accounts, no Entra RBAC, no CMK", () => {
            const bare = res("azure-native:containerservice:ManagedCluster", "aks", { resourceGroupName: "rg", agentPoolProfiles: [{ name: "p", count: 1 }] });
            assertFails(runOn(np.aksCluster, bare), "NETWORK-PRIVATE", "apiServerAccessProfile.authorizedIPRanges");
            const auth = runOn(ia.aksCluster, bare);
            assertFails(auth, "IDENTITY-AUTHN", "disableLocalAccounts");
            assertFails(auth, "IDENTITY-AUTHN", "aadProfile.enableAzureRBAC");
            assertFails(runOn(cmk.aksCluster, bare), "ENC-REST-CMK", "diskEncryptionSetID");
        });
        it("fails authorized ranges that together are the internet, and node public IPs", () => {
            assertFails(runOn(np.aksCluster, aks({ apiServerAccessProfile: { authorizedIPRanges: ["0.0.0.0/1", "128.0.0.0/1"] } })), "NETWORK-PRIVATE", "authorizedIPRanges");
            assertFails(runOn(np.aksCluster, aks({ apiServerAccessProfile: { enablePrivateCluster: "false", authorizedIPRanges: ["0.0.0.0/0"] } })), "NETWORK-PRIVATE", "authorizedIPRanges");
            assertFails(runOn(np.aksCluster, aks({ agentPoolProfiles: [{ name: "p" }, { name: "q", enableNodePublicIP: true }] })), "NETWORK-PRIVATE", "agentPoolProfiles[1].enableNodePublicIP");
        });
        it("reports unknown values as unknown", () => {
            assertUnknown(runOn(np.aksCluster, aks({ apiServerAccessProfile: { enablePrivateCluster: UNKNOWN } })), "apiServerAccessProfile");
            assertUnknown(runOn(np.aksCluster, aks({ apiServerAccessProfile: { authorizedIPRanges: [UNKNOWN] } })), "apiServerAccessProfile");
            assertUnknown(runOn(np.aksCluster, aks({ agentPoolProfiles: UNKNOWN })), "agentPoolProfiles");
            assertUnknown(runOn(ia.aksCluster, aks({ disableLocalAccounts: UNKNOWN })), "disableLocalAccounts");
        });
    });

    describe("ACR (azure-public-access-container-registry, azure-identity-authn-container-registry, azure-enc-rest-cmk-container-registry)", () => {
        it("passes a private, CMK registry without an admin user", () => { for (const rule of [pa.containerRegistry, ia.containerRegistry, cmk.containerRegistry]) assertPasses(runOn(rule, acr())); });
        it("fails the corpus's registries: admin user, public network, anonymous pull, no CMK", () => {
            const bare = res("azure-native:containerregistry:Registry", "acr", { resourceGroupName: "rg", sku: { name: "Basic" }, adminUserEnabled: true });
            assertFails(runOn(ia.containerRegistry, bare), "IDENTITY-AUTHN", "adminUserEnabled");
            assertFails(runOn(pa.containerRegistry, bare), "PUBLIC-ACCESS", "publicNetworkAccess");
            assertFails(runOn(pa.containerRegistry, acr({ anonymousPullEnabled: true })), "PUBLIC-ACCESS", "anonymousPullEnabled");
            assertFails(runOn(cmk.containerRegistry, bare), "ENC-REST-CMK", "encryption.status");
            assertFails(runOn(ia.containerRegistry, acr({ adminUserEnabled: 1 })), "IDENTITY-AUTHN", "adminUserEnabled");
        });
        it("reports unknown values as unknown", () => {
            assertUnknown(runOn(ia.containerRegistry, acr({ adminUserEnabled: UNKNOWN })), "adminUserEnabled");
            assertUnknown(runOn(pa.containerRegistry, acr({ publicNetworkAccess: UNKNOWN })), "publicNetworkAccess");
        });
    });

    describe("Container Apps", () => {
        const env = (props: Record<string, unknown> = {}) => res("azure-native:app:ManagedEnvironment", "env", { resourceGroupName: "rg", vnetConfiguration: { infrastructureSubnetId: "s", internal: true }, ...props });
        const app = (ingress: unknown, e = env()) => res("azure-native:app:ContainerApp", "app", {
            resourceGroupName: "rg", managedEnvironmentId: "id", configuration: { ingress },
        }, { propertyDependencies: { managedEnvironmentId: [e.urn] } });
        it("azure-public-access-container-app: internal ingress, or external in an internal environment, passes", () => {
            assertPasses(runStack(pa.containerAppIngress, [env(), app({ external: false, targetPort: 80 })]));
            assertPasses(runStack(pa.containerAppIngress, [env(), app({ external: true, targetPort: 80 })]));
            assertPasses(runStack(pa.containerAppIngress, [app(undefined)]));
        });
        it("azure-public-access-container-app: external ingress in a public environment, or one outside the stack, fails", () => {
            const pub = env({ vnetConfiguration: undefined });
            assertFails(runStack(pa.containerAppIngress, [pub, app({ external: true }, pub)]), "PUBLIC-ACCESS", "configuration.ingress.external");
            const alone = res("azure-native:app:ContainerApp", "app", { managedEnvironmentId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/managedEnvironments/elsewhere", configuration: { ingress: { external: "true" } } });
            assertFails(runStack(pa.containerAppIngress, [alone]), "PUBLIC-ACCESS", "configuration.ingress.external");
        });
        it("azure-public-access-container-app: unknown ingress or environment is unknown", () => {
            // In an internal environment any ingress stays in the VNet: unknown there is still private.
            assertPasses(runStack(pa.containerAppIngress, [env(), app({ external: UNKNOWN })]));
            const pub = env({ vnetConfiguration: undefined });
            assertUnknown(runStack(pa.containerAppIngress, [pub, app({ external: UNKNOWN }, pub)]), "configuration.ingress.external");
            const pending = env({ vnetConfiguration: { internal: UNKNOWN } });
            assertUnknown(runStack(pa.containerAppIngress, [pending, app({ external: true }, pending)]), "configuration.ingress.external");
            assertUnknown(runStack(pa.containerAppIngress, [res("azure-native:app:ContainerApp", "app", { managedEnvironmentId: UNKNOWN, configuration: { ingress: { external: true } } })]), "configuration.ingress.external");
        });
        it("azure-enc-transit-container-app: allowInsecure fails", () => {
            assertPasses(runOn(tls.containerApp, app({ external: true })));
            assertFails(runOn(tls.containerApp, app({ external: true, allowInsecure: true })), "ENC-TRANSIT", "allowInsecure");
            assertUnknown(runOn(tls.containerApp, app({ allowInsecure: UNKNOWN })), "allowInsecure");
        });
        it("azure-network-private-container-app-environment: internal or public access Disabled", () => {
            assertPasses(runOn(np.containerAppEnvironment, env()));
            assertPasses(runOn(np.containerAppEnvironment, env({ vnetConfiguration: undefined, publicNetworkAccess: "Disabled" })));
            assertFails(runOn(np.containerAppEnvironment, env({ vnetConfiguration: undefined })), "NETWORK-PRIVATE", "vnetConfiguration.internal");
            assertUnknown(runOn(np.containerAppEnvironment, env({ vnetConfiguration: { internal: UNKNOWN } })), "vnetConfiguration.internal");
        });
        it("azure-network-private-container-group: a public IP fails", () => {
            const group = (ipAddress: unknown) => res("azure-native:containerinstance:ContainerGroup", "aci", { resourceGroupName: "rg", osType: "Linux", containers: [], ipAddress });
            assertPasses(runOn(np.containerGroup, group(undefined)));
            assertPasses(runOn(np.containerGroup, group({ type: "Private", ports: [{ port: 80 }] })));
            assertFails(runOn(np.containerGroup, group({ type: "Public", ports: [{ port: 80 }] })), "NETWORK-PRIVATE", "ipAddress.type");
            assertUnknown(runOn(np.containerGroup, group(UNKNOWN)), "ipAddress");
        });
    });

    describe("Event Hubs and Service Bus namespaces (azure-enc-transit-messaging-namespace, azure-public-access-messaging-namespace, azure-identity-authn-messaging-namespace, azure-enc-rest-cmk-messaging-namespace)", () => {
        const rules = [tls.messagingNamespace, pa.messagingNamespace, ia.messagingNamespace, cmk.messagingNamespace];
        it("passes a private, TLS 1.2, Entra-only, CMK namespace of both kinds", () => {
            for (const type of ["azure-native:eventhub:Namespace", "azure-native:servicebus:Namespace"]) for (const rule of rules) assertPasses(runOn(rule, ns({}, type)));
        });
        it("fails a bare namespace on every control", () => {
            const bare = res("azure-native:servicebus:Namespace", "ns", { resourceGroupName: "rg", sku: { name: "Standard" } });
            assertFails(runOn(tls.messagingNamespace, bare), "ENC-TRANSIT", "minimumTlsVersion");
            assertFails(runOn(pa.messagingNamespace, bare), "PUBLIC-ACCESS", "publicNetworkAccess");
            assertFails(runOn(ia.messagingNamespace, bare), "IDENTITY-AUTHN", "disableLocalAuth");
            assertFails(runOn(cmk.messagingNamespace, bare), "ENC-REST-CMK", "encryption.keySource");
            assertFails(runOn(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [] } })), "ENC-REST-CMK", "encryption.keyVaultProperties");
            assertFails(runOn(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "k" }] } })), "ENC-REST-CMK", "keyVaultUri");
            assertFails(runOn(tls.messagingNamespace, ns({ minimumTlsVersion: "1.1" })), "ENC-TRANSIT", "minimumTlsVersion");
        });
        it("reports unknown values as unknown", () => {
            for (const [rule, prop] of [[tls.messagingNamespace, "minimumTlsVersion"], [pa.messagingNamespace, "publicNetworkAccess"], [ia.messagingNamespace, "disableLocalAuth"]] as const) {
                assertUnknown(runOn(rule, ns({ [prop]: UNKNOWN })), prop);
            }
            assertUnknown(runOn(cmk.messagingNamespace, ns({ encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: UNKNOWN } })), "encryption.keyVaultProperties");
        });
    });

    describe("azure-key-rotation-key-vault-secret", () => {
        const secret = (expires: unknown) => res("azure-native:keyvault:Secret", "s", { resourceGroupName: "rg", vaultName: "kv", secretName: "db", properties: { value: "x", attributes: { expires } } });
        const inDays = (d: number) => Math.floor(Date.now() / 1000) + d * 86400;
        it("passes an expiry within a year", () => assertPasses(runOn(kr.keyVaultSecret, secret(inDays(90)))));
        it("fails no expiry, one beyond a year, a date string and zero", () => {
            for (const v of [undefined, inDays(400), "2027-01-01", 0, -5, inDays(30) * 1000]) assertFails(runOn(kr.keyVaultSecret, secret(v)), "KEY-ROTATION", "properties.attributes.expires");
        });
        it("reports an unknown expiry as unknown", () => assertUnknown(runOn(kr.keyVaultSecret, secret(UNKNOWN)), "expires"));
    });

    describe("fronts", () => {
        it("azure-enc-transit-cdn-endpoint: HTTP allowed (the default) fails", () => {
            const ep = (props: Record<string, unknown>) => res("azure-native:cdn:Endpoint", "ep", { resourceGroupName: "rg", profileName: "p", origins: [], ...props });
            assertPasses(runOn(tls.cdnEndpoint, ep({ isHttpAllowed: false })));
            assertFails(runOn(tls.cdnEndpoint, ep({})), "ENC-TRANSIT", "isHttpAllowed");
            assertFails(runOn(tls.cdnEndpoint, ep({ isHttpAllowed: false, isHttpsAllowed: false })), "ENC-TRANSIT", "isHttpsAllowed");
            assertUnknown(runOn(tls.cdnEndpoint, ep({ isHttpAllowed: UNKNOWN })), "isHttpAllowed");
        });
        it("azure-enc-transit-front-door-route: HTTPS only or redirected, and HTTPS to the origin", () => {
            const route = (props: Record<string, unknown>) => res("azure-native:cdn:Route", "r", { resourceGroupName: "rg", profileName: "p", endpointName: "e", originGroup: { id: "g" }, forwardingProtocol: "HttpsOnly", ...props });
            assertPasses(runOn(tls.frontDoorRoute, route({ supportedProtocols: ["Https"] })));
            assertPasses(runOn(tls.frontDoorRoute, route({ supportedProtocols: ["Http", "Https"], httpsRedirect: "Enabled" })));
            assertFails(runOn(tls.frontDoorRoute, route({})), "ENC-TRANSIT", "httpsRedirect");
            assertFails(runOn(tls.frontDoorRoute, route({ supportedProtocols: ["Https"], forwardingProtocol: "MatchRequest" })), "ENC-TRANSIT", "forwardingProtocol");
            assertFails(runOn(tls.frontDoorRoute, route({ supportedProtocols: [] })), "ENC-TRANSIT", "httpsRedirect");
            assertUnknown(runOn(tls.frontDoorRoute, route({ supportedProtocols: UNKNOWN })), "supportedProtocols");
        });
        it("azure-enc-transit-front-door-custom-domain: TLS 1.2", () => {
            const domain = (tlsSettings: unknown) => res("azure-native:cdn:AFDCustomDomain", "d", { resourceGroupName: "rg", profileName: "p", hostName: "x.example.org", tlsSettings });
            assertPasses(runOn(tls.frontDoorCustomDomain, domain({ certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" })));
            assertFails(runOn(tls.frontDoorCustomDomain, domain({ certificateType: "ManagedCertificate", minimumTlsVersion: "TLS10" })), "ENC-TRANSIT", "minimumTlsVersion");
            assertFails(runOn(tls.frontDoorCustomDomain, domain(undefined)), "ENC-TRANSIT", "minimumTlsVersion");
            assertUnknown(runOn(tls.frontDoorCustomDomain, domain(UNKNOWN)), "tlsSettings");
        });
        it("azure-enc-transit-api-management: TLS 1.0/1.1 or SSL 3.0 turned on fails, in any key case", () => {
            const apim = (customProperties: unknown) => res("azure-native:apimanagement:ApiManagementService", "apim", { resourceGroupName: "rg", publisherEmail: "a@b", publisherName: "n", sku: { name: "Developer", capacity: 1 }, customProperties });
            assertPasses(runOn(tls.apiManagement, apim(undefined)));
            assertPasses(runOn(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "False" })));
            assertFails(runOn(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": "True" })), "ENC-TRANSIT", "Protocols.Tls10");
            assertFails(runOn(tls.apiManagement, apim({ "microsoft.windowsazure.apimanagement.gateway.security.backend.protocols.ssl30": "true" })), "ENC-TRANSIT", "ssl30");
            assertFails(runOn(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11": true })), "ENC-TRANSIT", "Tls11");
            assertUnknown(runOn(tls.apiManagement, apim(UNKNOWN)), "customProperties");
            assertUnknown(runOn(tls.apiManagement, apim({ "Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10": UNKNOWN })), "Tls10");
        });
        it("azure-enc-transit-application-gateway: TLS 1.2 policy, HTTPS listeners (HTTP only to redirect), HTTPS backends", () => {
            const gwId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw";
            const gw = (props: Record<string, unknown>) => res("azure-native:network:ApplicationGateway", "gw", {
                resourceGroupName: "rg", sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" },
                httpListeners: [{ name: "https", protocol: "Https" }, { name: "http", protocol: "Http" }],
                redirectConfigurations: [{ name: "to-https", redirectType: "Permanent", targetListener: { id: `${gwId}/httpListeners/https` } }],
                requestRoutingRules: [{ name: "main", httpListener: { id: `${gwId}/httpListeners/https` } }, { name: "redirect", httpListener: { id: `${gwId}/httpListeners/http` }, redirectConfiguration: { id: `${gwId}/redirectConfigurations/to-https` } }],
                backendHttpSettingsCollection: [{ name: "be", port: 443, protocol: "Https" }], ...props,
            });
            assertPasses(runOn(tls.applicationGateway, gw({})));
            assertPasses(runOn(tls.applicationGateway, gw({ sslPolicy: { policyType: "CustomV2", minProtocolVersion: "TLSv1_2" } })));
            assertFails(runOn(tls.applicationGateway, gw({ sslPolicy: undefined })), "ENC-TRANSIT", "sslPolicy");
            assertFails(runOn(tls.applicationGateway, gw({ sslPolicy: { policyName: "AppGwSslPolicy20150501" } })), "ENC-TRANSIT", "sslPolicy");
            assertFails(runOn(tls.applicationGateway, gw({ requestRoutingRules: [{ name: "plain", httpListener: { id: `${gwId}/httpListeners/http` } }] })), "ENC-TRANSIT", "httpListeners[1].protocol");
            // A redirect to another HTTP listener is no upgrade.
            assertFails(runOn(tls.applicationGateway, gw({ redirectConfigurations: [{ name: "to-https", targetListener: { id: `${gwId}/httpListeners/http` } }] })), "ENC-TRANSIT", "httpListeners[1].protocol");
            assertFails(runOn(tls.applicationGateway, gw({ backendHttpSettingsCollection: [{ name: "be", port: 80, protocol: "Http" }] })), "ENC-TRANSIT", "backendHttpSettingsCollection[0].protocol");
            assertUnknown(runOn(tls.applicationGateway, gw({ sslPolicy: UNKNOWN })), "sslPolicy");
            assertUnknown(runOn(tls.applicationGateway, gw({ requestRoutingRules: [{ name: "redirect", httpListener: { id: `${gwId}/httpListeners/http` }, redirectConfiguration: { id: UNKNOWN } }] })), "httpListeners[1].protocol");
        });
        it("azure-enc-transit-file-share: NFS fails, SMB passes", () => {
            const share = (enabledProtocols: unknown) => res("azure-native:storage:FileShare", "share", { resourceGroupName: "rg", accountName: "st", enabledProtocols });
            assertPasses(runOn(tls.fileShare, share(undefined)));
            assertPasses(runOn(tls.fileShare, share("SMB")));
            assertFails(runOn(tls.fileShare, share("NFS")), "ENC-TRANSIT", "enabledProtocols");
            assertUnknown(runOn(tls.fileShare, share(UNKNOWN)), "enabledProtocols");
        });
    });
});

describe("azure-native Logic Apps (azure-public-access-logic-workflow, azure-least-privilege-api-connection)", () => {
    const definition = (triggers: unknown) => ({ $schema: "s", contentVersion: "1.0.0.0", triggers, actions: {} });
    const flow = (props: Record<string, unknown>) => res("azure-native:logic:Workflow", "flow", { resourceGroupName: "rg", ...props });
    const http = { Receive_post: { type: "Request", kind: "Http", inputs: { method: "POST" } } };
    it("passes a workflow without a Request trigger, and one whose callers are named or only other Logic Apps", () => {
        assertPasses(runOn(pa.logicWorkflow, flow({ definition: definition({ every_hour: { type: "Recurrence", recurrence: { frequency: "Hour", interval: 1 } } }) })));
        assertPasses(runOn(pa.logicWorkflow, flow({ definition: definition(http), accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: "203.0.113.0/24" }] } } })));
        assertPasses(runOn(pa.logicWorkflow, flow({ definition: JSON.stringify(definition(http)), accessControl: { triggers: { allowedCallerIpAddresses: [] } } })));
    });
    it("fails the cosmosdb-logicapp example's HTTP trigger open to anyone, and callers that together are the internet", () => {
        assertFails(runOn(pa.logicWorkflow, flow({ definition: definition(http) })), "PUBLIC-ACCESS", "accessControl.triggers.allowedCallerIpAddresses");
        assertFails(runOn(pa.logicWorkflow, flow({ definition: definition({ t: { type: "request" } }), accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: "0.0.0.0-255.255.255.255" }, { addressRange: "0.0.0.0/0" }] } } })),
            "PUBLIC-ACCESS", "allowedCallerIpAddresses");
    });
    it("reports an unknown definition, trigger or caller range as unknown", () => {
        assertUnknown(runOn(pa.logicWorkflow, flow({ definition: UNKNOWN })), "definition");
        assertUnknown(runOn(pa.logicWorkflow, flow({ definition: definition({ t: { type: UNKNOWN } }) })), "definition.triggers");
        // An unknown id among the actions (a connection's) does not hide a known HTTP trigger.
        assertFails(runOn(pa.logicWorkflow, flow({ definition: { ...definition(http), actions: { write: { inputs: { host: { connection: { name: UNKNOWN } } } } } } })), "PUBLIC-ACCESS", "allowedCallerIpAddresses");
        assertUnknown(runOn(pa.logicWorkflow, flow({ definition: definition(http), accessControl: { triggers: { allowedCallerIpAddresses: [{ addressRange: UNKNOWN }] } } })), "allowedCallerIpAddresses");
    });
    const conn = (parameterValues: unknown) => res("azure-native:web:Connection", "conn", { resourceGroupName: "rg", properties: { displayName: "c", api: { id: "a" }, parameterValues } });
    it("passes a connection without a shared credential", () => assertPasses(runOn(lp.apiConnection, conn({ databaseAccount: "db" }))));
    it("fails the example's Cosmos DB access key, never showing it", () => {
        const f = runOn(lp.apiConnection, conn({ databaseAccount: "db", accessKey: "c2VjcmV0LWtleQ==" }));
        assertFails(f, "LEAST-PRIVILEGE", "properties.parameterValues.accessKey");
        assert.ok(f.every(x => !x.message.includes("c2VjcmV0LWtleQ==")));
        for (const k of ["password", "connectionString", "sasToken", "AccountKey"]) assertFails(runOn(lp.apiConnection, conn({ [k]: "x" })), "LEAST-PRIVILEGE", k);
    });
    it("reports unknown parameter values as unknown", () => assertUnknown(runOn(lp.apiConnection, conn(UNKNOWN)), "parameterValues"));
});
