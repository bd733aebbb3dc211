// The two changes this pack makes to how @pulumi/policy serves it to the engine. Both are for speed and
// neither decides a verdict: every policy still runs through the library's own handler code (enforcement
// levels from the engine's configuration, the report of a violation, the advisory note for a value unknown
// at preview, "not applicable", errors), and only what the library would build again and again, equal each
// time, is built once per request. Both only for the library version they were verified against
// (verifiedVersion): with another, the library serves as it is. Measured through the analyzer protocol
// (`npm run bench -- --engine`): alone, the library rebuilds a 6,000-resource stack once per stack policy.
import { createRequire } from "node:module";
import type { Policy, PolicyResource as EnginePolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import type { AnalyzeResponse } from "@pulumi/pulumi/proto/analyzer_pb";

/* eslint-disable @typescript-eslint/no-require-imports */
const librarySource = require("@pulumi/policy/server") as LibraryServer;
const libraryPolicy = require("@pulumi/policy/policy") as {
    isStackPolicy(p: Policy): p is StackValidationPolicy;
    getPulumiType(o: object): string | undefined;
};
const libraryProtocol = require("@pulumi/policy/protoutil") as {
    makeAnalyzeResponse(diagnostics: unknown[], notApplicable: unknown[] | undefined): AnalyzeResponse;
};
/** The version whose server.js and deserialize.js this file was written against and tested with. */
const verifiedVersion = "1.21.0";
const libraryVersion = (require("@pulumi/policy/version") as { version: string }).version;
// The library's own require: its copies of gRPC and the analyzer service, so that the service compared is the one it registers.
const libraryRequire = createRequire(require.resolve("@pulumi/policy/server"));
/* eslint-enable @typescript-eslint/no-require-imports */

type Callback = (err: unknown, res?: AnalyzeResponse) => void;
/** A gRPC handler of the library's: analyzeStack takes the engine's request and answers through the callback. */
export type StackHandler = (call: { request: { getResourcesList(): unknown[] } }, callback: Callback) => unknown;
/** The library's analyze handler: one resource's inputs. */
export type ResourceHandler = (call: { request: { getType(): string } }, callback: Callback) => unknown;
type Serve = (packName: string, version: string, level: string, args: { policies?: Policy[] }, initialConfig?: unknown) => void;

interface LibraryServer {
    serve: Serve & { convertingOnce?: true };
    makeAnalyzeStackRpcFun(packName: string, version: string, level: string, policies: readonly Policy[]): StackHandler;
    makeAnalyzeRpcFun(packName: string, version: string, level: string, policies: readonly Policy[]): ResourceHandler;
}

type DeserializeProperties = (struct: object, proxySecrets: boolean) => Record<string, unknown>;

/**
 * @pulumi/policy (1.21) deserialises the whole stack again for every stack policy (server.js
 * makeAnalyzeStackRpcFun), and a resource's properties again for every resource policy: measured with 89
 * stack policies that do nothing on 6,000 resources, 6.2 s of CPU, 15x the checker's whole evaluation.
 * Here the library's deserialisation answers each properties Struct of a request with what it made of that
 * Struct the first time. The key is the Struct object itself, which belongs to one request message (the
 * message keeps its decoded fields), held weakly: another request, or a later one, has Structs of its own,
 * so no request's values can stand for another's. Only the plain reading is shared (the library wraps it
 * per policy in its own proxy), and no policy of this pack writes to it: fromEngine copies.
 */
export function deserialiseOncePerRequest(): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const deserialize = require("@pulumi/policy/deserialize") as { deserializeProperties: DeserializeProperties & { shared?: true } };
    const original = deserialize.deserializeProperties;
    if (libraryVersion !== verifiedVersion || original.shared) return;
    const made = new WeakMap<object, Record<string, unknown>>();
    const shared: DeserializeProperties = (struct, proxySecrets) => {
        // With proxySecrets the library wraps the result in a proxy of its own: left to it, uncached.
        if (proxySecrets || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
        let props = made.get(struct);
        if (!props) made.set(struct, props = original(struct, proxySecrets));
        return props;
    };
    deserialize.deserializeProperties = Object.assign(shared, { shared: true as const });
}

/**
 * Resource policies made by toPulumiPolicy whose validateResource returns at once, reporting nothing, for a
 * type the rule does not judge (rule.ts judgesType), with that test: the library still deserialises the
 * resource and awaits the policy for each such type, unless the policy names its one type (__pulumiType).
 */
const typeTests = new WeakMap<object, (type: string) => boolean>();

/** Marks `policy` as one that does nothing at all for a resource of a type `judges` refuses. */
export function judgingOnly<P extends object>(policy: P, judges: (type: string) => boolean): P {
    typeTests.set(policy, judges);
    return policy;
}

/** The policies toPulumiPolicies made: only they may share one converted stack (none of them writes to it). */
const sharingPolicies = new WeakSet<object>();

/** Marks `policy` as one that reads the stack it is given and never writes to it. */
export function mayShareTheStack<P extends object>(policy: P): P {
    sharingPolicies.add(policy);
    return policy;
}

/**
 * Has the library's analyzer server, when the pack starts it (PolicyPack → server.serve), answer
 * analyzeStack with analyzeStackConvertingOnce and analyze with analyzeJudgingPolicies instead of its own handlers. Only for the library version this
 * was verified against: with another, the library's own handler serves (slower, the same verdicts).
 */
export function convertStackOncePerRequest(): void {
    if (libraryVersion !== verifiedVersion || librarySource.serve.convertingOnce) return;
    const grpc = libraryRequire("@grpc/grpc-js") as { Server: { prototype: { addService(service: unknown, impl: Record<string, unknown>): void } } };
    const { AnalyzerService } = libraryRequire("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerService: unknown };
    const serve = librarySource.serve;
    const converting: Serve = (packName, version, level, args, initialConfig) => {
        // serve registers its handlers synchronously; the analyzer service's analyzeStack is swapped on the way in.
        const addService = grpc.Server.prototype.addService;
        grpc.Server.prototype.addService = function (service, impl) {
            const policies = args.policies ?? [];
            const swapped = service === AnalyzerService ? {
                ...impl,
                analyzeStack: analyzeStackConvertingOnce(impl.analyzeStack as StackHandler, packName, version, level, policies),
                analyze: analyzeJudgingPolicies(packName, version, level, policies),
            } : impl;
            return addService.call(this, service, swapped);
        };
        try {
            serve(packName, version, level, args, initialConfig);
        } finally {
            grpc.Server.prototype.addService = addService;
        }
    };
    librarySource.serve = Object.assign(converting, { convertingOnce: true as const });
}

/**
 * The library's analyzeStack (`original`) with the stack converted once per request instead of once per
 * stack policy. Each request: the library's own handler converts the stack for one policy that only keeps
 * it; then each stack policy of the pack runs through the library's own handler, in the pack's order, given
 * that stack in place of the empty one the handler was sent; the answers are joined in that order. What the
 * library decides per policy (its configured enforcement level, disabled, remediate as mandatory, the report
 * of a violation, the advisory note of a value unknown at preview, not applicable, an error ending the whole
 * request) is decided by the library's code. The library's own handler serves the whole request when the
 * pack holds a stack policy not made by toPulumiPolicies (it might write to the stack it is given), one the
 * library would skip by its own type check, or when the stack could not be converted (its error is its own).
 */
export function analyzeStackConvertingOnce(original: StackHandler, packName: string, version: string, level: string, policies: readonly Policy[]): StackHandler {
    const stackPolicies = policies.filter(libraryPolicy.isStackPolicy);
    if (!stackPolicies.every(p => sharingPolicies.has(p) && !libraryPolicy.getPulumiType(p.validateStack))) return original;
    const handle = (policy: Policy, request: { getResourcesList(): unknown[] }) => new Promise<{ err?: unknown; res?: AnalyzeResponse }>(resolve => {
        void librarySource.makeAnalyzeStackRpcFun(packName, version, level, [policy])({ request }, (err, res) => resolve({ err, res }));
    });
    const noResources = { getResourcesList: (): unknown[] => [] };
    return async (call, callback) => {
        let stack: StackValidationArgs["resources"] | undefined;
        const keeper: StackValidationPolicy = {
            name: `${packName}-stack`, description: "keeps the converted stack", enforcementLevel: "mandatory",
            validateStack: args => { stack = args.resources; },
        };
        const kept = await handle(keeper, call.request);
        if (kept.err !== undefined && kept.err !== null || !stack) return original(call, callback);
        const resources: EnginePolicyResource[] = stack;
        const answers: AnalyzeResponse[] = [];
        for (const policy of stackPolicies) {
            const given: StackValidationPolicy = { ...policy, validateStack: (args, report) => policy.validateStack({ ...args, resources }, report) };
            const { err, res } = await handle(given, noResources);
            if (err !== undefined && err !== null) return callback(err, undefined);
            answers.push(res!);
        }
        const joined = libraryProtocol.makeAnalyzeResponse([], undefined);
        joined.setDiagnosticsList(answers.flatMap(a => a.getDiagnosticsList()));
        const notApplicable = answers.flatMap(a => a.getNotApplicableList());
        if (notApplicable.length) joined.setNotApplicableList(notApplicable);
        callback(undefined, joined);
    };
}

/**
 * The library's analyze handler, per resource type over the pack's policies without those that would do
 * nothing for that type (judgingOnly): the library would deserialise the resource and await each of them to
 * no effect (measured: 404 resource policies, 1.2 ms of CPU per resource). Every other policy runs through
 * the library's own handler, in the pack's order, so the answer is the one the library gives (a policy that
 * names its one type still adds the library's "not applicable" note). A handler per type seen, at most
 * `maxTypes` of them; past that, the library's handler over every policy.
 */
export function analyzeJudgingPolicies(packName: string, version: string, level: string, policies: readonly Policy[], maxTypes = 2000): ResourceHandler {
    const every = librarySource.makeAnalyzeRpcFun(packName, version, level, policies);
    const byType = new Map<string, ResourceHandler>();
    return (call, callback) => {
        const type = call.request.getType();
        let handler = byType.get(type);
        if (!handler) {
            handler = byType.size < maxTypes
                ? librarySource.makeAnalyzeRpcFun(packName, version, level, policies.filter(p => mayAnswer(p, type)))
                : every;
            if (byType.size < maxTypes) byType.set(type, handler);
        }
        return handler(call, callback);
    };
}

/** Whether `policy` may add anything to the library's answer for a resource of `type`: a note of its own type, or the policy's own verdict. */
function mayAnswer(policy: Policy, type: string): boolean {
    const judges = typeTests.get(policy);
    const validate = (policy as { validateResource?: unknown }).validateResource;
    return !judges || typeof validate !== "function" || libraryPolicy.getPulumiType(validate) !== undefined || judges(type);
}
