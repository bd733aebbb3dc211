// Mermaid: a `flowchart` of the resource graph, each component a subgraph holding its children,
// arrows from a resource to the resources it depends on (components' own dependencies left out:
// their children carry them), resources with findings marked, and resources no rule judged dashed.
import { CheckReport, policyConfigNotes, RenderInput, standing } from "./model";

export function renderMermaid(input: RenderInput): string {
    const lines = ["flowchart LR",
        "    classDef mandatory fill:#f8d7da,stroke:#b02a37,color:#58151c",
        "    classDef advisory fill:#fff3cd,stroke:#997404,color:#664d03",
        "    classDef exempted fill:#e2e3e5,stroke:#6c757d,color:#41464b",
        "    classDef notjudged fill:#ffffff,stroke:#6c757d,stroke-dasharray:4 3,color:#41464b"];
    input.reports.forEach((report, i) => {
        const prefix = input.allStacks ? `s${i}_` : "";
        if (input.allStacks) lines.push(`    subgraph ${prefix}stack["stack ${label(report.stack ?? report.program)}"]`);
        lines.push(...graph(report, prefix).map(l => (input.allStacks ? "    " : "") + l));
        if (input.allStacks) lines.push("    end");
    });
    return lines.join("\n") + "\n";
}

function label(s: string): string {
    return s.replace(/"/g, "#quot;").replace(/[<>]/g, c => (c === "<" ? "#lt;" : "#gt;"));
}

function graph(report: CheckReport, prefix: string): string[] {
    const ids = new Map(report.resources.map((r, i) => [r.urn, `${prefix}r${i}`]));
    const children = new Map<string | null, typeof report.resources>();
    const known = new Set(report.resources.map(r => r.urn));
    for (const r of report.resources) {
        const parent = r.parent && known.has(r.parent) ? r.parent : null;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const worst = new Map<string, "mandatory" | "advisory" | "exempted">();
    const rank = { mandatory: 0, advisory: 1, exempted: 2 };
    for (const f of report.findings) {
        if (!f.urn) continue;
        const s = standing(f);
        const cur = worst.get(f.urn);
        if (!cur || rank[s] < rank[cur]) worst.set(f.urn, s);
    }
    // A resource no rule judged: dashed, and says so (a node without findings must not read as compliant).
    const notJudged = new Set((report.coverage?.notJudgedResources ?? []).map(n => n.urn));
    const counts = new Map<string, number>();
    for (const f of report.findings) if (f.urn) counts.set(f.urn, (counts.get(f.urn) ?? 0) + 1);
    const out: string[] = [];
    // What the policy config took away, as a node of its own: the picture of a weakened check says so.
    const notes = policyConfigNotes(report);
    const said = [...notes.weakened.map(m => `weakened: ${m}`), ...notes.unusedExemptions.map(m => `unused exemption: ${m}`), ...(notes.judgingDay ? [notes.judgingDay] : [])];
    if (said.length) out.push(`    ${prefix}policyconfig["${notes.weakened.length ? "Policy config weakens the check" : "Policy config"}<br/>${said.map(label).join("<br/>")}"]`, `    class ${prefix}policyconfig advisory`);
    const visit = (parent: string | null, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            const pad = "    ".repeat(depth);
            const id = ids.get(r.urn)!;
            const n = counts.get(r.urn);
            const text = `${label(r.name)}<br/><small>${label(r.type)}</small>${n ? `<br/>${n} finding${n === 1 ? "" : "s"}` : ""}${notJudged.has(r.urn) ? "<br/>not judged" : ""}`;
            if (children.has(r.urn) && !r.type.startsWith("pulumi:pulumi:Stack")) {
                out.push(`${pad}subgraph ${id}["${text}"]`);
                visit(r.urn, depth + 1);
                out.push(`${pad}end`);
            } else if (r.type.startsWith("pulumi:pulumi:Stack")) {
                visit(r.urn, depth);
            } else {
                out.push(`${pad}${id}["${text}"]`);
            }
            const w = worst.get(r.urn);
            if (w) out.push(`${pad}class ${id} ${w}`);
            else if (notJudged.has(r.urn)) out.push(`${pad}class ${id} notjudged`);
        }
    };
    visit(null, 1);
    const components = new Set(report.resources.filter(r => children.has(r.urn)).map(r => r.urn));
    for (const r of report.resources) {
        if (components.has(r.urn)) continue;
        for (const d of new Set(r.dependencies ?? [])) {
            if (ids.has(d) && !components.has(d)) out.push(`    ${ids.get(r.urn)} --> ${ids.get(d)}`);
        }
    }
    return out;
}
