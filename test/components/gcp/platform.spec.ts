import assert from "node:assert/strict";
import { HospitalConfigError, rawConfigFromPulumi, validateHospitalConfig } from "../../../components/config";
import { HospitalPlatform } from "../../../components/platform";
import { evaluate } from "../../../policies/lib/evaluate";
import { rules } from "../../../policies/gcp";
import { record } from "../../support/record";
import { stackConfig } from "./support";

const stack = "mercy-gcp";

async function platform(flat: Record<string, string>) {
    return record(() => {
        const p = new HospitalPlatform("mercy", { config: validateHospitalConfig(rawConfigFromPulumi(flat)) });
        // Stack outputs: the services that are off have none.
        return Object.fromEntries(Object.entries(p.outputs).filter(([, v]) => v !== undefined));
    }, { config: flat });
}

/** The example stack's URNs. A change here changes real URNs: add an alias, then update the list. */
const expectedUrns = [
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:logging/projectBucketConfig:ProjectBucketConfig::mercy-audit-logs",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:logging/projectSink:ProjectSink::mercy-audit-sink",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:projects/iAMAuditConfig:IAMAuditConfig::mercy-audit-bigquery",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:projects/iAMAuditConfig:IAMAuditConfig::mercy-audit-cloudkms",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:projects/iAMAuditConfig:IAMAuditConfig::mercy-audit-dataproc",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:projects/iAMAuditConfig:IAMAuditConfig::mercy-audit-healthcare",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:projects/iAMAuditConfig:IAMAuditConfig::mercy-audit-storage",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:storage/bucket:Bucket::mercy-audit-usage-logs",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit$gcp:storage/bucketIAMMember:BucketIAMMember::mercy-audit-usage-log-writer",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Audit::mercy-audit",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ImageAnalysis$gcp:projects/iAMAuditConfig:IAMAuditConfig::mercy-analysis-vision-audit",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ImageAnalysis$gcp:projects/iAMMember:IAMMember::mercy-analysis-api-consumer",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ImageAnalysis$gcp:projects/service:Service::mercy-analysis-vision-api",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ImageAnalysis$gcp:serviceaccount/account:Account::mercy-analysis-sa",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ImageAnalysis$gcp:storage/bucket:Bucket::mercy-analysis-results",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ImageAnalysis$gcp:storage/bucketIAMMember:BucketIAMMember::mercy-analysis-results-user",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ImageAnalysis::mercy-analysis",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Imaging$gcp:healthcare/dataset:Dataset::mercy-imaging-dataset",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Imaging$gcp:healthcare/dicomStore:DicomStore::mercy-imaging-dicom",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Imaging$gcp:healthcare/dicomStoreIamMember:DicomStoreIamMember::mercy-imaging-admin-0",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Imaging::mercy-imaging",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKey:CryptoKey::mercy-keys-key",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-keys-bigquery-agent",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-keys-compute-agent",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-keys-dataproc-agent",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-keys-healthcare-agent",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-keys-logging-agent",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-keys-storage-agent",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:kms/keyRing:KeyRing::mercy-keys-ring",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys$gcp:projects/serviceIdentity:ServiceIdentity::mercy-keys-healthcare-identity",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Keys::mercy-keys",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Network$gcp:compute/firewall:Firewall::mercy-network-deny-ingress",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Network$gcp:compute/network:Network::mercy-network-vpc",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Network$gcp:compute/subnetwork:Subnetwork::mercy-network-subnet",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Network::mercy-network",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:compute/firewall:Firewall::mercy-processing-intra-cluster",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:dataproc/cluster:Cluster::mercy-processing-cluster",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-processing-sa-decrypter",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:kms/secretCiphertext:SecretCiphertext::mercy-processing-kerberos-root",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:projects/iAMMember:IAMMember::mercy-processing-worker-role",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:serviceaccount/account:Account::mercy-processing-sa",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:storage/bucket:Bucket::mercy-processing-staging",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:storage/bucket:Bucket::mercy-processing-temp",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$gcp:storage/bucketObject:BucketObject::mercy-processing-kerberos-root",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing$random:index/randomPassword:RandomPassword::mercy-processing-kerberos-root",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Processing::mercy-processing",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$gcp:bigquery/dataset:Dataset::mercy-research-share-oncology",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$gcp:bigqueryanalyticshub/dataExchange:DataExchange::mercy-research-share-exchange",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$gcp:bigqueryanalyticshub/listing:Listing::mercy-research-share-oncology-listing",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$gcp:bigqueryanalyticshub/listingIamMember:ListingIamMember::mercy-research-share-uni-oncology",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$gcp:projects/iAMAuditConfig:IAMAuditConfig::mercy-research-share-analyticshub-audit",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKey:CryptoKey::mercy-research-share-keys-key",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$hipaa-cloud:gcp:Keys$gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember::mercy-research-share-keys-bigquery-agent",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$hipaa-cloud:gcp:Keys$gcp:kms/keyRing:KeyRing::mercy-research-share-keys-ring",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare$hipaa-cloud:gcp:Keys::mercy-research-share-keys",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:ResearchShare::mercy-research-share",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Storage$gcp:storage/bucket:Bucket::mercy-storage-phi",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Storage$gcp:storage/bucketIAMMember:BucketIAMMember::mercy-storage-admin-0",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Storage::mercy-storage",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Warehouse$gcp:bigquery/dataset:Dataset::mercy-warehouse-dataset",
    "hipaa-cloud:index:HospitalPlatform$hipaa-cloud:gcp:Warehouse::mercy-warehouse",
    "hipaa-cloud:index:HospitalPlatform::mercy",
    "pulumi:pulumi:Stack::hospital-test",
].map(tail => `urn:pulumi:test::hospital::${tail}`);

