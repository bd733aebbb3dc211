// Resources shaped as the real engine hands them to a stack policy (@pulumi/policy's StackValidationArgs):
// property dependencies as resources, not URNs. For tests of rules through policies/lib/adapter.ts.
import type { PolicyResource } from "../../policies/lib/rule";

export function engineResource(r: PolicyResource, all: PolicyResource[]): any {
    const byUrn = (u: string) => all.find(x => x.urn === u)!;
    return {
        type: r.type, name: r.name, urn: r.urn, props: r.props, opts: { protect: r.opts.protect ?? false },
        dependencies: [], propertyDependencies: Object.fromEntries(Object.entries(r.opts.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(byUrn)])),
    };
}
