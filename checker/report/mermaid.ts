// Mermaid: a `flowchart` of where PHI flows (phi-map.ts): stores, clusters, warehouse, imaging,
// analysis, sharing, keys and logs as nodes, the grants, endpoints, log paths and uses between them as
// edges with each target's key and whether it is private; resources with findings marked, and resources
// no rule judged dashed.
import { CheckReport, policyConfigNotes, RenderInput } from "./model";
import { label, phiMap } from "./phi-map";

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

function graph(report: CheckReport, prefix: string): string[] {
    const out: string[] = [];
    // What the policy config took away, as a node of its own: the picture of a weakened check says so.
    const notes = policyConfigNotes(report);
    const said = [...notes.weakened.map(m => `weakened: ${m}`), ...notes.unusedExemptions.map(m => `unused exemption: ${m}`), ...(notes.judgingDay ? [notes.judgingDay] : [])];
    if (said.length) out.push(`    ${prefix}policyconfig["${notes.weakened.length ? "Policy config weakens the check" : "Policy config"}<br/>${said.map(label).join("<br/>")}"]`, `    class ${prefix}policyconfig advisory`);
    out.push(...phiMap(report, prefix));
    return out;
}
