// SARIF 2.1.0, for code scanning: one rule per policy, one result per finding (error = mandatory,
// warning = advisory, note = exempted, with the exemption as a suppression); each cloud resource no
// rule judged is a tool execution notification (run.invocations[0].toolExecutionNotifications). A resource has no source
// line, so each result points at the stack file (or program) and names the resource logically.
import type * as sarif from "sarif";
import { CheckReport, policyConfigNotes, RenderInput, standing, unansweredFunctionsNote } from "./model";

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
        invocations: [invocation(report, ruleIndex)],
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

/**
 * The run's invocation: one configuration notification per weakening of the policy config (with the
 * rule's configuration override when it changed a policy's level), per unused exemption, and for a
 * judging day that is not today — the run-level places SARIF viewers show beside the results.
 */
function invocation(report: CheckReport, ruleIndex: Map<string, number>): sarif.Invocation {
    const rule = (id: string): sarif.ReportingDescriptorReference => (ruleIndex.has(id) ? { id, index: ruleIndex.get(id) } : { id });
    const notifications: sarif.Notification[] = (report.policyConfigWeakened ?? []).map(w => ({
        level: "warning",
        message: { text: `Policy config weakens the check: ${w.message}` },
        associatedRule: rule(w.policy),
        properties: { policyConfigWeakened: true, setting: w.setting, value: w.value, default: w.default, by: w.by },
    }));
    for (const e of (report.exemptions ?? []).filter(x => x.unused)) {
        notifications.push({
            level: "warning", message: { text: `Unused exemption: ${e.control} on ${e.resource} (${e.policy}) matched no finding: it exempts nothing.` },
            associatedRule: rule(e.policy), properties: { exemptionUnused: true, control: e.control, resource: e.resource },
        });
    }
    const day = policyConfigNotes(report).judgingDay;
    if (day) notifications.push({ level: "warning", message: { text: day }, properties: { exemptionsJudgedOn: report.exemptionsJudgedOn.date } });
    const rules = policyConfigNotes(report).rules;
    if (rules) notifications.push({ level: "warning", message: { text: rules }, properties: { rulesModule: report.rules?.module } });
    const overrides: sarif.ConfigurationOverride[] = (report.policyConfigWeakened ?? []).filter(w => w.setting === "enforcementLevel").map(w => ({
        descriptor: rule(w.policy),
        configuration: { enabled: w.value !== "disabled", level: w.value === "advisory" ? "warning" : "none" },
    }));
    // What was not judged: a notification per resource, where viewers show what the run could not do.
    const notJudged: sarif.Notification[] = (report.coverage?.notJudgedResources ?? []).map(n => ({
        level: report.strict ? "error" : "warning",
        message: { text: `Not judged: ${n.type} "${n.name}": ${n.reason}.` },
        locations: [{ logicalLocations: [{ fullyQualifiedName: n.urn, name: n.name, kind: "resource" }] }],
        properties: { notJudged: true, urn: n.urn, type: n.type, reason: n.reason },
    }));
    // What was guessed: a notification per provider function the checker could not answer.
    const unanswered: sarif.Notification[] = (report.unknownInvokes ?? []).map(token => ({
        level: report.strict ? "error" : "warning",
        message: { text: `Unanswered provider function: ${unansweredFunctionsNote([token])}.` },
        properties: { unansweredFunction: true, token },
    }));
    const out: sarif.Invocation = { executionSuccessful: true, toolConfigurationNotifications: notifications, toolExecutionNotifications: [...notJudged, ...unanswered] };
    if (overrides.length) out.ruleConfigurationOverrides = overrides;
    return out;
}
