// Rules → findings: the one implementation both paths use (the @pulumi/policy adapter for the real
// engine, and the offline checker). Fail closed: a rule that throws is a mandatory finding.
import { citationOf, ControlId } from "../controls";
import { Exemption, exemptionListProblem, exemptionMatches, exemptionProblem, PackConfig, resolveConfig, todayIso } from "./config";
import { Enforcement, isNotApplicable, judgesType, PolicyResource, ResourceRule, Rule, StackRule, Violation, violationMessage } from "./rule";
import { Lookup, StackIndex } from "./stack-index";
import { declaredExemptions } from "./declared-exemption";
import { hideSecretFragments, secretTexts, showsSecret, withoutSecrets } from "./secrets";
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

/**
 * What one rule concluded about one resource (or, `urn` null, about the stack as a whole). Findings are
 * derived from outcomes: a violation or unknown outcome carries its findings; error carries the
 * fail-closed finding; compliant and not-applicable carry none (except a Violation the rule itself
 * marked `notApplicable`, listed as an exempted finding as before).
 */
export type OutcomeKind = "violation" | "compliant" | "not-applicable" | "unknown" | "error";

export interface Outcome {
    policy: string;
    controls: ControlId[];
    urn: string | null;
    type: string | null;
    name: string | null;
    outcome: OutcomeKind;
    /** not-applicable: the rule's reason; error: what the rule threw; otherwise null. */
    reason: string | null;
    /** not-applicable only: the rule does not judge this kind of resource at all (rule.ts notOfKind): not judged by it. */
    otherKind?: boolean;
    /** A part judged with the resources it belongs to (a rule's `reads`/`partsNamedBy`): their URNs. It stands as they stand: their findings, exempted or not, are its own. */
    partOf?: string[];
    findings: Finding[];
}

function outcomeOf(rule: Rule, resource: { urn: string; type: string; name: string } | undefined, findings: Finding[]): Outcome {
    const base = { policy: rule.name, controls: rule.controls, urn: resource?.urn ?? null, type: resource?.type ?? null, name: resource?.name ?? null, findings };
    if (!findings.length) return { ...base, outcome: "compliant", reason: null };
    // A violation the rule marked not applicable (a limitation of the cloud): the reason, its finding kept as exempted.
    if (findings.every(f => f.reason?.startsWith("not applicable: ") && f.exempted && !f.exemption && !f.declaredExemption)) {
        return { ...base, outcome: "not-applicable", reason: findings.map(f => f.reason!.slice("not applicable: ".length)).join("; ") };
    }
    if (findings.every(f => f.unknown)) return { ...base, outcome: "unknown", reason: null };
    return { ...base, outcome: "violation", reason: null };
}

/** One resource rule on one resource: its outcome, or undefined when the rule does not judge it (another type, or disabled). */
export function resourceOutcome(rule: ResourceRule, resource: PolicyResource, settings: PolicySettings = {}): Outcome | undefined {
    const enforcement = enforcementOf(rule, settings);
    if (enforcement === "disabled" || !judgesType(rule, resource.type)) return undefined;
    const config = resolveConfig(settings.config);
    let verdict;
    try {
        verdict = rule.check(resource, config);
    } catch (e) {
        const secrets = secretTexts(resource);
        const finding = failedClosed(rule, resource, e, secrets);
        return { ...outcomeOf(rule, resource, [finding]), outcome: "error", reason: thrown(e, secrets) };
    }
    if (isNotApplicable(verdict)) {
        const reason = withoutSecrets(String(verdict.notApplicable), secretTexts(resource));
        const out: Outcome = { ...outcomeOf(rule, resource, []), outcome: "not-applicable", reason };
        if (verdict.otherKind === true) out.otherKind = true;
        return out;
    }
    const secrets = verdict.length ? secretTexts(resource) : [];
    const findings = verdict.map(v => toFinding(rule, enforcement, v.resource ?? resource, v, config,
        v.resource && v.resource !== resource ? secrets.concat(secretTexts(v.resource)) : secrets));
    return outcomeOf(rule, resource, findings);
}

/** One resource rule on one resource. Not applicable (other type, or the rule says so) gives []. */
export function runResourceRule(rule: ResourceRule, resource: PolicyResource, settings: PolicySettings = {}): Finding[] {
    return resourceOutcome(rule, resource, settings)?.findings ?? [];
}

/**
 * One stack rule over the whole stack: an outcome per resource its violations name, a compliant one for
 * each other resource of the types it `judges`, and one for the stack (urn null) when a violation names
 * no resource. A rule that throws: an error outcome for the stack (the mandatory finding) and for each
 * resource of its `judges` types (no finding of their own: the stack's says it). `findingsOnly`: only the
 * outcomes that carry a finding, the same findings (runStackRule).
 */
