// Every rule that judges an on/off switch, on the three clouds, with the one reading of policies/lib/inputs.ts:
// the wanted state passes in each spelling its provider reads as that state, and in no other spelling. A rule
// written "not true" once passed "0" and "1"; one written "is true" passed " true " and "TRUE", which the
// Terraform-bridged providers refuse or read otherwise. A rule that reads a switch is added here in one line.
import assert from "node:assert/strict";
import { armReads, terraformReads, type SwitchReading } from "../../../policies/lib/inputs";
import { findingsOf, resource, violations } from "../../support/policies";

interface Switch {
    rule: string;
    type: string;
    /** The dotted input path of the switch. */
    path: string;
    wanted: "on" | "off";
    /** How the resource's provider reads the switch. */
    reads: SwitchReading;
    /** Whether leaving it unset passes (the provider's default is the wanted state). */
    unsetPasses: boolean;
}

const tf = terraformReads, arm = armReads;
const sw = (rule: string, type: string, path: string, wanted: "on" | "off", reads: SwitchReading, unsetPasses = false): Switch => ({ rule, type, path, wanted, reads, unsetPasses });

const switches: readonly Switch[] = [
    // AWS (classic, Terraform-bridged)
    sw("aws-audit-log-cloudtrail-trail", "aws:cloudtrail/trail:Trail", "enableLogging", "on", tf, true),
    sw("aws-audit-log-cloudtrail-trail", "aws:cloudtrail/trail:Trail", "includeGlobalServiceEvents", "on", tf, true),
    sw("aws-audit-log-cloudtrail-trail", "aws:cloudtrail/trail:Trail", "isMultiRegionTrail", "on", tf),
    sw("aws-log-integrity-cloudtrail-trail", "aws:cloudtrail/trail:Trail", "enableLogFileValidation", "on", tf),
    sw("aws-public-access-redshift-cluster", "aws:redshift/cluster:Cluster", "publiclyAccessible", "off", tf, true),
    sw("aws-public-access-subnet", "aws:ec2/subnet:Subnet", "mapPublicIpOnLaunch", "off", tf, true),
    sw("aws-residency-kms-key", "aws:kms/key:Key", "multiRegion", "off", tf, true),
    sw("aws-deletion-protection-s3-bucket", "aws:s3/bucketV2:BucketV2", "forceDestroy", "off", tf, true),
    sw("aws-enc-rest-cmk-redshift-cluster", "aws:redshift/cluster:Cluster", "encrypted", "on", tf, true),
    sw("aws-least-privilege-lakeformation-resource", "aws:lakeformation/resource:Resource", "hybridAccessEnabled", "off", tf, true),
    // Google (Terraform-bridged)
    sw("gcp-audit-log-project-sink", "gcp:logging/projectSink:ProjectSink", "disabled", "off", tf, true),
    sw("gcp-audit-log-project-sink", "gcp:logging/projectSink:ProjectSink", "uniqueWriterIdentity", "on", tf, true),
    sw("gcp-backup-versioning-fhir-store", "gcp:healthcare/fhirStore:FhirStore", "disableResourceVersioning", "off", tf, true),
    sw("gcp-deletion-protection-sql-instance", "gcp:sql/databaseInstance:DatabaseInstance", "deletionProtection", "on", tf, true),
    sw("gcp-deletion-protection-storage-bucket", "gcp:storage/bucket:Bucket", "forceDestroy", "off", tf, true),
    sw("gcp-deletion-protection-bigquery-dataset", "gcp:bigquery/dataset:Dataset", "deleteContentsOnDestroy", "off", tf, true),
    sw("gcp-deletion-protection-bigquery-table", "gcp:bigquery/table:Table", "deletionProtection", "on", tf, true),
    sw("gcp-deletion-protection-database", "gcp:spanner/database:Database", "deletionProtection", "on", tf, true),
    sw("gcp-deletion-protection-database", "gcp:bigtable/instance:Instance", "deletionProtection", "on", tf, true),
    sw("gcp-deletion-protection-database", "gcp:alloydb/cluster:Cluster", "deletionProtection", "on", tf, true),
    sw("gcp-identity-authn-gke-cluster", "gcp:container/cluster:Cluster", "masterAuth.clientCertificateConfig.issueClientCertificate", "off", tf, true),
    sw("gcp-identity-authn-gke-cluster", "gcp:container/cluster:Cluster", "enableShieldedNodes", "on", tf, true),
    sw("gcp-identity-authn-compute-instance", "gcp:compute/instance:Instance", "shieldedInstanceConfig.enableVtpm", "on", tf, true),
    sw("gcp-identity-authn-compute-instance", "gcp:compute/instance:Instance", "shieldedInstanceConfig.enableIntegrityMonitoring", "on", tf, true),
    sw("gcp-least-privilege-gke-cluster", "gcp:container/cluster:Cluster", "enableLegacyAbac", "off", tf, true),
    sw("gcp-public-access-dataproc-cluster", "gcp:dataproc/cluster:Cluster", "clusterConfig.endpointConfig.enableHttpPortAccess", "off", tf, true),
    sw("gcp-public-access-gke-control-plane", "gcp:container/cluster:Cluster", "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled", "off", tf, true),
    sw("gcp-public-access-alloydb-instance", "gcp:alloydb/instance:Instance", "networkConfig.enablePublicIp", "off", tf, true),
    sw("gcp-log-integrity-log-bucket-config", "gcp:logging/projectBucketConfig:ProjectBucketConfig", "locked", "on", tf),
    // Azure (azure-native: JSON to ARM)
    sw("azure-deletion-protection-key-vault", "azure-native:keyvault:Vault", "properties.enableSoftDelete", "on", arm, true),
    sw("azure-deletion-protection-key-vault", "azure-native:keyvault:Vault", "properties.enablePurgeProtection", "on", arm),
    sw("azure-public-access-storage-account", "azure-native:storage:StorageAccount", "allowBlobPublicAccess", "off", arm, true),
    sw("azure-least-privilege-storage-account", "azure-native:storage:StorageAccount", "allowSharedKeyAccess", "off", arm),
    sw("azure-identity-authn-container-registry", "azure-native:containerregistry:Registry", "adminUserEnabled", "off", arm, true),
    sw("azure-enc-transit-redis-cache", "azure-native:redis:Redis", "enableNonSslPort", "off", arm, true),
    sw("azure-enc-transit-web-app", "azure-native:web:WebApp", "httpsOnly", "on", arm),
    // Azure classic (@pulumi/azure, Terraform-bridged: "1"/"0" count, as the bridge reads them)
    sw("azure-deletion-protection-classic-key-vault", "azure:keyvault/keyVault:KeyVault", "purgeProtectionEnabled", "on", tf),
    sw("azure-backup-versioning-flexible-server", "azure:postgresql/flexibleServer:FlexibleServer", "geoRedundantBackupEnabled", "on", tf),
    sw("azure-backup-versioning-flexible-server", "azure:mysql/flexibleServer:FlexibleServer", "geoRedundantBackupEnabled", "on", tf),
    sw("azure-backup-versioning-classic-storage-account", "azure:storage/account:Account", "blobProperties.versioningEnabled", "on", tf),
    sw("azure-backup-versioning-classic-storage-account", "azure:storage/account:Account", "blobProperties.changeFeedEnabled", "on", tf),
    sw("azure-backup-versioning-classic-storage-account", "azure:storage/account:Account", "blobProperties.deleteRetentionPolicy.permanentDeleteEnabled", "off", tf, true),
    sw("azure-least-privilege-classic-key-vault", "azure:keyvault/keyVault:KeyVault", "rbacAuthorizationEnabled", "on", tf),
    sw("azure-least-privilege-classic-storage-account", "azure:storage/account:Account", "sharedAccessKeyEnabled", "off", tf),
    sw("azure-least-privilege-classic-storage-account", "azure:storage/account:Account", "defaultToOauthAuthentication", "on", tf),
    sw("azure-enc-transit-classic-storage-account", "azure:storage/account:Account", "httpsTrafficOnlyEnabled", "on", tf, true),
    sw("azure-enc-transit-classic-storage-account", "azure:storage/account:Account", "enableHttpsTrafficOnly", "on", tf, true),
    sw("azure-enc-transit-classic-postgresql-server", "azure:postgresql/server:Server", "sslEnforcementEnabled", "on", tf),
    sw("azure-enc-rest-cmk-classic-storage-account", "azure:storage/account:Account", "infrastructureEncryptionEnabled", "on", tf),
    sw("azure-identity-authn-classic-linux-virtual-machine", "azure:compute/linuxVirtualMachine:LinuxVirtualMachine", "disablePasswordAuthentication", "on", tf, true),
    sw("azure-identity-authn-classic-linux-virtual-machine", "azure:compute/virtualMachine:VirtualMachine", "osProfileLinuxConfig.disablePasswordAuthentication", "on", tf),
    sw("azure-identity-authn-classic-mssql-server", "azure:mssql/server:Server", "azureadAdministrator.azureadAuthenticationOnly", "on", tf),
    sw("azure-identity-authn-classic-postgresql-flexible-server", "azure:postgresql/flexibleServer:FlexibleServer", "authentication.activeDirectoryAuthEnabled", "on", tf),
    sw("azure-identity-authn-classic-postgresql-flexible-server", "azure:postgresql/flexibleServer:FlexibleServer", "authentication.passwordAuthEnabled", "off", tf),
    sw("azure-public-access-classic-storage-account", "azure:storage/account:Account", "allowNestedItemsToBePublic", "off", tf),
    sw("azure-public-access-classic-storage-account", "azure:storage/account:Account", "publicNetworkAccessEnabled", "off", tf),
    sw("azure-public-access-classic-storage-account", "azure:storage/account:Account", "allowBlobPublicAccess", "off", tf, true),
];

