// One answer per control for one stack: what the OSCAL report says of each reviewed control and what
// the fleet matrix shows in each cell. Derived from the report's findings and outcomes only (never from
// its summary), by one implementation, so the matrix of a merge and of a run agree.
import { controlIds, ControlId } from "../../policies/controls";
import type { CheckReport, PolicyInfo, ReportFinding } from "./model";

/**
 * - fail: a mandatory finding not exempted;
 * - advisory: only advisory findings (and perhaps exempted ones) not exempted;
 * - exempted: every finding of the control exempted (by the policy config or a declaration on the resource);
 * - pass: no finding, and a rule of the control judged at least one resource (compliant or not applicable);
 * - not-judged: no rule of the control gave any outcome (none applies to this stack's resources, or every
 *   one is disabled): nothing was checked, which is never a pass.
 */
export type ControlStatus = "fail" | "advisory" | "exempted" | "pass" | "not-judged";
export const controlStatuses: readonly ControlStatus[] = ["fail", "advisory", "exempted", "pass", "not-judged"];

/** The controls of a pack, in the catalogue's order: the ones its policies name. */
export function packControls(policies: readonly PolicyInfo[]): ControlId[] {
    const named = new Set(policies.flatMap(p => p.controls));
    return controlIds.filter(id => named.has(id));
}

/**
 * A finding that a rule itself let off as not applicable (the S3 access-log bucket's SSE-S3) is listed
 * as exempted, but nobody exempted it: its outcome is not-applicable. Only the others count as exemptions.
 */
export function exemptedByDecision(report: CheckReport, f: ReportFinding): boolean {
    if (!f.exempted) return false;
    const outcome = report.outcomes.find(o => o.urn === f.urn)?.policies[f.policy]?.outcome;
    return outcome !== "not-applicable";
}

export function controlStatus(report: CheckReport, control: ControlId, policies: readonly PolicyInfo[]): ControlStatus {
    const findings = report.findings.filter(f => f.controls.includes(control));
    if (findings.some(f => !f.exempted && f.enforcement === "mandatory")) return "fail";
    if (findings.some(f => !f.exempted)) return "advisory";
    if (findings.some(f => exemptedByDecision(report, f))) return "exempted";
    const ofControl = new Set(policies.filter(p => p.controls.includes(control)).map(p => p.name));
    const judged = report.outcomes.some(o => Object.entries(o.policies).some(([policy, r]) =>
        ofControl.has(policy) && !r.otherKind && (r.outcome === "compliant" || r.outcome === "not-applicable")));
    return judged ? "pass" : "not-judged";
}

/** Each control of the pack with its status in this stack. */
export function statusByControl(report: CheckReport, policies: readonly PolicyInfo[]): Record<string, ControlStatus> {
    return Object.fromEntries(packControls(policies).map(c => [c, controlStatus(report, c, policies)]));
}
