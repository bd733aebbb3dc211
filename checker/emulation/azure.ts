// Azure's answers under the checker's mocks: the client's config and the list*/get* functions the
// corpus calls (credentials, keys, SAS tokens, callback URLs) of the shape the REST API returns, and the
// outputs Azure computes.
import { nameInputOf } from "../../policies/azure/support/relations";
import type { MockIdentity } from "../mocks";
import { b64, EmulationTable, host, kubeconfig } from "./table";

export const azure: EmulationTable = {
    packages: ["azure-native"],
    identifiers: azureIdentifiers,
    invokes: {
        "azure-native:authorization:getClientConfig": (_i, _c, id) => ({ clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000b1", subscriptionId: id.azureSubscriptionId, tenantId: id.azureTenantId }),
        "azure-native:authorization:getClientToken": () => ({ token: "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tLyJ9." }),
        "azure-native:containerservice:listManagedClusterUserCredentials": () => ({ kubeconfigs: [{ name: "clusterUser", value: kubeconfig }] }),
        "azure-native:containerservice:listManagedClusterAdminCredentials": () => ({ kubeconfigs: [{ name: "clusterAdmin", value: kubeconfig }] }),
        "azure-native:containerregistry:listRegistryCredentials": i => ({ username: i.registryName ?? "registry", passwords: [{ name: "password", value: "checker-password-1" }, { name: "password2", value: "checker-password-2" }] }),
        "azure-native:storage:listStorageAccountKeys": () => ({ keys: ["key1", "key2"].map(k => ({ keyName: k, value: b64(`checker-${k}`), permissions: "FULL", creationTime: "2026-01-01T00:00:00Z" })) }),
        "azure-native:storage:listStorageAccountServiceSAS": () => ({ serviceSasToken: "sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=checker" }),
        "azure-native:storage:listStorageAccountSAS": () => ({ accountSasToken: "sv=2022-11-02&ss=b&srt=sco&sp=r&se=2030-01-01&sig=checker" }),
        "azure-native:documentdb:listDatabaseAccountKeys": () => ({ primaryMasterKey: b64("checker-primary"), secondaryMasterKey: b64("checker-secondary"),
            primaryReadonlyMasterKey: b64("checker-primary-ro"), secondaryReadonlyMasterKey: b64("checker-secondary-ro") }),
        "azure-native:documentdb:listDatabaseAccountConnectionStrings": () => ({ connectionStrings: [{ connectionString: "AccountEndpoint=https://checker.documents.azure.com:443/;AccountKey=checker;", description: "Primary SQL Connection String" }] }),
        "azure-native:logic:listWorkflowTriggerCallbackUrl": i => ({ value: `https://prod-00.eastus.logic.azure.com/workflows/${i.workflowName ?? "workflow"}/triggers/${i.triggerName ?? "manual"}/paths/invoke?sig=checker`,
            method: "POST", basePath: `https://prod-00.eastus.logic.azure.com/workflows/${i.workflowName ?? "workflow"}/triggers/${i.triggerName ?? "manual"}/paths/invoke`, relativePath: "", queries: { sig: "checker" } }),
        "azure-native:operationalinsights:getSharedKeys": () => ({ primarySharedKey: b64("checker-primary"), secondarySharedKey: b64("checker-secondary") }),
        "azure-native:operationalinsights:getWorkspace": (i, _c, id) => ({ id: `/subscriptions/${id.azureSubscriptionId}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/${i.workspaceName}`,
            name: i.workspaceName, customerId: "00000000-0000-0000-0000-0000000000d1", location: "eastus", provisioningState: "Succeeded", retentionInDays: 30, type: "Microsoft.OperationalInsights/workspaces" }),
        "azure-native:network:getPublicIPAddress": (i, _c, id) => ({ id: `/subscriptions/${id.azureSubscriptionId}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/publicIPAddresses/${i.publicIpAddressName}`,
            name: i.publicIpAddressName, ipAddress: "20.0.0.4", location: "eastus", publicIPAllocationMethod: "Static", provisioningState: "Succeeded" }),
        "azure-native:web:listWebAppPublishingCredentials": i => ({ name: i.name, publishingUserName: `$${i.name}`, publishingPassword: "checker-password", scmUri: `https://$${i.name}:checker@${i.name}.scm.azurewebsites.net` }),
        "azure-native:web:listWebAppHostKeys": () => ({ masterKey: "checker-master-key", functionKeys: { default: "checker-function-key" }, systemKeys: {} }),
        "azure-native:web:listWebAppFunctionKeys": () => ({ properties: { default: "checker-function-key" } }),
    },
    outputs: {
        "azure-native:storage:StorageAccount": n => { const a = host(n).replace(/-/g, "");
            return { primaryEndpoints: Object.fromEntries(["blob", "dfs", "file", "queue", "table", "web"].map(s => [s, `https://${a}.${s === "web" ? "z13.web" : s}.core.windows.net/`])) }; },
        "azure-native:web:WebApp": n => ({ defaultHostName: `${host(n)}.azurewebsites.net` }),
        // The DICOM service's URL (workspace and service names), which a hospital stack exports.
        "azure-native:healthcareapis:DicomService": (n, i) => ({ serviceUrl: `https://${typeof i.workspaceName === "string" ? i.workspaceName : host(n)}-${typeof i.dicomServiceName === "string" ? i.dicomServiceName : "dicom"}.dicom.azurehealthcareapis.com` }),
        "azure-native:containerservice:ManagedCluster": n => ({ fqdn: `${host(n)}-c0ffee.hcp.eastus.azmk8s.io` }),
        "azure-native:network:PublicIPAddress": () => ({ ipAddress: "20.0.0.5" }),
        "azure-native:network:PrivateDnsZoneGroup": (n, i) => ({ privateDnsZoneConfigs: (Array.isArray(i.privateDnsZoneConfigs) ? i.privateDnsZoneConfigs : [])
            .map((c: Record<string, unknown>) => ({ ...c, recordSets: [{ fqdn: `${host(n)}.privatelink.azurewebsites.net`, ipAddresses: ["10.0.2.4"], recordType: "A", ttl: 10 }] })) }),
    },
};

function azureIdentifiers(type: string, name: string, inputs: Record<string, any>, _config: Record<string, string>, identity: MockIdentity): Record<string, unknown> {
    const [, module, kind] = /^azure-native:([^:]+):(.+)$/.exec(type) ?? [];
    const rg = inputs.resourceGroupName ?? "rg";
    // The resource's own name input (`<kind>Name`, or the SDK's other one: a storage account's accountName, a monitor
    // scope's scopeName): its id and name carry it, as Azure's do.
    const physical = inputs[nameInputOf(type)] ?? inputs.name ?? name;
    const id = type === "azure-native:resources:ResourceGroup"
        ? `/subscriptions/${identity.azureSubscriptionId}/resourceGroups/${inputs.resourceGroupName ?? name}`
        : `/subscriptions/${identity.azureSubscriptionId}/resourceGroups/${rg}/providers/Microsoft.${module}/${kind}/${physical}`;
    const ids: Record<string, unknown> = { id, name: physical };
    if (type === "azure-native:managedidentity:UserAssignedIdentity") {
        Object.assign(ids, { principalId: `${name}-principal`, clientId: `${name}-client`, tenantId: identity.azureTenantId });
    }
    if (type === "azure-native:keyvault:Vault") ids.properties = { ...(inputs.properties ?? {}), vaultUri: `https://${physical}.vault.azure.net/` };
    if (type === "azure-native:keyvault:Key") Object.assign(ids, { keyUri: `https://vault.vault.azure.net/keys/${physical}`, keyUriWithVersion: `https://vault.vault.azure.net/keys/${physical}/0123456789abcdef` });
    return ids;
}
