// The stack index: built once per stack, so a stack rule looks things up instead of rescanning the
// stack for every resource (STYLE.md "index once"; cdk-nag's rescans grow with the square of the stack).
import type { PolicyResource } from "./rule";
import { isUnknown } from "./values";

export class StackIndex {
    private readonly types = new Map<string, PolicyResource[]>();
    private readonly urns = new Map<string, PolicyResource>();
    private stringRefs?: Map<string, PolicyResource[]>;

    constructor(public readonly resources: readonly PolicyResource[]) {
        for (const r of resources) {
            this.urns.set(r.urn, r);
            const list = this.types.get(r.type);
            if (list) list.push(r); else this.types.set(r.type, [r]);
        }
    }

    /** Resources of any of the given types, in registration order. */
    ofType(...types: string[]): PolicyResource[] {
        if (types.length === 1) return this.types.get(types[0]) ?? [];
        return types.flatMap(t => this.types.get(t) ?? []);
    }

    byUrn(urn: string | undefined): PolicyResource | undefined {
        return urn === undefined ? undefined : this.urns.get(urn);
    }

    /**
     * The resources of `types` that `resource`'s property `prop` refers to: first through the
     * property's dependencies (known even at preview, when ids are not), then by value (a name or id
     * written as a plain string, matched against the targets' `idProps`).
     */
    targetsOf(resource: PolicyResource, prop: string, types: readonly string[], idProps: readonly string[] = ["bucket", "name", "id"]): PolicyResource[] {
        const deps = resource.opts.propertyDependencies?.[prop] ?? [];
        const byDep = deps.map(u => this.urns.get(u)).filter((r): r is PolicyResource => !!r && types.includes(r.type));
        if (byDep.length) return byDep;
        const value = resource.props[prop];
        if (typeof value !== "string" || isUnknown(value)) return [];
        return types.flatMap(t => this.types.get(t) ?? []).filter(t => idProps.some(p => t.props[p] === value) || t.name === value);
    }

    /**
     * The resources of `types` whose property `prop` refers to `target` (the reverse of targetsOf):
     * e.g. the encryption configurations of a bucket.
     */
    referrers(target: PolicyResource, types: readonly string[], prop: string, idProps: readonly string[] = ["bucket", "name", "id"]): PolicyResource[] {
        const index = this.referenceIndex(types, prop);
        const keys = [target.urn, target.name, ...idProps.map(p => target.props[p]).filter((v): v is string => typeof v === "string")];
        const found = new Set<PolicyResource>();
        for (const key of keys) for (const r of index.get(key) ?? []) found.add(r);
        return [...found];
    }

    private readonly referenceIndexes = new Map<string, Map<string, PolicyResource[]>>();

    /** For `types` and `prop`: each URN the property depends on, and its plain string value → resources. Built once. */
    private referenceIndex(types: readonly string[], prop: string): Map<string, PolicyResource[]> {
        const cacheKey = `${types.join(",")}#${prop}`;
        let index = this.referenceIndexes.get(cacheKey);
        if (index) return index;
        index = new Map();
        const add = (key: string, r: PolicyResource) => {
            const list = index!.get(key);
            if (!list) index!.set(key, [r]); else if (!list.includes(r)) list.push(r);
        };
        for (const r of this.ofType(...types)) {
            for (const urn of r.opts.propertyDependencies?.[prop] ?? []) add(urn, r);
            const value = r.props[prop];
            if (typeof value === "string") add(value, r);
        }
        this.referenceIndexes.set(cacheKey, index);
        return index;
    }

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
