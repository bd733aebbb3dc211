// One walk over a report, one hook per outcome (cdk-nag's NagLogger: onCompliance, onNonCompliance,
// onSuppressed, onNotApplicable, onError). Which outcome a policy had on a target is decided here, once;
// each format only says what it shows for each. A report may come from a file (`merge` reads JSON
// reports), so the walk fails closed: an outcome that judged something wrong without a finding to show
// for it is mandatory, never a pass.
import type { NotJudged } from "../../policies/lib/coverage";
import type { CheckReport, ReportFinding, ReportOutcome } from "./model";
import { standing } from "./model";

/** What one policy said of one target (a resource, or the stack as a whole: urn null). */
export interface Judgement {
    policy: string;
    urn: string | null;
    type: string | null;
    name: string | null;
    /** This policy's findings on this target, in the report's order. */
    findings: ReportFinding[];
    /** The outcome the report records; null when it records none (a finding of a report without outcomes). */
    outcome: ReportOutcome | null;
}

/**
 * The hooks a format implements; each is optional. A target each policy judged gets exactly one of the
 * first five: the worst standing of its findings (mandatory, advisory, exempted), else compliant or not
 * applicable. Beside those: every cloud resource no rule judged, and every policy the config disabled.
 */
export interface OutcomeHooks {
    /** A finding not exempted and mandatory (a violation, an unknown under a mandatory policy, a rule that threw), or an outcome that fails without a finding. */
    onMandatory?(j: Judgement): void;
    /** Findings not exempted, all advisory. */
    onAdvisory?(j: Judgement): void;
    /** Every finding exempted (by the policy config, a declaration on the resource, or the rule itself: `outcome` not-applicable). */
    onExempted?(j: Judgement): void;
    onCompliant?(j: Judgement): void;
    onNotApplicable?(j: Judgement): void;
    /** A cloud resource no rule judged (under --strict it also has a mandatory finding of its own). */
    onNotJudged?(resource: NotJudged, strict: boolean): void;
    /** A policy the policy config disabled: it judged nothing. */
    onDisabled?(policy: string, message: string): void;
}

/**
 * Exempted findings that nobody exempted: the rule itself let the target off as not applicable (the S3
 * access-log bucket's SSE-S3). The target was judged; the formats show it as not applicable.
 */
export function letOffByRule(j: Judgement): boolean {
    return j.outcome?.outcome === "not-applicable";
}

type Standing = ReturnType<typeof standing> | "compliant" | "not-applicable";
const worst: readonly Standing[] = ["mandatory", "advisory", "exempted"];
const ranked: readonly Standing[] = [...worst, "not-applicable", "compliant"];

/** The controls a judgement speaks for: its findings name theirs; an outcome without one, its policy's (`controlsOf`: policy → controls). */
export function controlsOfJudgement(j: Judgement, controlsOf: ReadonlyMap<string, readonly string[]>): readonly string[] {
    return j.findings.length ? j.findings.flatMap(f => f.controls) : controlsOf.get(j.policy) ?? [];
}

const key = (policy: string, urn: string | null) => `${policy}\u0000${urn ?? ""}`;

/** Calls `hooks` for each outcome of `report`: disabled policies, then targets in the report's order, then what was not judged. */
export function visitOutcomes(report: CheckReport, hooks: OutcomeHooks): void {
    for (const w of report.policyConfigWeakened ?? []) {
        if (w.setting === "enforcementLevel" && w.value === "disabled") hooks.onDisabled?.(w.policy, w.message);
    }
    const judgements = new Map<string, Judgement>();
    const judgement = (policy: string, urn: string | null, type: string | null, name: string | null) => {
        let j = judgements.get(key(policy, urn));
        if (!j) judgements.set(key(policy, urn), j = { policy, urn, type, name, findings: [], outcome: null });
        return j;
    };
    for (const o of report.outcomes ?? []) {
        for (const [policy, outcome] of Object.entries(o.policies)) judgement(policy, o.urn, o.type, o.name).outcome = outcome;
    }
    for (const f of report.findings) judgement(f.policy, f.urn, f.type, f.name).findings.push(f);
    // A part judged with the resources it belongs to stands as they stand: the worst of their findings.
    // Without findings to stand on (a report that lost them), an outcome that is not a pass is mandatory.
    const standingOf = (j: Judgement, asPart = true): Standing => {
        const own = worst.find(s => j.findings.some(f => standing(f) === s));
        if (own) return own;
        const outcome = j.outcome?.outcome;
        if (outcome === "compliant" || outcome === "not-applicable") return outcome;
        if (!asPart || !j.outcome?.partOf?.length) return "mandatory";
        const wholes = j.outcome.partOf.map(urn => judgements.get(key(j.policy, urn)));
        const theirs = wholes.every(w => w !== undefined) ? ranked.find(s => wholes.some(w => standingOf(w!, false) === s)) : undefined;
        // The part failed with them: wholes that passed (or are missing) contradict it, so it fails on its own.
        return theirs === "mandatory" || theirs === "advisory" || theirs === "exempted" ? theirs : "mandatory";
    };
    for (const j of judgements.values()) {
        const hook = ({ mandatory: hooks.onMandatory, advisory: hooks.onAdvisory, exempted: hooks.onExempted,
            compliant: hooks.onCompliant, "not-applicable": hooks.onNotApplicable } as const)[standingOf(j)];
        hook?.call(hooks, j);
    }
    for (const n of report.coverage?.notJudgedResources ?? []) hooks.onNotJudged?.(n, report.strict === true);
}
