// Every report format, parsed back: the JSON shape of DESIGN.md, SARIF 2.1.0's structure, JUnit XML,
// Markdown's matrix, Mermaid's header, and the text report's grouping. One stack with mandatory,
// advisory and stack findings (program-basic, stack "untagged"), rendered in each format.
import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import type * as sarif from "sarif";
import { checkFixture, CliResult, spawnTimeout } from "./helpers";

const formats = ["text", "json", "markdown", "sarif", "junit", "mermaid"] as const;

describe("checker report formats", function () {
    this.timeout(spawnTimeout);
    const out = {} as Record<typeof formats[number], CliResult>;
    before(async () => {
        const results = await Promise.all(formats.map(f => checkFixture("program-basic", "--stack", "untagged", "--format", f)));
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
        // 2 buckets × 2 bucket policies + 1 stack policy.
        assert.equal(cases.length, 5);
        const failed = cases.filter((c: any) => c.failure !== undefined);
        assert.deepEqual(failed.map((c: any) => c.classname).sort(), ["fixture-enc-rest-cmk-key-present", "fixture-tagging-bucket", "fixture-tagging-bucket"]);
        assert.equal(Number(suite.failures), 3);
    });

    it("markdown has a control × resource matrix and the controls' citations", () => {
        const md = out.markdown.stdout;
        assert.match(md, /^## hipaa-cloud check: untagged ❌/m);
        assert.match(md, /^\| resource \| TAGGING \| RESIDENCY \| ENC-REST-CMK \|$/m);
        assert.match(md, /^\| `bucket-0` \(aws:s3\/bucket:Bucket\) \| ❌ \| ⚠️ \| ✅ \|$/m);
        assert.match(md, /^\| TAGGING \| 45 CFR 164\.310\(d\)\(2\)\(iii\) \|/m);
    });

    it("mermaid is a flowchart with the resources as nodes and findings marked", () => {
        const lines = out.mermaid.stdout.split("\n");
        assert.match(lines[0], /^flowchart (LR|TD)$/);
        assert.ok(lines.some(l => /r\d+\["bucket-0<br\/>/.test(l)));
        assert.ok(lines.some(l => /^\s*class r\d+ mandatory$/.test(l)));
    });

    it("text groups findings by control and ends with the summary", () => {
        const text = out.text.stdout;
        const tagging = text.indexOf("TAGGING - ");
        const residency = text.indexOf("RESIDENCY - ");
        assert.ok(tagging > 0 && residency > tagging, text);
        assert.match(text, /MANDATORY fixture-tagging-bucket {2}aws:s3\/bucket:Bucket "bucket-0"/);
        assert.match(text.trimEnd().split("\n").pop()!, /^Summary: \d+ resources, 3 mandatory, 2 advisory, 0 exempted: FAIL/);
    });
});
