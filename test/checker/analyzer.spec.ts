// Faithfulness: the offline checker judges as the real engine does. The fixture rules are served as
// a real policy pack, started exactly as the Pulumi CLI starts one (`node @pulumi/pulumi/cmd/
// run-policy-pack <engine-address> <pack dir>`, TypeScript through ts-node), and spoken to over the
// AnalyzerService gRPC API as the engine does: configure, getAnalyzerInfo, analyze per resource,
// analyzeStack once. Its diagnostics must be the checker's in-process findings (policy, URN,
// enforcement), with an enforcement override from the policy config and a value unknown at preview.
import assert from "node:assert/strict";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as s3 from "@pulumi/aws/s3";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { evaluateResources, readPolicyConfig } from "../../checker/evaluate";
import { attachDefaultProviders } from "../../checker/providers";
import type { PolicyResource } from "../../policies/lib/rule";
import { UNKNOWN, UNKNOWN_STRING } from "../../policies/lib/values";
import { rules } from "../fixtures/rules";
import { record } from "../support/record";
import { fixtures, root, spawnTimeout, tempDir } from "./helpers";

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

const levels: Record<number, string> = { [analyzer.EnforcementLevel.ADVISORY]: "advisory", [analyzer.EnforcementLevel.MANDATORY]: "mandatory" };

function call<Req, Res>(client: AnalyzerClient, method: string, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => (client as any)[method](req, (err: grpc.ServiceError | null, res: Res) => (err ? reject(err) : resolve(res))));
}

describe("checker faithfulness to the engine's analyzer", function () {
    this.timeout(spawnTimeout);
    let pack: ChildProcess | undefined;
    let client: AnalyzerClient;
    let resources: PolicyResource[];

    before(async () => {
        const config = { "aws:region": "eu-west-1" };
        const recorded = await record(() => {
            new s3.Bucket("tagged", { tags: { "data-classification": "phi" } });
            new s3.Bucket("untagged", { tags: { owner: "records" } });
        }, { config, stack: "faithful" });
        resources = attachDefaultProviders(recorded.policyResources, config, "hospital", "faithful");
        const untagged = resources.find(r => r.name === "untagged")!;
        // A bucket whose tags are unknown until deployment (an Output of another resource at preview).
        resources.push({ ...untagged, name: "pending", urn: untagged.urn.replace(/untagged$/, "pending"), props: { tags: UNKNOWN } });

        pack = spawn(process.execPath, [path.join(root, "node_modules/@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", path.join(fixtures, "analyzer-pack")],
            { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        pack.stderr!.on("data", d => { stderr += d; });
        const port = await new Promise<number>((resolve, reject) => {
            let out = "";
            pack!.stdout!.on("data", d => {
                out += d;
                const m = /^(\d+)\s*$/m.exec(out);
                if (m) resolve(Number(m[1]));
            });
            pack!.on("exit", code => reject(new Error(`the policy pack exited (${code}) before printing its port: ${stderr}`)));
        });
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        pack?.kill();
    });

    it("lists the same policies, with their default enforcement, through getAnalyzerInfo", async () => {
        const info = await call<Empty, analyzer.AnalyzerInfo>(client, "getAnalyzerInfo", new Empty());
        assert.equal(info.getName(), "fixture");
        assert.deepEqual(info.getPoliciesList().map(p => [p.getName(), levels[p.getEnforcementlevel()]]),
            rules.map(r => [r.name, r.enforcement ?? "mandatory"]));
    });

    it("reports the same findings (policy, URN, enforcement) as the in-process evaluation, with an override and an unknown", async () => {
        // The policy config: residency, advisory by default, made mandatory.
        const file = path.join(tempDir("analyzer"), "policy-config.json");
        fs.writeFileSync(file, JSON.stringify({ "fixture-residency-bucket": { enforcementLevel: "mandatory" } }));
        const { findings } = evaluateResources(rules, resources, readPolicyConfig(file, rules));
        const offline = findings.map(f => `${f.policy} ${f.urn ?? "(stack)"} ${f.enforcement}`).sort();

        const configure = new analyzer.ConfigureAnalyzerRequest();
        const residency = new analyzer.PolicyConfig();
        residency.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
        residency.setProperties(Struct.fromJavaScript({}));
        configure.getPolicyconfigMap().set("fixture-residency-bucket", residency);
        await call(client, "configure", configure);

        const engine: string[] = [];
        const messages: string[] = [];
        for (const r of resources) {
            const req = new analyzer.AnalyzeRequest();
            req.setType(r.type);
            req.setName(r.name);
            req.setUrn(r.urn);
            req.setProperties(Struct.fromJavaScript(toWire(r.props)));
            req.setOptions(options(r));
            const p = provider(r);
            if (p) req.setProvider(p);
            const res = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client, "analyze", req);
            for (const d of res.getDiagnosticsList()) {
                engine.push(`${d.getPolicyname()} ${d.getUrn() || r.urn} ${levels[d.getEnforcementlevel()]}`);
                messages.push(d.getMessage());
            }
        }
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
            const p = provider(r);
            if (p) a.setProvider(p);
            return a;
        }));
        const res = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(client, "analyzeStack", stack);
        for (const d of res.getDiagnosticsList()) engine.push(`${d.getPolicyname()} ${d.getUrn() || "(stack)"} ${levels[d.getEnforcementlevel()]}`);

        assert.deepEqual(engine.sort(), offline);
        // What the comparison covers: a mandatory violation, the override, the unknown and a stack finding.
        assert.ok(offline.some(f => /^fixture-tagging-bucket .*::untagged mandatory$/.test(f)));
        assert.ok(offline.some(f => /^fixture-residency-bucket .*::tagged mandatory$/.test(f)), "advisory by default, mandatory by the policy config");
        assert.ok(offline.some(f => /^fixture-tagging-bucket .*::pending advisory$/.test(f)), "unknown at preview: advisory");
        assert.ok(offline.includes("fixture-enc-rest-cmk-key-present (stack) mandatory"));
        assert.ok(messages.some(m => /can't run policy 'fixture-tagging-bucket' .* during preview/.test(m)), "the engine's own words for an unknown");
        assert.ok(findings.some(f => f.policy === "fixture-tagging-bucket" && f.unknown && f.urn?.endsWith("::pending")));
    });
});