describe("gcp HospitalPlatform (stack mercy-gcp)", () => {
    it("has a valid hospital config with all five services on Google Cloud", () => {
        const config = validateHospitalConfig(rawConfigFromPulumi(stackConfig(stack)));
        assert.equal(config.cloud, "gcp");
        assert.deepEqual([...config.services].sort(), ["analysis", "imaging", "processing", "storage", "warehouse"]);
    });

    it("registers exactly the pinned URNs", async () => {
        const r = await platform(stackConfig(stack));
        assert.deepEqual(r.resources.map(x => x.urn).sort(), expectedUrns);
    });

    it("exports the key, network, audit log and one output per service", async () => {
        const r = await platform(stackConfig(stack));
        for (const key of ["keyId", "networkId", "auditLog", "storage", "processing", "warehouse", "imaging", "analysis", "analysisCaller"]) {
            assert.equal(typeof r.outputs[key], "string", key);
        }
    });

    it("creates every CMEK resource after the grant of the service agent that encrypts it", async () => {
        const r = await platform(stackConfig(stack));
        // The research share's de-identified datasets use its own key, and wait for that key's grant.
        const grant = (agent: string, resource: string) => r.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
            `${resource.startsWith("mercy-research-share-") ? "mercy-research-share-keys" : "mercy-keys"}-${agent}-agent`).urn;
        const needs: Record<string, string[]> = {
            "gcp:storage/bucket:Bucket": ["storage"],
            "gcp:bigquery/dataset:Dataset": ["bigquery"],
            "gcp:healthcare/dataset:Dataset": ["healthcare"],
            "gcp:logging/projectBucketConfig:ProjectBucketConfig": ["logging"],
            "gcp:dataproc/cluster:Cluster": ["dataproc", "compute", "storage"],
        };
        for (const [type, agents] of Object.entries(needs)) {
            for (const resource of r.ofType(type)) {
                for (const agent of agents) assert.ok(resource.dependencies.includes(grant(agent, resource.name)), `${resource.name} waits for the ${agent} grant`);
            }
        }
    });

    it("reads the project from the provider's gcp:project when hospital:gcp.project is not set", async () => {
        const { "hospital:gcp": _gcp, ...flat } = stackConfig(stack);
        const r = await platform({ ...flat, "gcp:project": "other-project-1" });
        for (const ring of r.ofType("gcp:kms/keyRing:KeyRing")) assert.equal(ring.inputs.project, "other-project-1", ring.name);
    });

    it("fails with a config error naming hospital:gcp.project when no project is set anywhere", async () => {
        const { "hospital:gcp": _gcp, "gcp:project": _project, ...flat } = stackConfig(stack);
        await assert.rejects(platform(flat), (e: unknown) => e instanceof HospitalConfigError && /hospital:gcp\.project/.test(e.message) && /gcp:project/.test(e.message));
    });

    it("builds only what the enabled services need", async () => {
        const r = await platform({ ...stackConfig(stack), "hospital:services": JSON.stringify(["storage"]), "hospital:sharing": "[]" });
        for (const type of ["gcp:dataproc/cluster:Cluster", "gcp:bigquery/dataset:Dataset", "gcp:healthcare/dataset:Dataset", "gcp:projects/service:Service", "hipaa-cloud:gcp:ImageAnalysis"]) assert.deepEqual(r.ofType(type), [], type);
        assert.deepEqual(r.ofType("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map(g => g.name).sort(), ["mercy-keys-logging-agent", "mercy-keys-storage-agent"]);
        assert.equal(r.outputs.processing, undefined);
        assert.equal(r.outputs.analysis, undefined);
    });

    it("composes ImageAnalysis for analysis: the Vision API, its audit config, the results bucket; Vision restricted by a perimeter", async () => {
        const flat = { ...stackConfig(stack), "hospital:services": JSON.stringify(["storage", "analysis"]),
            "hospital:gcp": JSON.stringify({ project: "mercy-phi-prod", accessPolicy: "4242" }) };
        const r = await platform(flat);
        assert.equal((r.one("gcp:projects/service:Service").inputs as any).service, "vision.googleapis.com");
        assert.ok((r.one("gcp:accesscontextmanager/servicePerimeter:ServicePerimeter").inputs as any).status.restrictedServices.includes("vision.googleapis.com"));
        assert.equal(r.outputs.analysis, "https://vision.googleapis.com");
        const mandatory = evaluate(rules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
        assert.deepEqual(mandatory.map(f => `${f.policy} ${f.name}: ${f.message}`), []);
    });

    it("has no mandatory finding from the Google Cloud policies", async () => {
        const r = await platform(stackConfig(stack));
        assert.ok(rules.length > 0, "the pack has Google Cloud rules");
        const mandatory = evaluate(rules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
        assert.deepEqual(mandatory.map(f => `${f.policy} ${f.name}: ${f.message}`), []);
    });
});
