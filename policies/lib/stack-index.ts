// The stack index: built once per stack, so a stack rule looks things up instead of rescanning the
// stack for every resource (STYLE.md "index once"; cdk-nag's rescans grow with the square of the stack).
import type { PolicyResource } from "./rule";
import { isUnknown, UNKNOWN, UNKNOWN_STRING, Unknown } from "./values";
import { holdsUnknown } from "./unknowns";
import { canonicalType } from "./type-tokens";

const defaultIdProps: readonly string[] = ["bucket", "name", "id"];

/**
 * What a reference names: the targets it names (none: nothing of the stack), or UNKNOWN: it is unknown
 * at preview and none of the targets is known to be it (once deployed it may name any one of them, or
 * none). A rule must judge UNKNOWN as unknown, never as "names nothing", which could read as compliant.
 */
export type Reference = PolicyResource[] | Unknown;

/**
 * A cloud's key normaliser: the text a reference is written with (an ARN, an Azure resource id, a
 * `gs://` URL, a resource path) → the key its target is known by; undefined when it names nothing;
 * UNKNOWN when the part of it that names the target is unknown at preview (a key that holds an
 * unknown is read as UNKNOWN too).
 */
export type KeyOf = (text: string) => string | Unknown | undefined;

/**
 * Resources of some kinds, by URN and by the keys other resources name them with (a name, an id, an
 * identifier), built once so that relating two kinds of resources costs one pass over each. The one
 * relation mechanism of the pack: a cloud gives it how a target is keyed and how a reference text is
 * normalised (`keyOf`: ARN → name, Azure id → name, `gs://bucket/...` → bucket).
 */
export class Lookup {
    private readonly byUrn = new Map<string, PolicyResource>();
    private readonly byKey = new Map<string, PolicyResource[]>();
    /** The targets with a key known at preview: a text that is known decides whether it names them. */
    private readonly knownName = new Set<PolicyResource>();
    /** The keys unknown at preview, whole or in part, as patterns of the texts they may turn out to be. */
    private readonly unknownKeys: { target: PolicyResource; pattern: RegExp }[] = [];

    /**
     * `keys`: the target's inputs other resources name it by (its physical name, id, ARN), or a function
     * giving a target's keys. Never its logical (Pulumi) name: a resource whose name input is unset is named
     * by the cloud or the provider's autonaming (the Pulumi name plus a random suffix), so a text equal to
     * the Pulumi name names another resource, and its own name is unknown until it is deployed.
     * `caseless`: the cloud names these targets without regard to case (Azure names, IAM names): a key, a
     * reference and a pattern of what an unknown key may be are all compared in lower case, here and not by each caller.
     */
    constructor(readonly targets: readonly PolicyResource[], keys: readonly string[] | ((target: PolicyResource) => unknown[]),
        private readonly keyOf: KeyOf = text => text, private readonly caseless = false) {
        const keysOf = typeof keys === "function" ? keys : (t: PolicyResource) => keys.map(p => t.props[p]);
        for (const t of targets) {
            this.byUrn.set(t.urn, t);
            for (const key of new Set(keysOf(t))) {
                // A key unknown at preview, whole or in part, is no name yet: a dependency relates to it, and a known
                // text it may turn out to be makes the reference unknown (refer).
                if (isUnknown(key) || (typeof key === "string" && holdsUnknown(key))) { this.unknownKeys.push({ target: t, pattern: mayBe(this.folded(key)) }); continue; }
                if (typeof key !== "string" || key === "") continue;
                this.knownName.add(t);
                const list = this.byKey.get(this.folded(key));
                if (!list) this.byKey.set(this.folded(key), [t]); else list.push(t);
            }
        }
    }

    /** The targets `resource.props[prop]` was built from (its property dependencies, known even at preview). */
    builtFrom(resource: PolicyResource, prop: string): PolicyResource[] {
        const deps = resource.opts.propertyDependencies?.[prop] ?? [];
        return [...new Set(deps)].map(u => this.byUrn.get(u)).filter((t): t is PolicyResource => !!t && t !== resource);
    }

