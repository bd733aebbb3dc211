// The bench's engine section: the pack's stack policies as `pulumi preview --policy-pack` runs them (the
// compiled pack, dist/policies, started as the CLI starts it and sent the stack over the analyzer protocol)
// against the checker's own in-process evaluation of the same stack, as a ratio measured in one run. Beside
// it, what @pulumi/policy itself costs on the same request: as many stack policies that do nothing (the
// library deserialises the whole stack once per stack policy, before the policy runs; the pack has its
// handler convert it once, policies/lib/library-server.ts), and one stack policy that does nothing (the
// least any pack pays: the request decoded off the wire and the stack converted once). Then the resource
// policies, `analyze` once per resource as the engine calls it, over the first 1,000 resources.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../checker/paths";
import { evaluate } from "../policies/lib/evaluate";
import type { PolicyResource } from "../policies/lib/rule";
import { rules } from "../policies/pack";
import { analyzer, analyzeStackRequest, PolicyPackProcess } from "./analyzer-protocol";

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

/** A pack of `count` stack policies that do nothing: what the library costs before any policy of ours runs. */
function emptyPack(count: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hipaa-cloud-bench-floor-"));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "floor", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), [
        `const { PolicyPack } = require(${JSON.stringify(require.resolve("@pulumi/policy", { paths: [packageRoot] }))});`,
        `const policies = Array.from({ length: ${count} }, (_, i) => ({ name: "nothing-" + i, description: "does nothing", enforcementLevel: "mandatory", validateStack: () => {} }));`,
        `new PolicyPack("floor", { policies });`, ""].join("\n"));
    return dir;
}

/** CPU milliseconds a process has used (Linux /proc; undefined elsewhere): on a loaded machine, a fairer peer than wall time. */
function cpuMs(pid: number | undefined): number | undefined {
    if (pid === undefined) return undefined;
    try {
        // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name: user and system time in clock ticks (100 a second).
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return undefined;
    }
}

interface Cost { wall: number; cpu?: number }

/** One timing of `work`, wall and CPU of the process it runs in (`pid`; this process when omitted). */
async function cost(work: () => unknown, pid?: number): Promise<Cost> {
    const own = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const cpu0 = pid === undefined ? own() : cpuMs(pid);
    const t0 = performance.now();
    await work();
    const wall = performance.now() - t0;
    const cpu1 = pid === undefined ? own() : cpuMs(pid);
    return { wall, cpu: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined };
}

/** Medians over rounds; each round runs every piece of work once, so that a change of load hits them alike. */
async function rounds(count: number, work: Record<string, { run: () => unknown; pid?: number }>): Promise<Record<string, Cost>> {
    const all: Record<string, Cost[]> = Object.fromEntries(Object.keys(work).map(k => [k, []]));
    for (const w of Object.values(work)) await w.run(); // warm up
    for (let i = 0; i < count; i++) for (const [k, w] of Object.entries(work)) all[k].push(await cost(w.run, w.pid));
    return Object.fromEntries(Object.entries(all).map(([k, cs]) => [k, {
        wall: median(cs.map(c => c.wall)),
        cpu: cs.every(c => c.cpu !== undefined) ? median(cs.map(c => c.cpu!)) : undefined,
    }]));
}

/** `a` over `b`, by wall time and, where both are known, by CPU time. */
function ratio(a: Cost, b: Cost): string {
    return `${(a.wall / b.wall).toFixed(2)}x wall` + (a.cpu !== undefined && b.cpu !== undefined ? `, ${(a.cpu / b.cpu).toFixed(2)}x CPU` : "");
}

const cpuLess = (a: Cost, b: Cost) => (a.cpu !== undefined && b.cpu !== undefined ? a.cpu - b.cpu : undefined);
const cpuSum = (a: Cost, b: Cost) => (a.cpu !== undefined && b.cpu !== undefined ? a.cpu + b.cpu : undefined);

