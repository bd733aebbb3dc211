// The engine emulation's lifetime: install() patches the module loader, the SDK and the process's
// handlers of escaped errors; dispose() puts every one back; a second emulation installed after it
// starts clean (no module, config or stack of the last run); two at once are refused.
import assert from "node:assert/strict";
import Module from "node:module";
import * as path from "node:path";
import { EngineEmulation } from "../../checker/emulation/engine";
import { CheckError } from "../../checker/errors";
import { Recorder } from "../../checker/mocks";
import { resolveTarget, TargetOptions } from "../../checker/target";
import { fixtures } from "./helpers";

/** Everything install() may change, as it is now. */
function processState() {
    const internals = Module as unknown as { _resolveFilename: unknown; _load: unknown; _extensions: Record<string, unknown> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: unknown };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const store = (require("@pulumi/pulumi/runtime/state") as { getStore(): any }).getStore();
    return {
        resolveFilename: internals._resolveFilename, load: internals._load, ts: internals._extensions[".ts"],
        debuggablePromise: debuggable.debuggablePromise, sourceMaps: process.sourceMapsEnabled,
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        transferProperties: (require("@pulumi/pulumi/runtime/rpc") as { transferProperties: unknown }).transferProperties,
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        callsites: (require("@pulumi/pulumi").Resource as { callsites: unknown }).callsites,
        uncaught: process.listeners("uncaughtException"), unhandled: process.listeners("unhandledRejection"),
        cwd: process.cwd(), stackTraceLimit: Error.stackTraceLimit,
        monitor: store.settings.monitor, stack: store.settings.options.stack, config: { ...store.config }, supportsTransforms: store.supportsTransforms,
    };
}

async function run(emulation: EngineEmulation, options: TargetOptions) {
    const recorder = new Recorder("fixture", "check");
    await emulation.run(resolveTarget(options), recorder);
    return recorder;
}

const basic = path.join(fixtures, "program-basic");
const bucketNames = (r: Recorder) => r.resources.filter(x => x.type === "aws:s3/bucket:Bucket").map(x => x.name);

describe("engine emulation", function () {
    this.timeout(60_000);

    it("puts back everything it patched when disposed, after a run", async () => {
        const before = processState();
        const emulation = new EngineEmulation().install();
        try {
            const during = processState();
            for (const key of ["resolveFilename", "load", "ts", "debuggablePromise", "transferProperties", "callsites", "uncaught", "unhandled"] as const) {
                assert.notDeepEqual(during[key], before[key], `${key} is patched while installed`);
            }
            assert.equal(bucketNames(await run(emulation, { program: basic, stack: "dev" })).length, 3);
        } finally {
            emulation.dispose();
        }
        const after = processState();
        assert.deepEqual({ ...after, monitor: after.monitor === undefined }, { ...before, monitor: true, stack: after.stack, config: after.config, supportsTransforms: false });
        assert.equal(after.stack, "stack", "no stack of the run is left (the SDK's default)");
        assert.deepEqual(Object.values(after.config).filter(v => v !== ""), [], "no config of the run is left");
        assert.equal(after.uncaught.length, before.uncaught.length);
    });

    it("starts clean when installed again: the program's modules load anew, with the new config only", async () => {
        const first = new EngineEmulation().install();
        let three: Recorder;
        try {
            three = await run(first, { program: basic, stack: "dev" });
        } finally {
            first.dispose();
        }
        const second = new EngineEmulation().install();
        try {
            const one = await run(second, { program: basic, config: ["bucketCount=1"] });
            assert.deepEqual(bucketNames(three), ["bucket-0", "bucket-1", "bucket-2"]);
            assert.deepEqual(bucketNames(one), ["bucket-0"], "the program ran again, under its own config");
            assert.ok(one.resources.some(r => r.type === "aws:kms/key:Key"), "the stack file's withKey: false did not carry over");
        } finally {
            second.dispose();
        }
    });

    it("keeps a failed run's late rejections in that run: the next run passes", async () => {
        const emulation = new EngineEmulation().install();
        try {
            await assert.rejects(run(emulation, { program: basic, stack: "broken" }), /'many' is not a valid number/);
            assert.deepEqual(bucketNames(await run(emulation, { program: basic, stack: "dev" })), ["bucket-0", "bucket-1", "bucket-2"]);
        } finally {
            emulation.dispose();
        }
    });

    it("keeps this package's own library loaded through a run of its stacks: one copy of each class in the process", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const configClass = () => (require("../../components/config") as typeof import("../../components/config")).HospitalConfigError;
        const before = configClass();
        const emulation = new EngineEmulation().install();
        try {
            assert.ok((await run(emulation, { stack: "demo" })).resources.length > 0);
        } finally {
            emulation.dispose();
        }
        assert.equal(configClass(), before);
    });

    it("refuses a second emulation while one is installed, and a run of one that is not", async () => {
        const first = new EngineEmulation().install();
        try {
            assert.throws(() => new EngineEmulation().install(), /already installed/);
        } finally {
            first.dispose();
        }
        await assert.rejects(run(first, { program: basic }), /not installed/);
    });

    it("fails the run, not the process, with an error that escapes the program, and gives the handlers back", async () => {
        const before = processState();
        const emulation = new EngineEmulation().install();
        try {
            await assert.rejects(run(emulation, { program: path.join(fixtures, "program-fails") }),
                (e: unknown) => e instanceof CheckError && /the program failed: .*Cannot read properties of undefined/.test(e.message));
        } finally {
            emulation.dispose();
        }
        assert.deepEqual(processState().uncaught, before.uncaught);
        assert.deepEqual(processState().unhandled, before.unhandled);
    });
});
