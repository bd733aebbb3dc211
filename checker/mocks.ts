// The mock runtime the checker and the tests run programs under: a monitor that records every
// resource with its resource options (protect, parent, dependencies — setMocks alone hands only type,
// name and inputs to newResource), answers with deterministic ids and the identifiers programs read
// back, and answers provider functions (invokes) with plausible values.
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";
import type { PolicyResource } from "../policies/lib/rule";
import { canonicalType } from "../policies/lib/type-tokens";
import { answerInvoke } from "./invokes";
import { computedOutputs } from "./outputs";
import { identifiersFor } from "./identifiers";
import { policyResourcesOf, RecordedResource, recordRegistration, urnOf } from "./registration";
import { inProcessCallbackServer, TransformRunner } from "./transforms";

export type { RecordedResource } from "./registration";

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
    /** The project's directory: what `pulumi.getRootDirectory()` answers (the folder of Pulumi.yaml). */
    rootDirectory?: string;
}

/**
 * What `pulumi.getOrganization()` answers: a preview without a Pulumi Cloud backend (a DIY backend, the
 * only kind an offline check can stand for) names its organization "organization" (@pulumi/pulumi
 * automation/stack.js fullyQualifiedStackName: "`org` must be set to \"organization\""). setMocks leaves
 * it empty, and the SDK then throws "Missing organization name", refusing programs a preview runs.
 */
export const previewOrganization = "organization";

export interface MockIdentity { awsAccountId: string; azureSubscriptionId: string; azureTenantId: string; gcpProject: string; gcpProjectNumber: string }

export const defaultIdentity: MockIdentity = {
    awsAccountId: "123456789012",
    azureSubscriptionId: "00000000-0000-0000-0000-000000000001",
    azureTenantId: "00000000-0000-0000-0000-0000000000aa",
    gcpProject: "hospital-project",
    gcpProjectNumber: "123456789012",
};

/**
 * Where a run's registrations go: recorded here (the component tests), or sent to the process that
 * judges the program (checker/program-host.ts), which reads them itself.
 */
export interface RegistrationSink {
    registration(req: resproto.RegisterResourceRequest): void;
    unknownInvoke(token: string): void;
}

/** What an in-process mock run knows: the resources recorded so far and the invokes it could only guess. */
export class Recorder implements RegistrationSink {
    readonly resources: RecordedResource[] = [];
    /** Invoke tokens answered with an empty, well-formed result because the mocks do not know them. */
    readonly unknownInvokes = new Set<string>();
    constructor(private readonly project: string, private readonly stack: string) {}

    registration(req: resproto.RegisterResourceRequest): void {
        this.resources.push(recordRegistration(req, this.stack, this.project));
    }

    unknownInvoke(token: string): void {
        this.unknownInvokes.add(token);
    }

    /** Recorded resources as the policies see them. */
    policyResources(): PolicyResource[] {
        return policyResourcesOf(this.resources);
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

    constructor(mocks: pulumi.runtime.Mocks, private readonly sink: RegistrationSink) {
        super(mocks);
    }

    registerStackTransform(req: any, callback: (err: any, response: any) => void): void {
        this.transforms?.addStackTransform(req);
        callback(null, {});
    }

    newUrn(parent: string, type: string, name: string): string {
        return urnOf(pulumi.getStack(), pulumi.getProject(), parent, type, name);
    }

    /** The request as the engine would receive it: after the transforms, before the mock answers. */
    async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
        try {
            await this.transforms?.apply(req, this.newUrn(req.getParent(), req.getType(), req.getName()));
            this.sink.registration(req);
        } catch (e) {
            callback(e, undefined);
            return;
        }
        return super.registerResource(req, callback);
    }
}

/**
 * The SDK records where each resource was created for the engine's display: `Resource.callsites`
 * formats the whole call stack (no frame limit, and through source maps once a TypeScript program
 * loads) and the registration carries every frame. No policy and no report reads it (a program's
 * failure is placed from its error's own stack). Measured on 1,000 buckets (3,001 resources): 17 %
 * of the program process's CPU, and half the bytes each registration sends to the judging process.
 */
export function skipCallsites(): () => void {
    const resource = pulumi.Resource as unknown as { callsites(): unknown[] };
    const original = resource.callsites;
    resource.callsites = () => [];
    return () => { resource.callsites = original; };
}

/**
 * Installs the mock runtime on this process's copy of @pulumi/pulumi (config, project, stack) and
 * returns the recorder. Call before the program's modules create resources.
 */
export function installMocks(options: MockOptions, sink?: RegistrationSink): Recorder {
    const identity = { ...defaultIdentity, ...options.identity };
    const config = options.config ?? {};
    const recorder = new Recorder(options.project, options.stack);
    const out = sink ?? recorder;
    const mocks: pulumi.runtime.Mocks = {
        newResource: args => {
            // A versioned azure-native token has its unversioned type's outputs (lib/type-tokens.ts).
            const type = canonicalType(args.type);
            const state = { ...args.inputs, ...identifiersFor(type, args.name, args.inputs, config, identity),
                ...computedOutputs(type, args.name, args.inputs, config, identity) };
            return { id: args.id || String(state.id ?? `${args.name}-id`), state };
        },
        call: args => answerInvoke(args.token, args.inputs, config, identity, out, options.rootDirectory),
    };
    // Replace, never merge: each run sees exactly its own config (several runs share a test process).
    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    const monitor = new RecordingMonitor(mocks, out);
    settings.setMockOptions(monitor, options.project, options.stack, options.preview ?? false, previewOrganization);
    if (options.rootDirectory) (state as any).getStore().settings.options.rootDirectory = options.rootDirectory;
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
