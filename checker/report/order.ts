// The order the human reports (text, Markdown) list findings in: what fails the check first, then by
// severity (critical to low), then by resource, so that a public subnet is not read after a dozen missing
// tags, and a resource's findings stand together. JSON, SARIF and JUnit keep the evaluation's order.
import { ReportFinding, standing } from "./model";

const standings = ["mandatory", "advisory", "exempted"] as const;
export const severities = ["critical", "high", "medium", "low"] as const;

const rank = (list: readonly string[], v: string) => { const i = list.indexOf(v); return i < 0 ? list.length : i; };

/** The resource a finding is on, as it sorts: the stack first, then by name, type and URN. */
const resourceKey = (f: ReportFinding) => f.urn === null ? "" : `\u0001${f.name ?? ""}\u0000${f.type ?? ""}\u0000${f.urn}`;

export function compareFindings(a: ReportFinding, b: ReportFinding): number {
    return rank(standings, standing(a)) - rank(standings, standing(b))
        || rank(severities, a.severity) - rank(severities, b.severity)
        || (resourceKey(a) < resourceKey(b) ? -1 : resourceKey(a) > resourceKey(b) ? 1 : 0)
        || (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : 0);
}

export function ordered(findings: readonly ReportFinding[]): ReportFinding[] {
    return [...findings].sort(compareFindings);
}

/**
 * The message without the `<type> "<name>": ` it starts with (violationMessage), for a line that already
 * names the resource; any other message is kept whole.
 */
export function withoutResource(f: ReportFinding): string {
    const prefix = `${f.type} "${f.name}": `;
    return f.urn !== null && f.message.startsWith(prefix) ? f.message.slice(prefix.length) : f.message;
}
