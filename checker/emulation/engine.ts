// The checker's emulation of the Pulumi engine, as one object with a lifetime: install() patches
// Node's module loader and the SDK (checker/hooks.ts), takes over the process's handlers of escaped
// errors and starts a new SDK runtime state; run() runs one program under the mocks
// (checker/mocks.ts), each run in a state of its own; dispose() puts back everything install()
// changed. The program's own process (checker/program-host.ts) installs one and runs its jobs in it;
// the tests' in-process check (test/checker/in-process.ts) installs one per check and disposes of it.
import * as path from "node:path";
import type { RegistrationSink } from "../mocks";
import { deferSdkModules, lazyOutputProperties, lightenPromiseDebugging, redirectPulumiPackages, Restore, transpileTypeScript } from "../hooks";
import { codeRoot } from "../paths";
import type { Project } from "../project";
import { programError } from "../run";
import type { Target } from "../target";

/** The events through which an error escapes a program (a throw in an apply, a rejection nobody handles). */
const escapeEvents = ["unhandledRejection", "uncaughtException"] as const;

type Failures = unknown[] & { onFailure?: (e: unknown) => void };

export class EngineEmulation {
    /** The emulation installed in this process, if any: there can be one (the SDK's runtime state is the process's). */
    private static installed?: EngineEmulation;
    private restores: Restore[] = [];
    private failures: Failures = [];
    private mocks?: typeof import("../mocks");

    /**
     * Installs the emulation in this process. Throws if one is installed already. The SDK is loaded here,
     * from the checker's copy, after the patches: the same SDK every program will load.
     */
    install(): this {
        if (EngineEmulation.installed) throw new Error("an engine emulation is already installed in this process: dispose of it first");
        EngineEmulation.installed = this;
        try {
            this.restores.push(redirectPulumiPackages(), deferSdkModules(), lightenPromiseDebugging(), lazyOutputProperties(), transpileTypeScript(), this.takeEscapedErrors());
            newRuntimeState();
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            this.mocks = require("../mocks") as typeof import("../mocks");
            this.restores.push(this.mocks.skipCallsites());
        } catch (e) {
            this.dispose();
            throw e;
        }
        return this;
    }

    /**
     * Runs the target's program under the mocks; every registration goes to `sink`. Resolves when the
     * program and its registrations have finished; rejects with a CheckError naming the program. Each
     * run starts from a new SDK runtime state and loads the program's modules anew. There is no timeout
     * here: a busy program would never let a timer of this process fire, so the judging process kills it.
     */
    async run(target: Target, sink: RegistrationSink): Promise<void> {
        if (EngineEmulation.installed !== this || !this.mocks) throw new Error("the engine emulation is not installed");
        const { installMocks, runInStack } = this.mocks;
        forgetProgramModules(target.project);
        newRuntimeState();
        let registrations = 0;
        installMocks({
            project: target.project.name, stack: target.stack, config: target.config.values, secretKeys: target.config.secretKeys, preview: true,
            rootDirectory: target.project.dir,
        }, { registration: req => { registrations++; sink.registration(req); }, unknownInvoke: token => sink.unknownInvoke(token) });
        const failures: Failures = this.failures = [];
        // What keeps this process busy without the program: taken a turn later, so that what its caller
        // started just before the run counts too (a test runner arms its timeout once the test returns).
        await new Promise(resolve => setImmediate(resolve));
        const baseline = process.getActiveResourcesInfo();
        const cwd = process.cwd();
        // The SDK captures a stack trace for every Output; a short one costs a fraction of a full one
        // (DESIGN.md "Performance rules"). Twelve frames (measured: +2.4 µs per capture over three) reach the
        // program's own frame under a library's when a library call fails (failurePlace).
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 12;
        try {
            process.chdir(target.project.dir); // programs read files relative to their folder, as under `pulumi`
            const run = runInStack(() => loadProgram(target.project.main));
            // An error that escapes the program (a throw in an apply or a `.then`) ends the run at once:
            // the resources waiting on it would otherwise wait until the timeout.
            const escaped = new Promise<never>((_, reject) => { failures.onFailure = reject; });
            escaped.catch(() => undefined);
            await Promise.race([run, escaped]);
            await untilIdle(baseline, escaped);
            // Then Node emits 'beforeExit', whose handlers may register more (@pulumi/aws creates a bucket's
            // BucketNotification there), and again for as long as they do.
            for (let round = 0; round < 100; round++) {
                const before = registrations;
                process.emit("beforeExit", 0);
                await untilIdle(baseline, escaped);
                if (registrations === before) break;
            }
            // Node reports an unhandled rejection after the microtasks drain: give it that turn.
            await new Promise(resolve => setImmediate(resolve));
            if (failures.length) throw failures[0];
        } catch (e) {
            // The failure's other promises (the stack's outputs) reject too, unhandled, a turn or two later:
            // let Node report them now, to this run's handlers, not to whatever the process runs next.
            for (let turn = 0; turn < 2; turn++) await new Promise(resolve => setImmediate(resolve));
            throw programError(e, target);
        } finally {
            Error.stackTraceLimit = limit;
            process.chdir(cwd);
        }
    }

