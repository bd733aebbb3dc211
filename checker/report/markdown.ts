// Markdown, for a pull-request comment: a control × resource matrix (rows: the resources with
// findings, the worst first; columns: the controls they touch, with citations), then each finding, ordered by
// standing, severity and resource (order.ts).
import { controls, ControlId } from "../../policies/controls";
import { ordered } from "./order";
import { controlsOfJudgement, Judgement, visitOutcomes } from "./outcomes";
import { fleetMarkdown, fleetOf } from "./fleet";
import { allStacksSummary, passedWords, CheckReport, coverageLine, oneLine, policyConfigNotes, PolicyInfo, remoteComponentsNote, RenderInput, standing, unansweredFunctionsNote, verdictIsQualified, verdictScope } from "./model";

const mark = { mandatory: "❌", advisory: "⚠️", exempted: "➖" } as const;
/** Cells without a finding: ✅ only where a rule of the control judged the resource compliant. */
const cellMark = { compliant: "✅", notApplicable: "⚪", notJudged: "❔", none: "·" } as const;

/** The marks of the matrix, worst first: a cell shows the worst outcome of the control's policies on the resource. */
const cellRank: readonly string[] = [mark.mandatory, mark.advisory, mark.exempted, cellMark.notJudged, cellMark.compliant, cellMark.notApplicable];

/**
 * Resource (URN, or "(stack)") × control → its cell, from one walk over the report's outcomes (outcomes.ts); and
 * the judgements that fail without a finding of their own (a part judged with its resources: outcomes' partOf),
 * which need a row of their own though no finding names them.
 */
function matrixCells(r: CheckReport, policies: readonly PolicyInfo[]): { cellOf: (row: string, control: string) => string; failingParts: Judgement[] } {
    const controlsOf = new Map(policies.map(p => [p.name, p.controls]));
    const cells = new Map<string, string>();
    const put = (row: string, controlIds: readonly string[], m: string) => {
        for (const control of controlIds) {
            const key = `${row}\u0000${control}`;
            const had = cells.get(key);
            if (had === undefined || cellRank.indexOf(m) < cellRank.indexOf(had)) cells.set(key, m);
        }
    };
    const failingParts: Judgement[] = [];
    const at = (m: string) => (j: Judgement) => put(j.urn ?? "(stack)", controlsOfJudgement(j, controlsOf), m);
    const failing = (m: string) => (j: Judgement) => { if (!j.findings.length) failingParts.push(j); at(m)(j); };
    const controlIds = [...new Set(policies.flatMap(p => p.controls))];
    visitOutcomes(r, {
        onMandatory: failing(mark.mandatory), onAdvisory: failing(mark.advisory), onExempted: failing(mark.exempted),
        onCompliant: at(cellMark.compliant), onNotApplicable: at(cellMark.notApplicable),
        onNotJudged: n => put(n.urn, controlIds, cellMark.notJudged),
    });
    return { cellOf: (row, control) => cells.get(`${row}\u0000${control}`) ?? cellMark.none, failingParts };
}

export function renderMarkdown(input: RenderInput): string {
    const parts = input.reports.map(r => renderOne(r, input.policies));
    if (input.allStacks) {
        const s = allStacksSummary(input);
        const weakened = input.reports.some(r => policyConfigNotes(r).weakened.length);
        parts.unshift(`# hipaa-cloud: ${s.stacks} stacks\n\n${passedWords(s)}, ${s.failed} with mandatory findings, ${s.errors.length} could not be checked; ` +
            `${s.cloudResources} cloud resources, ${s.judged} judged, ${s.notJudged} not judged` +
            `${weakened ? ", under a policy config that weakens the check (⚠️ see each stack)" : ""}.\n` +
            s.errors.map(e => `\n- **${cell(e.stack)}**: ${cell(e.message)}`).join("") + "\n", fleetMarkdown(fleetOf(input)));
    }
    return parts.join("\n");
}

/**
 * A value in a table cell or list item: pipes escaped, one line, and no HTML — a name or reason holding
 * `<!--` would otherwise hide the rest of the comment, findings included.
 */
