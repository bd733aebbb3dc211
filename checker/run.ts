// A Pulumi program under the checker's mock runtime, in this process: which program and config
// (--stack, --program, --config-file, --config), the run itself (with a timeout), and the recorded
// resources as the policies see them. One run per process: the Pulumi runtime's state is global.
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyResource } from "../policies/lib/rule";
import { CheckError, messageOf } from "./errors";
import { deferClosureSerialization, lightenPromiseDebugging, redirectPulumiPackages, transpileTypeScript } from "./hooks";
import type { RecordedResource } from "./mocks";
import { codeRoot, packageRoot, ownModule } from "./paths";
import { FlatConfig, mergeConfig, parseConfigArgument, Project, readProject, readStackFile, stackNameOfFile } from "./project";
import { attachDefaultProviders } from "./providers";

export interface TargetOptions {
    stack?: string;
    program?: string;
    configFile?: string;
    config?: string[];
}

/** What to run: a project, a stack name, and its config. */
export interface Target {
    project: Project;
    stack: string;
    /** The stack file read, if any. */
    stackFile: string | null;
    config: FlatConfig;
}

/** The checker's own project: stacks/ (compiled to dist/stacks/ when the checker runs compiled). */
export function ownProject(): Project {
    return readProject(packageRoot, ownModule("stacks/index"));
}

export function resolveTarget(o: TargetOptions): Target {
    const project = o.program ? readProject(path.resolve(o.program)) : ownProject();
    let stackFile: string | null = null;
    if (o.configFile) {
        stackFile = path.resolve(o.configFile);
        if (!fs.existsSync(stackFile)) throw new CheckError(`--config-file ${o.configFile}: no such file`);
    } else if (o.stack) {
        const candidates = ["yaml", "yml"].map(ext => path.join(project.stackConfigDir, `Pulumi.${o.stack}.${ext}`));
        stackFile = candidates.find(f => fs.existsSync(f)) ?? null;
        if (!stackFile && !o.program) {
            throw new CheckError(`--stack ${o.stack}: no stack file ${path.relative(process.cwd(), candidates[0]) || candidates[0]}` +
                `; stacks here: ${[...fs.readdirSync(project.stackConfigDir)].filter(f => /^Pulumi\..+\.ya?ml$/.test(f)).map(f => f.slice(7).replace(/\.ya?ml$/, "")).join(", ") || "none"}`);
        }
    }
    const stack = o.stack ?? (stackFile ? stackNameOfFile(stackFile) : "check");
    const fromArgs: FlatConfig = { values: Object.fromEntries((o.config ?? []).map(a => parseConfigArgument(a, project.name))), secretKeys: [] };
    const config = mergeConfig(project.defaults, stackFile ? readStackFile(stackFile, project.name) : { values: {}, secretKeys: [] }, fromArgs);
    return { project, stack, stackFile, config };
}

export interface RunResult {
    resources: RecordedResource[];
    policyResources: PolicyResource[];
    outputs: Record<string, unknown>;
    unknownInvokes: string[];
    /** What the program and the runtime printed (kept out of the report's stdout). */
    log: string[];
    durationMs: number;
}

/**
 * Runs the target's program under the mocks and records what it registers. `fresh`: this process
 * already ran a program (an --all-stacks worker that is reused), so run in a new Pulumi runtime
 * state (the SDK's own per-run store, as the Automation API runs inline programs) and load the
 * program's modules anew.
 */
