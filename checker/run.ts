// A Pulumi program under the checker's mock runtime, in the program's own process
// (checker/program-host.ts): the run itself, its registrations handed to a sink as the SDK would send
// them to the engine. Nothing here judges: the process that judges reads what the sink sent.
import * as path from "node:path";
import { CheckError, messageOf } from "./errors";
import { deferClosureSerialization, lightenPromiseDebugging, redirectPulumiPackages, transpileTypeScript } from "./hooks";
import type { RegistrationSink } from "./mocks";
import { codeRoot } from "./paths";
import type { Project } from "./project";
import type { Target } from "./target";

/**
 * Runs the target's program under the mocks; every registration goes to `sink`. Resolves when the
 * program and its registrations have finished; rejects with a CheckError naming the program. `fresh`:
 * this process already ran a program (a reused --all-stacks process), so run in a new Pulumi runtime
 * state (the SDK's own per-run store, as the Automation API runs inline programs) and load the
 * program's modules anew. There is no timeout here: the judging process kills this one (a busy loop
 * would never let a timer of this process fire).
 */
export async function runProgram(target: Target, sink: RegistrationSink, fresh: boolean): Promise<void> {
    if (fresh) {
        forgetProgramModules(target.project);
        freshRuntimeState();
    }
    const { installMocks, runInStack } = prepareRuntime();
    if (target.project.main.endsWith(".ts")) transpileTypeScript();
    let registrations = 0;
    installMocks({
        project: target.project.name, stack: target.stack, config: target.config.values, secretKeys: target.config.secretKeys, preview: true,
        rootDirectory: target.project.dir,
    }, { registration: req => { registrations++; sink.registration(req); }, unknownInvoke: token => sink.unknownInvoke(token) });
    const failures = watchFailures();
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
        throw programError(e, target);
    } finally {
        Error.stackTraceLimit = limit;
        process.chdir(cwd);
    }
}

/**
 * The hooks every program runs under, and the SDK with the mocks, loaded from the checker's copy as the
 * program will load them. The same for every program: the host calls it before its first job arrives,
 * so the SDK loads while the judging process still reads the stack and the rules.
 */
export function prepareRuntime(): typeof import("./mocks") {
    redirectPulumiPackages();
    deferClosureSerialization();
    lightenPromiseDebugging();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./mocks") as typeof import("./mocks");
}

/**
 * A new Pulumi runtime store (stack resource, settings, config, feature flags, pending work) in
 * place of the last run's, keeping only the process-wide registries the providers filled when they
 * loaded (resource modules and packages, which rehydrate resource references). The SDK's
 * `withLocalStorage` would do the same through AsyncLocalStorage, at the cost of a promise hook on
 * every promise (measured: 7 % of a reused worker's time).
 */
function freshRuntimeState(): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const state = require("@pulumi/pulumi/runtime/state") as { LocalStore: new () => Record<string, unknown>; getGlobalStore(): Record<string, unknown> };
    const old = state.getGlobalStore();
    const store = new state.LocalStore();
    store.resourcePackages = old.resourcePackages;
    store.resourceModules = old.resourceModules;
    (globalThis as { globalStore?: unknown }).globalStore = store;
}

