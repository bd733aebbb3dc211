// The Google Cloud rules on the two other paths a real user takes: a hand-written program under the
// mock runtime (bare resources, Outputs between them), and the @pulumi/policy adapter the engine runs.
import { engineResource } from "../../support/engine";
import assert from "node:assert/strict";
import * as dataproc from "@pulumi/gcp/dataproc";
import * as healthcare from "@pulumi/gcp/healthcare";
import * as kms from "@pulumi/gcp/kms";
import * as storage from "@pulumi/gcp/storage";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { evaluate } from "../../../policies/lib/evaluate";
import type { PolicyResource } from "../../../policies/lib/rule";
import { record } from "../../support/record";
import { dependsOn, resource, ruleNamed, rulesOf } from "../../support/policies";
import { cmekBucket, KEY } from "./baselines";

const rules = rulesOf({ cloud: "gcp" });

describe("policies/gcp on a hand-written program", () => {
    it("judges bare @pulumi/gcp resources, relations through Outputs included", async function () {
        this.timeout(60_000);
        const r = await record(() => {
            new storage.Bucket("raw", { location: "EU" });
            const cmek = new healthcare.Dataset("imaging", { location: "us-central1", encryptionSpec: { kmsKeyName: KEY } });
            new healthcare.DicomStore("scans", { dataset: cmek.id });
            const plain = new healthcare.Dataset("plain", { location: "us-central1" });
            new healthcare.DicomStore("plain-scans", { dataset: plain.id });
            new dataproc.Cluster("spark", {});
        }, { config: { "gcp:project": "p", "gcp:region": "us-central1" } });
        const findings = evaluate(rules, r.policyResources).filter(f => f.enforcement === "mandatory");
        const policies = new Set(findings.map(f => f.policy));
        assert.deepEqual(findings.filter(f => f.policy === "gcp-enc-rest-cmk-dicom-store").map(f => f.name), ["plain-scans"]);
        assert.deepEqual(findings.filter(f => f.policy === "gcp-residency-location").map(f => f.name), ["raw"]);
        for (const expected of [
            "gcp-enc-rest-cmk-storage-bucket", "gcp-enc-rest-cmk-healthcare-dataset", "gcp-enc-rest-cmk-dataproc-cluster", "gcp-enc-rest-cmk-dataproc-buckets",
            "gcp-enc-transit-dataproc-cluster", "gcp-public-access-storage-bucket", "gcp-public-access-dataproc-cluster", "gcp-network-private-dataproc-cluster",
            "gcp-audit-log-phi-services", "gcp-audit-log-audit-sink", "gcp-backup-versioning-storage-bucket", "gcp-deletion-protection-stateful-deletion-policy",
            "gcp-deletion-protection-stateful-protect", "gcp-least-privilege-dataproc-cluster", "gcp-identity-authn-dataproc-cluster",
            "gcp-identity-authn-dataproc-shielded-vm", "gcp-tagging-labelled-resource", "gcp-residency-location", "gcp-residency-region",
        ]) assert.ok(policies.has(expected), `${expected} among ${[...policies].join(", ")}`);
    });
});

describe("policies/gcp on a hand-written program that keys a bucket to a key version", () => {
    it("judges the version's id (…/cryptoKeyVersions/N, as Google names it) a finding, its key's id none", async function () {
        this.timeout(60_000);
        const r = await record(() => {
            const ring = new kms.KeyRing("ring", { location: "us-central1" });
            const key = new kms.CryptoKey("key", { keyRing: ring.id });
            const version = new kms.CryptoKeyVersion("v1", { cryptoKey: key.id });
            new storage.Bucket("pinned", { location: "US-CENTRAL1", encryption: { defaultKmsKeyName: version.id } });
            new storage.Bucket("rotated", { location: "US-CENTRAL1", encryption: { defaultKmsKeyName: key.id } });
        }, { config: { "gcp:project": "p", "gcp:region": "us-central1" } });
        const findings = evaluate([ruleNamed("gcp-enc-rest-cmk-storage-bucket")], r.policyResources);
        assert.deepEqual(findings.map(f => [f.name, f.enforcement, !!f.unknown]), [["pinned", "mandatory", false]]);
    });
});

describe("policies/gcp through the @pulumi/policy adapter (the real engine's path)", () => {
    it("reports a resource violation with the property in the message", () => {
        const policy = toPulumiPolicy(ruleNamed("gcp-public-access-storage-bucket")) as ResourceValidationPolicy;
        const reports: string[] = [];
        const bad = cmekBucket({ publicAccessPrevention: "inherited" });
        (policy.validateResource as any)({ ...bad, opts: { protect: true }, getConfig: () => ({}) }, (m: string) => reports.push(m));
        assert.equal(reports.length, 1);
        assert.ok(reports[0].includes("publicAccessPrevention"));
    });

    it("relates a DICOM store to its dataset through the engine's property dependencies", () => {
        const policy = toPulumiPolicy(ruleNamed("gcp-enc-rest-cmk-dicom-store")) as StackValidationPolicy;
        const run = (stack: PolicyResource[]) => {
            const reports: { message: string; urn?: string }[] = [];
            (policy.validateStack as any)({ resources: stack.map(r => engineResource(r, stack)), getConfig: () => ({}) },
                (message: string, urn?: string) => reports.push({ message, urn }));
            return reports;
        };
        const cmek = resource("gcp:healthcare/dataset:Dataset", { location: "us-central1", encryptionSpec: { kmsKeyName: KEY } }, { name: "cmek" });
        const plain = resource("gcp:healthcare/dataset:Dataset", { location: "us-central1" }, { name: "plain" });
        const store = (d: PolicyResource) => dependsOn(resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/l/datasets/unresolvable" }, { name: "store" }), "dataset", d);
        assert.deepEqual(run([cmek, store(cmek)]), []);
        const reports = run([plain, store(plain)]);
        assert.equal(reports.length, 1);
        assert.equal(reports[0].urn, store(plain).urn);
    });
});
