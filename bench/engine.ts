// The bench's engine section: the pack's stack policies as `pulumi preview --policy-pack` runs them (the
// compiled pack, dist/policies, started as the CLI starts it and sent the stack over the analyzer protocol)
// against the checker's own in-process evaluation of the same stack, as a ratio measured in one run. Beside
// it, the floor @pulumi/policy itself sets: as many stack policies that do nothing, on the same request (the
// library deserialises the whole stack once per stack policy, before the policy runs). Then the resource
// policies, `analyze` once per resource as the engine calls it, over the first 1,000 resources.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../checker/paths";
import { evaluate } from "../policies/lib/evaluate";
import type { PolicyResource } from "../policies/lib/rule";
import { rules } from "../policies/pack";
import { analyzeStackRequest, PolicyPackProcess } from "./analyzer-protocol";

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

/** Median of `runs` timings of `work` (one untimed run first). */
async function timed(runs: number, work: () => unknown): Promise<number> {
    await work();
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await work();
        ms.push(performance.now() - t0);
    }
    return median(ms);
}

/** Prints the section for `resources` (the bench's synthetic stack). */
export async function engineSection(resources: readonly PolicyResource[], runs = 3): Promise<void> {
    const packDir = path.join(packageRoot, "dist/policies");
    const stackPolicies = rules.filter(r => r.kind === "stack").length;
    const floorDir = emptyPack(stackPolicies);
    const pack = await PolicyPackProcess.start(packDir, packDir);
    const floor = await PolicyPackProcess.start(floorDir, floorDir);
    try {
        const request = analyzeStackRequest(resources);
        let diagnostics = 0;
        const engineMs = await timed(runs, async () => { diagnostics = (await pack.analyzeStack(request)).length; });
        const floorMs = await timed(runs, () => floor.analyzeStack(request));
        let findings = 0;
        const checkerMs = await timed(runs, () => { findings = evaluate(rules, resources).filter(f => !f.exempted).length; });
        console.log(`\nengine path: the pack's ${stackPolicies} stack policies over ${resources.length} resources through the analyzer protocol ` +
            `${engineMs.toFixed(0)} ms (${diagnostics} diagnostics) vs the checker's in-process evaluation of the same stack ${checkerMs.toFixed(0)} ms ` +
            `(${findings} findings, every rule) = ${(engineMs / checkerMs).toFixed(2)}x (target <= 1.5x); ` +
            `@pulumi/policy's own floor, ${stackPolicies} stack policies that do nothing, ${floorMs.toFixed(0)} ms = ${(floorMs / checkerMs).toFixed(2)}x, ` +
            `so the pack's own share is ${(Math.max(0, engineMs - floorMs) / checkerMs).toFixed(2)}x`);

        const some = resources.slice(0, 1000);
        const resourceRules = rules.filter(r => r.kind === "resource");
        const analyzeMs = await timed(1, async () => { for (const r of some) await pack.analyze(r); });
        const resourceCheckerMs = await timed(runs, () => evaluate(resourceRules, some));
        console.log(`   the pack's ${resourceRules.length} resource policies, analyze per resource over ${some.length} resources, ${analyzeMs.toFixed(0)} ms ` +
            `vs the checker's resource rules on them ${resourceCheckerMs.toFixed(0)} ms = ${(analyzeMs / resourceCheckerMs).toFixed(1)}x`);
    } finally {
        pack.close();
        floor.close();
        fs.rmSync(floorDir, { recursive: true, force: true });
    }
}