const ms = (c: Cost) => `${c.wall.toFixed(0)} ms` + (c.cpu !== undefined ? ` (${c.cpu.toFixed(0)} ms CPU)` : "");

/** Prints the section for `resources` (the bench's synthetic stack); `packDir`: the compiled pack, or another build of it to compare. */
export async function engineSection(resources: readonly PolicyResource[], runs = 3, packDir = path.join(packageRoot, "dist/policies")): Promise<void> {
    const stackPolicies = rules.filter(r => r.kind === "stack").length;
    const floorDir = emptyPack(stackPolicies);
    const oneDir = emptyPack(1);
    const pack = await PolicyPackProcess.start(packDir, packDir);
    const floor = await PolicyPackProcess.start(floorDir, floorDir);
    const one = await PolicyPackProcess.start(oneDir, oneDir);
    try {
        const request = analyzeStackRequest(resources);
        const stack = await rounds(runs, {
            pack: { run: () => pack.analyzeStack(request), pid: pack.pid },
            floor: { run: () => floor.analyzeStack(request), pid: floor.pid },
            one: { run: () => one.analyzeStack(request), pid: one.pid },
            checker: { run: () => evaluate(rules, resources) },
        });
        // The wire alone, in this process: the engine's request decoded (google-protobuf, as the pack's gRPC server does)
        // and the pack's answer encoded. Neither is the pack's work; together they bound from below what any pack pays.
        const bytes = request.serializeBinary();
        const answer = await pack.call<typeof request, analyzer.AnalyzeResponse>("analyzeStack", request);
        const wire = await rounds(runs, {
            decode: { run: () => analyzer.AnalyzeStackRequest.deserializeBinary(bytes) },
            encode: { run: () => answer.serializeBinary() },
        });
        const wireCost = { wall: wire.decode.wall + wire.encode.wall, cpu: cpuSum(wire.decode, wire.encode) };
        console.log(`\nengine path: the pack's ${stackPolicies} stack policies over ${resources.length} resources through the analyzer protocol ${ms(stack.pack)} ` +
            `vs the checker's in-process evaluation of the same stack (every rule) ${ms(stack.checker)} = ${ratio(stack.pack, stack.checker)} (target <= 1.5x);\n` +
            `   @pulumi/policy's own floor, ${stackPolicies} stack policies that do nothing, ${ms(stack.floor)} = ${ratio(stack.floor, stack.checker)} ` +
            `(the library deserialises the stack once per stack policy);\n` +
            `   the least any pack pays, one stack policy that does nothing (the request decoded, the stack converted once) ${ms(stack.one)} = ` +
            `${ratio(stack.one, stack.checker)}; the pack beyond it ${ms({ wall: stack.pack.wall - stack.one.wall, cpu: cpuLess(stack.pack, stack.one) })};\n` +
            `   the wire alone, the request decoded (${(bytes.length / 1e6).toFixed(1)} MB) and the pack's answer encoded (${answer.getDiagnosticsList().length} diagnostics), ` +
            `${ms(wireCost)} = ${ratio(wireCost, stack.checker)} the checker's evaluation`);

        const some = resources.slice(0, 1000);
        const resourceRules = rules.filter(r => r.kind === "resource");
        const each = await rounds(1, {
            pack: { run: async () => { for (const r of some) await pack.analyze(r); }, pid: pack.pid },
            checker: { run: () => evaluate(resourceRules, some) },
        });
        console.log(`   the pack's ${resourceRules.length} resource policies, analyze per resource over ${some.length} resources, ${ms(each.pack)} ` +
            `vs the checker's resource rules on them ${ms(each.checker)} = ${ratio(each.pack, each.checker)}`);
    } finally {
        pack.close();
        floor.close();
        one.close();
        fs.rmSync(floorDir, { recursive: true, force: true });
        fs.rmSync(oneDir, { recursive: true, force: true });
    }
}
