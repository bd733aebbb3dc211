// RETENTION on Azure: audit logs are kept at least config.minimumRetentionDays (default 2190, six
// years; CONTROLS.md 1b, G17, G31). A Log Analytics workspace keeps data interactively for at most
// 730 days; longer retention is per table (totalRetentionInDays, up to 4383). Which tables hold the
// audit logs depends on each diagnostic setting's destination mode, so the pack requires every
// declared table to meet the minimum and every workspace to keep at least one table (or itself) that long.
import { toNumber } from "../lib/inputs";
import { expect, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { T } from "./support/tokens";
import { foundAmong, relate } from "./support/relations";
import { unknownReferences } from "../lib/unknowns";
import { auditRetentionFloorDays } from "../../facts/retention";

const controls = ["RETENTION"] as const;

export const logAnalyticsTable = resourceRule({
    name: "azure-retention-log-analytics-table", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.logTable],
    description: "A Log Analytics table keeps its data (interactive plus long-term) at least the retention minimum.",
    remediation: `Set totalRetentionInDays to at least the minimum (${auditRetentionFloorDays} for six years; the API allows up to 4383).`,
    check: (r, config) => expect(r.props, "totalRetentionInDays", v => toNumber(v) >= config.minimumRetentionDays,
        `at least ${config.minimumRetentionDays}`),
});

export const logAnalyticsWorkspace = stackRule({
    name: "azure-retention-log-analytics-workspace", cloud: "azure", controls: [...controls], severity: "medium",
    judges: [T.logWorkspace],
    reads: { workspaceName: [T.logTable] },
    description: "Every Log Analytics workspace keeps logs at least the retention minimum: through its own retention or a table's total retention.",
    remediation: "Add azure-native operationalinsights.Table resources for the audit tables (e.g. AzureActivity, AzureDiagnostics) with totalRetentionInDays >= the minimum.",
    check: (stack, config) => {
        const tables = relate(stack, [T.logTable], "workspaceName", [T.logWorkspace]);
        const minimum = config.minimumRetentionDays;
        const excuse = unknownReferences(tables.unresolved.length);
        const out: Violation[] = [];
        for (const ws of stack.ofType(T.logWorkspace)) {
            if (toNumber(ws.props.retentionInDays) >= minimum) continue;
            const mine = tables.of.get(ws.urn) ?? [];
            if (mine.some(t => toNumber(t.props.totalRetentionInDays) >= minimum)) continue;
            out.push({
                resource: ws, property: "operationalinsights Table (workspaceName → this workspace).totalRetentionInDays",
                found: foundAmong(mine.map(t => t.props.totalRetentionInDays), excuse),
                wanted: `a table of this workspace with totalRetentionInDays at least ${minimum}`,
            });
        }
        return out;
    },
});

export const rules: Rule[] = [logAnalyticsTable, logAnalyticsWorkspace];
