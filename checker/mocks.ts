// The mock runtime the checker and the tests run programs under: a monitor that records every
// resource with its resource options (protect, parent, dependencies — setMocks alone hands only type,
// name and inputs to newResource), answers with deterministic ids and the identifiers programs read
// back, and answers provider functions (invokes) with plausible values.
import * as pulumi from "@pulumi/pulumi";
import { isUnknown as isSdkUnknown } from "@pulumi/pulumi/output";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";
import type { PolicyResource } from "../policies/lib/rule";
import { UNKNOWN } from "../policies/lib/values";
import { answerInvoke } from "./invokes";
import { computedOutputs } from "./outputs";
import { identifiersFor } from "./identifiers";
import { inProcessCallbackServer, TransformRunner } from "./transforms";

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
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** The provider reference `urn::id`, when the resource names one explicitly. */
    provider: string | null;
    retainOnDelete: boolean;
    aliases: number;
}

export interface MockOptions {
    project: string;
    stack: string;
    /** Flat config, `namespace:key` → string value (structured values as JSON). */
    config?: Record<string, string>;
    /** Config keys whose values are secrets (`secure:` in a stack file). */
    secretKeys?: string[];
    /** The account/subscription/project identifiers the mocks hand out. */
    identity?: Partial<MockIdentity>;
    /**
     * Run as a preview (`pulumi.runtime.isDryRun()` true), as `pulumi preview` and a policy pack see a
     * program: an output the mocks do not know is unknown and its applies do not run. Default false.
     */
    preview?: boolean;
}

export interface MockIdentity { awsAccountId: string; azureSubscriptionId: string; azureTenantId: string; gcpProject: string; gcpProjectNumber: string }

export const defaultIdentity: MockIdentity = {
    awsAccountId: "123456789012",
    azureSubscriptionId: "00000000-0000-0000-0000-000000000001",
    azureTenantId: "00000000-0000-0000-0000-0000000000aa",
    gcpProject: "hospital-project",
    gcpProjectNumber: "123456789012",
};

/** What a mock run knows: the resources recorded so far and the invokes it could only guess. */
export class Recorder {
    readonly resources: RecordedResource[] = [];
    /** Invoke tokens answered with an empty, well-formed result because the mocks do not know them. */
    readonly unknownInvokes = new Set<string>();
    constructor(readonly identity: MockIdentity, readonly config: Record<string, string>) {}

    /** Recorded resources as the policies see them (custom resources only, as the engine sends them). */
    policyResources(): PolicyResource[] {
        const byUrn = new Map(this.resources.map(r => [r.urn, r]));
        return this.resources.filter(r => r.custom && !r.type.startsWith("pulumi:providers:")).map(r => {
            const providerUrn = r.provider ? r.provider.split("::").slice(0, -1).join("::") : undefined;
            const provider = providerUrn ? byUrn.get(providerUrn) : undefined;
            const out: PolicyResource = {
                type: r.type, name: r.name, urn: r.urn, props: r.inputs,
                opts: { protect: r.protect, parent: r.parent ?? undefined, dependencies: r.dependencies, propertyDependencies: r.propertyDependencies },
            };
            if (provider) out.provider = { type: provider.type, urn: provider.urn, props: provider.inputs };
            return out;
        });
    }
}

// MockMonitor's newUrn is private in its .d.ts; the monitor below must replace it, so it extends an
// untyped view of the class.
const MonitorBase = MockMonitor as unknown as new (mocks: pulumi.runtime.Mocks) => {
    newUrn(parent: string, type: string, name: string): string;
    registerResource(req: any, callback: (err: any, response: any) => void): Promise<void>;
};

class RecordingMonitor extends MonitorBase {
    /** Resource transforms, run as the engine runs them (checker/transforms.ts). */
    transforms?: TransformRunner;

    constructor(mocks: pulumi.runtime.Mocks, private readonly recorder: Recorder) {
        super(mocks);
    }

    registerStackTransform(req: any, callback: (err: any, response: any) => void): void {
        this.transforms?.addStackTransform(req);
        callback(null, {});
    }