export async function runTarget(target: Target, timeoutMs: number, fresh = false): Promise<RunResult> {
    if (fresh) {
        forgetProgramModules(target.project);
        freshRuntimeState();
    }
    return runTargetHere(target, timeoutMs);
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

async function runTargetHere(target: Target, timeoutMs: number): Promise<RunResult> {
    const started = performance.now();
    redirectPulumiPackages();
    deferClosureSerialization();
    lightenPromiseDebugging();
    if (target.project.main.endsWith(".ts")) transpileTypeScript();
    // After the hooks: the SDK and the mocks load from the checker's copy, as the program will.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { installMocks, runInStack } = require("./mocks") as typeof import("./mocks");
    const recorder = installMocks({
        project: target.project.name, stack: target.stack, config: target.config.values, secretKeys: target.config.secretKeys, preview: true,
    });
    const log: string[] = [];
    const restoreConsole = captureConsole(log);
    const failures = watchFailures();
    const cwd = process.cwd();
    let timer: NodeJS.Timeout | undefined;
    try {
        process.chdir(target.project.dir); // programs read files relative to their folder, as under `pulumi`
        const run = runInStack(() => loadProgram(target.project.main));
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new CheckError(`${target.project.main}: the program did not finish within ${timeoutMs / 1000} s ` +
                "(a promise that never settles, or an endless loop of resources); raise --timeout if it is only slow")), timeoutMs);
        });
        // An error that escapes the program (a throw in an apply or a `.then`) ends the run at once:
        // the resources waiting on it would otherwise wait until the timeout.
        const escaped = new Promise<never>((_, reject) => { failures.onFailure = reject; });
        escaped.catch(() => undefined);
        const outputs = await Promise.race([run, timeout, escaped]);
        // Node reports an unhandled rejection after the microtasks drain: give it that turn.
        await new Promise(resolve => setImmediate(resolve));
        if (failures.length) throw failures[0];
        const policyResources = attachDefaultProviders(recorder.policyResources(), target.config.values, target.project.name, target.stack);
        return { resources: recorder.resources, policyResources, outputs, unknownInvokes: [...recorder.unknownInvokes], log, durationMs: performance.now() - started };
    } catch (e) {
        throw programError(e, target);
    } finally {
        clearTimeout(timer);
        process.chdir(cwd);
        restoreConsole();
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

function captureConsole(log: string[]): () => void {
    const methods = ["log", "info", "warn", "error", "debug"] as const;
    const saved = methods.map(m => console[m]);
    for (const m of methods) console[m] = (...args: unknown[]) => { log.push(args.map(a => typeof a === "string" ? a : String(a)).join(" ")); };
    return () => methods.forEach((m, i) => { console[m] = saved[i]; });
}

/** Any failure of the program → a CheckError whose message names the file (and line) and why. */
function programError(e: unknown, target: Target): CheckError {
    if (e instanceof CheckError) return e;
    const err = e as { name?: string; message?: string; stack?: string; diagnosticText?: string; constructor?: { name?: string } };
    const where = target.stackFile ? `${target.stackFile}` : target.project.main;
    if (err?.name === "HospitalConfigError") return new CheckError(`${where}: ${messageOf(e)}`);
    // The SDK's config errors (ConfigTypeError, ConfigMissingError, ...) name the key; add the file it comes from.
    if (/^Config\w*Error$/.test(err?.constructor?.name ?? "") || /^(Configuration|Missing required configuration variable) '/.test(messageOf(e))) {
        return new CheckError(`${target.stackFile ?? path.join(target.project.dir, "Pulumi.yaml")}: ${messageOf(e)}`);
    }
    if (err?.name === "TSError" && err.diagnosticText) return new CheckError(`syntax error: ${err.diagnosticText.trim()}`);
    // V8 puts the place of a syntax error in code on the stack's first line ("/path/file.js:3"); a
    // SyntaxError without it is a program's JSON.parse failing at run time, not a syntax error.
    const place = err?.stack?.split("\n")[0] ?? "";
    if (err?.name === "SyntaxError" && /:\d+$/.test(place)) return new CheckError(`${place}: syntax error: ${err.message}`);
    const frame = err?.stack?.split("\n").find(l => l.includes(target.project.dir) && !l.includes("node_modules"));
    const at = frame ? ` (at ${frame.trim().replace(/^at /, "")})` : "";
    const host = networkHost(e);
    if (host) {
        return new CheckError(`${target.project.main}: the program made its own network request to ${host}, outside Pulumi ` +
            `(the check answers the program's invokes, not calls it makes itself), and it failed: ${messageOf(e)}${at}`);
    }
    return new CheckError(`${target.project.main}: the program failed: ${messageOf(e)}${at}`);
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