/** Drops the program's own modules (not node_modules, not the checker's) from the module cache. */
function forgetProgramModules(project: Project): void {
    const keep = [path.join(codeRoot, "checker") + path.sep, path.join(codeRoot, "policies") + path.sep];
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

type Failures = unknown[] & { onFailure?: (e: unknown) => void };
let currentFailures: Failures = [];
let watching = false;

/**
 * Errors that escape the program (a throw in an apply, an unhandled rejection) fail the run. One
 * pair of handlers for the process; each run gets its own list. A failed program's promises may
 * still reject after its run: they land in that run's list, which nobody reads any more.
 */
function watchFailures(): Failures {
    currentFailures = [];
    if (!watching) {
        watching = true;
        const onFailure = (e: unknown) => { currentFailures.push(e); currentFailures.onFailure?.(e); };
        process.on("unhandledRejection", onFailure);
        process.on("uncaughtException", onFailure);
    }
    return currentFailures;
}

/** Loads the entry module; a default export that is a function is the program (Pulumi's rule). */
function loadProgram(main: string): unknown {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(main);
    if (typeof mod === "function") return mod();
    if (mod && mod.__esModule && typeof mod.default === "function") return mod.default();
    return mod;
}

/**
 * Any failure of the program → a CheckError whose message names the file (and line) and why. A thrown
 * value may be anything, with getters and a toString that throw: reading it must not fail the checker.
 */
function programError(e: unknown, target: Target): CheckError {
    try {
        return describeFailure(e, target);
    } catch {
        return new CheckError(`${target.project.main}: the program failed: it threw a value that cannot be shown`);
    }
}

function describeFailure(e: unknown, target: Target): CheckError {
    if (e instanceof CheckError) return e;
    const err = e as { name?: string; message?: string; stack?: string; diagnosticText?: string; constructor?: { name?: string } };
    const where = target.stackFile ? `${target.stackFile}` : target.project.main;
    if (err?.name === "HospitalConfigError") return new CheckError(`${where}: ${messageOf(e)}`);
    // The SDK's config errors (ConfigTypeError, ConfigMissingError, ...) name the key; add the file it comes from.
    if (/^Config\w*Error$/.test(err?.constructor?.name ?? "") || /^(Configuration|Missing required configuration variable) '/.test(messageOf(e))) {
        return new CheckError(`${target.stackFile ?? path.join(target.project.dir, "Pulumi.yaml")}: ${checkerAdvice(messageOf(e), target)}`);
    }
    if (err?.name === "TSError" && err.diagnosticText) return new CheckError(`syntax error: ${err.diagnosticText.trim()}`);
    // V8 puts the place of a syntax error in code on the stack's first line ("/path/file.js:3"); a
    // SyntaxError without it is a program's JSON.parse failing at run time, not a syntax error.
    const place = err?.stack?.split("\n")[0] ?? "";
    if (err?.name === "SyntaxError" && /:\d+$/.test(place)) return new CheckError(`${place}: syntax error: ${err.message}`);
    const at = failurePlace(err?.stack, target.project.dir);
    const host = networkHost(e);
    if (host) {
        return new CheckError(`${target.project.main}: the program made its own network request to ${host}, outside Pulumi ` +
            `(the check answers the program's invokes, not calls it makes itself), and it failed: ${messageOf(e)}${at}`);
    }
    return new CheckError(`${target.project.main}: the program failed: ${messageOf(e)}${at}`);
}

/**
 * The SDK's advice for a missing config key is the CLI's (`pulumi config set KEY <value>`); this tool takes
 * config with `--config KEY=VALUE` (or from the stack file), so that is what the refusal says.
 */
export function checkerAdvice(message: string, target: Pick<Target, "stackFile">): string {
    return message.replace(/\s*please set a value using the command `pulumi config set (--secret )?(\S+) <value>`/g, (_, secret: string | undefined, key: string) =>
        `: give it with --config ${key}=VALUE` +
        (target.stackFile ? ` or in ${target.stackFile}` : "") +
        (secret ? " (the program reads it as a secret; a value written `secure:` in a stack file stays one)" : "") +
        "; the check deploys nothing, so any value the program accepts will do");
}

/**
 * Where a program failed, from its error's stack: the first frame in the program's own files and, when the
 * error was thrown inside a library, the library frame the program called (the one just above it), with the
 * path from `node_modules/` on. `""` when the stack names neither.
 */
export function failurePlace(stack: string | undefined, programDir: string): string {
    const frames = (stack ?? "").split("\n").filter(l => /^\s+at /.test(l)).map(l => l.trim().replace(/^at /, ""));
    const own = (f: string) => f.includes(programDir + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`);
    const library = (f: string) => !own(f) && /[/\\]/.test(f) && !f.includes("node:internal") && !f.includes("(node:");
    const shown = (f: string) => f.replace(/(\(|^)[^()]*?[/\\]node_modules[/\\]/, "$1node_modules/");
    const i = frames.findIndex(own);
    const from = (i < 0 ? frames : frames.slice(0, i)).filter(library);
    const lib = i < 0 ? from[0] : from[from.length - 1];
    if (i >= 0) return ` (at ${frames[i]}${lib ? `, in ${shown(lib)}` : ""})`;
    return lib ? ` (in ${shown(lib)}; no frame of the program's own files is on the stack)` : "";
}

const networkCodes = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * The host a failed network request of the program's own went to (node-fetch's "request to URL failed",
 * fetch's cause, a socket error's hostname), or undefined when the error is not one. Followed through
 * `cause`, since the SDK wraps an input's failure ("error serializing property ...").
 */
export function networkHost(e: unknown): string | undefined {
    for (let err = e as { code?: unknown; hostname?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 5; err = err.cause as typeof err, depth++) {
        const message = typeof err.message === "string" ? err.message : "";
        const url = /request to (https?:\/\/[^\s/?]+)/.exec(message)?.[1];
        if (url) return new URL(url).host;
        if (typeof err.code === "string" && networkCodes.has(err.code)) {
            return typeof err.hostname === "string" ? err.hostname : /(?:getaddrinfo|connect) \w+ (\S+)/.exec(message)?.[1] ?? "a host";
        }
    }
    return undefined;
}