    // The engine leaves the root stack out of a child's qualified type; MockMonitor does not.
    // The engine's URN: the qualified type is every ancestor's type joined with `$`, the root stack
    // left out. (MockMonitor keeps only the direct parent's type, so deeper URNs would not be the
    // ones `pulumi up` creates, and pinned URNs would pin the wrong thing.)
    newUrn(parent: string, type: string, name: string): string {
        const parentType = parent ? parent.split("::")[2] : "";
        const qualified = !parentType || parentType === "pulumi:pulumi:Stack" ? type : `${parentType}$${type}`;
        return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${qualified}::${name}`;
    }

    async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        try {
            const type: string = req.getType();
            const name: string = req.getName();
            await this.transforms?.apply(req, this.newUrn(req.getParent(), type, name));
            const propertyDependencies: Record<string, string[]> = {};
            req.getPropertydependenciesMap().forEach((deps: any, key: string) => { propertyDependencies[key] = deps.getUrnsList(); });
            this.recorder.resources.push({
                urn: this.newUrn(req.getParent(), type, name),
                type, name,
                custom: req.getCustom(),
                remote: req.getRemote() === true,
                parent: req.getParent() || null,
                protect: req.getProtect() === true,
                inputs: normalizeUnknowns(rpc.deserializeProperties(req.getObject(), true)) as Record<string, unknown>,
                dependencies: req.getDependenciesList(),
                propertyDependencies,
                provider: req.getProvider() || null,
                retainOnDelete: req.getRetainondelete() === true,
                aliases: req.getAliasesList().length,
            });
        } catch (e) {
            callback(e, undefined);
            return;
        }
        return super.registerResource(req, callback);
    }
}

/** The runtime's unknowns → the policies' UNKNOWN marker. */
function normalizeUnknowns(v: unknown): unknown {
    // A preview deserializes an unknown input as the SDK's `unknown` object, an update as the RPC sentinel.
    if (v === rpc.unknownValue || isSdkUnknown(v)) return UNKNOWN;
    if (Array.isArray(v)) return v.map(normalizeUnknowns);
    if (v && typeof v === "object") {
        if (rpc.isRpcSecret(v)) return normalizeUnknowns((v as any).value);
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeUnknowns(x)]));
    }
    return v;
}

/**
 * Installs the mock runtime on this process's copy of @pulumi/pulumi (config, project, stack) and
 * returns the recorder. Call before the program's modules create resources.
 */
export function installMocks(options: MockOptions): Recorder {
    const identity = { ...defaultIdentity, ...options.identity };
    const config = options.config ?? {};
    const recorder = new Recorder(identity, config);
    const mocks: pulumi.runtime.Mocks = {
        newResource: args => {
            const state = { ...args.inputs, ...identifiersFor(args.type, args.name, args.inputs, config, identity),
                ...computedOutputs(args.type, args.name, args.inputs, config, identity) };
            return { id: args.id || String(state.id ?? `${args.name}-id`), state };
        },
        call: args => answerInvoke(args.token, args.inputs, config, identity, recorder),
    };
    // Replace, never merge: each run sees exactly its own config (several runs share a test process).
    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    const monitor = new RecordingMonitor(mocks, recorder);
    settings.setMockOptions(monitor, options.project, options.stack, options.preview ?? false);
    // The feature flags setMocks sets, plus transforms: the monitor runs them itself (checker/transforms.ts).
    const store = (state as any).getStore();
    const callbacks = inProcessCallbackServer(monitor);
    monitor.transforms = new TransformRunner(callbacks);
    store.callbacks = callbacks;
    store.supportsTransforms = true;
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsAliasSpecs = true;
    return recorder;
}

/**
 * Runs `program` as the body of a Pulumi stack under the mocks installed by installMocks, and
 * resolves once every registration has finished; resolves to the stack outputs.
 */
export async function runInStack(program: () => unknown): Promise<Record<string, unknown>> {
    const outputs = await pulumi.runtime.runInPulumiStack(async () => (await program()) as any);
    await (settings as any).waitForRPCs();
    return (outputs ?? {}) as Record<string, unknown>;
}
