// JUnit XML, for CI test tabs: one test suite per stack, one test case per outcome (policy × resource
// it judged, or the stack), one hook per outcome (outcomes.ts), never re-derived: a mandatory
// finding fails its case; an exempted one, a not-applicable outcome and a resource no rule judged are
// skipped (with the reason in the output), never passes; a compliant outcome passes; advisory and
// unknown ones pass with the message in their output.
import junit from "junit-report-builder";
import { strictPolicy } from "../../policies/lib/coverage";
import { CheckReport, policyConfigNotes, RenderInput, ReportFinding, standing, unansweredFunctionsNote } from "./model";
import { Judgement, letOffByRule, visitOutcomes } from "./outcomes";

/** The class of the cases for resources no rule judged (not a policy of the pack). */
const coverageClass = "hipaa-cloud-coverage";
/** The class of the cases for provider functions the checker could not answer (not a policy of the pack either). */
const unansweredClass = "hipaa-cloud-unanswered-function";

export function renderJunit(input: RenderInput): string {
    const builder = junit.newBuilder();
    for (const report of input.reports) addSuite(builder, report);
    for (const e of input.errors) builder.testSuite().name(`hipaa-cloud ${e.stack}`).testCase().className(e.stack).name("run the program").error(e.message);
    return builder.build() + "\n";
}

/** What a judgement without findings of its own says (a part judged with its resources: "judged as part of ..."). */
const partNote = (j: Judgement) => (j.findings.length ? undefined : j.outcome?.reason);

/** A test case: a policy on a target. `note` says why it is skipped; `fails` is set by a mandatory outcome. */
interface Case { policy: string; target: string; findings: ReportFinding[]; note?: string; skip?: boolean; fails?: true }

function addSuite(builder: ReturnType<typeof junit.newBuilder>, report: CheckReport): void {
    const suite = builder.testSuite().name(`hipaa-cloud ${report.stack ?? report.program}`);
    // What the policy config took away: a property each, and a skipped case per disabled policy in place
    // of the cases it would have had (a disabled policy's cases would otherwise pass without judging).
    const notes = policyConfigNotes(report);
    for (const m of notes.weakened) suite.property("policy-config-weakened", m);
    for (const m of notes.unusedExemptions) suite.property("exemption-unused", m);
    if (notes.judgingDay) suite.property("exemptions-judged-on", notes.judgingDay);
    if (notes.rules) suite.property("rules-replaced-pack", notes.rules);
    const cases = new Map<string, Case>();
    const add = (policy: string, target: string) => {
        const key = `${policy}\u0000${target}`;
        if (!cases.has(key)) cases.set(key, { policy, target, findings: [] });
        return cases.get(key)!;
    };
    const skip = (c: Case, note?: string) => Object.assign(c, { skip: true, note });
    const judged = (j: Judgement) => Object.assign(add(j.policy, j.urn ?? "stack"), { findings: j.findings });
    visitOutcomes(report, {
        // A disabled policy's cases would otherwise pass without judging: a skipped case in their place.
        onDisabled: (policy, message) => suite.testCase().className(policy).name("disabled by the policy config").skipped().standardOutput(message),
        // A part judged with its resources has no finding of its own: its note says which resources it stands with.
        onMandatory: j => Object.assign(judged(j), { fails: true, note: partNote(j) }),
        onAdvisory: j => Object.assign(judged(j), { note: partNote(j) }),
        onExempted: j => skip(judged(j), letOffByRule(j) ? `not applicable: ${j.outcome?.reason ?? ""}` : partNote(j)),
        onCompliant: judged,
        onNotApplicable: j => skip(judged(j), `not applicable: ${j.outcome?.reason ?? ""}`),
        onNotJudged: (n, strict) => skip(add(strict ? strictPolicy : coverageClass, n.urn), `not judged: ${n.type} "${n.name}": ${n.reason}`),
    });
    // A provider function the checker could not answer: what was built from it was guessed, so the suite must
    // not read as all passed. Under --strict its finding already fails the stack's case.
    if (!report.strict) for (const token of report.unknownInvokes) skip(add(unansweredClass, token), unansweredFunctionsNote([token]));
    for (const c of cases.values()) {
        const tc = suite.testCase().className(c.policy).name(c.target);
        const mandatory = c.findings.filter(f => standing(f) === "mandatory");
        const text = [...c.findings.map(f => `[${standing(f)}] ${f.message}${f.exempted && f.reason ? ` (exempted: ${f.reason})` : ""}`), ...(c.note ? [c.note] : [])].join("\n");
        if (c.fails) tc.failure(mandatory.length ? mandatory.map(f => f.message).join("\n") : c.note ?? `${c.policy}: not compliant`, "mandatory");
        else if (c.skip) tc.skipped();
        if (text) tc.standardOutput(text);
    }
}
