// One answer per control for one stack: what the OSCAL report says of each reviewed control and what
// the fleet matrix shows in each cell. Derived from the report's findings and outcomes only (never from
// its summary), by one implementation, so the matrix of a merge and of a run agree.
import { controlIds, ControlId } from "../../policies/controls";
import type { CheckReport, PolicyInfo } from "./model";
import { controlsOfJudgement, Judgement, letOffByRule, visitOutcomes } from "./outcomes";

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

/** Each control of the pack with its status in this stack: one walk over the report (outcomes.ts) for all controls. */
export function statusByControl(report: CheckReport, policies: readonly PolicyInfo[]): Record<string, ControlStatus> {
    const controlsOf = new Map(policies.map(p => [p.name, p.controls]));
    const seen = new Map<string, Set<ControlStatus>>();
    const note = (status: ControlStatus) => (j: Judgement) => {
        for (const c of controlsOfJudgement(j, controlsOf)) {
            const set = seen.get(c) ?? new Set<ControlStatus>();
            set.add(status);
            seen.set(c, set);
        }
    };
    // Not applicable judged the resource, unless it is of a kind no rule of the policy judges (otherKind).
    const notApplicable = (j: Judgement) => note(j.outcome?.otherKind ? "not-judged" : "pass")(j);
    visitOutcomes(report, {
        onMandatory: note("fail"),
        onAdvisory: note("advisory"),
        // A finding the rule itself let off as not applicable (the S3 access-log bucket's SSE-S3) is listed as
        // exempted, but nobody exempted it: its outcome is not-applicable, which judged the resource.
        onExempted: j => (letOffByRule(j) ? notApplicable(j) : note("exempted")(j)),
        onCompliant: note("pass"),
        onNotApplicable: notApplicable,
    });
    return Object.fromEntries(packControls(policies).map(c => [c, controlStatuses.find(s => seen.get(c)?.has(s)) ?? "not-judged"]));
}