/** Every spelling a program may write for a switch: each must pass exactly when its provider reads it as the wanted state. */
const spellings: readonly unknown[] = [true, false, "true", "false", "1", "0", 1, 0, " true ", " false ", "TRUE", "FALSE", "True", "False",
    "t", "f", "\u200btrue", "false\u200b", "yes", "no", "on", "off", "", {}];

/** Inputs with `value` at the dotted `path`. */
function at(path: string, value: unknown): Record<string, unknown> {
    return path.split(".").reduceRight<unknown>((inner, step) => ({ [step]: inner }), value) as Record<string, unknown>;
}

/** The violations (or unknowns) of the switch's rule that name its path, for a resource with `value` there. */
function judged(s: Switch, value: unknown): string[] {
    const found = violations(findingsOf(s.rule, [resource(s.type, at(s.path, value), { protect: true })]));
    return found.filter(f => f.message.includes(`: ${s.path} is `)).map(f => f.message);
}

const show = (v: unknown) => JSON.stringify(v) ?? "unset";

describe("policies/lib switches: each rule passes a switch only in a spelling its provider reads as the wanted state", () => {
    for (const s of switches) {
        const good = [...s.reads.spellings[s.wanted], ...s.unsetPasses ? [undefined] : []];
        it(`${s.rule} ${s.path}: ${s.wanted} passes ${good.map(show).join(", ")} and nothing else`, () => {
            for (const v of good) assert.deepEqual(judged(s, v), [], `${s.path} = ${show(v)} must pass`);
            for (const v of [...spellings, ...s.unsetPasses ? [] : [undefined]].filter(v => !good.includes(v))) {
                assert.ok(judged(s, v).length > 0, `${s.path} = ${show(v)} must be a finding (the provider does not read it as ${s.wanted})`);
            }
        });
    }

    it("says why a spelling that looks right is not the wanted state: hidden characters by code point, other texts and numbers as such", () => {
        assert.match(judged(switches[0], "\u200btrue")[0], /U\+200B/);
        for (const v of ["TRUE", 1, "t"]) assert.match(judged(switches[0], v)[0], /not a spelling the provider reads as the wanted state/, JSON.stringify(v));
        assert.doesNotMatch(judged(switches[0], false)[0], /spelling/);
    });
});
