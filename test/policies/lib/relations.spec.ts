import assert from "node:assert/strict";
import { rules as gcpRules } from "../../../policies/gcp";
import { evaluate } from "../../../policies/lib/evaluate";
import type { PolicyResource } from "../../../policies/lib/rule";
import { Lookup, StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { bucketKey } from "../../../policies/aws/support/relations";
import { BucketIndex } from "../../../policies/aws/support/buckets";
import { lookupOf, relate } from "../../../policies/azure/support/relations";
import { bucketLookup, bucketNamed, referenced } from "../../../policies/gcp/support/relations";

function res(type: string, name: string, props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}): PolicyResource {
    const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map(d => d.urn)]));
    return { type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props, opts: { propertyDependencies } };
}

describe("policies/lib/stack-index Lookup (the one relation mechanism)", () => {
    const bucket = res("aws:s3/bucket:Bucket", "logs", { bucket: "hospital-logs" });
    const other = res("aws:s3/bucket:Bucket", "data", { bucket: "hospital-data" });
    const lookup = new Lookup([bucket, other], ["bucket"], bucketKey);
    const ref = (props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}) => res("aws:s3/bucketLogging:BucketLogging", "l", props, deps);

    it("answers UNKNOWN for a reference unknown at preview, whole or in part, that no dependency resolves: never 'names nothing'", () => {
        assert.equal(lookup.refer(ref({ targetBucket: UNKNOWN }), "targetBucket"), UNKNOWN);
        assert.equal(lookup.refer(ref({ targetBucket: `arn:aws:s3:::${UNKNOWN_STRING}` }), "targetBucket"), UNKNOWN);
        assert.equal(lookup.refer(ref({ targetBucket: { nested: UNKNOWN } }), "targetBucket"), UNKNOWN);
        assert.equal(lookup.named(UNKNOWN), UNKNOWN);
    });

    it("resolves through the property's dependencies first, then by the normalised text; a text of no target names nothing", () => {
        assert.deepEqual(lookup.refer(ref({ targetBucket: UNKNOWN }, { targetBucket: [bucket] }), "targetBucket"), [bucket]);
        assert.deepEqual(lookup.refer(ref({ targetBucket: "arn:aws:s3:::hospital-logs/prefix" }), "targetBucket"), [bucket]);
        assert.deepEqual(lookup.refer(ref({ targetBucket: "elsewhere" }), "targetBucket"), []);
        assert.deepEqual(lookup.refer(ref({ targetBucket: 7 }), "targetBucket"), []);
    });

    it("a found target wins over an unknown text among several; none found and one unknown is UNKNOWN", () => {
        const r = ref({ ids: ["hospital-data", UNKNOWN] });
        assert.deepEqual(lookup.refer(r, "ids", r.props.ids as unknown[]), [other]);
        const s = ref({ ids: ["elsewhere", UNKNOWN] });
        assert.equal(lookup.refer(s, "ids", s.props.ids as unknown[]), UNKNOWN);
    });

    it("resolve reads UNKNOWN as none only where its callers judge the value themselves (referrers)", () => {
        assert.deepEqual(lookup.resolve(ref({ targetBucket: UNKNOWN }), "targetBucket"), []);
    });
});

