// The one harness of the policy tests, for the three clouds: resources as a program registers them
// (typed by the SDK's Args where a test wants a misspelt input to fail the type-check), rules chosen by
// their metadata, one runner over policies/lib/evaluate.ts (the functions the checker and the engine
// adapter share), and assertions whose names say exactly what they check.
import assert from "node:assert/strict";
import type { ControlId } from "../../policies/controls";
import type { PackConfig } from "../../policies/lib/config";
import { Finding, OutcomeKind, resourceOutcome, runResourceRule, runStackRule, stackOutcomes } from "../../policies/lib/evaluate";
import { judgesType, type PolicyResource, type Rule } from "../../policies/lib/rule";
import { StackIndex } from "../../policies/lib/stack-index";
import { UNKNOWN } from "../../policies/lib/values";
import { rules as pack } from "../../policies/pack";

export { UNKNOWN };

export type Cloud = "aws" | "azure" | "gcp";
export const clouds: readonly Cloud[] = ["aws", "azure", "gcp"];

// ---- resources -------------------------------------------------------------------------------------

/**
 * A fixture's inputs: the SDK's `Args` of the resource (`import type { BucketV2Args } from
 * "@pulumi/aws/s3"`), each top-level input also allowed to be unknown at preview. Untyped fixtures (the
 * default) are for the inputs a program can write but the SDK's types refuse (hostile spellings).
 */
export type Inputs<Args extends object> = { [K in keyof Args]?: Args[K] | typeof UNKNOWN };

export interface ResourceOptions extends Partial<PolicyResource["opts"]> {
    /** The resource's name (its URN ends in it); default: a fresh `r<n>`. */
    name?: string;
    /** Property → the resources it was built from, as a program's Outputs record them (opts.propertyDependencies). */
    deps?: Record<string, readonly PolicyResource[]>;
    /** The inputs of the resource's provider (`region`, `defaultTags`, `defaultLabels`); default: none known. */
    provider?: Record<string, unknown>;
}

let fresh = 0;

/** A resource of `type` as a rule sees it; its provider is the default provider of `type`'s package. */
export function resource<Args extends object = Record<string, unknown>>(type: string, props: Inputs<NoInfer<Args>> = {}, options: ResourceOptions = {}): PolicyResource {
    const { name = `r${++fresh}`, deps, provider, ...opts } = options;
    const r: PolicyResource = { type, name, urn: `urn:pulumi:test::hospital::${type}::${name}`, props: props as Record<string, unknown>, opts };
    for (const [property, targets] of Object.entries(deps ?? {})) dependsOn(r, property, ...targets);
    if (provider) {
        const providerType = `pulumi:providers:${type.slice(0, type.indexOf(":"))}`;
        r.provider = { type: providerType, urn: `urn:pulumi:test::hospital::${providerType}::default`, props: provider };
    }
    return r;
}

/** Records that `r`'s `property` was built from `targets` (what the engine and the mocks record for Output-built inputs); returns `r`. */
export function dependsOn(r: PolicyResource, property: string, ...targets: readonly PolicyResource[]): PolicyResource {
    r.opts.propertyDependencies = { ...r.opts.propertyDependencies, [property]: targets.map(t => t.urn) };
    return r;
}

/** A deep copy of `r` with the input at `path` ("a.b.c") set to `value` (undefined deletes it). */
export function withProp(r: PolicyResource, path: string, value: unknown): PolicyResource {
    // Fixtures hold no symbols, so structuredClone can copy them; UNKNOWN is only ever set here.
    const copy: PolicyResource = structuredClone(r);
    const steps = path.split(".");
    let cur: any = copy.props;
    for (const s of steps.slice(0, -1)) cur = cur[s] ??= {};
    if (value === undefined) delete cur[steps[steps.length - 1]]; else cur[steps[steps.length - 1]] = value;
    return copy;
}

// ---- rules, chosen by their metadata ---------------------------------------------------------------

