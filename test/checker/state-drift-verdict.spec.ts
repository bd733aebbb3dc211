// withDrift (checker/state-drift.ts): the program's mandatory findings the state lacks are kept, mandatory.
// "Lacks" means the state's verdict does not already count it: a finding of the same policy on the same
// resource that the state has only exempted (a tag on the deployed resource) or advisory does not stand for
// the program's mandatory one.
import assert from "node:assert/strict";
import type { CheckReport, ReportFinding } from "../../checker/report/model";
import { withDrift } from "../../checker/state-drift";

const type = "aws:s3/bucket:Bucket";
const urn = (stack: string) => `urn:pulumi:${stack}::p::${type}::images`;

function finding(stack: string, exempted: boolean): ReportFinding {
    return {
        policy: "aws-public-access-s3-bucket", controls: ["ACCESS-PUBLIC"], citation: "45 CFR 164.312(a)(1)", enforcement: "mandatory",
        urn: urn(stack), type, name: "images", message: "public", exempted, reason: exempted ? "declared on the resource" : null,
        severity: "high", unknown: false,
    } as ReportFinding;
}

/** A report of the one bucket, with its violation outcome and `findings`; only what withDrift reads. */
function report(stack: string, findings: ReportFinding[]): CheckReport {
    return {
        resources: [{ urn: urn(stack), type, name: "images" }],
        coverage: { resources: 1, judged: 1, notJudged: 0, byType: { [type]: 1 }, notJudgedResources: [] },
        outcomes: [{ urn: urn(stack), type, name: "images", judged: true, policies: { "aws-public-access-s3-bucket": { outcome: "violation" } } }],
        findings,
        summary: { mandatory: findings.filter(f => !f.exempted && f.enforcement === "mandatory").length, advisory: 0, exempted: findings.filter(f => f.exempted).length },
    } as unknown as CheckReport;
}

describe("state and program: a finding the state only exempted does not hide the program's mandatory one", () => {
    it("keeps the program's mandatory finding when the state's finding of the same policy and resource is exempted", () => {
        const merged = withDrift(report("dev", [finding("dev", true)]), report("dev", [finding("dev", false)]));
        assert.equal(merged.summary.mandatory, 1, merged.findings.map(f => `${f.exempted} ${f.message}`).join("\n"));
        assert.ok(merged.findings.some(f => !f.exempted && f.message.startsWith("In the program")));
    });

    it("adds nothing when the state already counts the same mandatory finding", () => {
        const merged = withDrift(report("dev", [finding("dev", false)]), report("dev", [finding("dev", false)]));
        assert.equal(merged.summary.mandatory, 1);
        assert.equal(merged.findings.filter(f => f.message.startsWith("In the program")).length, 0);
    });
});
