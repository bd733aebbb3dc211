// What the start of every check loads: the merge command's module (strict JSON reading, fleet checks) is
// loaded only when `merge` runs; parsing a check's arguments once pulled it in (about 40 ms of ~100).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { root } from "./helpers";

describe("checker start-up", () => {
    it("loads neither checker/merge nor the OSCAL or state readers to parse a check's arguments", () => {
        const script = "require('./checker/cli'); require('./checker/args').parseArgs(['check', '--stack', 'demo']);" +
            "console.log(JSON.stringify(Object.keys(require.cache).map(k => require('path').relative(process.cwd(), k)).filter(k => k.startsWith('checker'))))";
        const loaded: string[] = jsonOf(script);
        assert.ok(loaded.includes("checker/args.ts"), loaded.join(", "));
        for (const lazy of ["checker/merge.ts", "checker/report/oscal.ts", "checker/state.ts"]) assert.ok(!loaded.includes(lazy), `${lazy} is loaded at start-up`);
    });

    it("loads neither the yaml package nor the SDK's protobuf messages before it starts the program's process (measured: 150-250 -> 35 ms to the spawn)", () => {
        const loaded = loadedBeforeTheSpawn();
        assert.ok(loaded.includes("checker/program-process.ts"), loaded.join(", "));
        for (const lazy of ["node_modules/yaml/", "node_modules/@pulumi/pulumi/proto/resource_pb.js"]) {
            assert.ok(!loaded.some(k => k.includes(lazy)), `${lazy} is loaded before the program's process is started`);
        }
    });

    it("loads none of the judging (the rules, their config, the report model) before it starts the program's process (45 -> 16 modules)", () => {
        const loaded = loadedBeforeTheSpawn();
        for (const lazy of ["policies/pack.ts", "policies/lib/config.ts", "policies/lib/coverage.ts", "policies/lib/evaluate.ts", "checker/check.ts",
            "checker/evaluate.ts", "checker/weakening.ts", "checker/state-secrets.ts", "checker/report/model.ts", "checker/report/fleet.ts"]) {
            assert.ok(!loaded.includes(lazy), `${lazy} is loaded before the program's process is started: ${loaded.join(", ")}`);
        }
    });

    it("does not load gRPC nor the SDK's gRPC clients in the program's process: the mocks speak none (80-110 ms of the SDK's load)", () => {
        const script = "new (require('./checker/emulation/engine').EngineEmulation)().install();" +
            "const loaded = () => Object.keys(require.cache).filter(k => k.includes('@grpc/grpc-js/') || /_grpc_pb\\.js$/.test(k)).length;" +
            "require('@pulumi/pulumi'); require('@pulumi/pulumi/runtime/settings'); require('@pulumi/aws/s3'); const before = loaded();" +
            "const status = require('@pulumi/pulumi/errors').isGrpcError({ code: 14 });" +
            "console.log(JSON.stringify({ before, status, after: loaded() > 0 }))";
        const seen = jsonOf(script);
        // Loaded on first use: an error's gRPC code (14, UNAVAILABLE) is still read as the SDK reads it.
        assert.deepEqual(seen, { before: 0, status: true, after: true });
    });

    it("does not load the SDK's Automation API in the program's process until a program uses it (90-125 of 235-350 ms of the SDK's load)", () => {
        const script = "new (require('./checker/emulation/engine').EngineEmulation)().install();" +
            "const loaded = () => Object.keys(require.cache).some(k => k.includes('@pulumi/pulumi/automation/'));" +
            "const before = loaded(); const automation = require('@pulumi/pulumi').automation;" +
            "console.log(JSON.stringify({ before, workspace: typeof automation.LocalWorkspace, after: loaded(), " +
            "keys: Object.keys(automation).sort().join() === Object.keys(require('@pulumi/pulumi/automation')).sort().join() }))";
        const seen = jsonOf(script);
        assert.deepEqual(seen, { before: false, workspace: "function", after: true, keys: true });
    });
});

/** What cli.ts main() has loaded when it calls programs.start(): cli itself and what its imports load. */
function loadedBeforeTheSpawn(): string[] {
    const script = "require('./checker/cli');" +
        "console.log(JSON.stringify(Object.keys(require.cache).map(k => require('path').relative(process.cwd(), k))))";
    return jsonOf(script);
}

/** What `script` prints as JSON, run under ts-node in a fresh process at the package root (a fresh module cache). */
function jsonOf(script: string): any {
    return JSON.parse(execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: root, encoding: "utf8" }));
}
