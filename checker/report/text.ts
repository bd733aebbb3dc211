// Text (the default): findings ordered by standing, severity and resource (order.ts), each with its
// control and what to change, then the exemptions and the summary.
import { controls, ControlId } from "../../policies/controls";
import { strictPolicy } from "../../policies/lib/coverage";
import { ordered, withoutResource } from "./order";
import { allStacksSummary, passedWords, CheckReport, coverageLine, oneLine, policyConfigNotes, remoteComponentsNote, RenderInput, ReportFinding, standing, unansweredFunctionsNote, verdictScope } from "./model";

/** The controls a finding reports, the first with its title, and their citation: `TAGGING (Data classification tagging; 45 CFR ...)`. */
function controlLabel(f: ReportFinding): string {
    if (f.policy === strictPolicy) return f.urn ? "NOT JUDGED (--strict)" : "UNANSWERED FUNCTION (--strict)";
    const [first, ...also] = f.controls;
    const c = controls[first as ControlId];
    return `${first ?? "(no control)"}${also.length ? `, ${also.join(", ")}` : ""} (${c ? `${c.title}; ` : ""}${f.citation})`;
}

export function renderText(input: RenderInput): string {
    const parts = input.reports.map(renderOne);
    if (!input.allStacks) return parts[0];
    const s = allStacksSummary(input);
    const weakened = input.reports.some(r => policyConfigNotes(r).weakened.length);
    const lines = [...parts, `All stacks: ${s.stacks} checked, ${passedWords(s)}, ${s.failed} with mandatory findings, ${s.errors.length} could not be checked; ` +
        `${s.resources} resources, ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.exempted} exempted; ` +
        `${s.cloudResources} cloud resources, ${s.judged} judged, ${s.notJudged} not judged` +
        `${weakened ? ", under a policy config that weakens the check (see each stack)" : ""}.`];
    for (const e of s.errors) lines.push(`  ${e.stack}: ${e.message}`);
    return lines.join("\n") + "\n";
}

function renderOne(r: CheckReport): string {
    const out: string[] = [];
    out.push(`hipaa-cloud ${r.version} check: ${r.stack ? `stack ${r.stack}` : "program"} (${r.program}${r.stackFile ? `, ${r.stackFile}` : ""})`);
    out.push(`${r.resources.length} resources registered; ${r.findings.length} finding${r.findings.length === 1 ? "" : "s"}.`);
    // Ordered by standing, severity, then resource (order.ts); one heading per standing and severity.
    let heading = "";
    for (const f of ordered(r.findings)) {
        const h = `${standing(f).toUpperCase()}, ${f.severity} severity`;
        if (h !== heading) {
            const n = r.findings.filter(x => standing(x) === standing(f) && x.severity === f.severity).length;
            out.push("", oneLine(`${h} (${n})`));
            heading = h;
        }
        const what = f.urn ? oneLine(`${f.type} "${f.name}"`) : "stack";
        out.push(`  ${standing(f).toUpperCase().padEnd(9)} ${f.policy}  ${what}`);
        out.push(`            ${oneLine(`${controlLabel(f)}: ${withoutResource(f)}`)}`);
        if (f.exempted && f.reason) out.push(`            exempted: ${oneLine(f.reason)}`);
    }
    if (r.exemptions.length) {
        out.push("", "Exemptions (policy config):");
        for (const e of r.exemptions) {
            out.push(oneLine(`  ${e.control} on ${e.resource} (${e.policy}) until ${e.expires}: ${e.status}${e.problem ? ` - ${e.problem}` : ""}; exempted ${e.exempted} finding${e.exempted === 1 ? "" : "s"}` +
                `${e.unused ? " (UNUSED: it matched no finding)" : ""}. Reason: ${e.reason || "(none)"}`));
        }
    }
    const c = r.coverage;
    if (c.notJudgedResources.length) {
        out.push("", `Not judged (${c.notJudged} of ${c.resources} cloud resources${r.strict ? "; --strict: each is a mandatory finding above" : ""}):`);
        for (const n of c.notJudgedResources) out.push(oneLine(`  ${n.type} "${n.name}": ${n.reason}`));
    }
    const remote = remoteComponentsNote(r);
    if (remote) out.push("", remote);
    if (r.sdk?.note) out.push("", oneLine(r.sdk.note));
    if (r.unknownInvokes.length) out.push("", `Unanswered provider functions: ${unansweredFunctionsNote(r.unknownInvokes)}${r.strict ? "; --strict: each is a mandatory finding above" : ""}.`);
    out.push("", `Coverage: ${coverageLine(c)}.`);
    // Next to the verdict: what the policy config took away, so that a PASS under it never reads as a plain PASS.
    const notes = policyConfigNotes(r);
    if (notes.weakened.length) out.push("", `Policy config weakens the check (${notes.weakened.length}):`, ...notes.weakened.map(m => `  - ${oneLine(m)}`));
    if (notes.unusedExemptions.length) out.push("", `Unused exemptions (${notes.unusedExemptions.length}):`, ...notes.unusedExemptions.map(m => `  - ${oneLine(m)}`));
    if (notes.judgingDay) out.push("", notes.judgingDay);
    if (notes.rules) out.push("", oneLine(notes.rules));
    const s = r.summary;
    out.push("", `Summary: ${s.resources} resources, ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.exempted} exempted: ` +
        (s.mandatory ? "FAIL (mandatory findings)" : "PASS (no mandatory finding)") +
        (notes.weakened.length ? `, under a policy config that weakens the check (${notes.weakened.length} setting${notes.weakened.length === 1 ? "" : "s"} above)` : "") +
        // Never more than was judged: a PASS says what it did not judge (a FAIL already fails).
        (s.mandatory ? "" : ` — ${verdictScope(r)}`));
    return out.join("\n") + "\n";
}
