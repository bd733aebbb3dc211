// Coverage in the checker, in-process: judge() over a ProgramRun-shaped value (no program is spawned),
// and every report format rendered from the result. What no rule judged is named beside the verdict,
// never passed over; --strict makes each such resource a mandatory finding.
import assert from "node:assert/strict";
import * as path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type * as sarif from "sarif";
import { judge, loadRules } from "../../checker/check";
import { emptyPolicyConfig } from "../../checker/evaluate";
import type { RecordedResource } from "../../checker/registration";
import { render } from "../../checker/report";
import { CheckReport, policyInfo, RenderInput } from "../../checker/report/model";
import type { Target } from "../../checker/target";
import { strictPolicy } from "../../policies/lib/coverage";
import { usage } from "../../checker/args";
import { CliResult, fixtures, spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

const rules = loadRules(undefined);
const target = {
    project: { name: "cov", main: "index.ts" }, stack: "dev", stackFile: null,
    config: { values: { "aws:region": "us-east-1" } },
} as unknown as Target;

function recorded(type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<RecordedResource> = {}): RecordedResource {
    return {
        urn: `urn:pulumi:dev::cov::${type}::${name}`, type, name, custom: true, remote: false, parent: null, protect: false, inputs,
        secrets: [], dependencies: [], propertyDependencies: {}, provider: null, retainOnDelete: false, aliases: 0, ...extra,
    };
}

const tags = { tenant: "t", "data-classification": "phi" };
/** A program the pack judges little of: an Azure classic account, a CloudFormation stack (DynamoDB tables are judged since issue 15), a remote component, a dynamic resource, an unread CloudControl type. */
const uncovered: RecordedResource[] = [
    recorded("pulumi:pulumi:Stack", "cov-dev", {}, { custom: false }),
    recorded("pulumi:providers:aws", "default", { region: "us-east-1" }),
    recorded("azure:cosmosdb/account:Account", "classic", { location: "westeurope", publicNetworkAccessEnabled: true }),
    recorded("aws:cloudformation/stack:Stack", "table", { templateBody: "{}", tags }),
    recorded("awsx:ec2:Vpc", "vpc", {}, { custom: false, remote: true }),
    recorded("pulumi-nodejs:dynamic:Resource", "dyn", { __provider: "exports.handler = ..." }),
    recorded("aws:cloudcontrol/resource:Resource", "cc", { typeName: "AWS::DynamoDB::Table", desiredState: "{}" }),
    recorded("my:index:Component", "local", {}, { custom: false }),
];

function run(resources: RecordedResource[], strict = false): CheckReport {
    return judge(target, { resources, unknownInvokes: [], log: [] }, rules, emptyPolicyConfig, true, strict);
}

function renderAll(report: CheckReport): Record<"text" | "json" | "markdown" | "sarif" | "junit", string> {
    const input: RenderInput = { reports: [report], errors: [], allStacks: false, policies: rules.map(policyInfo) };
    return {
        text: render("text", input), json: render("json", input), markdown: render("markdown", input),
        sarif: render("sarif", input), junit: render("junit", input),
    };
}

describe("checker coverage (judge, in-process)", () => {
    const report = run(uncovered);

    it("counts cloud resources only (custom, not providers or pulumi:*; remote components too) and names each one not judged with why", () => {
        assert.equal(report.summary.mandatory, 0);
        assert.deepEqual({ ...report.coverage, byType: undefined, notJudgedResources: undefined },
            { resources: 5, judged: 0, notJudged: 5, byType: undefined, notJudgedResources: undefined });
        const why = Object.fromEntries(report.coverage.notJudgedResources.map(n => [n.name, n.reason]));
        assert.deepEqual(Object.keys(why).sort(), ["cc", "classic", "dyn", "table", "vpc"]);
        assert.match(why.classic, /no rule knows its type/);
        assert.match(why.vpc, /remote component/);
        assert.match(why.dyn, /dynamic-provider/);
        assert.match(why.cc, /not of a kind any rule judges/);
    });

    it("json: keeps every field, adds coverage and per-resource outcomes", () => {
        const json = JSON.parse(renderAll(report).json);
        for (const k of ["tool", "version", "stack", "program", "resources", "findings", "summary", "remoteComponents", "exemptions", "log"]) assert.ok(k in json, k);
        assert.equal(json.coverage.notJudged, 5);
        assert.deepEqual(Object.keys(json.coverage.notJudgedResources[0]), ["urn", "type", "name", "reason"]);
        const table = json.outcomes.find((o: any) => o.name === "table");
        assert.equal(table.judged, false);
        assert.equal(table.policies["aws-tagging-resource"].outcome, "compliant");
        const cc = json.outcomes.find((o: any) => o.name === "cc");
        assert.equal(cc.policies["aws-enc-rest-cmk-healthimaging-datastore"].outcome, "not-applicable");
        assert.equal(cc.policies["aws-enc-rest-cmk-healthimaging-datastore"].otherKind, true);
        assert.equal(json.strict, false);
    });

    it("text and markdown: the PASS says how many were not judged and of which types, never 'every policy passes'", () => {
        const { text, markdown } = renderAll(report);
        const last = text.trimEnd().split("\n").pop()!;
        assert.match(last, /PASS \(no mandatory finding\) — 5 of 5 cloud resources not judged: /);
        assert.match(last, /aws:cloudformation\/stack:Stack/);
        assert.match(text, /Coverage: 5 cloud resources, 0 judged, 5 not judged \(types /);
        assert.ok(!markdown.includes("✅"), markdown);
        assert.ok(!/every policy passes/.test(markdown));
        assert.match(markdown, /5 of 5 cloud resources not judged/);
        assert.match(markdown, /\*\*Not judged\*\* \(5 of 5 cloud resources\)/);
    });

    it("junit: a skipped case per resource not judged, never a pass", () => {
        const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(renderAll(report).junit).testsuites.testsuite;
        const cases = [suite.testcase].flat();
        const notJudged = cases.filter((c: any) => c.classname === "hipaa-cloud-coverage");
        assert.equal(notJudged.length, 5);
        for (const c of notJudged) assert.ok(c.skipped !== undefined, JSON.stringify(c));
        const cc = cases.find((c: any) => c.classname === "aws-enc-rest-cmk-healthimaging-datastore");
        assert.ok(cc.skipped !== undefined, "not applicable is skipped, not passed");
    });

    it("mermaid: each resource not judged is a dashed node that says so", () => {
        const input: RenderInput = { reports: [report], errors: [], allStacks: false, policies: rules.map(policyInfo) };
        const lines = render("mermaid", input).split("\n");
        assert.equal(lines.filter(l => /^\s*class r\d+ notjudged$/.test(l)).length, 5);
        assert.ok(lines.some(l => /r\d+\["classic<br\/><small>azure:cosmosdb\/account:Account<\/small><br\/>not judged"\]/.test(l)));
    });

    it("sarif: a tool execution notification per resource not judged", () => {
        const log = JSON.parse(renderAll(report).sarif) as sarif.Log;
        const notes = log.runs[0].invocations![0].toolExecutionNotifications!;
        assert.equal(notes.length, 5);
        assert.ok(notes.every(n => n.properties?.notJudged === true && /^Not judged: /.test(n.message.text!)));
    });

    it("--strict: each resource not judged is a mandatory finding naming it, its type and why", () => {
        const strict = run(uncovered, true);
        assert.equal(strict.summary.mandatory, 5);
        const f = strict.findings.find(x => x.name === "classic")!;
        assert.equal(f.policy, strictPolicy);
        assert.equal(f.enforcement, "mandatory");
        assert.match(f.message, /azure:cosmosdb\/account:Account "classic" is not judged: no rule knows its type/);
        const { text, junit } = renderAll(strict);
        assert.match(text.trimEnd().split("\n").pop()!, /FAIL/);
        const cases = [new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(junit).testsuites.testsuite.testcase].flat();
        assert.equal(cases.filter((c: any) => c.classname === strictPolicy && c.failure !== undefined).length, 5);
    });

    it("a program of lookups only: 0 resources, and the verdict says nothing was judged", () => {
        const empty = run([recorded("pulumi:pulumi:Stack", "cov-dev", {}, { custom: false })]);
        const { text, markdown } = renderAll(empty);
        assert.match(text.trimEnd().split("\n").pop()!, /PASS \(no mandatory finding\) — no cloud resource was registered: nothing was judged/);
        assert.ok(!/all \d+ cloud resources? judged|every policy passes/.test(text + markdown));
        assert.ok(!markdown.includes("✅"));
    });

    it("markdown: ✅ only in a cell judged compliant; a not-applicable cell and a not-judged row have their own marks", () => {
        const bucket = recorded("aws:s3/bucketV2:BucketV2", "data", { tags });
        const md = renderAll(run([bucket, ...uncovered])).markdown;
        const row = (name: string) => md.split("\n").find(l => l.startsWith(`| \`${name}\``));
        assert.ok(row("data"), md);
        assert.ok(row("classic")!.split("|").slice(2, -1).every(c => c.trim() === "❔"), row("classic"));
        assert.ok(!row("classic")!.includes("✅"));
    });
});

describe("checker coverage over --all-stacks", () => {
    it("text, markdown and json total the stacks' coverage", () => {
        const a = run(uncovered);
        const b = run([recorded("aws:s3/bucketV2:BucketV2", "data", { tags })]);
        const input: RenderInput = { reports: [a, b], errors: [], allStacks: true, policies: rules.map(policyInfo) };
        const total = { cloudResources: a.coverage.resources + b.coverage.resources, judged: a.coverage.judged + b.coverage.judged,
            notJudged: a.coverage.notJudged + b.coverage.notJudged };
        assert.equal(total.notJudged, 5);
        const json = JSON.parse(render("json", input));
        assert.deepEqual({ cloudResources: json.summary.cloudResources, judged: json.summary.judged, notJudged: json.summary.notJudged }, total);
        assert.match(render("text", input), new RegExp(`^All stacks: .*; ${total.cloudResources} cloud resources, ${total.judged} judged, 5 not judged`, "m"));
        assert.match(render("markdown", input), new RegExp(`${total.cloudResources} cloud resources, ${total.judged} judged, 5 not judged`));
    });
});

describe("checker coverage (the command, on a program of unjudged kinds)", function () {
    this.timeout(spawnTimeout);
    const program = path.join(fixtures, "program-coverage");
    let plain: CliResult, strict: CliResult;
    before(async () => {
        [plain, strict] = await Promise.all([
            checkInProcess(["check", "--program", program, "--format", "json"]),
            checkInProcess(["check", "--program", program, "--strict"]),
        ]);
    });

    it("passes, and names each kind the pack does not judge with why", () => {
        assert.equal(plain.code, 0, plain.stderr);
        const report = JSON.parse(plain.stdout);
        const why = Object.fromEntries(report.coverage.notJudgedResources.map((n: any) => [n.type, n.reason]));
        assert.deepEqual(Object.keys(why).sort(), ["aws:cloudcontrol/resource:Resource", "aws:cloudformation/stack:Stack", "aws:s3/bucket:bucket",
            "awsx:ec2:Vpc", "azure:cosmosdb/account:Account", "pulumi-nodejs:dynamic:Resource"]);
        assert.match(why["aws:s3/bucket:bucket"], /aws:s3\/bucket:Bucket, which differs from it in case/);
        assert.match(why["pulumi-nodejs:dynamic:Resource"], /dynamic-provider/);
        assert.equal(report.coverage.judged, 0);
    });

    it("--strict fails (exit 1) with a mandatory finding per resource not judged", () => {
        assert.equal(strict.code, 1, strict.stderr);
        assert.equal((strict.stdout.match(/^ {2}MANDATORY hipaa-cloud-strict-coverage/gm) ?? []).length, 6, strict.stdout);
        assert.equal((strict.stdout.match(/^ {12}NOT JUDGED \(--strict\): /gm) ?? []).length, 6, strict.stdout);
        assert.match(strict.stdout, /Summary: .*6 mandatory.*FAIL/);
    });

    it("--help documents --strict", () => {
        assert.match(usage, /--strict +for CI: every cloud resource no rule judges/);
    });
});
