import assert from "node:assert/strict";
import { evaluate } from "../../../policies/lib/evaluate";
import { rules as azureRules } from "../../../policies/azure";
import type { RecordedResource } from "../../../checker/mocks";
import { Recorded } from "../../support/record";
import { exampleStack, hospitalConfig, recordPlatform } from "./harness";
import { nameInputOf } from "../../../policies/azure/support/relations";

// The example stack's URNs, sorted. A change here renames or replaces resources of a real stack: give the
// resource an alias instead, unless the change is meant.
const urnPrefix = `urn:pulumi:${exampleStack}::hospital::`;
const expectedUrns = [
    "hipaa-cloud:index:HospitalPlatform$azure-native:resources:ResourceGroup::stlukes-rg",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:authorization:ManagementLockByScope::stlukes-audit-workspace-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:monitor:DiagnosticSetting::stlukes-audit-endpoints-nsg-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:monitor:DiagnosticSetting::stlukes-audit-workloads-nsg-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:monitor:PrivateLinkScope::stlukes-audit-ampls",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:monitor:PrivateLinkScopedResource::stlukes-audit-ampls-workspace",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:monitor:SubscriptionDiagnosticSetting::stlukes-audit-activity-log",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:network:PrivateDnsZoneGroup::stlukes-audit-ampls-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:network:PrivateEndpoint::stlukes-audit-ampls-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:operationalinsights:Table::stlukes-audit-AHDSDicomAuditLogs",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:operationalinsights:Table::stlukes-audit-AzureActivity",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:operationalinsights:Table::stlukes-audit-AzureDiagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:operationalinsights:Table::stlukes-audit-StorageBlobLogs",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog$azure-native:operationalinsights:Workspace::stlukes-audit-workspace",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:AuditLog::stlukes-audit",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DedicatedSqlPool$azure-native:authorization:ManagementLockByScope::stlukes-warehouse-pool-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DedicatedSqlPool$azure-native:monitor:DiagnosticSetting::stlukes-warehouse-pool-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DedicatedSqlPool$azure-native:synapse:SqlPool::stlukes-warehouse-pool",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DedicatedSqlPool$azure-native:synapse:SqlPoolTransparentDataEncryption::stlukes-warehouse-tde",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DedicatedSqlPool::stlukes-warehouse",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging$azure-native:authorization:ManagementLockByScope::stlukes-imaging-dicom-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging$azure-native:authorization:ManagementLockByScope::stlukes-imaging-workspace-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging$azure-native:healthcareapis:DicomService::stlukes-imaging-dicom",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging$azure-native:healthcareapis:Workspace::stlukes-imaging-workspace",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging$azure-native:monitor:DiagnosticSetting::stlukes-imaging-dicom-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging$azure-native:network:PrivateDnsZoneGroup::stlukes-imaging-workspace-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging$azure-native:network:PrivateEndpoint::stlukes-imaging-workspace-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:DicomImaging::stlukes-imaging",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:authorization:ManagementLockByScope::stlukes-storage-account-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:monitor:DiagnosticSetting::stlukes-storage-blob-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateDnsZoneGroup::stlukes-storage-blob-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateEndpoint::stlukes-storage-blob-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:BlobContainer::stlukes-storage-genomics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:BlobContainer::stlukes-storage-phi",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:BlobServiceProperties::stlukes-storage-blob-service",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:StorageAccount::stlukes-storage-account",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:EncryptedStorage::stlukes-storage",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:ManagementLockByScope::stlukes-keys-deidentified-key-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:ManagementLockByScope::stlukes-keys-key-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:ManagementLockByScope::stlukes-keys-vault-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:RoleAssignment::stlukes-keys-admin-0",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:RoleAssignment::stlukes-keys-analysis-key-user",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:RoleAssignment::stlukes-keys-deidentified-key-user",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:RoleAssignment::stlukes-keys-dicom-key-user",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:RoleAssignment::stlukes-keys-storage-key-user",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:authorization:RoleAssignment::stlukes-keys-synapse-key-user",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:keyvault:Key::stlukes-keys-deidentified-key",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:keyvault:Key::stlukes-keys-key",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:keyvault:Vault::stlukes-keys-vault",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:managedidentity:UserAssignedIdentity::stlukes-keys-analysis-identity",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:managedidentity:UserAssignedIdentity::stlukes-keys-deidentified-identity",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:managedidentity:UserAssignedIdentity::stlukes-keys-dicom-identity",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:managedidentity:UserAssignedIdentity::stlukes-keys-storage-identity",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:managedidentity:UserAssignedIdentity::stlukes-keys-synapse-identity",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:monitor:DiagnosticSetting::stlukes-keys-vault-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:network:PrivateDnsZoneGroup::stlukes-keys-vault-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys$azure-native:network:PrivateEndpoint::stlukes-keys-vault-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalKeys::stlukes-keys",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:network:NetworkSecurityGroup::stlukes-network-endpoints-nsg",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:network:NetworkSecurityGroup::stlukes-network-workloads-nsg",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:network:Subnet::stlukes-network-endpoints",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:network:Subnet::stlukes-network-workloads",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:network:VirtualNetwork::stlukes-network-vnet",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.agentsvc.azure-automation.net",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.blob.core.windows.net",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.cognitiveservices.azure.com",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.dev.azuresynapse.net",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.dfs.core.windows.net",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.dicom.azurehealthcareapis.com",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.monitor.azure.com",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.ods.opinsights.azure.com",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.oms.opinsights.azure.com",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.sql.azuresynapse.net",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.vaultcore.azure.net",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:PrivateZone::stlukes-network-privatelink.workspace.azurehealthcareapis.com",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.agentsvc.azure-automation.net-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.blob.core.windows.net-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.cognitiveservices.azure.com-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.dev.azuresynapse.net-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.dfs.core.windows.net-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.dicom.azurehealthcareapis.com-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.monitor.azure.com-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.ods.opinsights.azure.com-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.oms.opinsights.azure.com-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.sql.azuresynapse.net-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.vaultcore.azure.net-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork$azure-native:privatedns:VirtualNetworkLink::stlukes-network-privatelink.workspace.azurehealthcareapis.com-link",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:HospitalNetwork::stlukes-network",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ImageAnalysis$azure-native:authorization:RoleAssignment::stlukes-analysis-workload-user",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ImageAnalysis$azure-native:cognitiveservices:Account::stlukes-analysis-vision",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ImageAnalysis$azure-native:managedidentity:UserAssignedIdentity::stlukes-analysis-workload",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ImageAnalysis$azure-native:monitor:DiagnosticSetting::stlukes-analysis-vision-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ImageAnalysis$azure-native:network:PrivateDnsZoneGroup::stlukes-analysis-vision-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ImageAnalysis$azure-native:network:PrivateEndpoint::stlukes-analysis-vision-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ImageAnalysis::stlukes-analysis",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$azure-native:authorization:RoleAssignment::stlukes-research-share-uni-oncology",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:authorization:ManagementLockByScope::stlukes-research-share-storage-account-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:monitor:DiagnosticSetting::stlukes-research-share-storage-blob-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateDnsZoneGroup::stlukes-research-share-storage-blob-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateDnsZoneGroup::stlukes-research-share-storage-dfs-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateEndpoint::stlukes-research-share-storage-blob-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateEndpoint::stlukes-research-share-storage-dfs-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:BlobContainer::stlukes-research-share-storage-oncology",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:BlobServiceProperties::stlukes-research-share-storage-blob-service",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:StorageAccount::stlukes-research-share-storage-account",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare$hipaa-cloud:azure:EncryptedStorage::stlukes-research-share-storage",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:ResearchShare::stlukes-research-share",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SparkPool$azure-native:monitor:DiagnosticSetting::stlukes-processing-pool-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SparkPool$azure-native:synapse:BigDataPool::stlukes-processing-pool",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SparkPool::stlukes-processing",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:authorization:ManagementLockByScope::stlukes-synapse-workspace-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:authorization:RoleAssignment::stlukes-synapse-datalake-access",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:monitor:DiagnosticSetting::stlukes-synapse-workspace-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:network:PrivateDnsZoneGroup::stlukes-synapse-dev-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:network:PrivateDnsZoneGroup::stlukes-synapse-sql-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:network:PrivateDnsZoneGroup::stlukes-synapse-sqlondemand-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:network:PrivateEndpoint::stlukes-synapse-dev-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:network:PrivateEndpoint::stlukes-synapse-sql-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:network:PrivateEndpoint::stlukes-synapse-sqlondemand-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:resources:Deployment::stlukes-synapse-sql-settings",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:synapse:Key::stlukes-synapse-cmk",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:synapse:Workspace::stlukes-synapse-workspace",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$azure-native:synapse:WorkspaceAadAdmin::stlukes-synapse-sql-admin",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:authorization:ManagementLockByScope::stlukes-synapse-datalake-account-lock",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:monitor:DiagnosticSetting::stlukes-synapse-datalake-blob-diagnostics",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateDnsZoneGroup::stlukes-synapse-datalake-blob-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateDnsZoneGroup::stlukes-synapse-datalake-dfs-pe-dns",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateEndpoint::stlukes-synapse-datalake-blob-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:network:PrivateEndpoint::stlukes-synapse-datalake-dfs-pe",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:BlobContainer::stlukes-synapse-datalake-synapse",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:BlobServiceProperties::stlukes-synapse-datalake-blob-service",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage$azure-native:storage:StorageAccount::stlukes-synapse-datalake-account",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace$hipaa-cloud:azure:EncryptedStorage::stlukes-synapse-datalake",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:azure:SynapseWorkspace::stlukes-synapse",
    "hipaa-cloud:index:HospitalPlatform::stlukes",
    "pulumi:pulumi:Stack::hospital-stlukes-azure",
];