    /**
     * Puts back everything install() changed, newest first, and leaves a new SDK runtime state (no mocks,
     * no config, no stack) in place of the last run's. Another emulation may be installed after it.
     */
    dispose(): void {
        if (EngineEmulation.installed !== this) return;
        for (const restore of this.restores.reverse()) restore();
        this.restores = [];
        newRuntimeState();
        EngineEmulation.installed = undefined;
    }

    /**
     * Errors that escape the program fail its run, and only its run: while the emulation is installed its
     * handlers are the process's only ones (a test runner's would fail the test that checks the program).
     * A failed program's promises may still reject after its run: they land in that run's list, which
     * nobody reads any more.
     */
    private takeEscapedErrors(): Restore {
        const onFailure = (e: unknown) => { this.failures.push(e); this.failures.onFailure?.(e); };
        const events: NodeJS.EventEmitter = process;
        const previous = escapeEvents.map(event => {
            const listeners = events.listeners(event) as ((...args: unknown[]) => void)[];
            events.removeAllListeners(event);
            events.on(event, onFailure);
            return { event, listeners };
        });
        return () => {
            for (const { event, listeners } of previous) {
                events.removeListener(event, onFailure);
                for (const listener of listeners) events.on(event, listener);
            }
        };
    }
}

/**
 * A new Pulumi runtime store (stack resource, settings, config, feature flags, pending work) in place
 * of the current one, keeping only the process-wide registries the providers filled when they loaded
 * (resource modules and packages, which rehydrate resource references). The SDK's `withLocalStorage`
 * would do the same through AsyncLocalStorage, at the cost of a promise hook on every promise
 * (measured: 7 % of a reused worker's time).
 */
function newRuntimeState(): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const state = require("@pulumi/pulumi/runtime/state") as { LocalStore: new () => Record<string, unknown>; getGlobalStore(): Record<string, unknown> };
    const old = state.getGlobalStore();
    const store = new state.LocalStore();
    store.resourcePackages = old.resourcePackages;
    store.resourceModules = old.resourceModules;
    (globalThis as { globalStore?: unknown }).globalStore = store;
}

/**
 * Drops the program's own modules from the module cache: not node_modules, and not this package's own
 * library, which a program of this package (stacks/) uses as one elsewhere uses node_modules (reloading
 * it would also give a process that keeps running, the tests', a second copy of every class it holds).
 */
function forgetProgramModules(project: Project): void {
    const keep = ["checker", "policies", "components", "facts"].map(dir => path.join(codeRoot, dir) + path.sep);
    for (const file of Object.keys(require.cache)) {
        if (file.startsWith(project.dir + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`) && !keep.some(k => file.startsWith(k))) {
            delete require.cache[file];
        }
    }
}

/**
 * Waits until the program has nothing left to do, as `pulumi up` does: the language host's run ends
 * when the program's process would exit, so a resource a program registers from a timer, after its
 * stack's outputs, is deployed — and so must be judged. "Nothing left" is no more handles keeping
 * the event loop alive than before the program loaded (this process's own pipes), and no registration
 * still on its way.
 */
async function untilIdle(baseline: string[], escaped: Promise<never>): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
    const busy = () => {
        const left = [...baseline];
        return process.getActiveResourcesInfo().some(r => {
            const i = left.indexOf(r);
            if (i < 0) return true;
            left.splice(i, 1);
            return false;
        });
    };
    for (;;) {
        await new Promise(resolve => setImmediate(resolve));
        if (!busy()) {
            await Promise.race([settings.waitForRPCs(), escaped]);
            await new Promise(resolve => setImmediate(resolve));
            if (!busy()) return;
        }
        await Promise.race([new Promise(resolve => setTimeout(resolve, 5)), escaped]);
    }
}

/** Loads the entry module; a default export that is a function is the program (Pulumi's rule). */
function loadProgram(main: string): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(main);
    if (typeof mod === "function") return mod();
    if (mod && mod.__esModule && typeof mod.default === "function") return mod.default();
    return mod;
}
