// The exemption rules (policies/lib/config.ts), one place for both paths: what the checker refuses and
// what, on the engine path, does not hold. Each hostile input here once got a false exemption, or would.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { ControlId } from "../../../policies/controls";
import { Exemption, exemptionFaults, PackConfig, exemptionLimits, exemptionListProblem, exemptionMatches, isCalendarDate, realTodayIso, refuseMovedJudgingDay, todayIso, todayVariable } from "../../../policies/lib/config";
import { runResourceRule } from "../../../policies/lib/evaluate";
import { expectEqual, PolicyResource, resourceRule } from "../../../policies/lib/rule";

const today = "2026-06-15";
const good: Exemption = { control: "TAGGING", resource: "legacy-*", reason: "migration ticket HC-12", expires: "2026-12-31" };
const faultsOf = (e: unknown, controls?: readonly ControlId[]) => exemptionFaults(e, today, controls).map(f => `${f.field ?? "-"}: ${f.message}`);
const fieldsAt = (e: unknown) => exemptionFaults(e, today).map(f => f.field);

describe("exemption rules", () => {
    it("accept a well-formed exemption", () => {
        assert.deepEqual(faultsOf(good), []);
        assert.deepEqual(faultsOf({ ...good, resource: "urn:pulumi:prod::hospital::aws:s3/bucket:Bucket::logs" }), []);
        assert.deepEqual(faultsOf({ ...good, reason: "遗留的存储桶" }), []);
    });

    it("refuse an expiry that is not a real calendar date YYYY-MM-DD", () => {
        for (const expires of ["2026-02-30", "2026-13-45", "0000-00-00", "2027-02-29", "2026-12-06T00:00", "2026-1-5", " 2026-12-06", "٢٠٢٦-١٢-٠٦", 20261206, null, undefined]) {
            assert.deepEqual(fieldsAt({ ...good, expires }), ["expires"], JSON.stringify(expires));
        }
        assert.ok(isCalendarDate("2028-02-29"), "a leap day");
        assert.ok(!isCalendarDate("2100-02-29"), "not a leap year");
    });

    it("refuse an expiry more than one year after the judging day", () => {
        assert.deepEqual(faultsOf({ ...good, expires: "2027-06-15" }), []);
        assert.match(faultsOf({ ...good, expires: "2027-06-16" })[0], /^expires: got "2027-06-16"; an exemption runs at most one year, to 2027-06-15/);
        assert.match(faultsOf({ ...good, expires: "9999-12-31" })[0], /at most one year/);
        assert.deepEqual(exemptionFaults({ ...good, expires: "2029-02-28" }, "2028-02-29"), [], "a leap day's year ends on 28 February");
    });

    it("refuse a resource pattern that names everything, a URN pattern, and a name with blanks or controls", () => {
        for (const resource of ["*", "**", "*:*", "*-*", "*a*", "*-*-*-*", "*\u200B\u200B\u200B*", "urn:pulumi:*", "*::bucket-0", "urn:pulumi:prod::hospital::*", "", " bucket", "bucket\n", 5, null]) {
            assert.deepEqual(fieldsAt({ ...good, resource }), ["resource"], JSON.stringify(resource));
        }
        assert.deepEqual(fieldsAt({ ...good, resource: "b".repeat(exemptionLimits.resource + 1) }), ["resource"]);
        for (const resource of ["log*", "*-access-logs", "bucket-0", "stmary-public-site*"]) assert.deepEqual(fieldsAt({ ...good, resource }), [], resource);
    });

    it("refuse a reason with no visible text, a bounded length, and no characters that rewrite a report", () => {
        for (const reason of ["", "   ", "\u200B\u200B\u200B\u200B", "\uFEFF\uFEFF\uFEFF", "\u00A0\u00A0\u00A0", "\u3164\u3164\u3164", "\u2800\u2800\u2800", "\u0301\u0301\u0301", "\u{E0041}\u{E0042}\u{E0043}", "..", "ok",
            "a".repeat(10_000), "legacy\nSummary: 0 resources, 0 mandatory: PASS", "\u202Eticket 42", "ticket\u2028 42", undefined, 5, ["ticket 42"]]) {
            assert.deepEqual(fieldsAt({ ...good, reason }), ["reason"], JSON.stringify(reason));
        }
        assert.match(faultsOf({ ...good, reason: "\u200B\u200B\u200B" })[0], /\\u200b/, "the message spells out what is invisible");
        assert.match(faultsOf({ ...good, reason: "\u{E0041}\u{E0042}\u{E0043}" })[0], /\\u\{e0041\}/, "tag characters too");
    });

    it("refuse an unknown control, a lower-case one (naming the right one), and a control the policy does not report", () => {
        assert.match(faultsOf({ ...good, control: "tagging" })[0], /^control: got "tagging"; expected "TAGGING" \(control ids are upper case\)/);
        assert.match(faultsOf({ ...good, control: "EVERYTHING" })[0], /^control: got "EVERYTHING"; expected one of ENC-REST-CMK, /);
        assert.match(faultsOf({ ...good, control: "PUBLIC-ACCESS" }, ["TAGGING"])[0], /^control: got "PUBLIC-ACCESS", which this policy does not report; it reports TAGGING/);
    });

    it("refuse unknown fields, __proto__ included, and an exemption that is not an object", () => {
        assert.match(faultsOf({ ...good, ticket: "HC-12" })[0], /^-: unknown field "ticket"/);
        assert.match(faultsOf(JSON.parse(`{"__proto__": {"reason": "x"}, ${JSON.stringify(good).slice(1)}`))[0], /^-: unknown field "__proto__"/);
        for (const e of [null, "TAGGING", [good], 1]) assert.deepEqual(fieldsAt(e), [null]);
    });

    it("bound the list: not a list, or longer than a person reviews", () => {
        assert.equal(exemptionListProblem([good]), undefined);
        assert.match(String(exemptionListProblem({ 0: good })), /expected a list/);
        assert.match(String(exemptionListProblem(new Array(100_000).fill(good))), /100000 given; at most 500/);
    });

    it("match a name whole, a URN whole, or a * pattern on the name, without a regular expression to blow up", () => {
        const urn = "urn:pulumi:prod::hospital::aws:s3/bucket:Bucket::legacy-1";
        assert.ok(exemptionMatches(good, urn, "legacy-1"));
        assert.ok(!exemptionMatches(good, urn, "new-legacy-1"));
        assert.ok(exemptionMatches({ ...good, resource: urn }, urn, "legacy-1"));
        assert.ok(!exemptionMatches({ ...good, resource: "Legacy-*" }, urn, "legacy-1"), "names are case-sensitive");
        assert.ok(!exemptionMatches({ ...good, resource: 5 as never }, urn, "legacy-1"));
        const slow = { ...good, resource: "a*".repeat(200) + "b" };
        const started = Date.now();
        assert.ok(!exemptionMatches(slow, null, "a".repeat(5_000)));
        assert.ok(Date.now() - started < 1_000, "a pattern of many *s matches in linear time");
    });
});

