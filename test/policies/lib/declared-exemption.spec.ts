// Exemptions declared on a resource (policies/lib/declared-exemption.ts): one format for tags and
// Google labels, the limits of a policy-config exemption, own tags only, never on a data store.
import assert from "node:assert/strict";
import { declaredExemptions, exemptionLabelKey, exemptionTagKey, exemptionTagValue } from "../../../policies/lib/declared-exemption";
import { Finding, runResourceRule, runStackRule } from "../../../policies/lib/evaluate";
import { expectEqual, PolicyResource, resourceRule, stackRule } from "../../../policies/lib/rule";
import { StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../policies/lib/values";

// Exemptions are judged on the real date (issue 12: a config cannot set it), so every date here is relative to it.
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const today = inDays(0);
// Not a data store: a declared exemption may hold on it.
const clusterType = "aws:emr/cluster:Cluster";
const rule = resourceRule({
    name: "test-enc-rest-cmk-cluster", cloud: "any", controls: ["ENC-REST-CMK"], severity: "high",
    description: "d", remediation: "r", types: [clusterType, "aws:s3/bucket:Bucket", "gcp:storage/bucket:Bucket", "gcp:dataproc/cluster:Cluster"],
    check: r => expectEqual(r.props, "encrypted", true),
});

function res(props: Record<string, unknown>, type = clusterType, provider?: Record<string, unknown>): PolicyResource {
    const r: PolicyResource = { type, name: "c", urn: `urn:pulumi:s::p::${type}::c`, props, opts: {} };
    if (provider) r.provider = { type: "pulumi:providers:aws", props: provider };
    return r;
}
const judge = (r: PolicyResource): Finding => {
    const findings = runResourceRule(rule, r);
    assert.equal(findings.length, 1);
    return findings[0];
};
const lastDay = inDays(90);
const valid = exemptionTagValue(lastDay, "sec-142-legacy-import");

function assertNotExempted(f: Finding, why: RegExp): void {
    assert.equal(f.exempted, false);
    assert.equal(f.enforcement, "mandatory");
    assert.equal(f.declaredExemption, undefined);
    assert.match(f.message, /An exemption declared on the resource does not hold: /);
    assert.match(f.message, why);
}

describe("exemptions declared on a resource", () => {
    it("has one key per control for tags and one for Google labels, and a label-safe value", () => {
        assert.equal(exemptionTagKey("ENC-REST-CMK"), "hipaa-cloud:exemption:ENC-REST-CMK");
        assert.equal(exemptionLabelKey("ENC-REST-CMK"), "hipaa-cloud_exemption_enc-rest-cmk");
        for (const text of [exemptionLabelKey("DELETION-PROTECTION"), valid]) assert.match(text, /^[a-z0-9_-]{1,63}$/);
    });

    it("exempts with the tag form on tags and with the label form on labels (and on tags: one parser)", () => {
        for (const props of [{ tags: { [exemptionTagKey("ENC-REST-CMK")]: valid } }, { labels: { [exemptionLabelKey("ENC-REST-CMK")]: valid } },
            { tags: { [exemptionLabelKey("ENC-REST-CMK")]: valid } }]) {
            const f = judge(res(props));
            assert.equal(f.exempted, true, JSON.stringify(props));
            assert.equal(f.reason, `declared on the resource (${Object.keys(props)[0]} "${Object.keys(Object.values(props)[0])[0]}"): sec-142-legacy-import (until ${lastDay})`);
            assert.equal(f.declaredExemption?.expires, lastDay);
        }
    });

    it("does not exempt a bare reason with no last day (the old form), and says what is wanted", () => {
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: "S3 access logs need SSE-S3" } })), /is "S3 access logs need SSE-S3"; wanted "until-YYYY-MM-DD_<reason>"/);
    });

    it("does not exempt a near-miss key: other case, spaces, zero-width, the control in lower case on a tag", () => {
        for (const key of ["HIPAA-CLOUD:Exemption:ENC-REST-CMK", "hipaa-cloud:exemption: ENC-REST-CMK", " hipaa-cloud:exemption:ENC-REST-CMK",
            "hipaa-cloud:exemption:enc-rest-cmk", "hipaa-cloud:exemption:ENC-REST-CMK\u200b", "hipaa-cloud_exemption_ENC-REST-CMK"]) {
            assertNotExempted(judge(res({ tags: { [key]: valid } })), /is not spelled "hipaa-cloud:exemption:ENC-REST-CMK" \(tag\) or "hipaa-cloud_exemption_enc-rest-cmk" \(label\)/);
        }
    });

    it("does not exempt an expired one, nor one for another control", () => {
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: exemptionTagValue(inDays(-1), "old") } })), new RegExp(`expired on ${inDays(-1)}`));
        const f = judge(res({ tags: { [exemptionTagKey("TAGGING")]: valid } }));
        assert.equal(f.exempted, false);
        assert.doesNotMatch(f.message, /declared/);
    });

    it("does not exempt a reasonless one, nor a value that is not text or is unknown at preview", () => {
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: `until-${lastDay}_` } })), /reason/);
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: `until-${lastDay}_   ` } })), /reason/);
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: 20270331 } })), /is 20270331; wanted/);
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: UNKNOWN } })), /unknown until deployment/);
        assert.equal(judge(res({ tags: UNKNOWN })).exempted, false);
    });

    it("judges as the policy config does: a date more than a year ahead or not on the calendar, or an invisible reason, does not exempt", () => {
        // config.ts exemptionProblem (issue 12, engineer "config") rules on these; the declared tag uses it, not a copy.
        for (const expires of ["2099-01-01", inDays(400), "2026-02-30", "2026-13-45", "0000-00-00"]) {
            assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: exemptionTagValue(expires, "why") } })), new RegExp(`"c"`));
        }
        // ... and so does a reason of zero-width characters only.
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: `until-${lastDay}_\u200b\u200b\u200b` } })), /reason/);
    });

    it("reads only the resource's own tags: not the provider's default tags, not tagsAll", () => {
        const key = exemptionTagKey("ENC-REST-CMK");
        assert.equal(judge(res({}, clusterType, { defaultTags: { tags: { [key]: valid } } })).exempted, false);
        assert.equal(judge(res({ tagsAll: { [key]: valid } })).exempted, false);
        assert.equal(judge(res({}, "gcp:dataproc/cluster:Cluster", { defaultLabels: { [exemptionLabelKey("ENC-REST-CMK")]: valid } })).exempted, false);
    });

    it("never exempts a data store: a PHI bucket that copies the tag keeps its finding, and says why", () => {
        assertNotExempted(judge(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: valid } }, "aws:s3/bucket:Bucket")), /is on a data store \(aws:s3\/bucket:Bucket\)/);
        assertNotExempted(judge(res({ labels: { [exemptionLabelKey("ENC-REST-CMK")]: valid } }, "gcp:storage/bucket:Bucket")), /is on a data store/);
    });

    it("holds for a stack rule's finding about the resource too", () => {
        const stackWide = stackRule({
            name: "test-enc-rest-cmk-stack", cloud: "any", controls: ["ENC-REST-CMK"], severity: "high", description: "d", remediation: "r",
            check: stack => stack.resources.map(r => ({ property: "encrypted", found: undefined, wanted: "true", resource: r })),
        });
        const [f] = runStackRule(stackWide, new StackIndex([res({ labels: { [exemptionLabelKey("ENC-REST-CMK")]: valid } })]));
        assert.equal(f.exempted, true);
    });

    it("lists every declaration of the finding's controls, with its problem", () => {
        const found = declaredExemptions(res({ tags: { [exemptionTagKey("ENC-REST-CMK")]: valid, "HIPAA-CLOUD:EXEMPTION:ENC-REST-CMK": valid, other: "x" } }), ["ENC-REST-CMK"], today);
        assert.deepEqual(found.map(d => [d.key, d.problem === undefined]), [["hipaa-cloud:exemption:ENC-REST-CMK", true], ["HIPAA-CLOUD:EXEMPTION:ENC-REST-CMK", false]]);
    });
});
