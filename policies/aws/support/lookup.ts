// A lookup of resources by URN and by the texts other resources name them with (a name, an id, an
// identifier), built once per check so that relating two kinds of resources costs one pass over each.
import type { PolicyResource } from "../../lib/rule";
import { isUnknown } from "../../lib/values";

export class Lookup {
    private readonly byUrn = new Map<string, PolicyResource>();
    private readonly byText = new Map<string, PolicyResource[]>();

    /** `idProps`: the target's inputs other resources name it by; its logical name counts too. */
    constructor(readonly targets: readonly PolicyResource[], idProps: readonly string[]) {
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
        const value = resource.props[prop];
        return typeof value === "string" && !isUnknown(value) ? this.byText.get(value) ?? [] : [];
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