describe("per-cloud key normalisers on the one Lookup", () => {
    it("Azure: an id names the resource by its last segment (a storage service: its account), lower-cased; an id with an unknown part is UNKNOWN", () => {
        const vault = res("azure-native:keyvault:Vault", "kv", { vaultName: "StMary-KV" });
        const account = res("azure-native:storage:StorageAccount", "st", { accountName: "stmaryphi" });
        const lookup = lookupOf([vault, account]);
        assert.deepEqual(lookup.named("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/stmary-kv"), [vault]);
        assert.deepEqual(lookup.named("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmaryphi/blobServices/default"), [account]);
        // The name is known, the group is not: it may be another group's vault of that name.
        assert.equal(lookup.named(`/subscriptions/s/resourceGroups/${UNKNOWN_STRING}/providers/Microsoft.KeyVault/vaults/stmary-kv`), UNKNOWN);
    });

    it("Azure relate: a source whose pointer is unknown is unresolved, never related to nothing", () => {
        const ws = res("azure-native:operationalinsights:Workspace", "law", { workspaceName: "law" });
        const table = res("azure-native:operationalinsights:Table", "t", { workspaceName: UNKNOWN });
        const stack = new StackIndex([ws, table]);
        const rel = relate(stack, [table.type], "workspaceName", [ws.type]);
        assert.deepEqual(rel.unresolved, [table]);
        assert.equal(rel.of.size, 0);
    });

    it("a target known by an id or ARN alone answers to a reference by it: the target's key is normalised as the reference's is (AWS bucket ARN)", () => {
        const byArn = res("aws:s3/bucket:Bucket", "arn-only", { arn: "arn:aws:s3:::hospital-phi" });
        const buckets = BucketIndex.of(new StackIndex([byArn]));
        const ref = (props: Record<string, unknown>) => res("aws:s3/bucketLogging:BucketLogging", "l", props);
        for (const text of ["hospital-phi", "arn:aws:s3:::hospital-phi", "hospital-phi.s3.amazonaws.com"]) {
            assert.deepEqual(buckets.resolve(ref({ targetBucket: text }), "targetBucket"), [byArn], text);
        }
        assert.deepEqual(buckets.resolve(ref({ targetBucket: "hospital-data" }), "targetBucket"), []);
    });

    it("Google Cloud: gs://bucket names the bucket; a path or self link names by its last part; never by Pulumi name", () => {
        const b = res("gcp:storage/bucket:Bucket", "logs", { name: "mercy-logs" });
        const unnamed = res("gcp:storage/bucket:Bucket", "auto", {});
        const stack = new StackIndex([b, unnamed]);
        const object = (bucket: unknown) => res("gcp:storage/bucketObject:BucketObject", "o", { bucket });
        assert.deepEqual(bucketNamed(bucketLookup(stack), object("gs://mercy-logs"), "bucket", "gs://mercy-logs"), [b]);
        assert.deepEqual(bucketNamed(bucketLookup(stack), object("auto"), "bucket", "auto"), []);
        assert.equal(bucketNamed(bucketLookup(stack), object(UNKNOWN), "bucket", UNKNOWN), UNKNOWN);
        const policy = res("gcp:compute/sSLPolicy:SSLPolicy", "p", { name: "tls12" });
        const proxy = (sslPolicy: unknown) => res("gcp:compute/targetHttpsProxy:TargetHttpsProxy", "x", { sslPolicy });
        const withPolicy = new StackIndex([policy]);
        assert.deepEqual(referenced(withPolicy, proxy("projects/p/global/sslPolicies/tls12"), "sslPolicy", [policy.type]), [policy]);
        assert.equal(referenced(withPolicy, proxy(`projects/p/global/sslPolicies/${UNKNOWN_STRING}`), "sslPolicy", [policy.type]), UNKNOWN);
        // A target is keyed by its own name as written: a (malformed) name with a path does not answer to its last part.
        const pathNamed = res("gcp:compute/sSLPolicy:SSLPolicy", "q", { name: "projects/p/global/sslPolicies/tls12" });
        assert.deepEqual(referenced(new StackIndex([pathNamed]), proxy("tls12"), "sslPolicy", [pathNamed.type]), []);
        // A target known by its id alone (as the engine shows outputs at `pulumi up`) answers to a reference by that id or self link.
        const byId = res("gcp:compute/sSLPolicy:SSLPolicy", "r", { id: "projects/p/global/sslPolicies/tls12-a1" });
        for (const text of [byId.props.id, "https://www.googleapis.com/compute/v1/projects/p/global/sslPolicies/tls12-a1", "tls12-a1"]) {
            assert.deepEqual(referenced(new StackIndex([byId]), proxy(text), "sslPolicy", [byId.type]), [byId], String(text));
        }
        assert.deepEqual(referenced(new StackIndex([byId]), proxy("projects/p/global/sslPolicies/tls12"), "sslPolicy", [byId.type]), []);
    });
});

describe("verdicts where porting met two meanings (the fail-closed one kept)", () => {
    const rule = (name: string) => gcpRules.filter(r => r.name === name);
    const lockedConfig = res("gcp:logging/projectBucketConfig:ProjectBucketConfig", "audit", { project: "p", location: "us-central1", bucketId: "audit", locked: true });
    const phiBucket = res("gcp:storage/bucket:Bucket", "phi", { name: "phi", encryption: { defaultKmsKeyName: "k" } });
    const sink = (destination: unknown) => res("gcp:logging/projectSink:ProjectSink", "sink", { filter: "logName:\"cloudaudit.googleapis.com\"", destination });

    it("a sink to a log bucket whose id is unknown at preview is unknown for AUDIT-LOG, not a sink to no bucket (a mandatory 'none') nor a pass", () => {
        const found = evaluate(rule("gcp-audit-log-audit-sink"), [phiBucket, lockedConfig,
            sink(`logging.googleapis.com/projects/p/locations/us-central1/buckets/${UNKNOWN_STRING}`)]);
        assert.equal(found.length, 1);
        assert.equal(found[0].unknown, true);
        // The same sink, known: the locked bucket passes.
        assert.deepEqual(evaluate(rule("gcp-audit-log-audit-sink"), [phiBucket, lockedConfig,
            sink("logging.googleapis.com/projects/p/locations/us-central1/buckets/audit")]), []);
    });

    it("an HTTPS proxy whose SSL policy name is unknown at preview is unknown, never judged as 'no SSL policy of this stack has that name'", () => {
        const strong = res("gcp:compute/sSLPolicy:SSLPolicy", "strong", { name: "strong", minTlsVersion: "TLS_1_2", profile: "MODERN" });
        const proxy = res("gcp:compute/targetHttpsProxy:TargetHttpsProxy", "proxy", { urlMap: "m", sslCertificates: ["c"], sslPolicy: `projects/p/global/sslPolicies/${UNKNOWN_STRING}` });
        const found = evaluate(rule("gcp-enc-transit-https-proxy"), [strong, proxy]);
        assert.equal(found.length, 1);
        assert.equal(found[0].unknown, true);
        assert.doesNotMatch(found[0].message, /has that name/);
    });
});