    /**
     * What `resource.props[prop]` names (`texts`: the references read out of the property, by default its
     * value). A known text decides: the targets whose key it names. A dependency says
     * "built from", not "equal to" (`${bucket.bucket}-copy` depends on the bucket and names another one), so
     * the targets it was built from stand in only where no known text can name them: a target whose own name
     * is unknown (unset, so autonamed, or unknown at preview), and every one of them for a value that is not a
     * known text (unknown at preview as a whole, a structure, or unset beside its dependencies). A text with an unknown
     * in part (`${group.name}-copy`) is built from its target, not its name: no dependency stands in for it. UNKNOWN when nothing is found that way and a
     * text is unknown at preview, whole or in part, or a known text may be what a target's name unknown at preview
     * turns out to be. A resource never names itself.
     */
    refer(resource: PolicyResource, prop: string, texts: readonly unknown[] = [resource.props[prop]]): Reference {
        const built = this.builtFrom(resource, prop);
        const found = new Set<PolicyResource>();
        let unknown = false;
        let notText = false;
        let partly = false;
        for (const text of texts) {
            if (typeof text !== "string") { notText = true; unknown ||= holdsUnknown(text); continue; }
            // A text with an unknown in it (`${group.name}-copy`) is built from a target, not equal to its name.
            partly ||= text !== UNKNOWN_STRING && text.includes(UNKNOWN_STRING);
            const named = this.named(text);
            if (isUnknown(named)) unknown = true; else named.forEach(t => t !== resource && found.add(t));
            // A target whose name is unknown at preview may turn out to be the one this text names.
            unknown ||= !isUnknown(named) && !named.length && this.mayName(text, resource);
        }
        for (const t of built) if (notText || (!partly && !this.knownName.has(t))) found.add(t);
        return found.size || !unknown ? [...found] : UNKNOWN;
    }

    /** Whether a known text may name a target whose key is unknown at preview (`${prefix}-${unknown}` may be `prefix-data`). */
    private mayName(text: string, resource: PolicyResource): boolean {
        if (!this.unknownKeys.length) return false;
        const key = this.keyOf(text);
        return typeof key === "string" && this.unknownKeys.some(u => u.target !== resource && u.pattern.test(this.folded(key)));
    }

    /** A key as this lookup compares it: in lower case when the cloud names the targets without regard to case. */
    private folded<K>(key: K): K {
        return this.caseless && typeof key === "string" ? key.toLowerCase() as K : key;
    }

    /**
     * The targets a text names (after keyOf): UNKNOWN when the value, or the key read from it, is unknown at
     * preview (whole or in part); none for a value that is not text.
     */
    named(text: unknown): Reference {
        if (typeof text !== "string") return holdsUnknown(text) ? UNKNOWN : [];
        const key = this.keyOf(text);
        if (key === undefined) return [];
        return holdsUnknown(key) ? UNKNOWN : this.byKey.get(this.folded(key as string)) ?? [];
    }

    /**
     * The known targets `resource.props[prop]` names: refer's answer with UNKNOWN read as none. Only for a
     * rule that judges the reference's own value where it is unknown (it never reads "none" as compliant).
     */
    resolve(resource: PolicyResource, prop: string): PolicyResource[] {
        const ref = this.refer(resource, prop);
        return isUnknown(ref) ? [] : ref;
    }

    /** Target URN → the sources whose `prop` names it (the reverse of resolve), one pass over the sources. */
    referrers(sources: readonly PolicyResource[], prop: string): Map<string, PolicyResource[]> {
        const out = new Map<string, PolicyResource[]>();
        for (const s of sources) {
            for (const t of this.resolve(s, prop)) {
                const list = out.get(t.urn);
                if (!list) out.set(t.urn, [s]); else if (!list.includes(s)) list.push(s);
            }
        }
        return out;
    }
}

