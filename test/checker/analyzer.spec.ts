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
import type { Exemption } from "../../policies/lib/config";
import type { Finding } from "../../policies/lib/evaluate";
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

/** A day `days` after today (UTC): exemptions are judged on the real date, on both paths. */
function inDays(days: number): string {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
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

    /** The engine's configure call: per policy, an enforcement level and config properties. */
    async function configure(policies: Record<string, { level: number; properties?: Record<string, unknown> }>): Promise<void> {
        const req = new analyzer.ConfigureAnalyzerRequest();
        for (const [name, { level, properties }] of Object.entries(policies)) {
            const pc = new analyzer.PolicyConfig();
            pc.setEnforcementlevel(level);
            pc.setProperties(Struct.fromJavaScript(toWire(properties ?? {})));
            req.getPolicyconfigMap().set(name, pc);
        }
        await call(client, "configure", req);
    }

    /** Every resource through analyze, the stack through analyzeStack: "policy urn enforcement" per diagnostic, and the messages. */
    async function analyzeAll(): Promise<{ engine: string[]; messages: string[] }> {
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
        return { engine: engine.sort(), messages };
    }

    /** The checker's findings as the engine reports them: exempted ones are not reported there. */
    const asEngineSees = (findings: Finding[]) => findings.filter(f => !f.exempted).map(f => `${f.policy} ${f.urn ?? "(stack)"} ${f.enforcement}`).sort();

    it("reports the same findings (policy, URN, enforcement) as the in-process evaluation, with an override and an unknown", async () => {
        // The policy config: residency, advisory by default, made mandatory.
        const file = path.join(tempDir("analyzer"), "policy-config.json");
        fs.writeFileSync(file, JSON.stringify({ "fixture-residency-bucket": { enforcementLevel: "mandatory" } }));
        const { findings } = evaluateResources(rules, resources, readPolicyConfig(file, rules));
        const offline = asEngineSees(findings);

        await configure({ "fixture-residency-bucket": { level: analyzer.EnforcementLevel.MANDATORY } });
        const { engine, messages } = await analyzeAll();

        assert.deepEqual(engine, offline);
        // What the comparison covers: a mandatory violation, the override, the unknown and a stack finding.
        assert.ok(offline.some(f => /^fixture-tagging-bucket .*::untagged mandatory$/.test(f)));
        assert.ok(offline.some(f => /^fixture-residency-bucket .*::tagged mandatory$/.test(f)), "advisory by default, mandatory by the policy config");
        assert.ok(offline.some(f => /^fixture-tagging-bucket .*::pending advisory$/.test(f)), "unknown at preview: advisory");
        assert.ok(offline.includes("fixture-enc-rest-cmk-key-present (stack) mandatory"));
        assert.ok(messages.some(m => /can't run policy 'fixture-tagging-bucket' .* during preview/.test(m)), "the engine's own words for an unknown");
        assert.ok(findings.some(f => f.policy === "fixture-tagging-bucket" && f.unknown && f.urn?.endsWith("::pending")));
    });

    it("gives the same verdict on a config setting and an exemption that holds", async () => {
        // Residency made mandatory but eu-west-1 allowed; the untagged bucket's TAGGING finding exempted.
        const holding = { control: "TAGGING", resource: "untagged", reason: "legacy bucket, ticket HC-12", expires: inDays(30) };
        const file = path.join(tempDir("analyzer"), "config-and-exemption.json");
        fs.writeFileSync(file, JSON.stringify({
            "fixture-residency-bucket": { enforcementLevel: "mandatory", allowedRegions: ["eu-west-1"] },
            "fixture-tagging-bucket": { exemptions: [holding] },
        }));
        const { findings } = evaluateResources(rules, resources, readPolicyConfig(file, rules));
        await configure({
            "fixture-residency-bucket": { level: analyzer.EnforcementLevel.MANDATORY, properties: { allowedRegions: ["eu-west-1"] } },
            "fixture-tagging-bucket": { level: analyzer.EnforcementLevel.MANDATORY, properties: { exemptions: [holding] } },
        });
        const { engine } = await analyzeAll();
        assert.deepEqual(engine, asEngineSees(findings));
        assert.ok(!findings.some(f => f.policy === "fixture-residency-bucket"), "the allowed region is allowed on both paths");
        assert.ok(findings.some(f => f.exempted && f.urn?.endsWith("::untagged")), "the exemption holds on both paths");
        assert.ok(engine.includes("fixture-enc-rest-cmk-key-present (stack) mandatory"));
    });

    it("refuses on the checker the exemption that does not hold on the engine: both fail the untagged bucket", async () => {
        // Two years ahead: more than the one year an exemption may run.
        const tooLong = { control: "TAGGING", resource: "untagged", reason: "legacy bucket, ticket HC-12", expires: inDays(730) };
        const file = path.join(tempDir("analyzer"), "too-long.json");
        fs.writeFileSync(file, JSON.stringify({ "fixture-tagging-bucket": { exemptions: [tooLong] } }));
        assert.throws(() => readPolicyConfig(file, rules), /"fixture-tagging-bucket"\.exemptions\[0\]\.expires: got "\d{4}-\d{2}-\d{2}"; an exemption runs at most one year/);
        await configure({ "fixture-tagging-bucket": { level: analyzer.EnforcementLevel.MANDATORY, properties: { exemptions: [tooLong] } } });
        const { engine, messages } = await analyzeAll();
        // The shared evaluation, given the config the checker refused, gives the engine's verdict too.
        const { findings } = evaluateResources(rules, resources, { file: null, policies: new Map([["fixture-tagging-bucket", { config: { exemptions: [tooLong as Exemption] } }]]) });
        assert.deepEqual(engine, asEngineSees(findings));
        assert.ok(engine.some(d => /^fixture-tagging-bucket .*::untagged mandatory$/.test(d)));
        assert.ok(messages.some(m => /An exemption matched but does not hold: .*at most one year/.test(m)), "the engine's finding says why");
    });
});
