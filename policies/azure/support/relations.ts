// Relating Azure resources: the pack's one Lookup (policies/lib/stack-index.ts), keyed by the name Azure
// knows a resource by and reading a resource id as the name it ends with.
import type { PolicyResource } from "../../lib/rule";
import { KeyOf, Lookup, StackIndex } from "../../lib/stack-index";
import { canonicalType } from "../../lib/type-tokens";
import type { Excuse } from "../../lib/unknowns";
import { holdsUnknown } from "../../lib/unknowns";
import { isUnknown, UNKNOWN, Unknown } from "../../lib/values";
import { childKinds, nameInputs as sdkNameInputs } from "./resource-types";
import { T } from "./tokens";

/**
 * The name Azure knows a resource by: its `<kind>Name` input, else `name`; undefined while it is unknown. With
 * neither given, azure-native names a child resource (a subnet, a SQL pool: childKinds) by its Pulumi name as it
 * is, and any other by its Pulumi name plus a random suffix (pulumi-azure-native#519), as the classic provider
 * (`azure:`) names every resource: a text equal to that Pulumi name names another resource.
 */
export function physicalName(r: PolicyResource): string | undefined {
    const [own, name] = nameInputs(r);
    if (typeof own === "string" && own) return own;
    if (typeof name === "string" && name) return name;
    if (holdsUnknown(own) || holdsUnknown(name)) return undefined;
    const kind = r.type.slice(r.type.lastIndexOf(":") + 1);
    const [pkg, module] = canonicalType(r.type).split(":");
    return pkg === "azure-native" && childKinds[module]?.includes(kind) ? r.name : undefined;
}

/** A resource's name inputs: its own name input (`<kind>Name`, or the SDK's other one: nameInputOf), and `name`. */
function nameInputs(r: PolicyResource): [unknown, unknown] {
    return [r.props[nameInputOf(r.type)], r.props.name];
}

/** The input that holds an azure-native resource's own name: `<kind>Name`, or another the SDK names (a storage account's accountName). */
export function nameInputOf(type: string): string {
    const token = canonicalType(type);
    const kind = token.slice(token.lastIndexOf(":") + 1);
    return sdkNameInputs[token] ?? kind.charAt(0).toLowerCase() + kind.slice(1) + "Name";
}

/**
 * Azure's key normaliser: the resource-name segment of a resource id (or a plain name), lower-cased:
 * ".../vaults/kv1" → "kv1"; ".../storageAccounts/st1/blobServices/default" → "st1" (a storage service's account).
 * UNKNOWN when any part of the id is unknown at preview: a known name in an unknown group may be another resource's.
 */
export const referenceKey: KeyOf = id => {
    if (!id) return undefined;
    if (holdsUnknown(id)) return UNKNOWN;
    const parts = id.replace(/\/+$/, "").split("/");
    const services = parts.length - 2;
    if (services > 0 && /^(blob|file|queue|table)Services$/i.test(parts[services])) return parts[services - 1]?.toLowerCase();
    return parts[parts.length - 1].toLowerCase();
};

/** The name an id names (referenceKey); UNKNOWN when it is, or embeds, a value unknown at preview; undefined for a non-text. */
export function nameInId(id: unknown): string | Unknown | undefined {
    if (typeof id === "string") return referenceKey(id);
    return holdsUnknown(id) ? UNKNOWN : undefined;
}

/**
 * The Lookup of Azure resources: by their physical name, without regard to case (as Azure names them), named by resource id or name. A name input
 * unknown at preview is an unknown key (a text may turn out to name it); an autonamed one is no key at all.
 */
export function lookupOf(targets: readonly PolicyResource[]): Lookup {
    return new Lookup(targets, t => [physicalName(t) ?? nameInputs(t).find(holdsUnknown)], referenceKey, true);
}

/** What refers to each target: sources of `fromTypes` whose `prop` points at a target of `toTypes`. */
export interface Relation {
    /** Target URN → the sources that point at it. */
    of: Map<string, PolicyResource[]>;
    /** Sources whose pointer is unknown at preview (they may point at any target). */
    unresolved: PolicyResource[];
}

