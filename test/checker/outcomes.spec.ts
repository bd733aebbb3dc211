// One hook per outcome (checker/report/outcomes.ts): which outcome a policy had on a target is decided
// once, for every format. Reports built by hand (a report may come from a file: `merge`), then one
// check end to end: a part judged with a failing bucket fails in JUnit (it passed, with no finding of
// its own to show, before the formats shared the walk).
import assert from "node:assert/strict";
import * as path from "node:path";
import { XMLParser } from "fast-xml-parser";
import type { CheckReport, ReportFinding, ReportOutcome } from "../../checker/report/model";
import { letOffByRule, OutcomeHooks, visitOutcomes } from "../../checker/report/outcomes";
import { fixtures, spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

const urn = (name: string) => `urn:pulumi:s::p::aws:s3/bucket:Bucket::${name}`;

function finding(policy: string, name: string | null, standing: "mandatory" | "advisory" | "exempted"): ReportFinding {
    return {
        policy, controls: ["ENC-REST-CMK"], citation: "45 CFR 164.312(a)(2)(iv)", enforcement: standing === "advisory" ? "advisory" : "mandatory",
        urn: name === null ? null : urn(name), type: name === null ? null : "aws:s3/bucket:Bucket", message: `${policy} on ${name}`,
        exempted: standing === "exempted", reason: standing === "exempted" ? "ticket 1" : null, severity: "high", name, unknown: false,
    };
}

/** A report of the given outcomes (name → policy → outcome) and findings; only what the walk reads. */
function report(outcomes: Record<string, Record<string, ReportOutcome>>, findings: ReportFinding[], extra: Partial<CheckReport> = {}): CheckReport {
    return {
        outcomes: Object.entries(outcomes).map(([name, policies]) => ({ urn: urn(name), type: "aws:s3/bucket:Bucket", name, judged: true, policies })),
        findings, policyConfigWeakened: [], coverage: { resources: 0, judged: 0, notJudged: 0, byType: {}, notJudgedResources: [] }, strict: false, ...extra,
    } as unknown as CheckReport;
}

/** Which hook each target got: "hook policy name". */
function visited(r: CheckReport): string[] {
    const seen: string[] = [];
    const note = (hook: string) => (j: { policy: string; name: string | null }) => seen.push(`${hook} ${j.policy} ${j.name ?? "stack"}`);
    const hooks: OutcomeHooks = {
        onMandatory: note("mandatory"), onAdvisory: note("advisory"), onExempted: note("exempted"),
        onCompliant: note("compliant"), onNotApplicable: note("not-applicable"),
        onNotJudged: (n, strict) => seen.push(`not-judged ${n.name}${strict ? " strict" : ""}`),
        onDisabled: policy => seen.push(`disabled ${policy}`),
    };
    visitOutcomes(r, hooks);
    return seen;
}

describe("one hook per outcome (report/outcomes.ts)", function () {
    it("each policy on each target gets exactly one hook: the worst standing of its findings, else its outcome", () => {
        const r = report({
            a: { p: { outcome: "violation" }, q: { outcome: "compliant" } },
            b: { p: { outcome: "violation" }, q: { outcome: "not-applicable", reason: "not PHI" } },
        }, [finding("p", "a", "exempted"), finding("p", "a", "mandatory"), finding("p", "b", "advisory"), finding("p", "b", "exempted"), finding("s", null, "mandatory")]);
        assert.deepEqual(visited(r), ["mandatory p a", "compliant q a", "advisory p b", "not-applicable q b", "mandatory s stack"]);
    });

    it("fails closed: an outcome that is not a pass, with no finding to show for it, is mandatory", () => {
        for (const outcome of ["violation", "unknown", "error"] as const) {
            assert.deepEqual(visited(report({ a: { p: { outcome } } }, [])), ["mandatory p a"], outcome);
        }
    });

    it("a part judged with its resources stands as they stand, and fails when they contradict it", () => {
        const part = (...wholes: string[]): ReportOutcome => ({ outcome: "violation", reason: "judged as part of", partOf: wholes.map(urn) });
        const stands = (wholeFindings: ReportFinding[], wholeOutcome: ReportOutcome = { outcome: "violation" }) =>
            visited(report({ whole: { p: wholeOutcome }, block: { p: part("whole") } }, wholeFindings)).find(s => s.endsWith(" block"));
        assert.equal(stands([finding("p", "whole", "mandatory")]), "mandatory p block");
        assert.equal(stands([finding("p", "whole", "advisory")]), "advisory p block");
        // Exempted with its bucket: not a failure of its own.
        assert.equal(stands([finding("p", "whole", "exempted")]), "exempted p block");
        // Its bucket passed, or is not in the report: nothing to stand on, so it fails.
        assert.equal(stands([], { outcome: "compliant" }), "mandatory p block");
        assert.deepEqual(visited(report({ block: { p: part("gone") } }, [])), ["mandatory p block"]);
        // With two wholes, the worst decides.
        assert.equal(visited(report({ a: { p: { outcome: "violation" } }, b: { p: { outcome: "violation" } }, block: { p: part("a", "b") } },
            [finding("p", "a", "exempted"), finding("p", "b", "mandatory")])).at(-1), "mandatory p block");
    });

    it("a finding the rule itself let off is exempted and marked as let off; disabled policies and resources not judged have their own hooks", () => {
        const r = report({ logs: { p: { outcome: "not-applicable", reason: "the access-log bucket" } } }, [finding("p", "logs", "exempted")], {
            policyConfigWeakened: [{ policy: "d", setting: "enforcementLevel", value: "disabled", default: "mandatory", by: "d", message: "d is disabled" }],
            coverage: { resources: 1, judged: 0, notJudged: 1, byType: {}, notJudgedResources: [{ urn: urn("x"), type: "aws:x/y:Z", name: "x", reason: "no rule" }] },
            strict: true,
        } as Partial<CheckReport>);
        assert.deepEqual(visited(r), ["disabled d", "exempted p logs", "not-judged x strict"]);
        let letOff = false;
        visitOutcomes(r, { onExempted: j => { letOff = letOffByRule(j); } });
        assert.equal(letOff, true);
    });

    it("end to end: in JUnit the public access block of a public bucket fails with its bucket, naming it", async function () {
        this.timeout(spawnTimeout);
        const out = await checkInProcess(["check", "--program", path.join(fixtures, "program-analysis-insecure-aws"), "--format", "junit"]);
        assert.equal(out.code, 1, out.stderr);
        const cases = [new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(out.stdout).testsuites.testsuite.testcase].flat();
        const block = cases.find((c: { classname: string; name: string }) => c.classname === "aws-public-access-s3-bucket" && c.name.endsWith("::images-public"));
        assert.ok(block, "a case for the public access block");
        assert.match(block.failure?.message ?? "", /judged as part of aws:s3\/bucket:Bucket "images"/);
    });
});
