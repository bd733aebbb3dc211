// The policy config as the checker reads it, in-process (fast): every way a config could switch the
// check off quietly is refused with its key path (exit 2 on the command line), or stated as a weakening.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateResources, readPolicyConfig } from "../../checker/evaluate";
import { CheckError } from "../../checker/errors";
import { parseJsonStrict } from "../../policies/lib/strict-json";
import { weakeningsOf } from "../../checker/weakening";
import { todayVariable } from "../../policies/lib/config";
import type { PolicyResource } from "../../policies/lib/rule";
import { rules } from "../fixtures/rules";
import { tempDir } from "./helpers";

const dir = tempDir("policy-config");
let n = 0;
/** A policy config file holding exactly `text` (a string is written as is: duplicate keys need raw text). */
function file(content: unknown): string {
    const f = path.join(dir, `pc-${n++}.json`);
    fs.writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
    return f;
}
const read = (content: unknown) => readPolicyConfig(file(content), rules);
function refused(content: unknown, ...why: RegExp[]): void {
    assert.throws(() => read(content), (e: unknown) => {
        assert.ok(e instanceof CheckError, String(e));
        for (const w of why) assert.match(e.message, w);
        return true;
    });
}
const exemption = { control: "TAGGING", resource: "bucket-0", reason: "legacy bucket, ticket HC-12", expires: "2026-12-31" };
const tagging = (e: unknown) => ({ "fixture-tagging-bucket": { exemptions: [e] } });

