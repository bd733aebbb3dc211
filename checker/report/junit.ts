// JUnit XML, for CI test tabs: one test suite per stack, one test case per policy × resource it
// applies to (stack policies: per resource they report on, or one case for the stack). A mandatory
// finding fails its case; an exempted one is skipped (the reason in its output); advisory ones pass
// with the message in their output.
import junit from "junit-report-builder";
import { CheckReport, policyConfigNotes, PolicyInfo, RenderInput, ReportFinding, standing } from "./model";

export function renderJunit(input: RenderInput): string {
    const builder = junit.newBuilder();
    for (const report of input.reports) addSuite(builder, report, input.policies);
    for (const e of input.errors) builder.testSuite().name(`hipaa-cloud ${e.stack}`).testCase().className(e.stack).name("run the program").error(e.message);
    return builder.build() + "\n";
}

function addSuite(builder: ReturnType<typeof junit.newBuilder>, report: CheckReport, policies: PolicyInfo[]): void {
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
    policies = policies.filter(p => !disabled.has(p.name));
    const cases = new Map<string, { policy: string; target: string; findings: ReportFinding[] }>();
    const add = (policy: string, target: string) => {
        const key = `${policy}\u0000${target}`;
        if (!cases.has(key)) cases.set(key, { policy, target, findings: [] });
        return cases.get(key)!;
    };
    for (const p of policies) {
        if (p.kind === "stack") continue;
        for (const r of report.resources) if (p.types.includes(r.type)) add(p.name, r.urn);
    }
    for (const f of report.findings) add(f.policy, f.urn ?? "stack").findings.push(f);
    for (const p of policies) if (p.kind === "stack" && ![...cases.values()].some(c => c.policy === p.name)) add(p.name, "stack");
    for (const c of cases.values()) {
        const tc = suite.testCase().className(c.policy).name(c.target);
        const mandatory = c.findings.filter(f => standing(f) === "mandatory");
        const text = c.findings.map(f => `[${standing(f)}] ${f.message}${f.exempted && f.reason ? ` (exempted: ${f.reason})` : ""}`).join("\n");
        if (mandatory.length) tc.failure(mandatory.map(f => f.message).join("\n"), "mandatory");
        else if (c.findings.length && c.findings.every(f => f.exempted)) tc.skipped();
        if (text) tc.standardOutput(text);
    }
}
