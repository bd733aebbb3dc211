// The command line's contract: exit 0 (no mandatory finding), 1 (mandatory findings), 2 (usage,
// config or program error, with a message that names the key or file); policy config overrides and
// exemptions; `policies`. The exit statuses, the arguments, the timeout and the pipe are the spawned
// command line's; what a report says is checked in-process (test/checker/in-process.ts).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkFixture, CliResult, fixtureRules, fixtures, root, runCli, spawnTimeout, tempDir } from "./helpers";
import { checkFixtureInProcess, checkInProcess } from "./in-process";

/** A day `days` after today (UTC), YYYY-MM-DD: exemptions run at most a year from the real date. */
function inDays(days: number): string {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function json(r: CliResult): any {
    assert.ok(r.stdout, `no report on stdout; stderr: ${r.stderr}`);
    return JSON.parse(r.stdout);
}

describe("checker command line", function () {
    this.timeout(spawnTimeout);
    const dir = tempDir("cli");
    const policyConfig = (name: string, content: unknown) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, JSON.stringify(content));
        return file;
    };

    it("exits 0 when no finding is mandatory", async () => {
        const r = await checkFixture("program-basic", "--format", "json");
        assert.equal(r.code, 0, r.stderr);
        assert.equal(json(r).summary.mandatory, 0);
    });

    it("exits 1 when a finding is mandatory", async () => {
        const r = await checkFixture("program-basic", "--stack", "untagged");
        assert.equal(r.code, 1, r.stderr);
    });

    it("exits 2 and names the key when a stack file misspells a hospital key", async () => {
        const r = await runCli(["check", "--config-file", path.join(fixtures, "stacks/Pulumi.badkey.yaml")]);
        assert.equal(r.code, 2);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /Pulumi\.badkey\.yaml/);
        assert.match(r.stderr, /hospital:tennant: got "stmary"; expected no such key/);
        assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
    });

    it("exits 2 and names the key when a stack file has a malformed key", async () => {
        const r = await checkInProcess(["check", "--config-file", path.join(fixtures, "stacks/Pulumi.badsyntax.yaml")]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /config key "hospital:a:b:c" is not valid/);
    });

    it("exits 2 with the file and line of a syntax error in the program", async () => {
        const r = await checkFixtureInProcess("program-syntax-error");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /program-syntax-error\/index\.ts:5:\d+: syntax error: /);
    });

    it("exits 2 naming the config key a program cannot read", async () => {
        const r = await checkFixtureInProcess("program-basic", "--stack", "broken");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /Pulumi\.broken\.yaml: .*Configuration 'fixture:bucketCount' value 'many' is not a valid number/);
    });

    it("exits 2 instead of hanging when a program never finishes", async () => {
        const r = await checkFixture("program-hang", "--timeout", "3");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /program-hang\/index\.ts: the program did not finish within 3 s/);
    });

    it("exits 2 on an unknown argument, an unknown format, a missing stack and a missing target", async () => {
        const [arg, format, stack, none] = await Promise.all([
            runCli(["check", "--stack", "demo", "--colour"]),
            runCli(["check", "--stack", "demo", "--format", "yaml"]),
            runCli(["check", "--stack", "no-such-hospital"]),
            runCli(["check"]),
        ]);
        for (const r of [arg, format, stack, none]) assert.equal(r.code, 2, r.stderr);
        assert.match(arg.stderr, /unknown argument "--colour"/);
        assert.match(format.stderr, /--format yaml: not a format/);
        assert.match(stack.stderr, /--stack no-such-hospital: no stack file .*Pulumi\.no-such-hospital\.yaml; stacks here: .*demo/);
        assert.match(none.stderr, /say what to check/);
    });

    it("prints usage with --help and exits 0", async () => {
        const r = await runCli(["--help"]);
        assert.equal(r.code, 0);
        assert.match(r.stdout, /hipaa-cloud check \[--stack NAME \| --program DIR\]/);
    });

    it("applies a policy config: an enforcement override turns mandatory findings advisory", async () => {
        const file = policyConfig("advisory.json", { "fixture-tagging-bucket": "advisory", "fixture-enc-rest-cmk-key-present": { enforcementLevel: "disabled" } });
        const r = await checkFixtureInProcess("program-basic", "--stack", "untagged", "--policy-config", file, "--format", "json");
        assert.equal(r.code, 0, r.stderr);
        const report = json(r);
        assert.equal(report.summary.mandatory, 0);
        assert.equal(report.summary.advisory, 4);
        assert.ok(!report.findings.some((f: any) => f.policy === "fixture-enc-rest-cmk-key-present"));
        assert.match(report.policyConfig, /advisory\.json$/);
        // The PASS says what the config took away.
        assert.deepEqual(report.policyConfigWeakened.map((w: any) => [w.policy, w.setting, w.value, w.default]), [
            ["fixture-tagging-bucket", "enforcementLevel", "advisory", "mandatory"], ["fixture-enc-rest-cmk-key-present", "enforcementLevel", "disabled", "mandatory"]]);
        assert.equal(report.exemptionsJudgedOn.setBy, null, "judged on the real date");
    });

    it("states a weakening policy config next to the verdict of a text report", async () => {
        const file = policyConfig("weak-text.json", { all: { enforcementLevel: "disabled" } });
        const r = await checkFixtureInProcess("program-basic", "--stack", "untagged", "--policy-config", file);
        assert.equal(r.code, 0, r.stderr);
        // The last lines: the weakenings, the rules that judged (--rules: not the pack), the verdict.
        const tail = r.stdout.trimEnd().split("\n").slice(-8).join("\n");
        assert.match(tail, /^Policy config weakens the check \(3\):\n {2}- fixture-tagging-bucket is disabled \(the pack's level: mandatory\), by "all": it is not run/m);
        assert.match(tail, /Summary: 3 resources, 0 mandatory, 0 advisory, 0 exempted: PASS \(no mandatory finding\), under a policy config that weakens the check \(3 settings above\) — 2 of 2 cloud resources not judged: aws:s3\/bucket:Bucket ×2$/);
    });

    it("applies `all` to every policy without its own level", async () => {
        const file = policyConfig("all.json", { all: "advisory", "fixture-enc-rest-cmk-key-present": "mandatory" });
        const report = json(await checkFixtureInProcess("program-basic", "--stack", "untagged", "--policy-config", file, "--format", "json"));
        assert.deepEqual(report.findings.filter((f: any) => f.enforcement === "mandatory").map((f: any) => f.policy), ["fixture-enc-rest-cmk-key-present"]);
    });

    it("exempts findings by an exemption that holds, lists it, and turns an expired one into a mandatory finding", async () => {
        const file = policyConfig("exempt.json", {
            "fixture-tagging-bucket": { exemptions: [
                { control: "TAGGING", resource: "bucket-0", reason: "legacy bucket, migration ticket HC-12", expires: inDays(30) },
                { control: "TAGGING", resource: "*bucket-1", reason: "was temporary", expires: "2000-01-01" },
                { control: "TAGGING", resource: "bucket-9", reason: "a bucket long gone", expires: inDays(30) },
            ] },
            "fixture-residency-bucket": "disabled", "fixture-enc-rest-cmk-key-present": "disabled",
        });
        const r = await checkFixtureInProcess("program-basic", "--stack", "untagged", "--policy-config", file, "--format", "json");
        assert.equal(r.code, 1);
        const report = json(r);
        const byName = Object.fromEntries(report.findings.map((f: any) => [f.urn.split("::").pop(), f]));
        assert.equal(byName["bucket-0"].exempted, true);
        assert.match(byName["bucket-0"].reason, new RegExp(`HC-12 \\(until ${inDays(30)}\\)`));
        assert.equal(byName["bucket-1"].exempted, false);
        assert.equal(byName["bucket-1"].enforcement, "mandatory");
        assert.match(byName["bucket-1"].message, /expired on 2000-01-01/);
        assert.equal(report.resources.length, 3);
        assert.deepEqual(report.summary, { resources: 3, mandatory: 1, advisory: 0, exempted: 1 });
        assert.deepEqual(report.exemptions.map((e: any) => [e.resource, e.status, e.exempted, e.unused]),
            [["bucket-0", "holds", 1, false], ["*bucket-1", "does not hold", 0, false], ["bucket-9", "holds", 0, true]]);
    });

    it("counts for each exemption the findings it exempted, when two share a reason and an expiry", async () => {
        const same = { control: "TAGGING", reason: "legacy buckets, ticket HC-12", expires: inDays(30) };
        const file = policyConfig("exempt-twice.json", {
            "fixture-tagging-bucket": { exemptions: [{ ...same, resource: "bucket-0" }, { ...same, resource: "bucket-1" }] },
            "fixture-residency-bucket": "disabled", "fixture-enc-rest-cmk-key-present": "disabled",
        });
        const report = json(await checkFixtureInProcess("program-basic", "--stack", "untagged", "--policy-config", file, "--format", "json"));
        assert.equal(report.summary.exempted, 2);
        assert.deepEqual(report.exemptions.map((e: any) => [e.resource, e.exempted]), [["bucket-0", 1], ["bucket-1", 1]]);
    });

    it("exits 2 naming the policy and property of a bad policy config", async () => {
        const [unknownPolicy, badProperty, badLevel] = await Promise.all([
            checkFixtureInProcess("program-basic", "--policy-config", policyConfig("p1.json", { "no-such-policy": "advisory" })),
            checkFixtureInProcess("program-basic", "--policy-config", policyConfig("p2.json", { "fixture-tagging-bucket": { allowedRegion: ["us-east-1"] } })),
            checkFixtureInProcess("program-basic", "--policy-config", policyConfig("p3.json", { all: "strict" })),
        ]);
        const badReason = await checkFixtureInProcess("program-basic", "--policy-config", policyConfig("p4.json", { "fixture-tagging-bucket": { exemptions: [
            { control: "TAGGING", resource: "bucket-0", reason: 5, expires: inDays(30) }] } }));
        assert.equal(badReason.code, 2, badReason.stderr);
        assert.match(badReason.stderr, /"fixture-tagging-bucket"\.exemptions\[0\]\.reason: got 5; expected text/);
        for (const r of [unknownPolicy, badProperty, badLevel]) assert.equal(r.code, 2, r.stderr);
        assert.match(unknownPolicy.stderr, /"no-such-policy": no policy of that name/);
        assert.match(badProperty.stderr, /"fixture-tagging-bucket": unknown config property "allowedRegion"/);
        assert.match(badLevel.stderr, /"all": enforcementLevel "strict" is not one of advisory, mandatory, remediate, disabled/);
    });

    it("exits 2 naming the key path of an exemption that breaks a rule, a key given twice, and `today` in the file", async () => {
        const dup = path.join(dir, "dup.json");
        fs.writeFileSync(dup, '{"fixture-tagging-bucket": "mandatory", "fixture-tagging-bucket": "disabled"}');
        const [date, twice, today] = await Promise.all([
            checkFixtureInProcess("program-basic", "--policy-config", policyConfig("bad-date.json", { "fixture-tagging-bucket": { exemptions: [
                { control: "TAGGING", resource: "bucket-0", reason: "legacy bucket, ticket HC-12", expires: "2026-02-30" }] } })),
            checkFixtureInProcess("program-basic", "--policy-config", dup),
            checkFixtureInProcess("program-basic", "--policy-config", policyConfig("today.json", { "fixture-tagging-bucket": { today: "2020-01-01" } })),
        ]);
        for (const r of [date, twice, today]) { assert.equal(r.code, 2, r.stderr); assert.equal(r.stdout, ""); }
        assert.match(date.stderr, /--policy-config .*bad-date\.json: "fixture-tagging-bucket"\.exemptions\[0\]\.expires: got "2026-02-30"; expected a real calendar date YYYY-MM-DD/);
        assert.match(twice.stderr, /dup\.json: the key "fixture-tagging-bucket" is given twice/);
        assert.match(today.stderr, /today\.json: "fixture-tagging-bucket": unknown config property "today"/);
    });

    it("states the policy config's weakenings in every stack's report of --all-stacks, whichever process checked it", async () => {
        const file = policyConfig("weak-all.json", { "fixture-enc-rest-cmk-key-present": "disabled" });
        const r = await checkFixtureInProcess("program-basic", "--all-stacks", "--jobs", "1", "--policy-config", file, "--format", "json");
        const out = json(r);
        assert.deepEqual(out.stacks.map((s: any) => s.stack).sort(), ["dev", "untagged"]);
        for (const s of out.stacks) {
            assert.deepEqual(s.policyConfigWeakened.map((w: any) => [w.policy, w.value]), [["fixture-enc-rest-cmk-key-present", "disabled"]], s.stack);
            assert.equal(s.exemptionsJudgedOn.setBy, null);
        }
    });

    it("writes the report to --out instead of standard output", async () => {
        const out = path.join(dir, "nested/report.json");
        const r = await checkFixtureInProcess("program-basic", "--format", "json", "--out", out);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stdout, "");
        assert.equal(JSON.parse(fs.readFileSync(out, "utf8")).tool, "hipaa-cloud");
    });

    it("lists policies as JSON with name, cloud, controls, citation, severity, enforcement and description", async () => {
        const r = await checkInProcess(["policies", "--format", "json", "--rules", fixtureRules]);
        assert.equal(r.code, 0, r.stderr);
        const list = JSON.parse(r.stdout);
        assert.deepEqual(Object.keys(list[0]), ["name", "cloud", "controls", "citation", "severity", "enforcement", "description"]);
        assert.deepEqual(list.map((p: any) => [p.name, p.enforcement]), [
            ["fixture-tagging-bucket", "mandatory"], ["fixture-residency-bucket", "advisory"], ["fixture-enc-rest-cmk-key-present", "mandatory"]]);
    });

    it("hands a reader slower than the process every byte of a report over 64 KiB", () => {
        // The installed command (bin/, running dist/ as `npm ci` builds it) in a shell pipe to a reader that
        // starts late, as `| python -c 'json.load(...)'` does: the pipe holds 64 KiB.
        const bin = path.join(root, "bin/hipaa-cloud.js");
        const stdout = execFileSync("bash", ["-c", `"${process.execPath}" "${bin}" policies --format json | (sleep 1.5; cat)`],
            { cwd: root, encoding: "utf8", maxBuffer: 16 << 20 });
        assert.ok(stdout.length > 65_536, `${stdout.length} bytes: the pipe's buffer is smaller than the report`);
        assert.ok(Array.isArray(JSON.parse(stdout)), "the whole JSON arrived");
    });

    it("lists the real pack's policies as a table", async () => {
        const r = await checkInProcess(["policies"]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^POLICY +CLOUD +CONTROLS +SEVERITY +ENFORCEMENT +CITATION$/m);
        assert.match(r.stdout, /\d+ polic(y|ies)\.\n$/);
    });
});
