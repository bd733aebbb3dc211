// Provider functions the checker cannot answer offline (test/fixtures/program-unanswered-invokes): their
// results' fields are answered unknown (checker/invoke-results.ts), so a setting copied from one is judged
// unknown, not unset; no report calls such a run an unqualified PASS; --strict fails it with a finding per
// function naming its token.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type * as sarif from "sarif";
import { judge, loadRules } from "../../checker/check";
import { emptyPolicyConfig } from "../../checker/evaluate";
import { mergeReports } from "../../checker/merge";
import type { RecordedResource } from "../../checker/registration";
import { render } from "../../checker/report";
import { CheckReport, policyInfo } from "../../checker/report/model";
import type { Target } from "../../checker/target";
import { strictPolicy } from "../../policies/lib/coverage";
import { CliResult, fixtures, spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

const program = path.join(fixtures, "program-unanswered-invokes");
const unanswered = ["aws:rds/getInstance:getInstance", "azure-native:storage:getStorageAccount", "gcp:compute/getSubnetwork:getSubnetwork"];

describe("checker: provider functions it cannot answer", function () {
    this.timeout(spawnTimeout);
    let json: CliResult, strict: CliResult, strictJson: CliResult;
    before(async () => {
        json = await checkInProcess(["check", "--program", program, "--format", "json"]);
        strict = await checkInProcess(["check", "--program", program, "--strict"]);
        strictJson = await checkInProcess(["check", "--program", program, "--strict", "--format", "json"]);
    });

    it("lists each function the program called that no table answers", () => {
        assert.deepEqual([...JSON.parse(json.stdout).unknownInvokes].sort(), unanswered);
    });

    // Each setting the program copied from an unanswered function: answered absent it read as unset, which
    // these rules take for the safe default, and each said compliant. Unknown is the truth offline.
    const copied: [string, string, string][] = [
        ["copy", "aws-public-access-rds-database", "publiclyAccessible"], // await rds.getInstance(...)
        ["replica", "aws-public-access-rds-database", "publiclyAccessible"], // rds.getInstanceOutput(...)
        ["phi", "azure-public-access-storage-account", "allowBlobPublicAccess"], // storage.getStorageAccountOutput(...)
        ["db", "gcp-network-private-firewall", "sourceRanges"], // await compute.getSubnetwork(...)
    ];
    for (const [name, policy, property] of copied) {
        it(`${policy} on "${name}" (${property} from an unanswered function) is unknown, a finding the user sees, never compliant`, () => {
            const report = JSON.parse(json.stdout);
            const outcome = report.outcomes.find((o: any) => o.name === name && policy in o.policies).policies[policy];
            assert.equal(outcome.outcome, "unknown");
            const finding = report.findings.find((f: any) => f.name === name && f.policy === policy);
            assert.ok(finding && finding.unknown && !finding.exempted, JSON.stringify(finding));
            assert.match(finding.message, new RegExp(property));
        });
    }

    it("a resource created only inside an .apply on an unanswered result is not seen, and the report says such resources are not seen", () => {
        const report = JSON.parse(json.stdout);
        assert.ok(!report.resources.some((r: any) => r.name === "hidden"), "an apply on an unknown value does not run at preview");
        assert.ok(report.resources.some((r: any) => r.name === "replica"));
        assert.match(strict.stdout, /^Unanswered provider functions: values from 3 provider functions .* and a resource the program creates only inside an \.apply on them was not seen; --strict: /m);
    });

    it("--strict: exit 1, a mandatory finding of the stack per function, naming its token", () => {
        assert.equal(strict.code, 1, strict.stderr);
        const findings = JSON.parse(strictJson.stdout).findings.filter((f: any) => f.policy === strictPolicy && f.urn === null);
        assert.deepEqual(findings.map((f: any) => f.message.match(/provider function (\S+) /)?.[1]).sort(), unanswered);
        for (const f of findings) {
            assert.equal(f.enforcement, "mandatory");
            assert.match(f.message, /values derived from it were guessed/);
        }
        assert.equal((strict.stdout.match(/^ {12}UNANSWERED FUNCTION \(--strict\): provider function /gm) ?? []).length, 3, strict.stdout);
    });
});

describe("checker: the verdict of a run on guessed values (judge, in-process)", () => {
    const rules = loadRules(undefined);
    const target = { project: { name: "inv", main: "index.ts" }, stack: "dev", stackFile: null, config: { values: { "aws:region": "us-east-1" } } } as unknown as Target;
    const tags = { tenant: "t", "data-classification": "phi" };
    // A key the pack judges compliant on every policy: the verdict hangs on the unanswered function alone.
    const key: RecordedResource = {
        urn: "urn:pulumi:dev::inv::aws:kms/key:Key::key", type: "aws:kms/key:Key", name: "key", custom: true, remote: false, parent: null, protect: true,
        inputs: { enableKeyRotation: true, deletionWindowInDays: 30, tags }, secrets: [], dependencies: [], propertyDependencies: {}, provider: null, retainOnDelete: false, aliases: 0,
    };
    const run = (unknownInvokes: string[], strict: boolean) => judge(target, { resources: [key], unknownInvokes, log: [] }, rules, emptyPolicyConfig, true, strict);
    const renderAs = (format: "text" | "markdown" | "json" | "junit" | "sarif", report: CheckReport) =>
        render(format, { reports: [report], errors: [], allStacks: false, policies: rules.map(policyInfo) });

    it("without an unanswered function the run is a plain PASS (the baseline the tests below differ from)", () => {
        const report = run([], false);
        assert.equal(report.summary.mandatory, 0);
        assert.match(renderAs("markdown", report), /^## hipaa-cloud check: dev ✅/m);
        assert.match(renderAs("text", report).trimEnd().split("\n").pop()!, /PASS \(no mandatory finding\) — all 1 cloud resource judged$/);
    });

    it("with one, text and Markdown qualify the PASS by naming the function", () => {
        const report = run(["aws:ec2/getInstance:getInstance"], false);
        assert.equal(report.summary.mandatory, 0);
        const markdown = renderAs("markdown", report);
        assert.ok(!markdown.includes("✅"), markdown);
        assert.match(markdown, /❔ no mandatory finding; .*guessed \(aws:ec2\/getInstance:getInstance\)/);
        assert.match(renderAs("text", report).trimEnd().split("\n").pop()!, /PASS \(no mandatory finding\) — all 1 cloud resource judged; values from 1 provider function the checker cannot answer were guessed \(aws:ec2\/getInstance:getInstance\), and a resource the program creates only inside an \.apply on them was not seen$/);
    });

    it("--strict: the function alone makes it a FAIL, and the JSON report merges back (merge.ts counts the finding)", () => {
        const report = run(["aws:ec2/getInstance:getInstance"], true);
        assert.equal(report.summary.mandatory, 1);
        assert.match(renderAs("text", report).trimEnd().split("\n").pop()!, /FAIL/);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "invokes-")), "fleet.json");
        fs.writeFileSync(file, render("json", { reports: [report], errors: [], allStacks: true, policies: rules.map(policyInfo) }));
        assert.equal(mergeReports([file], rules.map(policyInfo), undefined).reports[0].summary.mandatory, 1);
    });

    it("junit and sarif: a skipped case and a warning per function, never an all-passed suite; under --strict a failure and an error", () => {
        const junitOf = (report: CheckReport) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(renderAs("junit", report)).testsuites.testsuite;
        const sarifOf = (report: CheckReport) => (JSON.parse(renderAs("sarif", report)) as sarif.Log).runs[0].invocations![0].toolExecutionNotifications!;
        const plain = run(["aws:ec2/getInstance:getInstance"], false);
        const cases = [junitOf(plain).testcase].flat();
        const unansweredCase = cases.find((c: any) => c.name === "aws:ec2/getInstance:getInstance");
        assert.ok(unansweredCase && unansweredCase.skipped !== undefined, JSON.stringify(cases));
        assert.deepEqual(sarifOf(plain).map(n => [n.level, n.properties?.token]), [["warning", "aws:ec2/getInstance:getInstance"]]);
        const strict = run(["aws:ec2/getInstance:getInstance"], true);
        assert.equal(Number(junitOf(strict).failures), 1);
        assert.deepEqual(sarifOf(strict).map(n => n.level), ["error"]);
        assert.equal(Number(junitOf(run([], false)).skipped), 0, "the baseline skips nothing");
    });

    it("fleet: a passing stack's row says how many functions were unanswered beside its ✅ pass", () => {
        const input = (report: CheckReport) => ({ reports: [report], errors: [], allStacks: true, policies: rules.map(policyInfo) });
        const row = (report: CheckReport) => render("markdown", input(report)).split("\n").find(l => l.startsWith("| dev"))!;
        assert.match(row(run(["aws:ec2/getInstance:getInstance"], false)), /^\| dev \| ✅ pass ⚠️ 1 unanswered function \|/);
        assert.match(row(run([], false)), /^\| dev \| ✅ pass \|/);
        assert.equal(JSON.parse(render("json", input(run(["aws:ec2/getInstance:getInstance"], false)))).fleet.stacks[0].unansweredFunctions, 1);
    });

    it("all stacks: the summary counts a pass on guessed values apart, in JSON, text and Markdown", () => {
        const input = (report: CheckReport) => ({ reports: [report], errors: [], allStacks: true, policies: rules.map(policyInfo) });
        const guessed = input(run(["aws:ec2/getInstance:getInstance"], false));
        assert.equal(JSON.parse(render("json", guessed)).summary.passedQualified, 1);
        assert.match(render("text", guessed), /All stacks: 1 checked, 1 passed \(1 of them with cloud resources not judged or values guessed\),/);
        assert.match(render("markdown", guessed), /^1 passed \(1 of them with cloud resources not judged or values guessed\),/m);
        const plain = input(run([], false));
        assert.equal(JSON.parse(render("json", plain)).summary.passedQualified, 0);
        assert.match(render("text", plain), /All stacks: 1 checked, 1 passed, /);
    });
});
