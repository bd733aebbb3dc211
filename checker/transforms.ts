// Resource transforms under the mocks, run as the engine runs them. Under plain `setMocks` the SDK
// refuses `pulumi.runtime.registerResourceTransform` and the `transforms` option ("The Pulumi CLI
// does not support transforms"); programs use them to add tags or encryption everywhere, so a
// checker that skipped them would judge a program other than the one that deploys.
//
// How: the SDK's own CallbackServer (which turns a TransformRequest into the user's function call
// and its result back into a TransformResponse) is used in-process, without its gRPC listener; the
// monitor stores each stack transform's callback, and before recording a registration it applies, in
// the engine's order, the resource's own transforms, those of its ancestors (a component's
// `transforms` reach its children), then the stack's, replacing the request's properties and options.
import { CallbackServer } from "@pulumi/pulumi/runtime/callbacks";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";

type Callback = (bytes: Uint8Array) => Promise<resproto.TransformResponse>;

/** A CallbackServer with no network listener: callbacks are called directly. */
export function inProcessCallbackServer(monitor: unknown): CallbackServer & { _callbacks: Map<string, Callback> } {
    const server = Object.create(CallbackServer.prototype);
    Object.assign(server, {
        _callbacks: new Map<string, Callback>(), _monitor: monitor, _pendingRegistrations: 0, _awaitQueue: [],
        _target: Promise.resolve("in-process"),
        shutdown: () => undefined,
    });
    return server;
}

export class TransformRunner {
    private readonly stackTokens: string[] = [];
    private readonly ownTokens = new Map<string, string[]>();
    private readonly parents = new Map<string, string>();

    constructor(private readonly server: { _callbacks: Map<string, Callback> }) {}

    /** The monitor's `registerStackTransform`: remember the callback for every later registration. */
    addStackTransform(callback: { getToken(): string }): void {
        this.stackTokens.push(callback.getToken());
    }

    /** Applies every transform that reaches this registration, in place, before it is recorded. */
    async apply(req: resproto.RegisterResourceRequest, urn: string): Promise<void> {
        const own = req.getTransformsList().map(c => c.getToken());
        if (own.length) this.ownTokens.set(urn, own);
        if (req.getParent()) this.parents.set(urn, req.getParent());
        const chain = [...own];
        for (let p = req.getParent(); p; p = this.parents.get(p) ?? "") chain.push(...(this.ownTokens.get(p) ?? []));
        chain.push(...this.stackTokens);
        for (const token of chain) {
            const callback = this.server._callbacks.get(token);
            if (!callback) throw new Error(`transform callback ${token} is not registered`);
            const request = new resproto.TransformRequest();
            request.setType(req.getType());
            request.setName(req.getName());
            request.setCustom(req.getCustom());
            request.setParent(req.getParent());
            request.setProperties(req.getObject());
            request.setOptions(optionsOf(req));
            const response = await callback(request.serializeBinary());
            if (response.hasProperties()) req.setObject(response.getProperties());
            const opts = response.getOptions();
            if (opts) applyOptions(req, opts);
        }
    }
}

function optionsOf(req: resproto.RegisterResourceRequest): resproto.TransformResourceOptions {
    const o = new resproto.TransformResourceOptions();
    o.setDependsOnList(req.getDependenciesList());
    o.setProtect(req.getProtect() === true);
    o.setIgnoreChangesList(req.getIgnorechangesList());
    o.setReplaceOnChangesList(req.getReplaceonchangesList());
    o.setVersion(req.getVersion());
    o.setAliasesList(req.getAliasesList());
    o.setProvider(req.getProvider());
    o.setPluginDownloadUrl(req.getPlugindownloadurl());
    o.setRetainOnDelete(req.getRetainondelete() === true);
    o.setDeletedWith(req.getDeletedwith());
    o.setDeleteBeforeReplace(req.getDeletebeforereplace());
    o.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
    o.setImport(req.getImportid());
    const timeouts = req.getCustomtimeouts();
    if (timeouts) o.setCustomTimeouts(timeouts);
    req.getProvidersMap().forEach((v: string, k: string) => o.getProvidersMap().set(k, v));
    return o;
}

/** The engine replaces the options with the transform's: a transform returning `opts` gives all of them. */
function applyOptions(req: resproto.RegisterResourceRequest, o: resproto.TransformResourceOptions): void {
    req.setDependenciesList([...new Set([...req.getDependenciesList(), ...o.getDependsOnList()])]);
    req.setProtect(o.getProtect() === true);
    req.setIgnorechangesList(o.getIgnoreChangesList());
    req.setReplaceonchangesList(o.getReplaceOnChangesList());
    req.setVersion(o.getVersion());
    req.setAliasesList(o.getAliasesList());
    req.setProvider(o.getProvider());
    req.setRetainondelete(o.getRetainOnDelete() === true);
    req.setDeletedwith(o.getDeletedWith());
    req.setDeletebeforereplace(o.getDeleteBeforeReplace() === true);
    req.setAdditionalsecretoutputsList(o.getAdditionalSecretOutputsList());
    req.setImportid(o.getImport());
}