export function stackOutcomes(rule: StackRule, stack: StackIndex, settings: PolicySettings = {}, findingsOnly = false): Outcome[] {
    const enforcement = enforcementOf(rule, settings);
    if (enforcement === "disabled") return [];
    const config = resolveConfig(settings.config);
    let judged = rule.judges?.length ? stack.ofType(...rule.judges) : [];
    let violations: Violation[];
    try {
        violations = rule.check(stack, config);
    } catch (e) {
        const secrets = stack.resources.flatMap(secretTexts);
        const why = thrown(e, secrets);
        return [{ ...outcomeOf(rule, undefined, [failedClosed(rule, undefined, e, secrets)]), outcome: "error", reason: why },
            ...judged.map(r => ({ ...outcomeOf(rule, r, []), outcome: "error" as const, reason: `policy ${rule.name} failed on the stack (${why})` }))];
    }
    // What the rule says it does not judge (rule.ts notJudged): no finding, no outcome, for it and its parts.
    const unjudged = new Set(violations.filter(v => v.notJudged === true && v.resource).map(v => v.resource!.urn));
    // What the rule says its requirement does not apply to (rule.ts doesNotApply): not applicable, no finding.
    const doesNotApply = new Map<string, string[]>();
    for (const v of violations) {
        if (typeof v.doesNotApply !== "string" || !v.resource || v.notJudged === true) continue;
        doesNotApply.set(v.resource.urn, [...doesNotApply.get(v.resource.urn) ?? [], v.doesNotApply]);
    }
    if (violations.some(v => v.notJudged === true || v.doesNotApply !== undefined)) {
        violations = violations.filter(v => v.notJudged !== true && v.doesNotApply === undefined);
        judged = judged.filter(r => !unjudged.has(r.urn));
    }
    // A stack rule may show one resource's value on another's finding: every secret of the stack is hidden.
    const secrets = violations.length ? stack.resources.flatMap(secretTexts) : [];
    const byResource = new Map<string | null, { resource?: PolicyResource; findings: Finding[] }>();
    for (const v of violations) {
        const key = v.resource?.urn ?? null;
        const entry = byResource.get(key) ?? { resource: v.resource, findings: [] };
        entry.findings.push(toFinding(rule, enforcement, v.resource, v, config, secrets));
        byResource.set(key, entry);
    }
    const out = [...byResource.values()].map(e => outcomeOf(rule, e.resource, e.findings));
    // The outcomes below carry no finding (each judged resource without a violation, each part).
    if (findingsOnly) return out;
    for (const r of judged) {
        if (byResource.has(r.urn)) continue;
        const reasons = doesNotApply.get(r.urn);
        out.push(reasons ? { ...outcomeOf(rule, r, []), outcome: "not-applicable", reason: reasons.join("; ") } : outcomeOf(rule, r, []));
    }
    if ((rule.reads || rule.partsNamedBy) && judged.length) out.push(...partOutcomes(rule, stack, judged, out));
    return out;
}

/**
 * The outcomes of a stack rule's `reads` parts: each takes the outcome of the judged resource its input
 * names (the worst, when several), without findings of its own (those are on that resource). Named
 * strictly, so that a part is never counted judged when the rule did not relate it: by the input's
 * dependencies, or by its value equal to the judged resource's own input of the same name. A part of
 * `partsNamedBy` is judged with the judged resources whose input names it and nothing else of its type.
 */
function partOutcomes(rule: StackRule, stack: StackIndex, judged: readonly PolicyResource[], outcomes: readonly Outcome[]): Outcome[] {
    const judgedUrns = new Set(judged.map(r => r.urn));
    const byUrn = new Map(outcomes.filter(o => o.urn !== null).map(o => [o.urn!, o]));
    const worst: OutcomeKind[] = ["error", "violation", "unknown", "not-applicable", "compliant"];
    // Part URN → the part and the judged resources it is read with.
    const wholesOf = new Map<string, { part: PolicyResource; wholes: PolicyResource[] }>();
    const relate = (part: PolicyResource, wholes: readonly PolicyResource[]) => {
        if (judgedUrns.has(part.urn) || byUrn.has(part.urn) || !wholes.length) return;
        const entry = wholesOf.get(part.urn) ?? { part, wholes: [] };
        for (const w of wholes) if (!entry.wholes.includes(w)) entry.wholes.push(w);
        wholesOf.set(part.urn, entry);
    };
    for (const [property, types] of Object.entries(rule.reads ?? {})) {
        // The judged resources the part's property names (Lookup.refer: a known text decides, a dependency stands in
        // for a judged resource whose own value is unknown): a part built from one but naming another is not its part.
        const wholes = new Lookup(judged, [property]);
        for (const part of stack.ofType(...types)) relate(part, wholes.resolve(part, property));
    }
    for (const [property, types] of Object.entries(rule.partsNamedBy ?? {})) {
        // Without regard to case, as the rules relate them: the parts named so (RDS and Redshift parameter groups,
        // Google URL maps) are names their cloud reads in any case or allows in lower case only.
        const lookup = stack.lookup(types, ["name", "id"], true);
        for (const whole of judged) {
            const parts = lookup.resolve(whole, property);
            if (parts.length === 1) relate(parts[0], [whole]);
        }
    }
    const out: Outcome[] = [];
    for (const { part, wholes } of wholesOf.values()) {
        const theirs = wholes.map(w => byUrn.get(w.urn)).filter((o): o is Outcome => !!o);
        if (!theirs.length) continue;
        const o = theirs.sort((a, b) => worst.indexOf(a.outcome) - worst.indexOf(b.outcome))[0];
        out.push({ ...outcomeOf(rule, part, []), outcome: o.outcome,
            reason: `judged as part of ${wholes.map(w => `${w.type} "${w.name}"`).join(", ")}${o.reason ? `: ${o.reason}` : ""}`, partOf: wholes.map(w => w.urn) });
    }
    return out;
}

