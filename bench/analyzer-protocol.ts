// The engine's side of the analyzer protocol, as `pulumi preview --policy-pack DIR` speaks it: the pack
// started exactly as the Pulumi CLI starts one (`node @pulumi/pulumi/cmd/run-policy-pack <engine-address>
// <pack dir>`; a TypeScript pack through the ts-node that command registers), and spoken to over the
// AnalyzerService gRPC API: configure, getAnalyzerInfo, analyze per resource, analyzeStack once. The
// faithfulness test (test/checker/analyzer.spec.ts) and the bench's engine section (bench/engine.ts) use it.
import { spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { packageRoot } from "../checker/paths";
import type { PolicyResource } from "../policies/lib/rule";
import { UNKNOWN, UNKNOWN_STRING } from "../policies/lib/values";

export { analyzer };

/** A rule's view of a value → the wire: UNKNOWN becomes the engine's unknown sentinel. */
function toWire(v: unknown): any {
    if (v === UNKNOWN) return UNKNOWN_STRING;
    if (Array.isArray(v)) return v.map(toWire);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toWire(x)]));
    return v;
}

function options(r: PolicyResource): analyzer.AnalyzerResourceOptions {
    const o = new analyzer.AnalyzerResourceOptions();
    o.setProtect(r.opts.protect === true);
    o.setParent(r.opts.parent ?? "");
    return o;
}

function provider(r: PolicyResource): analyzer.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const p = new analyzer.AnalyzerProviderResource();
    p.setType(r.provider.type);
    p.setUrn(r.provider.urn ?? "");
    p.setName((r.provider.urn ?? "").split("::").pop() ?? "");
    p.setProperties(Struct.fromJavaScript(toWire(r.provider.props)));
    return p;
}

/** One resource as `analyze` receives it: its inputs, before it is created or updated. */
export function analyzeRequest(r: PolicyResource): analyzer.AnalyzeRequest {
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setName(r.name);
    req.setUrn(r.urn);
    req.setProperties(Struct.fromJavaScript(toWire(r.props)));
    req.setOptions(options(r));
    const p = provider(r);
    if (p) req.setProvider(p);
    return req;
}

/** The stack as `analyzeStack` receives it: every resource with its parent, dependencies and property dependencies. */
export function analyzeStackRequest(resources: readonly PolicyResource[]): analyzer.AnalyzeStackRequest {
    const stack = new analyzer.AnalyzeStackRequest();
    stack.setResourcesList(resources.map(r => {
        const a = new analyzer.AnalyzerResource();
        a.setType(r.type);
        a.setName(r.name);
        a.setUrn(r.urn);
        a.setProperties(Struct.fromJavaScript(toWire(r.props)));
        a.setOptions(options(r));
        a.setParent(r.opts.parent ?? "");
        a.setDependenciesList(r.opts.dependencies ?? []);
        for (const [property, urns] of Object.entries(r.opts.propertyDependencies ?? {})) {
            const deps = new analyzer.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            a.getPropertydependenciesMap().set(property, deps);
        }
        const p = provider(r);
        if (p) a.setProvider(p);
        return a;
    }));
    return stack;
}

/** Enforcement levels of the wire → the pack's words. */
export const levels: Record<number, string> = { [analyzer.EnforcementLevel.ADVISORY]: "advisory", [analyzer.EnforcementLevel.MANDATORY]: "mandatory" };

/** A policy pack served as the CLI serves one, and an engine's client of it. */
export class PolicyPackProcess {
    private constructor(readonly client: AnalyzerClient, private readonly kill: () => void) {}

    /** Starts the pack in `packDir` (from `cwd`, as the CLI starts it in the pack's folder) and connects once it prints its port. */
    static async start(packDir: string, cwd: string = packageRoot): Promise<PolicyPackProcess> {
        const pack = spawn(process.execPath, [path.join(packageRoot, "node_modules/@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", packDir],
            { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        pack.stderr!.on("data", d => { stderr += d; });
        try {
            const port = await new Promise<number>((resolve, reject) => {
                let out = "";
                pack.stdout!.on("data", d => {
                    out += d;
                    const m = /^(\d+)\s*$/m.exec(out);
                    if (m) resolve(Number(m[1]));
                });
                pack.on("exit", code => reject(new Error(`the policy pack exited (${code}) before printing its port: ${stderr}`)));
            });
            const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_receive_message_length": -1, "grpc.max_send_message_length": -1 });
            return new PolicyPackProcess(client, () => { client.close(); pack.kill(); });
        } catch (e) {
            pack.kill();
            throw e;
        }
    }

    close(): void {
        this.kill();
    }

    call<Req, Res>(method: string, req: Req): Promise<Res> {
        return new Promise((resolve, reject) => (this.client as any)[method](req, (err: grpc.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res))));
    }

    info(): Promise<analyzer.AnalyzerInfo> {
        return this.call("getAnalyzerInfo", new Empty());
    }

    /** The engine's configure call: per policy, an enforcement level and config properties. */
    async configure(policies: Record<string, { level: number; properties?: Record<string, unknown> }>): Promise<void> {
        const req = new analyzer.ConfigureAnalyzerRequest();
        for (const [name, { level, properties }] of Object.entries(policies)) {
            const pc = new analyzer.PolicyConfig();
            pc.setEnforcementlevel(level);
            pc.setProperties(Struct.fromJavaScript(toWire(properties ?? {})));
            req.getPolicyconfigMap().set(name, pc);
        }
        await this.call("configure", req);
    }

    async analyze(r: PolicyResource): Promise<analyzer.AnalyzeDiagnostic[]> {
        return (await this.call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>("analyze", analyzeRequest(r))).getDiagnosticsList();
    }

    /** One analysis of the stack; `request` may be built beforehand (analyzeStackRequest), so that a timing measures the pack alone. */
    async analyzeStack(request: analyzer.AnalyzeStackRequest): Promise<analyzer.AnalyzeDiagnostic[]> {
        return (await this.call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>("analyzeStack", request)).getDiagnosticsList();
    }
}