// Resource types whose azure-native Args have no `tags`; every other resource must carry the hospital's tags.
const untaggable = new Set([
    "azure-native:network:Subnet", "azure-native:network:PrivateDnsZoneGroup", "azure-native:storage:BlobServiceProperties",
    "azure-native:storage:BlobContainer", "azure-native:authorization:RoleAssignment", "azure-native:authorization:ManagementLockByScope",
    "azure-native:monitor:DiagnosticSetting", "azure-native:monitor:SubscriptionDiagnosticSetting", "azure-native:monitor:PrivateLinkScopedResource",
    "azure-native:operationalinsights:Table", "azure-native:synapse:Key", "azure-native:synapse:SqlPoolTransparentDataEncryption",
    "azure-native:synapse:WorkspaceAadAdmin",
]);

// Stateful resources: protected in prod (DELETION-PROTECTION).
const stateful = [
    "azure-native:resources:ResourceGroup", "azure-native:keyvault:Vault", "azure-native:keyvault:Key",
    "azure-native:storage:StorageAccount", "azure-native:operationalinsights:Workspace", "azure-native:synapse:Workspace",
    "azure-native:synapse:SqlPool", "azure-native:healthcareapis:Workspace", "azure-native:healthcareapis:DicomService",
];

// Resources whose logs must reach the audit workspace through their own diagnostic setting (AUDIT-LOG).
const diagnosed = [
    "azure-native:keyvault:Vault", "azure-native:synapse:Workspace", "azure-native:synapse:BigDataPool", "azure-native:synapse:SqlPool",
    "azure-native:healthcareapis:DicomService", "azure-native:network:NetworkSecurityGroup", "azure-native:cognitiveservices:Account",
];

