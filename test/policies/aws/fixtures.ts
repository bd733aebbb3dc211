// Small builders of PolicyResource objects for the AWS policy tests: a resource as the engine or the
// checker hands it to a rule (type, name, URN, inputs, options, provider).
import { evaluate, Finding, OutcomeKind, resourceOutcome, runResourceRule, runStackRule, stackOutcomes } from "../../../policies/lib/evaluate";
import type { PackConfig } from "../../../policies/lib/config";
import type { PolicyResource, ResourceRule, Rule, StackRule } from "../../../policies/lib/rule";
import { StackIndex } from "../../../policies/lib/stack-index";

export interface Options {
    protect?: boolean;
    /** Property name → the resources that property was built from (as a program's Outputs record them). */
    deps?: Record<string, PolicyResource[]>;
    provider?: Record<string, unknown>;
}

export function res(type: string, name: string, props: Record<string, unknown> = {}, options: Options = {}): PolicyResource {
    const r: PolicyResource = {
        type, name, urn: `urn:pulumi:test::hospital::${type}::${name}`, props,
        opts: { protect: options.protect },
    };
    if (options.deps) {
        r.opts.propertyDependencies = Object.fromEntries(Object.entries(options.deps).map(([k, v]) => [k, v.map(d => d.urn)]));
    }
    if (options.provider) r.provider = { type: "pulumi:providers:aws", urn: "urn:pulumi:test::hospital::pulumi:providers:aws::default", props: options.provider };
    return r;
}

export const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

export function run(rule: ResourceRule, resource: PolicyResource, config?: Partial<PackConfig>): Finding[] {
    return runResourceRule(rule, resource, { config });
}

export function runStack(rule: StackRule, resources: PolicyResource[], config?: Partial<PackConfig>): Finding[] {
    return runStackRule(rule, new StackIndex(resources), { config });
}

export function runAll(rules: readonly Rule[], resources: PolicyResource[], config?: Partial<PackConfig>): Finding[] {
    return evaluate(rules, resources, () => ({ config }));
}

/** The non-exempted findings that are not only unknown at preview. */
export function failing(findings: Finding[]): Finding[] {
    return findings.filter(f => !f.exempted && !f.unknown);
}

/** A stack rule's outcome for each resource it judges, by name (absent: not judged by it). */
export function stackOutcomesByName(rule: StackRule, resources: PolicyResource[], config?: Partial<PackConfig>): Record<string, OutcomeKind> {
    return Object.fromEntries(stackOutcomes(rule, new StackIndex(resources), { config }).filter(o => o.name !== null).map(o => [o.name!, o.outcome]));
}

/** A resource rule's outcome on one resource (undefined: the rule does not judge its type). */
export function outcomeOf(rule: ResourceRule, resource: PolicyResource, config?: Partial<PackConfig>): OutcomeKind | undefined {
    return resourceOutcome(rule, resource, { config })?.outcome;
}
