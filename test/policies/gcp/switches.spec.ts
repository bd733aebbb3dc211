// A switch judged "not true" passed "1", and one judged "not false" passed "0": the Google provider's value
// conversion reads those strings as true and false. Each switch must pass only the values that certainly mean
// the wanted state (terraformReads, policies/lib/inputs.ts).
import assert from "node:assert/strict";
import { findingsOf, resource, violations } from "../../support/policies";

/** Every switch the GCP rules judge with a default: the rule, the resource type, the path, and the state it must be in. */
const switches: readonly { rule: string; type: string; path: string; wanted: "off" | "on" }[] = [
    { rule: "gcp-audit-log-project-sink", type: "gcp:logging/projectSink:ProjectSink", path: "disabled", wanted: "off" },
    { rule: "gcp-audit-log-project-sink", type: "gcp:logging/projectSink:ProjectSink", path: "uniqueWriterIdentity", wanted: "on" },
    { rule: "gcp-backup-versioning-fhir-store", type: "gcp:healthcare/fhirStore:FhirStore", path: "disableResourceVersioning", wanted: "off" },
    { rule: "gcp-deletion-protection-sql-instance", type: "gcp:sql/databaseInstance:DatabaseInstance", path: "deletionProtection", wanted: "on" },
    { rule: "gcp-deletion-protection-storage-bucket", type: "gcp:storage/bucket:Bucket", path: "forceDestroy", wanted: "off" },
    { rule: "gcp-deletion-protection-bigquery-dataset", type: "gcp:bigquery/dataset:Dataset", path: "deleteContentsOnDestroy", wanted: "off" },
    { rule: "gcp-deletion-protection-bigquery-table", type: "gcp:bigquery/table:Table", path: "deletionProtection", wanted: "on" },
    { rule: "gcp-deletion-protection-database", type: "gcp:spanner/database:Database", path: "deletionProtection", wanted: "on" },
    { rule: "gcp-deletion-protection-database", type: "gcp:bigtable/instance:Instance", path: "deletionProtection", wanted: "on" },
    { rule: "gcp-deletion-protection-database", type: "gcp:alloydb/cluster:Cluster", path: "deletionProtection", wanted: "on" },
    { rule: "gcp-identity-authn-gke-cluster", type: "gcp:container/cluster:Cluster", path: "masterAuth.clientCertificateConfig.issueClientCertificate", wanted: "off" },
    { rule: "gcp-identity-authn-gke-cluster", type: "gcp:container/cluster:Cluster", path: "enableShieldedNodes", wanted: "on" },
    { rule: "gcp-identity-authn-compute-instance", type: "gcp:compute/instance:Instance", path: "shieldedInstanceConfig.enableVtpm", wanted: "on" },
    { rule: "gcp-identity-authn-compute-instance", type: "gcp:compute/instance:Instance", path: "shieldedInstanceConfig.enableIntegrityMonitoring", wanted: "on" },
    { rule: "gcp-least-privilege-gke-cluster", type: "gcp:container/cluster:Cluster", path: "enableLegacyAbac", wanted: "off" },
    { rule: "gcp-public-access-dataproc-cluster", type: "gcp:dataproc/cluster:Cluster", path: "clusterConfig.endpointConfig.enableHttpPortAccess", wanted: "off" },
    { rule: "gcp-public-access-gke-control-plane", type: "gcp:container/cluster:Cluster", path: "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled", wanted: "off" },
    { rule: "gcp-public-access-alloydb-instance", type: "gcp:alloydb/instance:Instance", path: "networkConfig.enablePublicIp", wanted: "off" },
];

/** Inputs with `value` at the dotted `path`. */
function at(path: string, value: unknown): Record<string, unknown> {
    return path.split(".").reduceRight<unknown>((inner, step) => ({ [step]: inner }), value) as Record<string, unknown>;
}

/** The violations of `rule` that name `path`, for a resource with `value` there. */
function judged(s: typeof switches[number], value: unknown): string[] {
    const found = violations(findingsOf(s.rule, [resource(s.type, at(s.path, value), { protect: true })]));
    return found.filter(f => f.message.includes(`: ${s.path} is `)).map(f => f.message);
}

describe("policies/gcp switches: only the values that certainly mean the wanted state pass", () => {
    for (const s of switches) {
        const [good, bad] = s.wanted === "off" ? [[undefined, false, "false"], ["1", 1, "t", "yes", true]] : [[undefined, true, "true"], ["0", 0, "f", "no", false]];
        it(`${s.rule} ${s.path}: ${s.wanted} passes ${good.map(v => JSON.stringify(v) ?? "unset").join(", ")} and nothing else`, () => {
            for (const v of good) assert.deepEqual(judged(s, v), [], `${s.path} = ${JSON.stringify(v)} must pass`);
            for (const v of bad) assert.equal(judged(s, v).length, 1, `${s.path} = ${JSON.stringify(v)} must be a violation (the provider may read it as ${s.wanted === "off" ? "on" : "off"})`);
        });
    }
});
