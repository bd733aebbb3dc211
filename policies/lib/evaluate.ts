// Rules → findings: the one implementation both paths use (the @pulumi/policy adapter for the real
// engine, and the offline checker). Fail closed: a rule that throws is a mandatory finding.
import { citationOf, ControlId } from "../controls";
import { Exemption, exemptionListProblem, exemptionMatches, exemptionProblem, PackConfig, resolveConfig, todayIso } from "./config";
import { Enforcement, isNotApplicable, judgesType, PolicyResource, ResourceRule, Rule, StackRule, Violation, violationMessage } from "./rule";
import { StackIndex } from "./stack-index";
import { isUnknown } from "./values";

/** A finding, as the JSON report carries it (shared/DESIGN.md). */
export interface Finding {
    policy: string;
    controls: ControlId[];
    citation: string;
    /** `advisory` for values unknown at preview and for advisory policies. */
    enforcement: "mandatory" | "advisory";
    severity: string;
    urn: string | null;
    type: string | null;
    name: string | null;
    message: string;
    exempted: boolean;
    reason: string | null;
    /** The property could not be judged because its value is unknown until deployment. */
    unknown: boolean;
    /** The policy-config exemption that exempted it (reports count each exemption's findings by it). */
    exemption?: Exemption;
}

/** Per-policy settings: enforcement and config, as the standard policy config gives them. */
export interface PolicySettings { enforcement?: Enforcement; config?: Partial<PackConfig> }
export type SettingsFor = (policyName: string) => PolicySettings;

export function enforcementOf(rule: Rule, settings: PolicySettings): Enforcement {
    return settings.enforcement ?? rule.enforcement ?? "mandatory";
}

/** One resource rule on one resource. Not applicable (other type, or the rule says so) gives []. */
export function runResourceRule(rule: ResourceRule, resource: PolicyResource, settings: PolicySettings = {}): Finding[] {
    const enforcement = enforcementOf(rule, settings);
    if (enforcement === "disabled" || !judgesType(rule, resource.type)) return [];
    const config = resolveConfig(settings.config);
    try {
        const verdict = rule.check(resource, config);
        if (isNotApplicable(verdict)) return [];
        return verdict.map(v => toFinding(rule, enforcement, v.resource ?? resource, v, config));
    } catch (e) {
        return [failedClosed(rule, resource, e)];
    }
}

/** One stack rule over the whole stack. */
export function runStackRule(rule: StackRule, stack: StackIndex, settings: PolicySettings = {}): Finding[] {
    const enforcement = enforcementOf(rule, settings);
    if (enforcement === "disabled") return [];
    const config = resolveConfig(settings.config);
    try {
        return rule.check(stack, config).map(v => toFinding(rule, enforcement, v.resource, v, config));
    } catch (e) {
        return [failedClosed(rule, undefined, e)];
    }
}

/** Every rule over every resource: what the checker runs, in-process. The stack is indexed once. */
export function evaluate(rules: readonly Rule[], resources: readonly PolicyResource[], settingsFor: SettingsFor = () => ({})): Finding[] {
    const findings: Finding[] = [];
    const byType = new Map<string, { rule: ResourceRule; settings: PolicySettings }[]>();
    const stackRules: StackRule[] = [];
    for (const rule of rules) {
        if (rule.kind === "stack") { stackRules.push(rule); continue; }
        const settings = settingsFor(rule.name);
        for (const t of rule.types) {
            const list = byType.get(t);
            if (list) list.push({ rule, settings }); else byType.set(t, [{ rule, settings }]);
        }
    }
    for (const resource of resources) {
        for (const { rule, settings } of byType.get(resource.type) ?? []) findings.push(...runResourceRule(rule, resource, settings));
    }
    const index = new StackIndex(resources);
    for (const rule of stackRules) findings.push(...runStackRule(rule, index, settingsFor(rule.name)));
    return findings;
}

function toFinding(rule: Rule, enforcement: Enforcement, resource: PolicyResource | undefined, v: Violation, config: PackConfig): Finding {
    const unknown = isUnknown(v.found);
    const finding: Finding = {
        policy: rule.name,
        controls: rule.controls,
        citation: citationOf(rule.controls),
        enforcement: unknown || enforcement === "advisory" ? "advisory" : "mandatory",
        severity: rule.severity,
        urn: resource?.urn ?? null,
        type: resource?.type ?? null,
        name: resource?.name ?? null,
        message: violationMessage(resource, v) + (unknown ? "" : ` ${rule.remediation}`),
        exempted: false,
        reason: null,
        unknown,
    };
    return applyExemptions(finding, config, resource);
}

/**
 * A finding is exempted by a matching exemption that holds; a matching one that does not is named.
 * Exemptions come from the policy config, or are declared on the resource itself by a component that
 * was told to weaken a default with a written reason (tag `hipaa-cloud:exemption:<CONTROL>` = reason):
 * such a finding is still listed in every report, as exempted, with that reason.
 */
function applyExemptions(finding: Finding, config: PackConfig, resource: PolicyResource | undefined): Finding {
    const declared = declaredExemption(resource, finding.controls);
    if (declared) return { ...finding, exempted: true, reason: `declared on the resource: ${declared}` };
    const today = todayIso();
    // The engine cannot refuse a config: a list it cannot read exempts nothing, and the finding says so.
    const listProblem = exemptionListProblem(config.exemptions);
    if (listProblem) return { ...finding, message: `${finding.message} No exemption of the policy config applies: ${listProblem}.` };
    const matching = config.exemptions.filter(e => e && finding.controls.includes(e.control) && exemptionMatches(e, finding.urn, finding.name));
    const holding = matching.find(e => !exemptionProblem(e, today));
    if (holding) return { ...finding, exempted: true, reason: `${holding.reason} (until ${holding.expires})`, exemption: holding };
    const problems = matching.map(e => exemptionProblem(e, today)).filter(Boolean);
    if (!problems.length) return finding;
    return { ...finding, enforcement: "mandatory", message: `${finding.message} An exemption matched but does not hold: ${problems.join("; ")}.` };
}

/** The tag (label) a component sets on a resource whose default it was told to weaken, with the reason. */
export function exemptionTagKey(control: ControlId): string {
    return `hipaa-cloud:exemption:${control}`;
}

function declaredExemption(resource: PolicyResource | undefined, controls: readonly ControlId[]): string | undefined {
    const tags = resource?.props.tags;
    if (!tags || typeof tags !== "object") return undefined;
    for (const control of controls) {
        const reason = (tags as Record<string, unknown>)[exemptionTagKey(control)];
        if (typeof reason === "string" && reason.trim()) return reason;
    }
    return undefined;
}

function failedClosed(rule: Rule, resource: PolicyResource | undefined, e: unknown): Finding {
    const why = e instanceof Error ? e.message : String(e);
    return {
        policy: rule.name, controls: rule.controls, citation: citationOf(rule.controls), enforcement: "mandatory",
        severity: rule.severity, urn: resource?.urn ?? null, type: resource?.type ?? null, name: resource?.name ?? null,
        message: `policy ${rule.name} failed while judging ${resource ? `${resource.type} "${resource.name}"` : "the stack"} ` +
            `(${why}); a policy that fails is a finding, never a pass.`,
        exempted: false, reason: null, unknown: false,
    };
}
