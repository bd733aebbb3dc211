// Minimal Google Cloud resources for the GCP policy tests, and a way to run one rule of the pack
// over them through policies/lib/evaluate.ts (the path the checker and the engine adapter share).
import assert from "node:assert/strict";
import { rules } from "../../../policies/gcp";
import type { PackConfig } from "../../../policies/lib/config";
import { evaluate, Finding } from "../../../policies/lib/evaluate";
import type { PolicyResource, Rule } from "../../../policies/lib/rule";
import { UNKNOWN } from "../../../policies/lib/values";

export { UNKNOWN };

let counter = 0;

/** A resource as a program would register it; `name` defaults to a fresh one. */
export function res(type: string, props: Record<string, unknown> = {}, extra: Partial<PolicyResource> & { name?: string } = {}): PolicyResource {
    const name = extra.name ?? `r${++counter}`;
    return {
        type, name, urn: `urn:pulumi:test::hospital::${type}::${name}`, props,
        opts: { protect: true, ...extra.opts }, ...(extra.provider ? { provider: extra.provider } : {}),
    };
}

/** A dependency of `prop` on `targets` (what the engine and the mocks record for Output-built inputs). */
export function dependsOn(r: PolicyResource, prop: string, ...targets: PolicyResource[]): PolicyResource {
    r.opts.propertyDependencies = { ...r.opts.propertyDependencies, [prop]: targets.map(t => t.urn) };
    return r;
}

export function rule(name: string): Rule {
    const found = rules.find(r => r.name === name);
    assert.ok(found, `rule ${name} exists`);
    return found;
}

/** The findings of one rule over a stack of resources. */
export function findings(name: string, resources: PolicyResource[], config?: Partial<PackConfig>): Finding[] {
    return evaluate([rule(name)], resources, () => ({ config }));
}

/** Asserts there is no finding. */
export function passes(name: string, resources: PolicyResource[], config?: Partial<PackConfig>): void {
    const f = findings(name, resources, config);
    assert.deepEqual(f.map(x => x.message), [], `${name} should pass`);
}

/**
 * Asserts a mandatory finding with the rule's control whose message names `property`; returns the
 * findings for further checks.
 */
export function fails(name: string, resources: PolicyResource[], property: string, config?: Partial<PackConfig>): Finding[] {
    const f = findings(name, resources, config);
    const hit = f.find(x => x.message.includes(property) && x.enforcement === "mandatory" && !x.unknown);
    assert.ok(hit, `${name} should fail on ${property}; got ${JSON.stringify(f.map(x => x.message))}`);
    assert.deepEqual(hit.controls, rule(name).controls);
    assert.equal(hit.policy, name);
    return f;
}

/** Asserts an advisory "unknown until deployment" finding naming `property`. */
export function unknownFinding(name: string, resources: PolicyResource[], property: string, config?: Partial<PackConfig>): void {
    const f = findings(name, resources, config);
    const hit = f.find(x => x.unknown && x.message.includes(property));
    assert.ok(hit, `${name} should report ${property} as unknown; got ${JSON.stringify(f.map(x => x.message))}`);
    assert.equal(hit.enforcement, "advisory");
}

/** Asserts an advisory (not unknown) finding naming `property`: a rule that is advice only. */
export function advises(name: string, resources: PolicyResource[], property: string): void {
    const f = findings(name, resources);
    const hit = f.find(x => !x.unknown && x.message.includes(property));
    assert.ok(hit, `${name} should advise on ${property}; got ${JSON.stringify(f.map(x => x.message))}`);
    assert.equal(hit.enforcement, "advisory");
}

// Compliant building blocks, as a component would register them.
export const KEY = "projects/p/locations/us-central1/keyRings/ring/cryptoKeys/key";
export const labels = { tenant: "mercy", "data-classification": "phi", environment: "prod" };

export const cmekBucket = (props: Record<string, unknown> = {}, name?: string) => res("gcp:storage/bucket:Bucket", {
    name: name ?? `bucket-${++counter}`, location: "US-CENTRAL1", encryption: { defaultKmsKeyName: KEY },
    uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", versioning: { enabled: true },
    deletionPolicy: "PREVENT", labels, ...props,
}, name ? { name } : {});