const SYNAPSE = "azure-native:synapse:Workspace";

/** The physical name a resource was given (its own name input), else its logical name, as the mocks build ids from it. */
function physicalName(res: RecordedResource): string {
    return String(res.inputs[nameInputOf(res.type)] ?? res.name);
}

describe("azure platform (stacks/Pulumi.stlukes-azure.yaml)", () => {
    let r: Recorded;
    before(async () => { r = await recordPlatform(hospitalConfig()); });

    it("registers exactly the pinned URNs", () => {
        assert.deepEqual(r.resources.map(x => x.urn).sort(), expectedUrns.map(u => urnPrefix + u));
    });

    it("puts every resource in one resource group in the hospital's region", () => {
        const group = r.one("azure-native:resources:ResourceGroup").inputs as any;
        assert.equal(group.location, "eastus2");
        for (const res of r.resources.filter(x => x.custom && x.type !== "azure-native:resources:ResourceGroup")) {
            const inputs = res.inputs as any;
            if (inputs.resourceGroupName !== undefined) assert.equal(inputs.resourceGroupName, group.resourceGroupName, res.name);
            if (inputs.location !== undefined) assert.ok(["eastus2", "Global", "global"].includes(inputs.location), `${res.name}: ${inputs.location}`);
        }
    });

    it("tags every taggable resource with tenant, environment and data-classification", () => {
        const taggable = r.resources.filter(x => x.custom && !untaggable.has(x.type));
        assert.ok(taggable.length > 40);
        for (const res of taggable) {
            const tags = (res.inputs as any).tags;
            assert.ok(tags, `${res.type} ${res.name} has no tags`);
            assert.equal(tags.tenant, "stlukes", res.name);
            assert.equal(tags.environment, "prod", res.name);
            // The research zone (its share, storage and key) is de-identified; everything else holds PHI. The
            // network's private endpoints to the zone keep the network's own (stricter) phi tag.
            const deidentified = /research-share|deidentified/.test(res.name) && res.type !== "azure-native:network:PrivateEndpoint";
            assert.equal(tags["data-classification"], deidentified ? "deidentified" : "phi", res.name);
        }
    });

    it("creates the shared Synapse workspace once when processing and warehouse are both on", () => {
        assert.equal(r.ofType(SYNAPSE).length, 1);
        const workspaceName = (r.one(SYNAPSE).inputs as any).workspaceName;
        const pools = [...r.ofType("azure-native:synapse:BigDataPool"), ...r.ofType("azure-native:synapse:SqlPool")];
        assert.equal(pools.length, 2);
        for (const pool of pools) assert.equal((pool.inputs as any).workspaceName, workspaceName, pool.name);
    });

    it("gives every private target a private endpoint and a DNS zone group", () => {
        const endpoints = r.ofType("azure-native:network:PrivateEndpoint");
        const targets = endpoints.map(p => {
            const c = (p.inputs as any).privateLinkServiceConnections[0];
            return `${c.privateLinkServiceId.split("/")[7]}:${c.groupIds[0]}`;
        }).sort();
        assert.deepEqual(targets, [
            "Account:account", "PrivateLinkScope:azuremonitor", "StorageAccount:blob", "StorageAccount:blob", "StorageAccount:blob", "StorageAccount:dfs", "StorageAccount:dfs", "Vault:vault",
            "Workspace:Dev", "Workspace:Sql", "Workspace:SqlOnDemand", "Workspace:healthcareworkspace",
        ]);
        const zoneGroups = r.ofType("azure-native:network:PrivateDnsZoneGroup").map(g => (g.inputs as any).privateEndpointName).sort();
        assert.deepEqual(zoneGroups, endpoints.map(p => p.name).sort());
    });

    it("sends the logs of every PHI resource, blob service and NSG to the audit workspace", () => {
        const settings = r.ofType("azure-native:monitor:DiagnosticSetting").map(d => d.inputs as any);
        const workspace = r.one("azure-native:operationalinsights:Workspace");
        assert.ok(settings.every(s => s.workspaceId.endsWith(`/${physicalName(workspace)}`)));
        const uris = settings.map(s => s.resourceUri as string);
        for (const type of diagnosed) {
            assert.ok(r.ofType(type).length > 0, type);
            for (const res of r.ofType(type)) assert.ok(uris.some(u => u.endsWith(`/${type.split(":")[2]}/${physicalName(res)}`)), `${type} ${res.name}`);
        }
        for (const account of r.ofType("azure-native:storage:StorageAccount")) {
            assert.ok(uris.some(u => u.endsWith(`/${physicalName(account)}/blobServices/default`)), account.name);
        }
        assert.equal(r.ofType("azure-native:monitor:SubscriptionDiagnosticSetting").length, 1);
    });

    it("protects every stateful resource in prod", () => {
        for (const type of stateful) {
            assert.ok(r.ofType(type).length > 0, type);
            for (const res of r.ofType(type)) assert.equal(res.protect, true, `${type} ${res.name}`);
        }
    });

    it("has no finding at all from the pack's Azure rules: nothing mandatory, nothing exempted", () => {
        const all = evaluate(azureRules, r.policyResources);
        assert.deepEqual(all.filter(f => f.enforcement === "mandatory").map(f => f.message), []);
        assert.deepEqual(all.filter(f => f.exempted).map(f => f.message), []);
    });

    it("has no advisory finding from the pack's Azure rules either", () => {
        const advisory = evaluate(azureRules, r.policyResources).filter(f => f.enforcement === "advisory");
        assert.deepEqual(advisory.map(f => f.message), []);
    });

    it("protects and locks nothing in dev", async () => {
        const dev = await recordPlatform(hospitalConfig({ environment: "dev", admins: [] }));
        assert.ok(dev.resources.length > 90);
        assert.deepEqual(dev.resources.filter(x => x.protect).map(x => x.name), []);
        assert.equal(dev.ofType("azure-native:authorization:ManagementLockByScope").length, 0);
    });

    it("creates no Synapse workspace when neither processing nor warehouse is on", async () => {
        const none = await recordPlatform(hospitalConfig({ services: ["storage", "imaging"] }));
        assert.equal(none.ofType(SYNAPSE).length, 0);
        assert.equal(none.ofType("azure-native:synapse:BigDataPool").length + none.ofType("azure-native:synapse:SqlPool").length, 0);
        assert.ok(!none.ofType("azure-native:privatedns:PrivateZone").some(z => /azuresynapse/.test((z.inputs as any).privateZoneName)));
        assert.ok(!none.ofType("azure-native:managedidentity:UserAssignedIdentity").some(i => /synapse/.test(i.name)));
        assert.equal(none.ofType("azure-native:healthcareapis:DicomService").length, 1);
    });

    it("creates one Synapse workspace for processing alone, with no SQL pool", async () => {
        const one = await recordPlatform(hospitalConfig({ services: ["processing"] }));
        assert.equal(one.ofType(SYNAPSE).length, 1);
        assert.equal(one.ofType("azure-native:synapse:BigDataPool").length, 1);
        assert.equal(one.ofType("azure-native:synapse:SqlPool").length, 0);
    });
});