export function cell(s: string): string {
    return oneLine(s.replace(/\r?\n/g, " ")).replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function renderOne(r: CheckReport, policies: readonly PolicyInfo[]): string {
    const s = r.summary;
    const c = r.coverage;
    const out: string[] = [];
    const notes = policyConfigNotes(r);
    // ✅ only for a PASS that judged every cloud resource on no guessed value; otherwise the verdict says what it did not judge.
    const verdict = s.mandatory ? "❌" : verdictIsQualified(r) ? `❔ no mandatory finding; ${cell(verdictScope(r))}` : "✅";
    out.push(`## hipaa-cloud check: ${cell(r.stack ?? r.program)} ${verdict}${notes.weakened.length ? " ⚠️ weakened policy config" : ""}`, "");
    out.push(`${s.resources} resources · ${s.mandatory} mandatory · ${s.advisory} advisory · ${s.exempted} exempted`, "");
    out.push(`Coverage: ${cell(coverageLine(c))}`, "");
    // Next to the verdict: what the policy config took away, so that a ✅ under it never reads as a plain one.
    if (notes.weakened.length) {
        // A long list (`all` disabled over the whole pack) folds away; its heading stays beside the verdict.
        const list = notes.weakened.map(m => `> - ${cell(m)}`);
        out.push(`> ⚠️ **Policy config weakens the check** (${notes.weakened.length}):`, ">",
            ...(list.length > 10 ? ["> <details><summary>every weakening</summary>", ">", ...list, ">", "> </details>"] : list), "");
    }
    if (notes.unusedExemptions.length) out.push(`> **Unused exemptions** (${notes.unusedExemptions.length}):`, ">", ...notes.unusedExemptions.map(m => `> - ${cell(m)}`), "");
    if (notes.judgingDay) out.push(`> ${notes.judgingDay}`, "");
    if (notes.rules) out.push(`> ⚠️ ${cell(notes.rules)}`, "");
    if (r.exemptions.length) {
        out.push("| exemption | policy | until | status | exempted | reason |", "| --- | --- | --- | --- | ---: | --- |");
        for (const e of r.exemptions) {
            out.push(`| ${cell(`${e.control} on ${e.resource}`)} | ${cell(e.policy)} | ${cell(e.expires)} | ${cell(e.status + (e.problem ? `: ${e.problem}` : ""))}${e.unused ? " (unused)" : ""} | ${e.exempted} | ${cell(e.reason ?? "")} |`);
        }
        out.push("");
    }
    const remote = remoteComponentsNote(r);
    if (remote) out.push(`> ${remote}`, "");
    if (r.sdk?.note) out.push(`> ${cell(r.sdk.note)}`, "");
    if (r.unknownInvokes.length) out.push(`> ⚠️ Unanswered provider functions: ${cell(unansweredFunctionsNote(r.unknownInvokes))}.`, "");
    if (c.notJudgedResources.length) {
        out.push(`**Not judged** (${c.notJudged} of ${c.resources} cloud resources${r.strict ? "; --strict: each is a mandatory finding" : ""}):`, "");
        const list = c.notJudgedResources.map(n => `- \`${cell(n.name)}\` (${cell(n.type)}): ${cell(n.reason)}`);
        out.push(...(list.length > 10 ? ["<details><summary>every resource not judged</summary>", "", ...list, "", "</details>"] : list), "");
    }
    if (!r.findings.length) {
        out.push(c.resources ? `No findings among the ${c.judged} judged cloud resource${c.judged === 1 ? "" : "s"}.` : "No findings: no cloud resource was registered, so nothing was judged.", "");
        return out.join("\n");
    }
    const { cellOf, failingParts } = matrixCells(r, policies);
    const controlsOf = new Map(policies.map(p => [p.name, p.controls]));
    const controlIds = [...new Set([...r.findings.flatMap(f => f.controls), ...failingParts.flatMap(j => controlsOfJudgement(j, controlsOf))])];
    const rows = new Map<string, string>();
    // Rows and the list in the order of order.ts: the resource with the worst finding first; a part that fails
    // with it (no finding of its own) right under the resource it was judged with, so that it is seen failing.
    const findings = ordered(r.findings);
    const partsOf = (urn: string) => failingParts.filter(j => j.urn !== null && j.outcome?.partOf?.includes(urn));
    const addRow = (urn: string | null, name: string | null, type: string | null, judgedWith = "") => {
        if (rows.has(urn ?? "(stack)")) return;
        rows.set(urn ?? "(stack)", urn === null ? "the stack" : `\`${name}\` (${type})${judgedWith}`);
        if (urn !== null) for (const p of partsOf(urn)) addRow(p.urn, p.name, p.type, `, judged with \`${name}\``);
    };
    for (const f of findings) addRow(f.urn, f.name, f.type);
    // A part whose resources have no row (a report that lost their findings) still shows, failing.
    for (const j of failingParts) addRow(j.urn, j.name, j.type);
    for (const n of c.notJudgedResources) if (!rows.has(n.urn)) rows.set(n.urn, `\`${n.name}\` (${n.type})`);
    out.push(`| resource | ${controlIds.join(" | ")} |`, `| --- | ${controlIds.map(() => ":---:").join(" | ")} |`);
    for (const [key, label] of rows) {
        const cells = controlIds.map(control => cellOf(key, control));
        out.push(`| ${cell(label)} | ${cells.join(" | ")} |`);
    }
    out.push("", "| control | citation | intent |", "| --- | --- | --- |");
    for (const id of controlIds) {
        const c = controls[id as ControlId];
        out.push(`| ${id} | ${c ? c.citation : ""} | ${c ? cell(c.intent) : ""} |`);
    }
    out.push("", `${mark.mandatory} mandatory · ${mark.advisory} advisory (or unknown until deployment) · ${mark.exempted} exempted · ` +
        `${cellMark.compliant} judged compliant · ${cellMark.notApplicable} not applicable · ${cellMark.notJudged} not judged · ${cellMark.none} no policy of the control judges it`, "");
    out.push("<details><summary>Findings</summary>", "");
    for (const f of findings) {
        out.push(`- ${mark[standing(f)]} ${f.severity} **${f.policy}** (${f.controls.join(", ")}; ${f.citation}): ${cell(f.message)}` +
            (f.exempted && f.reason ? ` _Exempted: ${cell(f.reason)}_` : ""));
    }
    out.push("", "</details>", "");
    return out.join("\n");
}
