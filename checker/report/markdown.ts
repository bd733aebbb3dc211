// Markdown, for a pull-request comment: a control × resource matrix (rows: the resources with
// findings; columns: the controls they touch, with citations), then each finding.
import { controls, ControlId } from "../../policies/controls";
import { allStacksSummary, CheckReport, oneLine, policyConfigNotes, remoteComponentsNote, RenderInput, ReportFinding, standing } from "./model";

const mark = { mandatory: "❌", advisory: "⚠️", exempted: "➖" } as const;

export function renderMarkdown(input: RenderInput): string {
    const parts = input.reports.map(renderOne);
    if (input.allStacks) {
        const s = allStacksSummary(input);
        const weakened = input.reports.some(r => policyConfigNotes(r).weakened.length);
        parts.unshift(`# hipaa-cloud: ${s.stacks} stacks\n\n${s.passed} passed, ${s.failed} with mandatory findings, ${s.errors.length} could not be checked` +
            `${weakened ? ", under a policy config that weakens the check (⚠️ see each stack)" : ""}.\n` +
            s.errors.map(e => `\n- **${cell(e.stack)}**: ${cell(e.message)}`).join("") + "\n");
    }
    return parts.join("\n");
}

/**
 * A value in a table cell or list item: pipes escaped, one line, and no HTML — a name or reason holding
 * `<!--` would otherwise hide the rest of the comment, findings included.
 */
function cell(s: string): string {
    return oneLine(s.replace(/\r?\n/g, " ")).replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function renderOne(r: CheckReport): string {
    const s = r.summary;
    const out: string[] = [];
    const notes = policyConfigNotes(r);
    out.push(`## hipaa-cloud check: ${r.stack ?? r.program} ${s.mandatory ? "❌" : "✅"}${notes.weakened.length ? " ⚠️ weakened policy config" : ""}`, "");
    out.push(`${s.resources} resources · ${s.mandatory} mandatory · ${s.advisory} advisory · ${s.exempted} exempted`, "");
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
    if (!r.findings.length) {
        out.push("No findings: every policy passes.", "");
        return out.join("\n");
    }
    const controlIds = [...new Set(r.findings.flatMap(f => f.controls))];
    const rows = new Map<string, { label: string; findings: ReportFinding[] }>();
    for (const f of r.findings) {
        const key = f.urn ?? "(stack)";
        const row = rows.get(key) ?? { label: f.urn ? `\`${f.name}\` (${f.type})` : "the stack", findings: [] };
        row.findings.push(f);
        rows.set(key, row);
    }
    out.push(`| resource | ${controlIds.join(" | ")} |`, `| --- | ${controlIds.map(() => ":---:").join(" | ")} |`);
    for (const row of rows.values()) {
        const cells = controlIds.map(c => {
            const hits = row.findings.filter(f => f.controls.includes(c));
            if (!hits.length) return "✅";
            const worst = hits.map(standing).sort((a, b) => Object.keys(mark).indexOf(a) - Object.keys(mark).indexOf(b))[0];
            return mark[worst];
        });
        out.push(`| ${cell(row.label)} | ${cells.join(" | ")} |`);
    }
    out.push("", "| control | citation | intent |", "| --- | --- | --- |");
    for (const id of controlIds) {
        const c = controls[id as ControlId];
        out.push(`| ${id} | ${c ? c.citation : ""} | ${c ? cell(c.intent) : ""} |`);
    }
    out.push("", `${mark.mandatory} mandatory · ${mark.advisory} advisory (or unknown until deployment) · ${mark.exempted} exempted · ✅ no finding`, "");
    out.push("<details><summary>Findings</summary>", "");
    for (const f of r.findings) {
        out.push(`- ${mark[standing(f)]} **${f.policy}** (${f.controls.join(", ")}; ${f.citation}): ${cell(f.message)}` +
            (f.exempted && f.reason ? ` _Exempted: ${cell(f.reason)}_` : ""));
    }
    out.push("", "</details>", "");
    return out.join("\n");
}