describe("policy config (checker)", () => {
    beforeEach(() => { process.env[todayVariable] = "2026-06-15"; });
    afterEach(() => { delete process.env[todayVariable]; });

    it("refuses a key given twice anywhere, naming it (JSON.parse keeps the last in silence)", () => {
        refused('{"all": "mandatory", "all": "disabled"}', /: the key "all" is given twice/);
        refused('{"all": "mandatory", "\\u0061ll": "disabled"}', /the key "all" is given twice/);
        refused('{"fixture-tagging-bucket": {"enforcementLevel": "mandatory", "enforcementLevel": "disabled"}}', /the key "fixture-tagging-bucket"\.enforcementLevel is given twice/);
        refused(`{"fixture-tagging-bucket": {"exemptions": [{"control": "TAGGING", "resource": "bucket-0", "reason": "legacy ticket", "expires": "2026-12-31", "expires": "2027-01-01"}]}}`,
            /"fixture-tagging-bucket"\.exemptions\[0\]\.expires is given twice/);
        refused('{"__proto__": 1, "__proto__": 2}', /"__proto__" is given twice/);
        assert.deepEqual(parseJsonStrict('{"a": {"b": 1}, "c": [{"b": 2}, {"b": 3}], "d": "\\"b\\": 1, \\"b\\""}'), { a: { b: 1 }, c: [{ b: 2 }, { b: 3 }], d: '"b": 1, "b"' });
    });

    it("refuses `today` (the judging day is not a user's to set) and any unknown setting", () => {
        refused({ "fixture-tagging-bucket": { today: "2020-01-01" } }, /"fixture-tagging-bucket": unknown config property "today"/);
        refused('{"fixture-tagging-bucket": {"__proto__": {"exemptions": []}}}', /unknown config property "__proto__"/);
        refused({ all: { enforcementLevel: "advisory", minimumRetentionDays: 1 } }, /"all": takes only enforcementLevel/);
    });

    it("refuses a policy name of another case or with blanks, naming the right one, and a level of another case", () => {
        refused({ "Fixture-Tagging-Bucket": "advisory" }, /"Fixture-Tagging-Bucket": no policy of that name in the pack \(did you mean "fixture-tagging-bucket"\?/);
        refused({ "fixture-tagging-bucket ": "advisory" }, /did you mean "fixture-tagging-bucket"/);
        refused({ ALL: "advisory" }, /"ALL": no policy of that name/);
        refused('{"__proto__": "disabled"}', /"__proto__": no policy of that name/);
        refused({ constructor: "disabled" }, /"constructor": no policy of that name/);
        refused({ all: ["disabled"] }, /"all": got \["disabled"\]; expected an enforcement level/);
        refused({ all: null }, /"all": got null; expected an enforcement level/);
        refused({ all: "Disabled" }, /"all": enforcementLevel "Disabled" is not one of advisory, mandatory, remediate, disabled \(levels are lower case\)/);
    });

    it("refuses settings of the wrong type: a number as text, zero days, a fraction, an empty tag", () => {
        refused({ "fixture-tagging-bucket": { minimumRetentionDays: "2190" } }, /\.minimumRetentionDays: got "2190"; expected a whole number, at least 1/);
        refused({ "fixture-tagging-bucket": { minimumRetentionDays: 0 } }, /\.minimumRetentionDays: got 0/);
        refused({ "fixture-tagging-bucket": { minimumRetentionDays: 2190.5 } }, /\.minimumRetentionDays: got 2190\.5/);
        refused({ "fixture-tagging-bucket": { requiredTags: [""] } }, /\.requiredTags: got \[""\]; expected a list of non-empty strings/);
        refused({ "fixture-tagging-bucket": { allowedRegions: "us-east-1" } }, /\.allowedRegions: got "us-east-1"/);
    });

    it("refuses a bad exemption naming its key path, and lists every problem at once", () => {
        refused(tagging({ ...exemption, expires: "2026-02-30" }), /--policy-config .*: "fixture-tagging-bucket"\.exemptions\[0\]\.expires: got "2026-02-30"; expected a real calendar date/);
        refused(tagging({ ...exemption, expires: "2999-12-31" }), /\.exemptions\[0\]\.expires: got "2999-12-31"; an exemption runs at most one year, to 2027-06-15/);
        refused(tagging({ ...exemption, resource: "*" }), /\.exemptions\[0\]\.resource: got "\*"/);
        refused(tagging({ ...exemption, reason: "\u200B \uFEFF" }), /\.exemptions\[0\]\.reason: got "\\u200b \\ufeff"; expected visible text/);
        refused(tagging({ ...exemption, reason: "x".repeat(10_000) }), /\.reason: 10000 characters; at most 500/);
        refused(tagging({ ...exemption, control: "tagging" }), /\.exemptions\[0\]\.control: got "tagging"; expected "TAGGING"/);
        refused(tagging({ ...exemption, control: "RESIDENCY" }), /\.exemptions\[0\]\.control: got "RESIDENCY", which this policy does not report; it reports TAGGING/);
        refused(tagging({ ...exemption, owner: "me" }), /\.exemptions\[0\]: unknown field "owner"/);
        const { reason: _reason, ...noReason } = exemption;
        refused(tagging(noReason), /\.exemptions\[0\]\.reason: missing/);
        refused({ "fixture-tagging-bucket": { exemptions: [{ ...exemption, resource: "**" }, { ...exemption, expires: "0000-00-00" }] }, all: "Mandatory" },
            /exemptions\[0\]\.resource/, /exemptions\[1\]\.expires/, /"all": enforcementLevel "Mandatory"/);
    });

    it("refuses a list of 100 000 exemptions without judging each: the file is over its size limit, and 501 are over the list's", () => {
        const started = Date.now();
        refused({ "fixture-tagging-bucket": { exemptions: new Array(100_000).fill(exemption) } }, /larger than 4 MiB, the limit for this file/);
        refused({ "fixture-tagging-bucket": { exemptions: new Array(501).fill(exemption) } }, /"fixture-tagging-bucket": exemptions: 501 given; at most 500 per policy/);
        assert.ok(Date.now() - started < 5_000);
    });

    it("refuses a judging day in HIPAA_CLOUD_TODAY that is not a real date", () => {
        process.env[todayVariable] = "2026-13-45";
        refused({}, /HIPAA_CLOUD_TODAY="2026-13-45"/);
    });

    it("states every weakening: disabled or advisory policies (also by `all`), shorter retention, fewer tags, more regions", () => {
        const said = (content: unknown) => weakeningsOf(read(content), rules).map(w => `${w.policy} ${w.by} ${w.setting} ${JSON.stringify(w.value)} ${JSON.stringify(w.default)}`);
        assert.deepEqual(said({}), []);
        assert.deepEqual(said({ all: { enforcementLevel: "disabled" } }), [
            'fixture-tagging-bucket all enforcementLevel "disabled" "mandatory"',
            'fixture-residency-bucket all enforcementLevel "disabled" "advisory"',
            'fixture-enc-rest-cmk-key-present all enforcementLevel "disabled" "mandatory"']);
        assert.deepEqual(said({ all: "advisory", "fixture-enc-rest-cmk-key-present": "mandatory" }), ['fixture-tagging-bucket all enforcementLevel "advisory" "mandatory"']);
        assert.deepEqual(said({ all: "mandatory", "fixture-residency-bucket": "advisory" }), [], "the pack's own levels, or stronger, weaken nothing");
        // 1e3 in the file is the number 1000.
        assert.deepEqual(said('{"fixture-tagging-bucket": {"minimumRetentionDays": 1e3, "requiredTags": [], "allowedRegions": ["us-east-1", "*"]}}').map(l => l.split(" ").slice(0, 4).join(" ")), [
            "fixture-tagging-bucket fixture-tagging-bucket minimumRetentionDays 1000",
            "fixture-tagging-bucket fixture-tagging-bucket requiredTags []",
            'fixture-tagging-bucket fixture-tagging-bucket allowedRegions ["us-east-1","*"]']);
        assert.deepEqual(said({ "fixture-tagging-bucket": { minimumRetentionDays: 3000, requiredTags: ["tenant", "data-classification", "owner"], allowedRegions: ["us-east-1"] } }), [],
            "stricter settings weaken nothing");
        assert.deepEqual(said({ "fixture-tagging-bucket": { requiredTags: ["Tenant", "data-classification"] } }).length, 1, "tag keys are exact");
        const [w] = weakeningsOf(read({ "fixture-tagging-bucket": "disabled" }), rules);
        assert.match(w.message, /fixture-tagging-bucket is disabled \(the pack's level: mandatory\): it is not run/);
    });

    it("lists an exemption that matched no finding as unused", () => {
        const resources: PolicyResource[] = ["bucket-0", "bucket-1"].map(name => ({
            type: "aws:s3/bucket:Bucket", name, urn: `urn:pulumi:s::p::aws:s3/bucket:Bucket::${name}`, props: { tags: {} }, opts: {},
        }));
        const pc = read({ "fixture-tagging-bucket": { exemptions: [exemption, { ...exemption, resource: "bucket-9*" }] } });
        const { exemptions, findings } = evaluateResources(rules, resources, pc);
        assert.deepEqual(exemptions.map(e => [e.resource, e.status, e.exempted, e.matched, e.unused]), [["bucket-0", "holds", 1, 1, false], ["bucket-9*", "holds", 0, 0, true]]);
        assert.equal(findings.filter(f => f.exempted).length, 1);
    });
});
