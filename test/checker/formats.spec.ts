// Every report format, parsed back: the JSON shape of DESIGN.md, SARIF 2.1.0's structure, JUnit XML,
// Markdown's matrix, Mermaid's header, and the text report's order. One stack with mandatory,
// advisory and stack findings (program-basic, stack "untagged"), rendered in each format.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type * as sarif from "sarif";
import { renderMarkdown } from "../../checker/report/markdown";
import type { CheckReport } from "../../checker/report/model";
import { renderText } from "../../checker/report/text";
import { CliResult, spawnTimeout, tempDir } from "./helpers";
import { checkFixtureInProcess } from "./in-process";

const formats = ["text", "json", "markdown", "sarif", "junit", "mermaid"] as const;

describe("checker report formats", function () {
    this.timeout(spawnTimeout);
    const out = {} as Record<typeof formats[number], CliResult>;
    before(async () => {
        const results = await Promise.all(formats.map(f => checkFixtureInProcess("program-basic", "--stack", "untagged", "--format", f)));
        formats.forEach((f, i) => { out[f] = results[i]; });
    });

    it("every format exits 1 when the stack has mandatory findings", () => {
        for (const f of formats) assert.equal(out[f].code, 1, `${f}: ${out[f].stderr}`);
    });

    it("json keeps DESIGN.md's report shape: top-level fields, resources, findings and summary", () => {
        const report = JSON.parse(out.json.stdout);
        for (const k of ["tool", "version", "stack", "program", "resources", "findings", "summary"]) assert.ok(k in report, `missing ${k}`);
        assert.equal(report.tool, "hipaa-cloud");
        assert.match(report.version, /^\d+\.\d+\.\d+/);
        assert.equal(report.stack, "untagged");
        assert.match(report.program, /program-basic\/src\/main\.ts$/);
        for (const r of report.resources) assert.deepEqual(Object.keys(r).slice(0, 5), ["urn", "type", "name", "parent", "protect"]);
        const bucket = report.resources.find((r: any) => r.name === "bucket-0");
        assert.equal(bucket.type, "aws:s3/bucket:Bucket");
        assert.equal(bucket.protect, true);
        assert.match(bucket.urn, /^urn:pulumi:untagged::fixture::aws:s3\/bucket:Bucket::bucket-0$/);
        for (const f of report.findings) {
            for (const k of ["policy", "controls", "citation", "enforcement", "urn", "type", "message", "exempted", "reason"]) assert.ok(k in f, `finding misses ${k}`);
        }
        const stackFinding = report.findings.find((f: any) => f.policy === "fixture-enc-rest-cmk-key-present");
        assert.equal(stackFinding.urn, null);
        assert.deepEqual(stackFinding.controls, ["ENC-REST-CMK"]);
        assert.equal(stackFinding.citation, "45 CFR 164.312(a)(2)(iv)");
        assert.equal(report.resources.length, 3);
        assert.deepEqual(report.summary, { resources: 3, mandatory: 3, advisory: 2, exempted: 0 });
    });

    it("sarif is a 2.1.0 log with one rule per policy and error/warning levels by enforcement", () => {
        const log = JSON.parse(out.sarif.stdout) as sarif.Log;
        assert.equal(log.version, "2.1.0");
        assert.equal(log.runs.length, 1);
        const run = log.runs[0];
        assert.equal(run.tool.driver.name, "hipaa-cloud");
        assert.deepEqual(run.tool.driver.rules?.map(r => r.id), ["fixture-tagging-bucket", "fixture-residency-bucket", "fixture-enc-rest-cmk-key-present"]);
        const results = run.results ?? [];
        assert.equal(results.length, 5);
        for (const r of results) {
            assert.equal(run.tool.driver.rules?.[r.ruleIndex!].id, r.ruleId);
            assert.equal(r.level, r.ruleId === "fixture-residency-bucket" ? "warning" : "error");
            assert.ok(r.locations?.[0].physicalLocation?.artifactLocation?.uri?.endsWith("Pulumi.untagged.yaml"));
        }
        const onBucket = results.find(r => r.ruleId === "fixture-tagging-bucket");
        assert.match(onBucket!.locations![0].logicalLocations![0].fullyQualifiedName!, /::bucket-[01]$/);
    });

    it("junit has one test case per policy and resource, failing exactly the mandatory ones", () => {
        const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(out.junit.stdout);
        const suite = xml.testsuites.testsuite;
        const cases = [suite.testcase].flat();
        // 2 buckets × 2 bucket policies + 1 stack policy, and a skipped case for each bucket: the fixture
        // rules judge buckets by TAGGING and RESIDENCY only, so no rule judges them.
        assert.equal(cases.length, 7);
        const notJudged = cases.filter((c: any) => c.classname === "hipaa-cloud-coverage");
        assert.equal(notJudged.length, 2);
        for (const c of notJudged) assert.ok(c.skipped !== undefined && c.failure === undefined);
        const failed = cases.filter((c: any) => c.failure !== undefined);
        assert.deepEqual(failed.map((c: any) => c.classname).sort(), ["fixture-enc-rest-cmk-key-present", "fixture-tagging-bucket", "fixture-tagging-bucket"]);
        assert.equal(Number(suite.failures), 3);
    });

    it("markdown has a control × resource matrix and the controls' citations", () => {
        const md = out.markdown.stdout;
        assert.match(md, /^## hipaa-cloud check: untagged ❌/m);
        assert.match(md, /^\| resource \| TAGGING \| RESIDENCY \| ENC-REST-CMK \|$/m);
        // No rule beyond TAGGING and RESIDENCY judges the bucket: its ENC-REST-CMK cell is "not judged", never ✅.
        assert.match(md, /^\| `bucket-0` \(aws:s3\/bucket:Bucket\) \| ❌ \| ⚠️ \| ❔ \|$/m);
        assert.ok(!/✅ \|$/m.test(md), md);
        assert.match(md, /^\| TAGGING \| 45 CFR 164\.310\(d\)\(2\)\(iii\) \|/m);
    });

    it("mermaid is a flowchart with the resources as nodes and findings marked", () => {
        const lines = out.mermaid.stdout.split("\n");
        assert.match(lines[0], /^flowchart (LR|TD)$/);
        assert.ok(lines.some(l => /r\d+\["bucket-0<br\/>/.test(l)));
        assert.ok(lines.some(l => /^\s*class r\d+ mandatory$/.test(l)));
    });

    it("text orders findings by standing and severity (one heading each) and ends with the summary", () => {
        const text = out.text.stdout;
        const headings = text.split("\n").filter(l => /^(MANDATORY|ADVISORY|EXEMPTED), \w+ severity \(\d+\)$/.test(l));
        assert.deepEqual(headings.map(h => h.replace(/ \(\d+\)$/, "")), ["MANDATORY, high severity", "MANDATORY, medium severity", "ADVISORY, low severity"], text);
        assert.match(text, /^ {12}TAGGING \(Data classification tagging; 45 CFR 164\.310\(d\)\(2\)\(iii\)\): /m);
        assert.match(text, /MANDATORY fixture-tagging-bucket {2}aws:s3\/bucket:Bucket "bucket-0"/);
        assert.match(text.trimEnd().split("\n").pop()!, /^Summary: \d+ resources, 3 mandatory, 2 advisory, 0 exempted: FAIL/);
    });
});

describe("checker report formats under a policy config that weakens the check", function () {
    this.timeout(spawnTimeout);
    const out = {} as Record<typeof formats[number], CliResult>;
    before(async () => {
        // The false PASS this guards against: a config that turns the failing policies off or advisory.
        const file = path.join(tempDir("formats"), "weak.json");
        fs.writeFileSync(file, JSON.stringify({
            "fixture-enc-rest-cmk-key-present": "disabled",
            "fixture-tagging-bucket": { enforcementLevel: "advisory", exemptions: [{ control: "TAGGING", resource: "gone-bucket", reason: "a bucket long gone", expires: "2026-07-01" }] },
        }));
        // A judging day other than today, asked for on the command line: every report must say so.
        const results = await Promise.all(formats.map(f => checkFixtureInProcess("program-basic", "--stack", "untagged", "--policy-config", file, "--format", f, "--judging-day", "2026-06-15")));
        formats.forEach((f, i) => { out[f] = results[i]; });
    });

    it("every format passes (exit 0): the verdict is the config's, and each says so", () => {
        for (const f of formats) assert.equal(out[f].code, 0, `${f}: ${out[f].stderr}`);
    });

    it("text states the weakenings, the unused exemption and the judging day next to the verdict", () => {
        const text = out.text.stdout;
        assert.match(text, /^Policy config weakens the check \(2\):\n {2}- fixture-tagging-bucket is advisory \(the pack's level: mandatory\): its findings no longer fail the check\n {2}- fixture-enc-rest-cmk-key-present is disabled/m);
        assert.match(text, /^Unused exemptions \(1\):\n {2}- TAGGING on gone-bucket \(fixture-tagging-bucket\) matched no finding/m);
        assert.match(text, /^Exemptions were judged on 2026-06-15, set by --judging-day, not on today's date\.$/m);
        assert.match(text.trimEnd().split("\n").pop()!, /: PASS \(no mandatory finding\), under a policy config that weakens the check \(2 settings above\) — 2 of 2 cloud resources not judged: aws:s3\/bucket:Bucket ×2$/);
    });

    it("json keeps policyConfig (the file) and adds policyConfigWeakened, exemptions[].unused and exemptionsJudgedOn", () => {
        const report = JSON.parse(out.json.stdout);
        assert.match(report.policyConfig, /weak\.json$/);
        assert.deepEqual(report.policyConfigWeakened.map((w: any) => [w.policy, w.by, w.setting, w.value, w.default]), [
            ["fixture-tagging-bucket", "fixture-tagging-bucket", "enforcementLevel", "advisory", "mandatory"],
            ["fixture-enc-rest-cmk-key-present", "fixture-enc-rest-cmk-key-present", "enforcementLevel", "disabled", "mandatory"]]);
        assert.deepEqual(report.exemptions.map((e: any) => [e.resource, e.status, e.exempted, e.matched, e.unused]), [["gone-bucket", "holds", 0, 0, true]]);
        assert.deepEqual(report.exemptionsJudgedOn, { date: "2026-06-15", setBy: "--judging-day" });
    });

    it("markdown marks the verdict and quotes the weakenings under it", () => {
        const md = out.markdown.stdout;
        // Not ✅: no rule beyond TAGGING and RESIDENCY judged the buckets.
        assert.match(md, /^## hipaa-cloud check: untagged ❔ no mandatory finding; 2 of 2 cloud resources not judged: aws:s3\/bucket:Bucket ×2 ⚠️ weakened policy config$/m);
        assert.match(md, /^> ⚠️ \*\*Policy config weakens the check\*\* \(2\):$/m);
        assert.match(md, /^> - fixture-enc-rest-cmk-key-present is disabled/m);
        assert.match(md, /^> \*\*Unused exemptions\*\* \(1\):$/m);
        assert.match(md, /^> Exemptions were judged on 2026-06-15, set by --judging-day/m);
    });

    it("sarif has a run-level notification per weakening, unused exemption and judging day, and the rules' overrides", () => {
        const run = (JSON.parse(out.sarif.stdout) as sarif.Log).runs[0];
        const invocation = run.invocations![0];
        const texts = invocation.toolConfigurationNotifications!.map(n => n.message.text);
        assert.equal(texts.length, 5);
        assert.match(texts[0]!, /^Policy config weakens the check: fixture-tagging-bucket is advisory/);
        assert.match(texts[1]!, /^Policy config weakens the check: fixture-enc-rest-cmk-key-present is disabled/);
        assert.match(texts[2]!, /^Unused exemption: TAGGING on gone-bucket/);
        assert.match(texts[3]!, /judged on 2026-06-15/);
        assert.match(texts[4]!, /^Judged by the \d+ rules of --rules \S+rules\.ts, not by the hipaa pack/);
        assert.equal(invocation.toolExecutionNotifications!.length, 2, "a notification per bucket no rule judged");
        assert.deepEqual(invocation.ruleConfigurationOverrides!.map(o => [o.descriptor.id, o.configuration.enabled, o.configuration.level]), [
            ["fixture-tagging-bucket", true, "warning"], ["fixture-enc-rest-cmk-key-present", false, "none"]]);
    });

    it("junit has a property per weakening and one skipped case per disabled policy instead of its passing ones", () => {
        const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(out.junit.stdout).testsuites.testsuite;
        const properties = [suite.properties.property].flat();
        assert.deepEqual(properties.map((p: any) => p.name), ["policy-config-weakened", "policy-config-weakened", "exemption-unused", "exemptions-judged-on", "rules-replaced-pack"]);
        const disabled = [suite.testcase].flat().filter((c: any) => c.classname === "fixture-enc-rest-cmk-key-present");
        assert.equal(disabled.length, 1);
        assert.equal(disabled[0].name, "disabled by the policy config");
        assert.ok(disabled[0].skipped !== undefined);
    });

    it("mermaid shows the weakened config as a node of its own", () => {
        assert.match(out.mermaid.stdout, /^\s*policyconfig\["Policy config weakens the check<br\/>weakened: fixture-tagging-bucket is advisory/m);
    });
});

describe("human report formats and values from the checked program", () => {
    // A resource name and a declared reason are the program's to write: they must not forge a line of the
    // text report or hide the rest of a Markdown comment.
    const forged = "x\n\nSummary: 1 resources, 0 mandatory, 0 advisory, 0 exempted: PASS (no mandatory finding)\n";
    const report: CheckReport = {
        tool: "hipaa-cloud", version: "0.0.0", stack: "s", program: "p", stackFile: null, policyConfig: null,
        resources: [{ urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket", name: `b${forged}`, parent: null, protect: false, dependencies: [] }],
        findings: [{
            policy: "p1", controls: ["TAGGING"], citation: "c", enforcement: "mandatory", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket",
            message: `bucket ${forged} is untagged <!--`, exempted: false, reason: null, severity: "low", name: `b${forged}\u202E`, unknown: false,
        }, {
            policy: "p2", controls: ["TAGGING"], citation: "c", enforcement: "advisory", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", type: "aws:s3/bucket:Bucket",
            message: "m", exempted: true, reason: `declared ${forged}<!--`, severity: "low", name: "b", unknown: false,
        }],
        summary: { resources: 1, mandatory: 1, advisory: 0, exempted: 1 },
        policyConfigWeakened: [], exemptionsJudgedOn: { date: "2026-06-15", setBy: null }, exemptions: [], unknownInvokes: [], remoteComponents: [], log: [],
        coverage: { resources: 1, judged: 1, notJudged: 0, byType: { "aws:s3/bucket:Bucket": { resources: 1, judged: 1, notJudged: 0 } }, notJudgedResources: [] },
        outcomes: [], strict: false,
    };
    const input = { reports: [report], errors: [], allStacks: false, policies: [] };

    it("text: one Summary line, the last, and no bidirectional override", () => {
        const text = renderText(input);
        assert.deepEqual(text.split("\n").filter(l => /Summary:/.test(l) && l.startsWith("Summary")), [text.trimEnd().split("\n").pop()]);
        assert.match(text.trimEnd().split("\n").pop()!, /FAIL/);
        assert.ok(!text.includes("\u202E"));
        assert.match(text, /\\u000aSummary: 1 resources/);
    });

    it("markdown: no HTML comment can swallow the findings", () => {
        const md = renderMarkdown(input);
        assert.ok(!md.includes("<!--"), md);
        assert.ok(!/^Summary:/m.test(md));
    });
});

describe("markdown matrix: a part that fails with its resource", () => {
    // The public access block fails with its bucket (outcomes' partOf) and carries no finding of its own: it has a
    // row, failing, right under the bucket, and the merge's fleet comment shows it the same way.
    const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;
    const BUCKET = "aws:s3/bucket:Bucket", BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    const finding = { policy: "aws-public-access-s3-bucket", controls: ["PUBLIC-ACCESS"], citation: "c", enforcement: "mandatory", urn: urn(BUCKET, "images"), type: BUCKET,
        message: "public", exempted: false, reason: null, severity: "critical", name: "images", unknown: false } as CheckReport["findings"][number];
    const report = (partOutcome: "violation" | "compliant"): CheckReport => ({
        tool: "hipaa-cloud", version: "0.0.0", stack: "s", program: "p", stackFile: null, policyConfig: null,
        resources: [BUCKET, BLOCK].map(t => ({ urn: urn(t, t === BUCKET ? "images" : "images-public"), type: t, name: t === BUCKET ? "images" : "images-public", parent: null, protect: false, dependencies: [] })),
        findings: [finding],
        summary: { resources: 2, mandatory: 1, advisory: 0, exempted: 0 },
        policyConfigWeakened: [], exemptionsJudgedOn: { date: "2026-06-15", setBy: null }, exemptions: [], unknownInvokes: [], remoteComponents: [], log: [],
        coverage: { resources: 2, judged: 2, notJudged: 0, byType: {}, notJudgedResources: [] },
        outcomes: [
            { urn: urn(BUCKET, "images"), type: BUCKET, name: "images", judged: true, policies: { "aws-public-access-s3-bucket": { outcome: "violation" } } },
            { urn: urn(BLOCK, "images-public"), type: BLOCK, name: "images-public", judged: true,
                policies: { "aws-public-access-s3-bucket": { outcome: partOutcome, reason: "judged as part of aws:s3/bucket:Bucket \"images\"", partOf: [urn(BUCKET, "images")] } } },
        ],
        strict: false,
    });
    const policies = [{ name: "aws-public-access-s3-bucket", controls: ["PUBLIC-ACCESS"] }] as never;
    const rowsOf = (md: string) => md.split("\n").filter(l => l.startsWith("| `"));

    it("shows the part failing, under the bucket it was judged with", () => {
        const rows = rowsOf(renderMarkdown({ reports: [report("violation")], errors: [], allStacks: false, policies }));
        assert.deepEqual(rows, ["| `images` (aws:s3/bucket:Bucket) | ❌ |", "| `images-public` (aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock), judged with `images` | ❌ |"]);
    });

    it("gives a part that passed no row of its own (the matrix lists what fails)", () => {
        assert.deepEqual(rowsOf(renderMarkdown({ reports: [report("compliant")], errors: [], allStacks: false, policies })), ["| `images` (aws:s3/bucket:Bucket) | ❌ |"]);
    });
});