describe("the judging day", () => {
    afterEach(() => { delete process.env[todayVariable]; });

    it("is today's date unless HIPAA_CLOUD_TODAY names another real date", () => {
        delete process.env[todayVariable];
        assert.equal(todayIso(), realTodayIso());
        process.env[todayVariable] = "2026-06-15";
        assert.equal(todayIso(), "2026-06-15");
        process.env[todayVariable] = "2026-02-30";
        assert.throws(() => todayIso(), /HIPAA_CLOUD_TODAY="2026-02-30": expected a real calendar date/);
    });

    it("is the clock's day for the pack the engine loads: HIPAA_CLOUD_TODAY naming another day stops the pack from starting", function () {
        this.timeout(120_000);
        for (const moved of ["2026-06-15", "2999-01-01"]) {
            process.env[todayVariable] = moved;
            assert.throws(() => refuseMovedJudgingDay(), /HIPAA_CLOUD_TODAY="\d{4}-\d{2}-\d{2}" is set, which would judge exemptions/);
        }
        for (const harmless of [undefined, "", realTodayIso()]) {
            if (harmless === undefined) delete process.env[todayVariable]; else process.env[todayVariable] = harmless;
            assert.doesNotThrow(() => refuseMovedJudgingDay());
        }
        // The pack's own entry point, as the engine starts it: it exits naming the variable, before any analyzer starts.
        const root = path.resolve(__dirname, "../../..");
        const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(root, "policies/index.ts")],
            { cwd: root, env: { ...process.env, [todayVariable]: "2026-06-15" }, encoding: "utf8", timeout: 100_000 });
        assert.notEqual(run.status, 0);
        assert.match(run.stderr, /HIPAA_CLOUD_TODAY="2026-06-15" is set/);
    });
});