/** The pack's rules that match every field given (cloud, control, kind). */
export function rulesOf(select: { cloud?: Cloud; control?: ControlId; kind?: Rule["kind"] }): Rule[] {
    const chosen = pack.filter(r => (!select.cloud || r.cloud === select.cloud) && (!select.control || r.controls.includes(select.control))
        && (!select.kind || r.kind === select.kind));
    assert.ok(chosen.length, `no rule matches ${JSON.stringify(select)}`);
    return chosen;
}

/** The pack's rule of that name. */
export function ruleNamed(name: string): Rule {
    const found = pack.find(r => r.name === name);
    assert.ok(found, `rule ${name} exists`);
    return found;
}

// ---- running ---------------------------------------------------------------------------------------

/**
 * How a findings array was produced, for the assertions: the rules that ran (an empty array names none by
 * itself), and whether they judged anything at all (a resource rule judges only its types).
 */
const producedBy = new WeakMap<readonly Finding[], { rules: string[]; judgedNothing: boolean }>();

/**
 * The findings of `rules` (a rule, its name, or several) over `resources`: each resource rule on each
 * resource it judges, each stack rule once over the stack they make.
 */
export function findingsOf(rules: Rule | string | readonly Rule[], resources: PolicyResource | readonly PolicyResource[], config?: Partial<PackConfig>): Finding[] {
    const list = typeof rules === "string" ? [ruleNamed(rules)] : "kind" in rules ? [rules as Rule] : rules as readonly Rule[];
    const stack = Array.isArray(resources) ? resources as readonly PolicyResource[] : [resources as PolicyResource];
    const index = list.some(r => r.kind === "stack") ? new StackIndex(stack) : undefined;
    const findings = list.flatMap(rule => rule.kind === "stack" ? runStackRule(rule, index!, { config })
        : stack.flatMap(r => runResourceRule(rule, r, { config })));
    const judgedNothing = list.every(rule => rule.kind === "resource" && !stack.some(r => judgesType(rule, r.type)));
    producedBy.set(findings, { rules: list.map(r => r.name), judgedNothing });
    return findings;
}

/** A resource rule's outcome on one resource (undefined: the rule does not judge its type). */
export function outcomeOf(rule: Rule, r: PolicyResource, config?: Partial<PackConfig>): OutcomeKind | undefined {
    assert.ok(rule.kind === "resource", `${rule.name} is a resource rule`);
    return resourceOutcome(rule, r, { config })?.outcome;
}

/** A stack rule's outcome for each resource it judges, by name (absent: not judged by it). */
export function stackOutcomesByName(rule: Rule, resources: PolicyResource[], config?: Partial<PackConfig>): Record<string, OutcomeKind> {
    assert.ok(rule.kind === "stack", `${rule.name} is a stack rule`);
    return Object.fromEntries(stackOutcomes(rule, new StackIndex(resources), { config }).filter(o => o.name !== null).map(o => [o.name!, o.outcome]));
}

// ---- assertions ------------------------------------------------------------------------------------

/** The findings that say a resource does not comply: neither exempted nor only unknown at preview. */
export function violations(findings: readonly Finding[]): Finding[] {
    return findings.filter(f => !f.exempted && !f.unknown);
}

function seen(findings: readonly Finding[]): string {
    const rules = producedBy.get(findings)?.rules ?? [...new Set(findings.map(f => f.policy))];
    const shown = findings.map(f => `${f.exempted ? "exempted " : ""}${f.unknown ? "unknown " : ""}${f.enforcement} ${f.policy} on ${f.name}: ${f.message}`);
    return `rule ${rules.join(", ") || "(none)"}; findings seen: ${shown.length ? `\n  ${shown.join("\n  ")}` : "none"}`;
}

/**
 * No finding at all (not a violation, not an unknown value, not an exempted one), from rules that judged
 * the resources: silence from a rule that judges none of their types (a misspelt token) is not a pass.
 */
export function assertNoFinding(findings: readonly Finding[]): void {
    assert.ok(findings.length === 0, `expected no finding; ${seen(findings)}`);
    assert.ok(!producedBy.get(findings)?.judgedNothing, `expected no finding from a rule that judges the resources, but it judges none of their types; ${seen(findings)}`);
}

