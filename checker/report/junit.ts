// JUnit XML, for CI test tabs: one test suite per stack, one test case per outcome (policy × resource
// it judged, or the stack). Read from the report's outcomes and findings, never re-derived: a mandatory
// finding fails its case; an exempted one, a not-applicable outcome and a resource no rule judged are
// skipped (with the reason in the output), never passes; a compliant outcome passes; advisory and
// unknown ones pass with the message in their output.
import junit from "junit-report-builder";
import { strictPolicy } from "../../policies/lib/coverage";
import { CheckReport, policyConfigNotes, RenderInput, ReportFinding, standing } from "./model";

/** The class of the cases for resources no rule judged (not a policy of the pack). */
const coverageClass = "hipaa-cloud-coverage";

export function renderJunit(input: RenderInput): string {
    const builder = junit.newBuilder();
    for (const report of input.reports) addSuite(builder, report);
    for (const e of input.errors) builder.testSuite().name(`hipaa-cloud ${e.stack}`).testCase().className(e.stack).name("run the program").error(e.message);
    return builder.build() + "\n";
}

function addSuite(builder: ReturnType<typeof junit.newBuilder>, report: CheckReport): void {
    const suite = builder.testSuite().name(`hipaa-cloud ${report.stack ?? report.program}`);
    // What the policy config took away: a property each, and a skipped case per disabled policy in place
    // of the cases it would have had (a disabled policy's cases would otherwise pass without judging).
    const notes = policyConfigNotes(report);
    for (const m of notes.weakened) suite.property("policy-config-weakened", m);
    for (const m of notes.unusedExemptions) suite.property("exemption-unused", m);
    if (notes.judgingDay) suite.property("exemptions-judged-on", notes.judgingDay);
    if (notes.rules) suite.property("rules-replaced-pack", notes.rules);
    const disabled = new Map((report.policyConfigWeakened ?? []).filter(w => w.setting === "enforcementLevel" && w.value === "disabled").map(w => [w.policy, w.message]));
    for (const [policy, message] of disabled) suite.testCase().className(policy).name("disabled by the policy config").skipped().standardOutput(message);
    const cases = new Map<string, { policy: string; target: string; findings: ReportFinding[]; skipped?: string }>();
    const add = (policy: string, target: string) => {
        const key = `${policy}\u0000${target}`;
        if (!cases.has(key)) cases.set(key, { policy, target, findings: [] });
        return cases.get(key)!;
    };
    for (const o of report.outcomes ?? []) {
        for (const [policy, outcome] of Object.entries(o.policies)) {
            const c = add(policy, o.urn ?? "stack");
            if (outcome.outcome === "not-applicable") c.skipped = `not applicable: ${outcome.reason ?? ""}`;
        }
    }
    for (const f of report.findings) add(f.policy, f.urn ?? "stack").findings.push(f);
    for (const n of report.coverage?.notJudgedResources ?? []) {
        const c = add(report.strict ? strictPolicy : coverageClass, n.urn);
        c.skipped = `not judged: ${n.type} "${n.name}": ${n.reason}`;
    }
    for (const c of cases.values()) {
        const tc = suite.testCase().className(c.policy).name(c.target);
        const mandatory = c.findings.filter(f => standing(f) === "mandatory");
        const text = [...c.findings.map(f => `[${standing(f)}] ${f.message}${f.exempted && f.reason ? ` (exempted: ${f.reason})` : ""}`), ...(c.skipped ? [c.skipped] : [])].join("\n");
        if (mandatory.length) tc.failure(mandatory.map(f => f.message).join("\n"), "mandatory");
        else if (c.skipped || (c.findings.length && c.findings.every(f => f.exempted))) tc.skipped();
        if (text) tc.standardOutput(text);
    }
}
