// Rules → findings: the one implementation both paths use (the @pulumi/policy adapter for the real
// engine, and the offline checker). Fail closed: a rule that throws is a mandatory finding.
import { citationOf, ControlId } from "../controls";
import { Exemption, exemptionListProblem, exemptionMatches, exemptionProblem, PackConfig, resolveConfig, todayIso } from "./config";
import { Enforcement, isNotApplicable, judgesType, PolicyResource, ResourceRule, Rule, StackRule, Violation, violationMessage } from "./rule";
import { StackIndex } from "./stack-index";
import { declaredExemptions } from "./declared-exemption";
import { secretTexts, showsSecret, withoutSecrets } from "./secrets";
import { isUnknown, SECRET } from "./values";

export { exemptionLabelKey, exemptionTagKey, exemptionTagValue } from "./declared-exemption";

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
    /** The exemption declared on the resource's own tags or labels that exempted it (declared-exemption.ts). */
    declaredExemption?: { control: ControlId; key: string; reason: string; expires: string };
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
        const secrets = verdict.length ? secretTexts(resource) : [];
        return verdict.map(v => toFinding(rule, enforcement, v.resource ?? resource, v, config,
            v.resource && v.resource !== resource ? secrets.concat(secretTexts(v.resource)) : secrets));
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
        const violations = rule.check(stack, config);
        // A stack rule may show one resource's value on another's finding: every secret of the stack is hidden.
        const secrets = violations.length ? stack.resources.flatMap(secretTexts) : [];
        return violations.map(v => toFinding(rule, enforcement, v.resource, v, config, secrets));
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

function toFinding(rule: Rule, enforcement: Enforcement, resource: PolicyResource | undefined, v: Violation, config: PackConfig,
    secrets: readonly string[]): Finding {
    const unknown = isUnknown(v.found);
    const shown = showsSecret(v.found, secrets) ? { ...v, found: SECRET } : v;
    const finding: Finding = {
        policy: rule.name,
        controls: rule.controls,
        citation: citationOf(rule.controls),
        enforcement: unknown || enforcement === "advisory" ? "advisory" : "mandatory",
        severity: rule.severity,
        urn: resource?.urn ?? null,
        type: resource?.type ?? null,
        name: resource?.name ?? null,
        message: withoutSecrets(violationMessage(resource, shown) + (unknown ? "" : ` ${rule.remediation}`), secrets),
        exempted: false,
        reason: null,
        unknown,
    };
    if (v.notApplicable) return { ...finding, exempted: true, reason: `not applicable: ${v.notApplicable}` };
    return applyExemptions(finding, config, resource);
}

/**
 * A finding is exempted by a matching exemption that holds; a matching one that does not is named.
 * Exemptions come from the policy config first (whoever runs the check owns it), or are declared on
 * the resource's own tags or labels with a reason and a last day (declared-exemption.ts): such a
 * finding is still listed in every report, as exempted, "declared on the resource", with that reason.
 */
function applyExemptions(finding: Finding, config: PackConfig, resource: PolicyResource | undefined): Finding {
    const today = todayIso();
    // The engine cannot refuse a config: a list it cannot read exempts nothing, and the finding says so.
    const listProblem = exemptionListProblem(config.exemptions);
    if (listProblem) return { ...finding, message: `${finding.message} No exemption of the policy config applies: ${listProblem}.` };
    const matching = config.exemptions.filter(e => e && finding.controls.includes(e.control) && exemptionMatches(e, finding.urn, finding.name));
    const holding = matching.find(e => !exemptionProblem(e, today));
    if (holding) return { ...finding, exempted: true, reason: `${holding.reason} (until ${holding.expires})`, exemption: holding };
    const declared = declaredExemptions(resource, finding.controls, today);
    const held = declared.find(d => !d.problem);
    if (held) {
        return {
            ...finding, exempted: true,
            reason: `declared on the resource (${held.property} "${held.key}"): ${held.reason} (until ${held.expires})`,
            declaredExemption: { control: held.control, key: held.key, reason: held.reason, expires: held.expires },
        };
    }
    let out = finding;
    const problems = matching.map(e => exemptionProblem(e, today)).filter(Boolean);
    if (problems.length) out = { ...out, enforcement: "mandatory", message: `${out.message} An exemption matched but does not hold: ${problems.join("; ")}.` };
    // A declared exemption that does not hold leaves the finding as it was (mandatory stays mandatory) and says why.
    if (declared.length) out = { ...out, message: `${out.message} An exemption declared on the resource does not hold: ${declared.map(d => d.problem).join("; ")}.` };
    return out;
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
