// The stack index: built once per stack, so a stack rule looks things up instead of rescanning the
// stack for every resource (STYLE.md "index once"; cdk-nag's rescans grow with the square of the stack).
import type { PolicyResource } from "./rule";
import { isUnknown } from "./values";
import { canonicalType } from "./type-tokens";

const defaultIdProps: readonly string[] = ["bucket", "name", "id"];

/**
 * Resources of some kinds, by URN and by the texts other resources name them with (a name, an id, an
 * identifier; `keyOf` normalises a text first, e.g. an ARN to a name), built once so that relating two
 * kinds of resources costs one pass over each. The one relation mechanism of the pack.
 */
export class Lookup {
    private readonly byUrn = new Map<string, PolicyResource>();
    private readonly byText = new Map<string, PolicyResource[]>();

    /** `idProps`: the target's inputs other resources name it by; its logical name counts too. */
    constructor(readonly targets: readonly PolicyResource[], idProps: readonly string[],
        private readonly keyOf: (text: string) => string = text => text) {
        for (const t of targets) {
            this.byUrn.set(t.urn, t);
            for (const key of new Set<unknown>([...idProps.map(p => t.props[p]), t.name])) {
                if (typeof key !== "string") continue;
                const list = this.byText.get(key);
                if (!list) this.byText.set(key, [t]); else list.push(t);
            }
        }
    }

    /** The targets `resource.props[prop]` names: through its dependencies first, else by its text. */
    resolve(resource: PolicyResource, prop: string): PolicyResource[] {
        const deps = resource.opts.propertyDependencies?.[prop];
        if (deps?.length) {
            const found = deps.map(u => this.byUrn.get(u)).filter((t): t is PolicyResource => !!t);
            if (found.length) return found;
        }
        return this.named(resource.props[prop]);
    }

    /** The targets a text names (after keyOf); none for anything but a known string. */
    named(text: unknown): PolicyResource[] {
        return typeof text === "string" && !isUnknown(text) ? this.byText.get(this.keyOf(text)) ?? [] : [];
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
     * The resources of `types` that `resource`'s property `prop` refers to: first through the
     * property's dependencies (known even at preview, when ids are not), then by value (a name or id
     * written as a plain string, matched against the targets' `idProps` and logical names).
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

    /** The Lookup of the resources of `types` by `idProps`, built once per stack. */
    lookup(types: readonly string[], idProps: readonly string[] = defaultIdProps): Lookup {
        const key = `${types.join(",")}#${idProps.join(",")}`;
        let lookup = this.lookups.get(key);
        if (!lookup) this.lookups.set(key, lookup = new Lookup(this.ofType(...types), idProps));
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