/** Builds a relation once per stack check (STYLE.md "index once"). */
export function relate(stack: StackIndex, fromTypes: readonly string[], prop: string, toTypes: readonly string[]): Relation {
    const lookup = lookupOf(stack.ofType(...toTypes));
    const of = new Map<string, PolicyResource[]>();
    const unresolved: PolicyResource[] = [];
    for (const source of stack.ofType(...fromTypes)) {
        const targets = lookup.refer(source, prop);
        if (isUnknown(targets)) { unresolved.push(source); continue; }
        for (const t of targets) {
            const list = of.get(t.urn);
            if (list) list.push(source); else of.set(t.urn, [source]);
        }
    }
    return { of, unresolved };
}

/**
 * What a stack rule reports as found among related values: UNKNOWN when one of them is unknown, or
 * when an unresolved source (one pointing at something unknown at preview) is left to excuse this
 * resource (judged at `pulumi up`); the values when there are some, else undefined ("unset": nothing
 * related). `unresolved` is a budget (policies/lib/unknowns.ts): one unknown pointer excuses at most
 * one resource, never every uncovered one.
 */
export function foundAmong(values: unknown[], unresolved?: Excuse): unknown {
    if (values.some(isUnknown) || unresolved?.()) return UNKNOWN;
    return values.length ? values : undefined;
}

/**
 * Whether an id unknown at preview is built from one of these resources' outputs (its property
 * dependencies `deps`), so it is that resource's own id and no other's: an Azure resource other than
 * a resource group or subscription (an id built from a group's id and a name may name anything in it;
 * one built from a random or a config value, anything at all).
 */
export function builtFromOtherResource(stack: StackIndex, deps: readonly string[]): boolean {
    return deps.some(u => {
        const r = stack.byUrn(u);
        return !!r && r.type.startsWith("azure-native:") && !/^azure-native:resources:(ResourceGroup|Subscription)/.test(r.type);
    });
}

const endpointConnectionProps = ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"] as const;

/** Per target: the groupIds (lower-cased) of the private endpoints connected to it. */
export interface EndpointIndex {
    groups: Map<string, Set<string>>;
    /** Private endpoints whose target is unknown at preview. */
    unresolved: PolicyResource[];
}

/**
 * The private endpoints of the stack, related to targets of `targetTypes` through each connection's
 * `privateLinkServiceId` (by dependency, else by the name in the id). Built once per stack check.
 */
export function privateEndpointIndex(stack: StackIndex, targetTypes: readonly string[]): EndpointIndex {
    const lookup = lookupOf(stack.ofType(...targetTypes));
    const groups = new Map<string, Set<string>>();
    const unresolved: PolicyResource[] = [];
    const add = (urn: string, ids: unknown) => {
        let set = groups.get(urn);
        if (!set) groups.set(urn, set = new Set());
        for (const g of Array.isArray(ids) ? ids : []) if (typeof g === "string") set.add(g.toLowerCase());
    };
    for (const pe of stack.ofType(T.privateEndpoint)) {
        for (const prop of endpointConnectionProps) {
            const conns = pe.props[prop];
            const built = lookup.builtFrom(pe, prop);
            // Connected to another resource of the stack (by its outputs): not one of these targets.
            const elsewhere = !built.length && builtFromOtherResource(stack, pe.opts.propertyDependencies?.[prop] ?? []);
            if (isUnknown(conns)) { if (!elsewhere) unresolved.push(pe); continue; }
            if (!Array.isArray(conns)) continue;
            for (const conn of conns) {
                const c = (conn ?? {}) as Record<string, unknown>;
                if (built.length) { built.forEach(t => add(t.urn, c.groupIds)); continue; }
                const targets = lookup.named(c.privateLinkServiceId);
                if (isUnknown(targets)) { if (!elsewhere) unresolved.push(pe); }
                else targets.forEach(t => add(t.urn, c.groupIds));
            }
        }
    }
    return { groups, unresolved };
}
