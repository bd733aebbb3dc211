// SARIF 2.1.0, for code scanning: one rule per policy, one result per finding (error = mandatory,
// warning = advisory, note = exempted, with the exemption as a suppression). A resource has no source
// line, so each result points at the stack file (or program) and names the resource logically.
import type * as sarif from "sarif";
import { RenderInput, standing } from "./model";

const levels = { mandatory: "error", advisory: "warning", exempted: "note" } as const;

export function renderSarif(input: RenderInput): string {
    const rules: sarif.ReportingDescriptor[] = input.policies.map(p => ({
        id: p.name,
        name: p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: `${p.description} Controls: ${p.controls.join(", ")} (${p.citation}).` },
        help: { text: p.remediation },
        defaultConfiguration: { level: p.enforcement === "mandatory" ? "error" : "warning", enabled: p.enforcement !== "disabled" },
        properties: { controls: p.controls, citation: p.citation, severity: p.severity, tags: ["hipaa", ...p.controls] },
    }));
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const runs: sarif.Run[] = input.reports.map(report => ({
        tool: { driver: { name: "hipaa-cloud", version: report.version, rules } },
        automationDetails: { id: `hipaa-cloud/${report.stack ?? "program"}/` },
        results: report.findings.map(f => {
            const result: sarif.Result = {
                ruleId: f.policy,
                level: levels[standing(f)],
                message: { text: f.message },
                locations: [{
                    physicalLocation: { artifactLocation: { uri: (report.stackFile ?? report.program).split("\\").join("/") }, region: { startLine: 1 } },
                    logicalLocations: [{ fullyQualifiedName: f.urn ?? `stack ${report.stack ?? ""}`.trim(), name: f.name ?? undefined, kind: "resource" }],
                }],
                properties: { controls: f.controls, citation: f.citation, enforcement: f.enforcement, urn: f.urn, type: f.type, unknown: f.unknown },
            };
            const index = ruleIndex.get(f.policy);
            if (index !== undefined) result.ruleIndex = index;
            if (f.exempted) result.suppressions = [{ kind: "external", justification: f.reason ?? "exempted" }];
            return result;
        }),
    }));
    const log: sarif.Log = { version: "2.1.0", $schema: "https://json.schemastore.org/sarif-2.1.0.json", runs };
    return JSON.stringify(log, null, 2) + "\n";
}
