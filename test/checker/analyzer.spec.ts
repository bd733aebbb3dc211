// Faithfulness: the offline checker judges as the real engine does. The fixture rules are served as
// a real policy pack, started exactly as the Pulumi CLI starts one (`node @pulumi/pulumi/cmd/
// run-policy-pack <engine-address> <pack dir>`, TypeScript through ts-node), and spoken to over the
// AnalyzerService gRPC API as the engine does: configure, getAnalyzerInfo, analyze per resource,
// analyzeStack once. Its diagnostics must be the checker's in-process findings (policy, URN,
// enforcement), with an enforcement override from the policy config and a value unknown at preview.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as s3 from "@pulumi/aws/s3";
import * as kms from "@pulumi/aws/kms";
import type { StackValidationPolicy } from "@pulumi/policy";
import { analyzer, analyzeRequest, analyzeStackRequest, levels, PolicyPackProcess } from "../../bench/analyzer-protocol";
import { evaluateResources, readPolicyConfig } from "../../checker/evaluate";
import { resolveTarget } from "../../checker/target";
import type { Exemption, PackConfig } from "../../policies/lib/config";
import { cloudPackages, packageOf, toPulumiPolicies, toPulumiPolicy } from "../../policies/lib/adapter";
import { analyzeJudgingPolicies, analyzeStackConvertingOnce, judgingOnly, mayShareTheStack, ResourceHandler, StackHandler } from "../../policies/lib/library-server";
import { evaluate, evaluateOutcomes, Finding } from "../../policies/lib/evaluate";
import { attachDefaultProviders } from "../../checker/providers";
import { judgesType, PolicyResource, ResourceRule, Rule, StackRule } from "../../policies/lib/rule";
import type { StackIndex } from "../../policies/lib/stack-index";
import { rules as realRules } from "../../policies/pack";
import { hospitalProgram } from "../../stacks/program";
import { UNKNOWN } from "../../policies/lib/values";
import { rules } from "../fixtures/rules";
import { record } from "../support/record";
import { fixtures, root, spawnTimeout, tempDir } from "./helpers";