/** Nothing judged: the resource rules that ran judge none of the resources' types. */
export function assertNotJudged(findings: readonly Finding[]): void {
    assert.ok(producedBy.get(findings)?.judgedNothing === true, `expected rules that judge none of the resources' types; ${seen(findings)}`);
}

/**
 * Whether the properties and `found` pair off one to one, each finding's message naming its property: a
 * matching (augmenting paths), since a message's remediation may name the other properties too.
 */
function pairOff(found: readonly Finding[], properties: readonly string[]): boolean {
    if (found.length !== properties.length) return false;
    const takenBy: (number | undefined)[] = found.map(() => undefined);
    const place = (p: number, tried: Set<number>): boolean => found.some((f, i) => {
        if (tried.has(i) || !f.message.includes(properties[p])) return false;
        tried.add(i);
        if (takenBy[i] !== undefined && !place(takenBy[i]!, tried)) return false;
        takenBy[i] = p;
        return true;
    });
    return properties.every((_, p) => place(p, new Set()));
}

/**
 * Exactly one violation (mandatory, neither exempted nor unknown) per property given, each naming its
 * property, of `control` and on `urn` when given; other findings may only be unknown or exempted.
 * Returns the findings.
 */
export function assertViolations(findings: Finding[], properties: readonly string[], expected: { control?: ControlId; urn?: string } = {}): Finding[] {
    const hard = violations(findings);
    const what = `exactly ${properties.length} violation(s), one naming each of ${properties.join(", ")}`;
    assert.ok(properties.length > 0 && pairOff(hard, properties), `expected ${what}; ${seen(findings)}`);
    assert.ok(hard.every(v => v.enforcement === "mandatory"), `expected mandatory violations, not advice; ${seen(findings)}`);
    if (expected.control) assert.ok(hard.every(v => v.controls.includes(expected.control!)), `expected violations of ${expected.control}; ${seen(findings)}`);
    if (expected.urn) assert.ok(hard.every(v => v.urn === expected.urn), `expected the violations on ${expected.urn}; ${seen(findings)}`);
    return findings;
}

/** Exactly one violation, naming `property` (assertViolations with one property). */
export function assertOneViolation(findings: Finding[], property: string, expected: { control?: ControlId; urn?: string } = {}): Finding[] {
    return assertViolations(findings, [property], expected);
}

/** Only advice of an advisory rule (not unknown values), one finding naming each property given, on `urn` when given. */
export function assertAdvice(findings: Finding[], properties: readonly string[], expected: { urn?: string } = {}): Finding[] {
    assert.ok(properties.length > 0 && pairOff(findings, properties)
        && findings.every(f => !f.unknown && !f.exempted && f.enforcement === "advisory" && (!expected.urn || f.urn === expected.urn)),
    `expected exactly ${properties.length} advice finding(s), one naming each of ${properties.join(", ")}${expected.urn ? ` on ${expected.urn}` : ""}; ${seen(findings)}`);
    return findings;
}

/** Exactly one advice, naming `property` (assertAdvice with one property). */
export function assertOneAdvice(findings: Finding[], property: string, expected: { urn?: string } = {}): Finding[] {
    return assertAdvice(findings, [property], expected);
}

/**
 * Only findings of values unknown at preview (advisory), exactly one per property given, each naming it:
 * an unknown value is never compliant, and never a violation either.
 */
export function assertOnlyUnknown(findings: Finding[], ...properties: string[]): Finding[] {
    assert.ok(properties.length > 0 && pairOff(findings, properties)
        && findings.every(f => f.unknown && f.enforcement === "advisory" && !f.exempted),
    `expected exactly ${properties.length} unknown-at-preview finding(s), one naming each of ${properties.join(", ")}; ${seen(findings)}`);
    return findings;
}

/** Exactly one finding, exempted, whose reason contains `reason`; nothing else. */
export function assertOneExempted(findings: Finding[], reason: string): Finding[] {
    assert.ok(findings.length === 1 && findings[0].exempted && (findings[0].reason ?? "").includes(reason),
        `expected exactly one exempted finding whose reason says ${reason}; ${seen(findings)}`);
    return findings;
}