/** The texts a key unknown at preview (whole, or a text with the engine's unknown in it) may turn out to be. */
function mayBe(key: unknown): RegExp {
    if (typeof key !== "string") return /^/;
    const known = key.split(UNKNOWN_STRING).map(part => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${known.join("[^]*")}$`);
}

export class StackIndex {
    private readonly types = new Map<string, PolicyResource[]>();
    private readonly urns = new Map<string, PolicyResource>();
    private stringRefs?: Map<string, PolicyResource[]>;

    constructor(public readonly resources: readonly PolicyResource[]) {
        for (const r of resources) {
            this.urns.set(r.urn, r);
            const type = canonicalType(r.type);
            const list = this.types.get(type);
            if (list) list.push(r); else this.types.set(type, [r]);
        }
    }

    /** Resources of any of the given types, in registration order. */
    ofType(...types: string[]): PolicyResource[] {
        if (types.length === 1) return this.types.get(canonicalType(types[0])) ?? [];
        return types.flatMap(t => this.types.get(canonicalType(t)) ?? []);
    }

    byUrn(urn: string | undefined): PolicyResource | undefined {
        return urn === undefined ? undefined : this.urns.get(urn);
    }

    /**
     * The resources of `types` that `resource`'s property `prop` refers to (Lookup.refer): by value (a name
     * or id matched against the targets' `idProps`), the property's dependencies standing in for targets
     * whose own name is not known (known even at preview, when ids are not).
     */
    targetsOf(resource: PolicyResource, prop: string, types: readonly string[], idProps: readonly string[] = defaultIdProps): PolicyResource[] {
        return this.lookup(types, idProps).resolve(resource, prop);
    }

    /**
     * The resources of `types` whose property `prop` refers to `target` (the reverse of targetsOf):
     * e.g. the encryption configurations of a bucket. One pass over the sources per (types, prop), cached.
     */
    referrers(target: PolicyResource, types: readonly string[], prop: string, idProps: readonly string[] = defaultIdProps): PolicyResource[] {
        const key = `${types.join(",")}#${prop}#${target.type}#${idProps.join(",")}`;
        let join = this.joins.get(key);
        if (!join) this.joins.set(key, join = this.lookup([target.type], idProps).referrers(this.ofType(...types), prop));
        return join.get(target.urn) ?? [];
    }

    /** The Lookup of the resources of `types` by `idProps` (`caseless`: as Lookup's, for names the cloud reads in any case), built once per stack. */
    lookup(types: readonly string[], idProps: readonly string[] = defaultIdProps, caseless = false): Lookup {
        const key = `${types.join(",")}#${idProps.join(",")}#${caseless}`;
        let lookup = this.lookups.get(key);
        if (!lookup) this.lookups.set(key, lookup = new Lookup(this.ofType(...types), idProps, undefined, caseless));
        return lookup;
    }

    private readonly lookups = new Map<string, Lookup>();
    private readonly joins = new Map<string, Map<string, PolicyResource[]>>();

    /** Resources that mention `text` in any string property (ARNs in policies, ids in scopes); indexed once. */
    mentioning(text: string): PolicyResource[] {
        if (!this.stringRefs) this.stringRefs = this.buildStringRefs();
        return this.stringRefs.get(text) ?? [];
    }

    private buildStringRefs(): Map<string, PolicyResource[]> {
        const refs = new Map<string, PolicyResource[]>();
        const visit = (r: PolicyResource, v: unknown) => {
            if (typeof v === "string") {
                const list = refs.get(v);
                if (!list) refs.set(v, [r]); else if (list[list.length - 1] !== r) list.push(r);
            } else if (Array.isArray(v)) v.forEach(x => visit(r, x));
            else if (v && typeof v === "object") Object.values(v).forEach(x => visit(r, x));
        };
        for (const r of this.resources) visit(r, r.props);
        return refs;
    }
}
