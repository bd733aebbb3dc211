// Findings people act on (issue 21): one finding per resource and cause, messages in the terms of the
// user's resources and the cloud's settings (never this project's helpers), and a finding the rule itself
// lets off ("not applicable") shows that reason, not a remediation it says is impossible.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { s3Bucket } from "../../policies/aws/enc-rest-cmk";
import { resource as awsTagging } from "../../policies/aws/tagging";
import { requiredTags as azureTagging } from "../../policies/azure/tagging";
import { UNKNOWN } from "../../policies/lib/values";
import { rules } from "../../policies/pack";
import { findingsOf, resource } from "../support/policies";
import { cmekBucket } from "./gcp/baselines";

const root = path.join(__dirname, "..", "..");

/** Names a person judging their own program does not know: the components' helpers and classes. */
function internalNames(): RegExp {
    const names = new Set(["baseTags", "statefulOptions", "hipaa-cloud components"]);
    for (const dir of ["components", "components/aws", "components/azure", "components/gcp"]) {
        for (const f of fs.readdirSync(path.join(root, dir)).filter(f => f.endsWith(".ts"))) {
            const text = fs.readFileSync(path.join(root, dir, f), "utf8");
            // Classes and helper functions with a name of their own (camel case or two words run together):
            // a plain word such as `Storage` or `labels` is also the cloud's.
            for (const m of text.matchAll(/export (?:class|function) ([A-Za-z]\w*)/g)) if (/[a-z][A-Z]/.test(m[1])) names.add(m[1]);
        }
    }
    // A helper named after the cloud's own setting is the cloud's word (Cloud KMS `rotationPeriod`, Azure `roleDefinitionId`); an interpolation is code, not words.
    for (const cloudWord of ["rotationPeriod", "roleDefinitionId"]) names.delete(cloudWord);
    return new RegExp(`\\b(${[...names].map(n => n.replace(/[-]/g, "\\-")).join("|")})\\b`);
}

describe("messages and findings people act on", () => {
    it("no rule's description or remediation, nor a string in a policy's source, names this project's helpers", () => {
        const internal = internalNames();
        for (const r of rules) {
            assert.doesNotMatch(r.description, internal, `${r.name}: ${r.description}`);
            assert.doesNotMatch(r.remediation, internal, `${r.name}: ${r.remediation}`);
        }
        // The messages rules build at run time: every string literal of the policies' code (comments aside).
        const offending: string[] = [];
        const walk = (dir: string) => {
            for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
                const p = path.join(dir, e.name);
                if (e.isDirectory()) walk(p);
                else if (e.name.endsWith(".ts")) {
                    fs.readFileSync(p, "utf8").split("\n").forEach((line, i) => {
                        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
                        for (const m of line.matchAll(/"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
                            if (internal.test(m[0].replace(/\$\{[^}]*\}/g, ""))) offending.push(`${path.relative(root, p)}:${i + 1}: ${m[0]}`);
                        }
                    });
                }
            }
        };
        walk(path.join(root, "policies"));
        assert.deepEqual(offending, []);
    });

    describe("TAGGING: every missing key of a resource in ONE finding, on the three clouds", () => {
        const cases: [string, () => ReturnType<typeof findingsOf>][] = [
            ["aws", () => findingsOf(awsTagging, resource("aws:ec2/instance:Instance", { tags: { Name: "web" } }, { name: "vm" }), { requiredTags: ["tenant", "data-classification", "owner"] })],
            ["azure", () => findingsOf(azureTagging, resource("azure-native:compute:VirtualMachine", { tags: { Name: "web" } }, { name: "vm" }), { requiredTags: ["tenant", "data-classification", "owner"] })],
            ["gcp", () => findingsOf("gcp-tagging-labelled-resource", [cmekBucket({ labels: { name: "web" } })], { requiredTags: ["tenant", "data-classification", "owner"] })],
        ];
        for (const [cloud, judge] of cases) {
            it(`${cloud}: one mandatory finding naming tenant, data-classification and owner`, () => {
                const f = judge();
                assert.equal(f.length, 1, JSON.stringify(f.map(x => x.message)));
                assert.equal(f[0].enforcement, "mandatory");
                assert.deepEqual(f[0].controls, ["TAGGING"]);
                for (const key of ["tenant", "data-classification", "owner"]) assert.match(f[0].message, new RegExp(`\\b${key}\\b`));
                assert.match(f[0].message, /3 required keys missing/);
            });
        }

        it("a key unknown at preview is a cause of its own: the missing keys stay one MANDATORY finding, never advisory", () => {
            const both = findingsOf(awsTagging, resource("aws:s3/bucket:Bucket", { tags: { tenant: UNKNOWN } }, { name: "b" }), { requiredTags: ["tenant", "data-classification", "owner"] });
            assert.equal(both.length, 2);
            const hard = both.filter(f => f.enforcement === "mandatory" && !f.unknown);
            assert.equal(hard.length, 1);
            assert.match(hard[0].message, /data-classification.*owner/);
            assert.doesNotMatch(hard[0].message, /tags\.tenant/);
            assert.equal(both.filter(f => f.unknown).length, 1);
            const az = findingsOf(azureTagging, resource("azure-native:keyvault:Vault", { tags: { tenant: UNKNOWN } }, { name: "kv" }));
            assert.deepEqual(az.map(f => f.enforcement).sort(), ["advisory", "mandatory"]);
        });

        it("gcp: a key required in two cases is named once; an upper-case key is still its own finding", () => {
            const f = findingsOf("gcp-tagging-labelled-resource", [cmekBucket({ labels: { Tenant: "x" } })], { requiredTags: ["Tenant", "tenant"] });
            const missing = f.filter(x => /required key/.test(x.message));
            assert.equal(missing.length, 1);
            assert.equal(missing[0].message.split('labels["tenant"]').length - 1, 1, missing[0].message);
            assert.ok(f.some(x => /labels\["Tenant"\].*lower-case/.test(x.message)));
        });
    });

    describe("the S3 server-access-log target (aws-enc-rest-cmk-s3-bucket)", () => {
        const BUCKET = "aws:s3/bucket:Bucket";
        const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
        const phi = resource(BUCKET, {}, { name: "phi" });
        const logs = resource(BUCKET, {}, { name: "logs" });
        const stack = [
            phi, logs,
            resource(SSE, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { name: "logs-sse", deps: { bucket: [logs] } }),
            resource("aws:s3/bucketLogging:BucketLogging", {}, { name: "phi-logging", deps: { bucket: [phi], targetBucket: [logs] } }),
        ];

        it("is ONE exempted finding (the algorithm; S3 reads no key without it) whose message has no remediation to set aws:kms", () => {
            const f = findingsOf(s3Bucket, stack).filter(x => x.urn === logs.urn);
            assert.equal(f.length, 1, JSON.stringify(f.map(x => x.message)));
            assert.equal(f[0].exempted, true);
            assert.match(String(f[0].reason), /^not applicable: S3 delivers server access logs only to/);
            assert.match(f[0].message, /sseAlgorithm is "AES256"/);
            assert.ok(!f[0].message.includes(s3Bucket.remediation), f[0].message);
        });

        it("a PHI bucket with SSE-S3 and no log role keeps the remediation, mandatory", () => {
            const lone = resource(BUCKET, {}, { name: "lone" });
            const f = findingsOf(s3Bucket, [lone, resource(SSE, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { name: "lone-sse", deps: { bucket: [lone] } })]);
            assert.equal(f.length, 1);
            assert.equal(f[0].exempted, false);
            assert.ok(f[0].message.endsWith(s3Bucket.remediation));
        });
    });
});