/** One stack rule over the whole stack: its findings (the engine's path, which reports no outcome without one). */
export function runStackRule(rule: StackRule, stack: StackIndex, settings: PolicySettings = {}): Finding[] {
    return stackOutcomes(rule, stack, settings, true).flatMap(o => o.findings);
}

/** Every rule over every resource: every outcome, and the findings derived from them. The stack is indexed once. */
export function evaluateOutcomes(rules: readonly Rule[], resources: readonly PolicyResource[], settingsFor: SettingsFor = () => ({})): { outcomes: Outcome[]; findings: Finding[] } {
    const outcomes: Outcome[] = [];
    const byType = new Map<string, { rule: ResourceRule; settings: PolicySettings }[]>();
    const stackRules: StackRule[] = [];
    for (const rule of rules) {
        if (rule.kind === "stack") { stackRules.push(rule); continue; }
        const settings = settingsFor(rule.name);
        for (const t of new Set(rule.types)) {
            const list = byType.get(t);
            if (list) list.push({ rule, settings }); else byType.set(t, [{ rule, settings }]);
        }
    }
    for (const resource of resources) {
        for (const { rule, settings } of byType.get(resource.type) ?? []) {
            const o = resourceOutcome(rule, resource, settings);
            if (o) outcomes.push(o);
        }
    }
    const index = new StackIndex(resources);
    for (const rule of stackRules) outcomes.push(...stackOutcomes(rule, index, settingsFor(rule.name)));
    return { outcomes, findings: outcomes.flatMap(o => o.findings) };
}

/** Every rule over every resource: the findings (evaluateOutcomes without the outcomes). */
export function evaluate(rules: readonly Rule[], resources: readonly PolicyResource[], settingsFor: SettingsFor = () => ({})): Finding[] {
    return evaluateOutcomes(rules, resources, settingsFor).findings;
}

/** What a rule threw, in words; an error that quotes a secret document the rule was reading shows [secret] there. */
function thrown(e: unknown, secrets: readonly string[]): string {
    let text: string;
    try {
        text = e instanceof Error ? e.message : String(e);
    } catch {
        text = "a value that cannot be shown";
    }
    return secrets.length ? hideSecretFragments(withoutSecrets(text, secrets), secrets) : text;
}

function toFinding(rule: Rule, enforcement: Enforcement, resource: PolicyResource | undefined, v: Violation, config: PackConfig,
    secrets: readonly string[]): Finding {
    const unknown = isUnknown(v.found);
    // The value found: [secret] when it shows (part of) a secret; the rule's free-text note may quote a
    // secret document it read (a parse error): every run of a secret's text in it is hidden.
    const shown = secrets.length ? { ...v, found: showsSecret(v.found, secrets) ? SECRET : v.found, note: v.note && hideSecretFragments(v.note, secrets) } : v;
    const finding: Finding = {
        policy: rule.name,
        controls: rule.controls,
        citation: citationOf(rule.controls),
        enforcement: unknown || enforcement === "advisory" ? "advisory" : "mandatory",
        severity: rule.severity,
        urn: resource?.urn ?? null,
        type: resource?.type ?? null,
        name: resource?.name ?? null,
        // No remediation on an unknown value (nothing to change yet), nor on the rule's own "not applicable"
        // (a limitation of the cloud: the remediation is what it says cannot be done).
        message: withoutSecrets(violationMessage(resource, shown) + (unknown || v.notApplicable ? "" : ` ${rule.remediation}`), secrets),
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

function failedClosed(rule: Rule, resource: PolicyResource | undefined, e: unknown, secrets: readonly string[]): Finding {
    const why = thrown(e, secrets);
    return {
        policy: rule.name, controls: rule.controls, citation: citationOf(rule.controls), enforcement: "mandatory",
        severity: rule.severity, urn: resource?.urn ?? null, type: resource?.type ?? null, name: resource?.name ?? null,
        message: `policy ${rule.name} failed while judging ${resource ? `${resource.type} "${resource.name}"` : "the stack"} ` +
            `(${why}); a policy that fails is a finding, never a pass.`,
        exempted: false, reason: null, unknown: false,
    };
}