/** A day `days` after today (UTC): exemptions are judged on the real date, on both paths. */
function inDays(days: number): string {
    return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The checker's findings as the engine reports them: exempted ones are not reported there. */
const asEngineSees = (findings: Finding[]) => findings.filter(f => !f.exempted).map(f => `${f.policy} ${f.urn ?? "(stack)"} ${f.enforcement}`).sort();

describe("checker faithfulness to the engine's analyzer", function () {
    this.timeout(spawnTimeout);
    let pack: PolicyPackProcess;
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

        pack = await PolicyPackProcess.start(path.join(fixtures, "analyzer-pack"));
    });

    after(() => pack?.close());

    it("lists the same policies, with their default enforcement, through getAnalyzerInfo", async () => {
        const info = await pack.info();
        assert.equal(info.getName(), "fixture");
        assert.deepEqual(info.getPoliciesList().map(p => [p.getName(), levels[p.getEnforcementlevel()]]),
            rules.map(r => [r.name, r.enforcement ?? "mandatory"]));
    });

    /** Every resource through analyze, the stack through analyzeStack: "policy urn enforcement" per diagnostic, and the messages. */
    async function analyzeAll(stack: readonly PolicyResource[] = resources): Promise<{ engine: string[]; messages: string[] }> {
        const engine: string[] = [];
        const messages: string[] = [];
        for (const r of stack) {
            for (const d of await pack.analyze(r)) {
                engine.push(`${d.getPolicyname()} ${d.getUrn() || r.urn} ${levels[d.getEnforcementlevel()]}`);
                messages.push(d.getMessage());
            }
        }
        for (const d of await pack.analyzeStack(analyzeStackRequest(stack))) engine.push(`${d.getPolicyname()} ${d.getUrn() || "(stack)"} ${levels[d.getEnforcementlevel()]}`);
        return { engine: engine.sort(), messages };
    }

    it("reports the same findings (policy, URN, enforcement) as the in-process evaluation, with an override and an unknown", async () => {
        // The policy config: residency, advisory by default, made mandatory.
        const file = path.join(tempDir("analyzer"), "policy-config.json");
        fs.writeFileSync(file, JSON.stringify({ "fixture-residency-bucket": { enforcementLevel: "mandatory" } }));
        const { findings } = evaluateResources(rules, resources, readPolicyConfig(file, rules));
        const offline = asEngineSees(findings);

        await pack.configure({ "fixture-residency-bucket": { level: analyzer.EnforcementLevel.MANDATORY } });
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
        await pack.configure({
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
        await pack.configure({ "fixture-tagging-bucket": { level: analyzer.EnforcementLevel.MANDATORY, properties: { exemptions: [tooLong] } } });
        const { engine, messages } = await analyzeAll();
        // The shared evaluation, given the config the checker refused, gives the engine's verdict too.
        const { findings } = evaluateResources(rules, resources, { file: null, policies: new Map([["fixture-tagging-bucket", { config: { exemptions: [tooLong as Exemption] } }]]) });
        assert.deepEqual(engine, asEngineSees(findings));
        assert.ok(engine.some(d => /^fixture-tagging-bucket .*::untagged mandatory$/.test(d)));
        assert.ok(messages.some(m => /An exemption matched but does not hold: .*at most one year/.test(m)), "the engine's finding says why");
    });
});

describe("the pack's stack policies, one analysis per request", function () {
    this.timeout(spawnTimeout);
    let pack: PolicyPackProcess;
    let bucket: PolicyResource;
    let key: PolicyResource;

    before(async () => {
        const config = { "aws:region": "eu-west-1" };
        const recorded = await record(() => {
            new s3.Bucket("records", { tags: { "data-classification": "phi" } });
            new kms.Key("key", { enableKeyRotation: true });
        }, { config, stack: "analyses" });
        const recordedResources = attachDefaultProviders(recorded.policyResources, config, "hospital", "analyses");
        bucket = recordedResources.find(r => r.name === "records")!;
        key = recordedResources.find(r => r.name === "key")!;
        pack = await PolicyPackProcess.start(path.join(fixtures, "analyzer-pack"));
        await pack.configure({});
    });

    after(() => pack?.close());

    const stackFindings = async (stack: PolicyResource[]) =>
        (await pack.analyzeStack(analyzeStackRequest(stack))).map(d => `${d.getPolicyname()} ${d.getUrn() || "(stack)"}`);
    const noKey = "fixture-enc-rest-cmk-key-present (stack)";

    it("gives a second analysis in the same pack process its own verdict, never the first's index", async () => {
        // Same number of resources, then the very same URN with other inputs: only the request tells them apart.
        assert.deepEqual(await stackFindings([bucket]), [noKey]);
        assert.deepEqual(await stackFindings([key]), []);
        assert.deepEqual(await stackFindings([bucket]), [noKey]);
        assert.deepEqual(await stackFindings([{ ...bucket, type: key.type }]), [], "the same URN, now a key");
        assert.deepEqual(await stackFindings([bucket, { ...bucket, urn: `${bucket.urn}-2` }]), [noKey]);
        assert.deepEqual(await stackFindings([bucket, key]), []);
    });

    it("has the library deserialise a request's resources once for all its policies, and afresh for the next request", async () => {
        toPulumiPolicies(rules); // what makes the library share its deserialisation within a request
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const server = require("@pulumi/policy/server");
        const seen: unknown[][] = [];
        const recording = (name: string): StackValidationPolicy => ({
            name, description: name, enforcementLevel: "mandatory",
            validateStack: args => { seen.push(args.resources.map(r => (r.props as any).__getSpecialProxyTarget)); },
        });
        const analyze = server.makeAnalyzeStackRpcFun("hipaa", "0.1.0", "mandatory", [recording("first"), recording("second")]);
        const send = (stack: PolicyResource[]) => new Promise((resolve, reject) => analyze(
            { request: analyzer.AnalyzeStackRequest.deserializeBinary(analyzeStackRequest(stack).serializeBinary()) },
            (e: Error | undefined, r: unknown) => (e ? reject(e) : resolve(r))));
        await send([bucket, key]);
        await send([bucket, key]);
        const [first, second, nextFirst] = seen;
        assert.deepEqual(first.map(p => (p as { tags?: unknown }).tags), [{ "data-classification": "phi" }, undefined], "the policies read the request's values");
        assert.ok(first.every((props, i) => props === second[i]), "both policies of a request read one deserialisation");
        assert.ok(first.every((props, i) => props !== nextFirst[i]), "the next request, though equal, has its own");
    });

    it("applies the engine's configured level to a stack policy, the stack converted once for all of them", async () => {
        const level = async (l: number) => {
            await pack.configure({ "fixture-enc-rest-cmk-key-present": { level: l } });
            return (await pack.analyzeStack(analyzeStackRequest([bucket]))).map(d => `${d.getPolicyname()} ${levels[d.getEnforcementlevel()] ?? d.getEnforcementlevel()}`);
        };
        try {
            assert.deepEqual(await level(analyzer.EnforcementLevel.ADVISORY), ["fixture-enc-rest-cmk-key-present advisory"]);
            assert.deepEqual(await level(analyzer.EnforcementLevel.DISABLED), []);
            assert.deepEqual(await level(analyzer.EnforcementLevel.REMEDIATE), ["fixture-enc-rest-cmk-key-present mandatory"], "remediate: mandatory, as the library has it");
        } finally {
            await pack.configure({});
        }
    });

    it("keeps two analyses sent at once apart", async () => {
        const verdicts = await Promise.all([stackFindings([bucket]), stackFindings([key]), stackFindings([bucket, key]), stackFindings([bucket])]);
        assert.deepEqual(verdicts, [[noKey], [], [], [noKey]]);
    });
});

/**
 * The real pack through @pulumi/policy's own handlers, in-process (makeAnalyzeStackRpcFun and
 * makeAnalyzeRpcFun, internal: what the gRPC server above calls), given each request as it arrives off the
 * wire: every policy gets its own deserialised copy of the stack, as in `pulumi preview`.
 */
describe("the real pack through @pulumi/policy's analyzeStack and analyze", function () {
    this.timeout(spawnTimeout);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const server = require("@pulumi/policy/server");
    const stackRules = realRules.filter((r): r is StackRule => r.kind === "stack");
    const hospitals: Record<string, PolicyResource[]> = {};

    before(async () => {
        for (const stack of ["demo", "stlukes-azure", "mercy-gcp"]) {
            const target = resolveTarget({ stack });
            const run = await record(hospitalProgram, { project: target.project.name, stack, config: target.config.values, secretKeys: target.config.secretKeys, preview: true });
            hospitals[stack] = attachDefaultProviders(run.policyResources, target.config.values, target.project.name, stack);
        }
    });

    /** The stack through the library's analyzeStack: "policy urn enforcement" per diagnostic. */
    async function engineSees(rules: readonly Rule[], stack: readonly PolicyResource[]): Promise<string[]> {
        const request = analyzer.AnalyzeStackRequest.deserializeBinary(analyzeStackRequest(stack).serializeBinary());
        const analyze = server.makeAnalyzeStackRpcFun("hipaa", "0.1.0", "mandatory", toPulumiPolicies(rules));
        const res = await new Promise<analyzer.AnalyzeResponse>((resolve, reject) => analyze({ request }, (e: Error | undefined, r: analyzer.AnalyzeResponse) => (e ? reject(e) : resolve(r))));
        return res.getDiagnosticsList().map(d => `${d.getPolicyname()} ${d.getUrn() || "(stack)"} ${levels[d.getEnforcementlevel()]}`).sort();
    }

    /** The checker's findings of stack rules as the engine reports them: a rule with a value unknown at preview adds one advisory note for the stack. */
    function checkerSees(stack: readonly PolicyResource[]): string[] {
        const findings = evaluate(stackRules, stack).filter(f => !f.exempted);
        const unknownNotes = [...new Set(findings.filter(f => f.unknown).map(f => `${f.policy} (stack) advisory`))];
        return [...asEngineSees(findings.filter(f => !f.unknown)), ...unknownNotes].sort();
    }

    /** The stack rules, each recording that it ran. */
    function spied(ran: Set<string>): Rule[] {
        return realRules.map(r => r.kind === "stack" ? { ...r, check: (s: StackIndex, c: PackConfig) => { ran.add(r.name); return r.check(s, c); } } : r);
    }

    /** Every second resource without its inputs, every third with each input unknown at preview. */
    const weakened = (stack: PolicyResource[]) => stack.map((r, i) => i % 2 ? { ...r, props: {} }
        : i % 3 ? r : { ...r, props: Object.fromEntries(Object.keys(r.props).map(k => [k, UNKNOWN])) });

    it("reports what the checker reports, on each hospital stack, weakened, and on the three together", async () => {
        const stacks: [string, PolicyResource[]][] = Object.entries(hospitals).flatMap(([name, stack]) => [[name, stack], [`${name} weakened`, weakened(stack)]] as [string, PolicyResource[]][]);
        stacks.push(["the three", Object.values(hospitals).flat()], ["the three weakened", weakened(Object.values(hospitals).flat())]);
        const seen: string[] = [];
        for (const [name, stack] of stacks) {
            const engine = await engineSees(realRules, stack);
            assert.deepEqual(engine, checkerSees(stack), name);
            seen.push(...engine);
        }
        // What the comparison covers: mandatory findings of each cloud's stack rules, and the engine's note for an unknown.
        for (const cloud of ["aws", "azure", "gcp"]) assert.ok(seen.some(d => d.startsWith(`${cloud}-`) && d.endsWith(" mandatory")), cloud);
        assert.ok(seen.some(d => d.endsWith("(stack) advisory")), "a value unknown at preview");
    });

    const resourceRulesJudging = (type: string) => realRules.filter(r => r.kind === "resource" && judgesType(r, type)).length;

    /** The library's own analyzeStack over `policies`, and the pack's, which converts the stack once per request. */
    function handlers(policies: StackValidationPolicy[]): { library: StackHandler; once: StackHandler } {
        const library = server.makeAnalyzeStackRpcFun("hipaa", "0.1.0", "mandatory", policies) as StackHandler;
        return { library, once: analyzeStackConvertingOnce(library, "hipaa", "0.1.0", "mandatory", policies) };
    }

    /** The answer of `handler` to `stack` as bytes on the wire, or the error it ends the request with. */
    const wire = (handler: StackHandler, stack: readonly PolicyResource[]) => new Promise<string>(resolve => handler(
        { request: analyzer.AnalyzeStackRequest.deserializeBinary(analyzeStackRequest(stack).serializeBinary()) },
        (e, r) => resolve(e ? `error ${(e as { code?: number }).code}: ${(e as Error).message}` : Buffer.from(r!.serializeBinary()).toString("base64"))));

    it("answers analyzeStack byte for byte as the library's own handler does, converting the stack once", async () => {
        const levelsGiven = ["advisory", "disabled", "remediate", "mandatory"] as const;
        const seenStacks = new Set<unknown>();
        const policies = (toPulumiPolicies(realRules).filter(p => "validateStack" in p) as StackValidationPolicy[]).map((p, i) => mayShareTheStack({
            ...p, enforcementLevel: i % 5 ? p.enforcementLevel : levelsGiven[i % 4],
            validateStack: (args: Parameters<typeof p.validateStack>[0], report: Parameters<typeof p.validateStack>[1]) => { seenStacks.add(args.resources); return p.validateStack(args, report); },
        }));
        const notApplicable = mayShareTheStack<StackValidationPolicy>({ name: "not-here", description: "n/a", enforcementLevel: "mandatory", validateStack: args => args.notApplicable("not here") });
        const { library, once } = handlers([...policies.slice(0, 40), notApplicable, ...policies.slice(40)]);
        assert.notEqual(once, library, "the pack's own handler serves");
        const stacks: [string, PolicyResource[]][] = Object.entries(hospitals).flatMap(([name, stack]) => [[name, stack], [`${name} weakened`, weakened(stack)]] as [string, PolicyResource[]][]);
        for (const [name, stack] of stacks) {
            const expected = await wire(library, stack);
            seenStacks.clear();
            assert.equal(await wire(once, stack), expected, name);
            assert.equal(seenStacks.size, 1, `${name}: one conversion shared by every policy`);
            if (name.endsWith("weakened")) assert.ok(expected.length > 1000, `${name}: the answer holds diagnostics`);
        }
        // A policy that throws ends the request with the library's own error, on both (up to the call stack it quotes).
        const boom = mayShareTheStack<StackValidationPolicy>({ name: "throws", description: "throws", enforcementLevel: "mandatory", validateStack: () => { throw new Error("boom"); } });
        const throwing = handlers([policies[0], boom, policies[1]]);
        const withoutStack = async (handler: StackHandler) => (await wire(handler, hospitals.demo)).split("\n    at ")[0];
        const error = await withoutStack(throwing.library);
        assert.match(error, /^error [^\n]*'throws'[^\n]*\nError: boom$/);
        assert.equal(await withoutStack(throwing.once), error);
    });

    it("swaps the handlers of the installed @pulumi/policy, the version they were verified against (a new version must be verified anew)", () => {
        toPulumiPolicies(realRules);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { version } = require("@pulumi/policy/version");
        assert.equal(server.serve.convertingOnce, true, `@pulumi/policy ${version}: library-server.ts serves only 1.21.0`);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        assert.equal(require("@pulumi/policy/deserialize").deserializeProperties.shared, true, "and deserialises each Struct once");
    });

    it("lets the library's own handler serve a pack with a stack policy not made here, or one skipped by its type", () => {
        const [mine] = toPulumiPolicies(realRules.filter(r => r.kind === "stack")) as StackValidationPolicy[];
        const foreign: StackValidationPolicy = { name: "foreign", description: "may write", enforcementLevel: "mandatory", validateStack: () => {} };
        const typed = mayShareTheStack<StackValidationPolicy>({ name: "typed", description: "typed", enforcementLevel: "mandatory", validateStack: Object.assign(() => {}, { __pulumiType: "aws:s3/bucket:Bucket" }) });
        for (const other of [foreign, typed]) {
            const { library, once } = handlers([mine, other]);
            assert.equal(once, library, other.name);
        }
        const { library, once } = handlers([mine]);
        assert.notEqual(once, library);
    });

    it("analyses afresh a stack whose resources reuse the lists of an earlier one (a hand-made caller, not the library)", () => {
        const [keyPresent] = toPulumiPolicies(rules.filter(r => r.kind === "stack")) as StackValidationPolicy[];
        const opts = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };
        const resource = (type: string) => ({ type, name: "r", urn: `urn:pulumi:s::p::${type}::r`, props: {}, opts, dependencies: [], propertyDependencies: {} });
        const verdict = (stack: object[]) => {
            const reported: string[] = [];
            (keyPresent.validateStack as any)({ resources: stack, getConfig: () => ({}) }, (m: string) => reported.push(m));
            return reported.length;
        };
        assert.equal(verdict([resource("aws:s3/bucket:Bucket")]), 1);
        assert.equal(verdict([resource("aws:kms/key:Key")]), 0);
        assert.equal(verdict([resource("aws:s3/bucket:Bucket")]), 1);
    });

    it("runs every rule of a cloud on a stack that holds one resource of it, and no rule of a cloud the stack does not hold", async () => {
        const clouds = { aws: hospitals.demo, azure: hospitals["stlukes-azure"], gcp: hospitals["mercy-gcp"] };
        for (const [cloud, stack] of Object.entries(clouds)) {
            for (const [other, otherStack] of Object.entries(clouds)) {
                if (other === cloud) continue;
                // One resource of `other` (a leaf, e.g. a component's child) in `cloud`'s stack.
                const one = otherStack.find(r => r.opts.parent && !r.type.startsWith("pulumi:"))!;
                const ran = new Set<string>();
                const stackWithOne = [...stack, one];
                assert.deepEqual(await engineSees(spied(ran), stackWithOne), checkerSees(stackWithOne), `${cloud} + one ${other} resource`);
                const expected = stackRules.filter(r => r.cloud === cloud || r.cloud === other).map(r => r.name).sort();
                assert.deepEqual([...ran].sort(), expected, `${cloud} + one ${other} resource (${one.type}): the rules of both clouds ran, and only those`);
            }
        }
    });

    it("counts a cloud present by a provider alone, an odd-case or versioned type token, or a resource whose provider is of it", async () => {
        const urn = (type: string, name: string) => `urn:pulumi:s::hospital::${type}::${name}`;
        const resource = (type: string, provider?: string): PolicyResource => ({ type, name: "r", urn: urn(type, "r"), props: {}, opts: {},
            provider: provider ? { type: provider, urn: urn(provider, "default"), props: {} } : undefined });
        const cases: [string, PolicyResource, string][] = [
            ["the AWS provider resource alone", resource("pulumi:providers:aws"), "aws"],
            ["an odd-case AWS token", resource("AWS:S3/bucket:Bucket"), "aws"],
            ["a resource of another package whose provider is Google Cloud's", resource("example:index:Thing", "pulumi:providers:gcp"), "gcp"],
            ["a versioned azure-native token", resource("azure-native:storage/v20230101:StorageAccount"), "azure"],
            ["an azure classic resource", resource("azure:storage/account:Account"), "azure"],
        ];
        for (const [what, r, cloud] of cases) {
            const ran = new Set<string>();
            await engineSees(spied(ran), [r]);
            assert.deepEqual([...ran].sort(), stackRules.filter(x => x.cloud === cloud).map(x => x.name).sort(), what);
        }
        const ran = new Set<string>();
        await engineSees(spied(ran), [resource("kubernetes:core/v1:Namespace", "pulumi:providers:kubernetes"), resource("pulumi:pulumi:Stack")]);
        assert.deepEqual([...ran], [], "a stack of no cloud of the pack");
    });

    it("skips, for a stack rule made a policy on its own (toPulumiPolicy), exactly the stacks its policy in the pack skips", () => {
        const opts = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };
        const resource = (type: string) => ({ type, name: "r", urn: `urn:pulumi:s::p::${type}::r`, props: {}, opts, dependencies: [], propertyDependencies: {} });
        const stacks = ["kubernetes:core/v1:Namespace", "aws:s3/bucket:Bucket", "azure:storage/account:Account", "azure-native:storage:StorageAccount", "gcp:storage/bucket:Bucket"];
        const ranOn = (policies: StackValidationPolicy[], ran: Set<string>) => stacks.map(type => {
            ran.clear();
            for (const p of policies) (p.validateStack as any)({ resources: [resource(type)], getConfig: () => ({}) }, () => undefined);
            return `${type}: ${[...ran].sort().join(" ")}`;
        });
        const ran = new Set<string>();
        const spiedStackRules = spied(ran).filter(r => r.kind === "stack");
        const inPack = toPulumiPolicies(spied(ran)).filter((p): p is StackValidationPolicy => "validateStack" in p);
        assert.deepEqual(ranOn(spiedStackRules.map(r => toPulumiPolicy(r) as StackValidationPolicy), ran), ranOn(inPack, ran));
    });

    it("loses nothing by skipping: no rule yields an outcome on an empty stack or on a stack of another cloud", () => {
        const stacks: [string, PolicyResource[]][] = [["empty", []], ...Object.entries(hospitals)];
        for (const [name, stack] of stacks) {
            const present = new Set(stack.flatMap(r => [r.type, r.provider?.type ?? ""]).map(t => t.toLowerCase().replace(/^pulumi:providers:/, "").split(":")[0]));
            const absent = stackRules.filter(r => ![...cloudPackages(realRules).get(r.cloud)!].some(p => present.has(p)));
            const outcomes = evaluateOutcomes(absent, stack).outcomes;
            assert.deepEqual(outcomes.map(o => `${o.policy} ${o.urn}`), [], `${name}: rules of clouds it does not hold`);
        }
    });

    it("knows each cloud's packages from its rules: every type token written under policies/<cloud>/ is of one of them", () => {
        const packages = cloudPackages(realRules);
        for (const cloud of ["aws", "azure", "gcp"] as const) {
            const dir = path.join(root, "policies", cloud);
            const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(f => f.endsWith(".ts"));
            const tokens = files.flatMap(f => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/["'`]([a-z][a-z0-9-]*):[A-Za-z0-9/._-]*:[A-Za-z][A-Za-z0-9]*["'`]/g)].map(m => m[1]));
            assert.ok(tokens.length > 10, `${cloud}: type tokens found`);
            assert.deepEqual([...new Set(tokens.map(t => packageOf(`${t}:x:y`)))].filter(p => !packages.get(cloud)!.has(p) && p !== "arn"), [], cloud);
        }
    });

    /** One resource through the library's analyze: "policy urn enforcement" per diagnostic, and the policies it found not applicable. */
    async function engineAnalyzes(analyze: any, r: PolicyResource): Promise<{ diagnostics: string[]; notApplicable: string[] }> {
        const request = analyzer.AnalyzeRequest.deserializeBinary(analyzeRequest(r).serializeBinary());
        const res = await new Promise<analyzer.AnalyzeResponse>((resolve, reject) => analyze({ request }, (e: Error | undefined, x: analyzer.AnalyzeResponse) => (e ? reject(e) : resolve(x))));
        return {
            diagnostics: res.getDiagnosticsList().map(d => `${d.getPolicyname()} ${d.getUrn() || r.urn} ${levels[d.getEnforcementlevel()]}`),
            notApplicable: res.getNotApplicableList().map(n => n.getPolicyName()),
        };
    }

    it("judges every resource through analyze as the checker does, on the three hospital stacks weakened", async () => {
        const resourceRules = realRules.filter(r => r.kind === "resource");
        const analyze = server.makeAnalyzeRpcFun("hipaa", "0.1.0", "mandatory", toPulumiPolicies(realRules));
        const stack = weakened(Object.values(hospitals).flat());
        const engine: string[] = [];
        for (const r of stack) engine.push(...(await engineAnalyzes(analyze, r)).diagnostics);
        // A rule with a value unknown at preview: the engine's one advisory note for that resource.
        const findings = evaluate(resourceRules, stack).filter(f => !f.exempted);
        const checker = [...asEngineSees(findings.filter(f => !f.unknown)), ...new Set(findings.filter(f => f.unknown).map(f => `${f.policy} ${f.urn} advisory`))].sort();
        assert.deepEqual(engine.sort(), checker);
        for (const cloud of ["aws", "azure", "gcp"]) assert.ok(engine.some(d => d.startsWith(`${cloud}-`) && d.endsWith(" mandatory")), cloud);
        assert.ok(engine.some(d => d.endsWith(" advisory")), "a value unknown at preview");
    });

    it("answers analyze byte for byte as the library's own handler does, without the policies that judge none of the type", async () => {
        const policies = toPulumiPolicies(realRules);
        const library = server.makeAnalyzeRpcFun("hipaa", "0.1.0", "mandatory", policies) as ResourceHandler;
        const ran = new Map<string, number>();
        const counted = policies.map(p => "validateResource" in p ? judgingOnly({ ...p, validateResource: Object.assign((args: any, report: any) => {
            ran.set(args.urn, (ran.get(args.urn) ?? 0) + 1);
            return (p.validateResource as any)(args, report);
        }, { __pulumiType: (p.validateResource as any).__pulumiType }) }, type => judgesType(realRules.find(r => r.name === p.name) as ResourceRule, type)) : p);
        const judging = analyzeJudgingPolicies("hipaa", "0.1.0", "mandatory", counted, 5);
        const answer = (handler: ResourceHandler, r: PolicyResource) => new Promise<string>(resolve => handler(
            { request: analyzer.AnalyzeRequest.deserializeBinary(analyzeRequest(r).serializeBinary()) },
            (e, res) => resolve(e ? `error ${(e as Error).message}` : Buffer.from(res!.serializeBinary()).toString("base64"))));
        const stack = [...Object.values(hospitals).flat(), ...weakened(Object.values(hospitals).flat())];
        const types: string[] = [];
        for (const r of stack) {
            if (!types.includes(r.type)) types.push(r.type);
            ran.clear();
            const judged = await answer(judging, r);
            const runs = ran.get(r.urn) ?? 0;
            assert.equal(judged, await answer(library, r), r.urn);
            // Its first five types: only the policies that judge the type ran; past them, the library's handler over every policy.
            if (types.indexOf(r.type) < 5) assert.equal(runs, resourceRulesJudging(r.type), `${r.urn}: the policies that judge ${r.type}`);
            else assert.ok(runs >= resourceRulesJudging(r.type), r.urn);
        }
        assert.ok(types.length > 5);
    });

    it("lets the library skip a resource rule before deserialising only for a type judgesType refuses", async () => {
        const policies = toPulumiPolicies(realRules);
        const fastPath = realRules.filter((r, i) => r.kind === "resource" && (policies[i] as any).validateResource.__pulumiType !== undefined) as ResourceRule[];
        assert.ok(fastPath.length > 100, "most resource rules judge one type");
        for (const r of fastPath) assert.deepEqual([(policies[realRules.indexOf(r)] as any).validateResource.__pulumiType], [...new Set(r.types)], r.name);
        assert.ok(!fastPath.some(r => r.types.some(t => t.startsWith("azure-native:"))), "an azure-native token has versioned aliases");

        const analyze = server.makeAnalyzeRpcFun("hipaa", "0.1.0", "mandatory", policies);
        const bare = (type: string): PolicyResource => ({ type, name: "r", urn: `urn:pulumi:s::hospital::${type}::r`, props: {}, opts: {} });
        // A resource of a rule's one type is judged by it; of another type, the library lists the rule not applicable.
        const trail = "aws:cloudtrail/trail:Trail";
        const trailRule = fastPath.find(r => r.name === "aws-enc-rest-cmk-cloudtrail-trail")!;
        assert.deepEqual(trailRule.types, [trail]);
        assert.ok((await engineAnalyzes(analyze, bare(trail))).diagnostics.some(d => d.startsWith(`${trailRule.name} `)), trailRule.name);
        assert.ok((await engineAnalyzes(analyze, bare("aws:s3/bucket:Bucket"))).notApplicable.includes(trailRule.name));
        // A versioned azure-native token is judged as its unversioned one, and an odd-case token by nothing on either path.
        const policyNames = async (type: string) => (await engineAnalyzes(analyze, bare(type))).diagnostics.map(d => d.split(" ")[0]).sort();
        const unversioned = await policyNames("azure-native:storage:StorageAccount");
        assert.ok(unversioned.length > 0);
        assert.deepEqual(await policyNames("azure-native:storage/v20230101:StorageAccount"), unversioned);
        assert.deepEqual(await policyNames("AWS:cloudtrail/trail:Trail"), evaluate(realRules.filter(r => r.kind === "resource"), [bare("AWS:cloudtrail/trail:Trail")]).map(f => f.policy).sort());
    });
});
