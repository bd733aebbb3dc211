// TAGGING on every cloud: a tag whose value is unknown at preview is not a tag that is there (it is
// judged at `pulumi up`: advisory, never a pass), and an empty or blank value is no tag at all.
import assert from "node:assert/strict";
import { resource as awsTagging } from "../../policies/aws/tagging";
import { requiredTags as azureTagging } from "../../policies/azure/tagging";
import { UNKNOWN, UNKNOWN_STRING } from "../../policies/lib/values";
import { assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../support/policies";
import { cmekBucket } from "./gcp/baselines";
import type { Finding } from "../../policies/lib/evaluate";

const cases: [string, unknown][] = [["unknown", UNKNOWN], ["a string holding an unknown", `${UNKNOWN_STRING}`], ["empty", ""], ["blank", "  "], ["zero-width", "\u200b"]];

function judged(findings: Finding[], unknown: boolean) {
    assert.equal(findings.length, 1, JSON.stringify(findings.map(f => f.message)));
    assert.equal(findings[0].unknown, unknown, findings[0].message);
    assert.equal(findings[0].enforcement, unknown ? "advisory" : "mandatory");
    assert.match(findings[0].message, /tenant/);
}

describe("TAGGING: an unknown or empty tag value is not a present tag", () => {
    for (const [what, value] of cases) {
        const unknown = what.includes("unknown");
        it(`aws: tenant ${what} is ${unknown ? "unknown (advisory)" : "missing (mandatory)"}`, () =>
            judged(findingsOf(awsTagging, resource("aws:s3/bucket:Bucket", { tags: { tenant: value, "data-classification": "phi" } }, { name: "b" })), unknown));
        it(`azure: tenant ${what} is ${unknown ? "unknown (advisory)" : "missing (mandatory)"}`, () =>
            judged(findingsOf(azureTagging, resource("azure-native:keyvault:Vault", { tags: { tenant: value, "data-classification": "phi" } }, { name: "kv" })), unknown));
        it(`gcp: tenant ${what} is ${unknown ? "unknown (advisory)" : "missing (mandatory)"}`, () => {
            const bucket = cmekBucket({ labels: { tenant: value, "data-classification": "phi" } });
            if (unknown) assertOnlyUnknown(findingsOf("gcp-tagging-labelled-resource", [bucket]), "tenant");
            else assertOneViolation(findingsOf("gcp-tagging-labelled-resource", [bucket]), "tenant");
        });
    }
});
