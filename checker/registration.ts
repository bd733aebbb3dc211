// A registration as the SDK sends it to the engine (a RegisterResourceRequest) → the resource the
// checker records, and recorded resources → what the policies see. The one reading of a registration:
// the process that judges a program reads the bytes the program's process sent (checker/program-process.ts),
// and the in-process recorder of the component tests reads the request itself.
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import type { PolicyResource } from "../policies/lib/rule";
import { canonicalType } from "../policies/lib/type-tokens";
import { withIgnoredChangesUnknown } from "./ignore-changes";
import { decodeProperties } from "./wire";

/** A resource as the program registered it: what policies see, and what the report lists. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** A component a provider plugin builds (awsx 2's ec2.Vpc, eks 3's Cluster): its children exist only under the engine. */
    remote: boolean;
    parent: string | null;
    protect: boolean;
    inputs: Record<string, unknown>;
    /** Paths of the inputs the program marked secret (`pulumi.secret`, `additionalSecretOutputs`): reports never show them. */
    secrets: string[];
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** The provider reference `urn::id`, when the resource names one explicitly. */
    provider: string | null;
    retainOnDelete: boolean;
    aliases: number;
    /** The `ignoreChanges` option's property paths (checker/ignore-changes.ts), when any. */
    ignoreChanges?: string[];
    /** The `import` option: the id of the existing resource the program adopts, when given. */
    importId?: string;
}

/**
 * The engine's URN: the qualified type is every ancestor's type joined with `$`, the root stack left
 * out. (MockMonitor keeps only the direct parent's type, so deeper URNs would not be the ones
 * `pulumi up` creates, and pinned URNs would pin the wrong thing.)
 */
export function urnOf(stack: string, project: string, parent: string, type: string, name: string): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = !parentType || parentType === "pulumi:pulumi:Stack" ? type : `${parentType}$${type}`;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export function recordRegistration(req: RegisterResourceRequest, stack: string, project: string): RecordedResource {
    const type = req.getType();
    const name = req.getName();
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => { propertyDependencies[key] = deps.getUrnsList(); });
    const object = req.getObject();
    const { value: inputs, secrets } = decodeProperties((object?.toJavaScript() ?? {}) as Record<string, unknown>);
    // The engine keeps an output named in additionalSecretOutputs secret; an input of that name is the same value.
    for (const key of req.getAdditionalsecretoutputsList()) if (key in inputs && !secrets.includes(key)) secrets.push(key);
    return {
        urn: urnOf(stack, project, req.getParent(), type, name),
        type, name,
        custom: req.getCustom(),
        remote: req.getRemote() === true,
        parent: req.getParent() || null,
        protect: req.getProtect() === true,
        inputs,
        secrets,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        provider: req.getProvider() || null,
        retainOnDelete: req.getRetainondelete() === true,
        aliases: req.getAliasesList().length,
        ...(req.getIgnorechangesList().length ? { ignoreChanges: req.getIgnorechangesList() } : {}),
        ...(req.getImportid() ? { importId: req.getImportid() } : {}),
    };
}

/** Recorded resources as the policies see them (custom resources only, as the engine sends them). */
export function policyResourcesOf(resources: readonly RecordedResource[]): PolicyResource[] {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    return resources.filter(r => r.custom && !r.type.startsWith("pulumi:providers:")).map(r => {
        const providerUrn = r.provider ? r.provider.split("::").slice(0, -1).join("::") : undefined;
        const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
        const out: PolicyResource = {
            type: canonicalType(r.type), name: r.name, urn: r.urn,
            props: r.ignoreChanges ? withIgnoredChangesUnknown(r.inputs, r.ignoreChanges, r.importId !== undefined) : r.inputs,
            opts: { protect: r.protect, parent: r.parent ?? undefined, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies },
        };
        if (r.secrets.length) out.secrets = r.secrets;
        if (provider) out.provider = { type: provider.type, urn: provider.urn, props: provider.inputs };
        return out;
    });
}