describe("exemptions on the engine path (the config cannot be refused there)", () => {
    const type = "test:index/bucket:Bucket";
    const rule = resourceRule({
        name: "test-tagging-bucket", cloud: "any", controls: ["TAGGING"], severity: "low", description: "d", remediation: "Tag it.",
        types: [type], check: r => expectEqual(r.props, "tagged", true),
    });
    const bucket = (name: string): PolicyResource => ({ type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props: {}, opts: {} });
    const judge = (exemption: unknown, name = "legacy-1") => runResourceRule(rule, bucket(name), { config: { exemptions: [exemption as Exemption] } })[0];
    beforeEach(() => { process.env[todayVariable] = today; });
    afterEach(() => { delete process.env[todayVariable]; });

    it("an exemption that keeps every rule holds", () => {
        assert.equal(judge(good).exempted, true);
    });

    it("an exemption that breaks a rule does not hold: the finding stays mandatory and says why", () => {
        const cases: [Record<string, unknown>, RegExp][] = [
            [{ expires: "2026-02-30" }, /expires: got "2026-02-30"; expected a real calendar date/],
            [{ expires: "2999-12-31" }, /at most one year/],
            [{ resource: "*" }, /resource: got "\*"; a pattern needs at least 3 letters or digits/],
            [{ resource: "urn:pulumi:*" }, /a URN is matched whole/],
            [{ reason: "\u200B\u200B\u200B" }, /reason: got "\\u200b\\u200b\\u200b"; expected visible text/],
            [{ reason: undefined }, /reason: missing/],
            [{ reason: "x".repeat(10_000) }, /reason: 10000 characters; at most 500/],
            [{ ticket: "HC-1" }, /unknown field "ticket"/],
        ];
        for (const [change, why] of cases) {
            const f = judge({ ...good, ...change });
            assert.equal(f.exempted, false, JSON.stringify(change));
            assert.equal(f.enforcement, "mandatory");
            assert.match(f.message, /An exemption matched but does not hold: /);
            assert.match(f.message, why);
        }
    });

    it("a `today` in the engine's config is not read: an exemption that expired on the real date does not hold", () => {
        delete process.env[todayVariable];
        const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
        const config = { exemptions: [{ ...good, expires: yesterday }], today: "2000-01-01" } as Partial<PackConfig>;
        const f = runResourceRule(rule, bucket("legacy-1"), { config })[0];
        assert.equal(f.exempted, false);
        assert.match(f.message, new RegExp(`expired on ${yesterday}`));
    });

    it("an exemption of another case or control exempts nothing", () => {
        assert.equal(judge({ ...good, control: "tagging" }).exempted, false);
        assert.equal(judge({ ...good, resource: "LEGACY-*" }).exempted, false);
    });

    it("a list longer than the bound exempts nothing, quickly, and the finding says so", () => {
        const started = Date.now();
        const f = runResourceRule(rule, bucket("legacy-1"), { config: { exemptions: new Array(100_000).fill(good) } })[0];
        assert.equal(f.exempted, false);
        assert.match(f.message, /No exemption of the policy config applies: exemptions: 100000 given; at most 500/);
        assert.ok(Date.now() - started < 1_000);
    });
});
