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
        return types.flatMap(t => this.types.get(t) ?? []).filter(r => {
            if (r.opts.propertyDependencies?.[prop]?.includes(target.urn)) return true;
            const value = r.props[prop];
            return typeof value === "string" && (idProps.some(p => target.props[p] === value) || target.name === value);
        });
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
