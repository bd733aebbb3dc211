// The patches of Node's module loader and of the SDK that a program runs under (installed and
// removed together by checker/emulation/engine.ts; each patch returns what puts it back):
// - every `@pulumi/pulumi` (and provider) request, from the program or from a library it uses
//   (e.g. @pulumi/awsx), resolves to the checker's own copy, the one the mocks are installed on;
// - TypeScript files are transpiled without type-checking (typescript.transpileModule), with inline
//   source maps so runtime errors point at the .ts line; a syntax error names the file and line.
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import { CheckError } from "./errors";
import { ownPackageJson, packageRoot } from "./paths";

/**
 * The packages every program shares with the checker, whatever copy it has itself: the SDK (the
 * mocks live in its runtime state) and the policy SDK.
 */
export const sharedPackages = ["@pulumi/pulumi", "@pulumi/policy"];
/**
 * Providers a program may not have installed (one inside this repository, or without node_modules):
 * those fall back to the checker's copy. A program (or a library such as @pulumi/awsx) that has its
 * own copy keeps it: providers hold no mock state, their @pulumi/pulumi resolves to the checker's,
 * and a major version apart (azure-native 1's `insights`, aws 6's `iam.ManagedPolicies`) is not
 * the same API.
 */
export const fallbackPackages = ["@pulumi/aws", "@pulumi/azure-native", "@pulumi/gcp", "@pulumi/random"];

const ModuleInternals = Module as unknown as {
    _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
    _extensions: Record<string, (module: { _compile(code: string, file: string): void }, file: string) => void>;
};

/** Puts back what a patch replaced. */
export type Restore = () => void;

const packageOf = (list: string[], request: string) => list.find(p => request === p || request.startsWith(p + "/"));

/**
 * Makes every `@pulumi/pulumi` request resolve to the checker's copy, a provider the program lacks
 * resolve to the checker's, and a TypeScript program's ESM-style relative import (`./vpc.js` for
 * `vpc.ts`, as tsc with NodeNext resolution wants them written) find its `.ts` file.
 */
export function redirectPulumiPackages(): Restore {
    const available = (list: string[]) => list.filter(p => ownPackageJson(p) !== undefined);
    const shared = available(sharedPackages);
    const fallback = available(fallbackPackages);
    const original = ModuleInternals._resolveFilename;
    ModuleInternals._resolveFilename = function (request, parent, isMain, options) {
        if (request.startsWith("@pulumi/")) {
            if (packageOf(shared, request)) return original.call(this, request, parent, isMain, { paths: [packageRoot] });
            if (packageOf(fallback, request)) {
                try {
                    return original.call(this, request, parent, isMain, options);
                } catch (e) {
                    if ((e as { code?: string }).code !== "MODULE_NOT_FOUND") throw e;
                    return original.call(this, request, parent, isMain, { paths: [packageRoot] });
                }
            }
        }
        if (request.startsWith(".") && request.endsWith(".js")) {
            try {
                return original.call(this, request, parent, isMain, options);
            } catch (e) {
                const from = (parent as { filename?: string } | undefined)?.filename;
                const ts = from && path.resolve(path.dirname(from), request.slice(0, -3) + ".ts");
                if ((e as { code?: string }).code === "MODULE_NOT_FOUND" && ts && fs.existsSync(ts)) return ts;
                throw e;
            }
        }
        return original.call(this, request, parent, isMain, options);
    };
    return () => { ModuleInternals._resolveFilename = original; };
}

/**
 * Loads `.ts` files by transpiling them. Files of this package keep the handler already installed
 * (ts-node when the tests run from sources); everything else (a program under --program) is ours.
 */
export function transpileTypeScript(): Restore {
    const previous = ModuleInternals._extensions[".ts"];
    const sourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(true);
    ModuleInternals._extensions[".ts"] = (module, file) => {
        if (previous && isInside(file, packageRoot) && !file.includes(`${path.sep}test${path.sep}fixtures${path.sep}`)) return previous(module, file);
        module._compile(transpile(file), file);
    };
    return () => {
        if (previous) ModuleInternals._extensions[".ts"] = previous;
        else delete ModuleInternals._extensions[".ts"];
        process.setSourceMapsEnabled(sourceMaps);
    };
}

function isInside(file: string, dir: string): boolean {
    const rel = path.relative(dir, file);
    return !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * The TypeScript compiler that transpiles a program: this package's (a checkout has it), else the program's
 * own (installed as a dependency, hipaa-cloud does not bring one: every Pulumi TypeScript program has it).
 */
function typescriptCompiler(file: string): typeof import("typescript") {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(require.resolve("typescript", { paths: [packageRoot, path.dirname(file)] })) as typeof import("typescript");
    } catch {
        throw new CheckError(`${file}: checking a TypeScript program needs the typescript package, which neither hipaa-cloud nor the program has: ` +
            "install it in the program (npm install --save-dev typescript)");
    }
}

function transpile(file: string): string {
    const ts = typescriptCompiler(file);
    const source = fs.readFileSync(file, "utf8");
    const out = ts.transpileModule(source, {
        fileName: file,
        reportDiagnostics: true,
        compilerOptions: {
            module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true,
            inlineSourceMap: true, inlineSources: false, experimentalDecorators: true,
        },
    });
    const errors = (out.diagnostics ?? []).filter(d => d.category === ts.DiagnosticCategory.Error);
    if (errors.length) {
        const first = errors[0];
        const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
        const text = ts.flattenDiagnosticMessageText(first.messageText, " ");
        throw new CheckError(`${file}${where ? `:${where.line + 1}:${where.character + 1}` : ""}: syntax error: ${text}` +
            (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""));
    }
    return out.outputText;
}

/**
 * Loading @pulumi/pulumi also loads the TypeScript compiler and npm's Arborist (about two thirds of
 * its load time, measured), which only serializing a function into a resource (closure
 * serialization: `aws.lambda.CallbackFunction`) uses, and its Automation API (`pulumi.automation`:
 * a program that drives the Pulumi CLI, with js-yaml, execa and tmp; a third of the rest, measured:
 * 90-125 of 235-350 ms), which a program run does not use. The checker defers them until first use:
 * a check that serializes no function and drives no CLI never pays for them; one that does loads them then.
 */
export function deferSdkModules(): Restore {
    const internals = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
    const load = internals._load;
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [packageRoot] }));
    const shim = path.join(sdkDir, "typescript-shim.js");
    const codePaths = path.join(sdkDir, "runtime", "closure", "codePaths.js");
    const sdkIndex = path.join(sdkDir, "index.js");
    const sdkFiles = sdkDir + path.sep;
    internals._load = function (request, parent, isMain) {
        const from = (parent as { filename?: string } | undefined)?.filename;
        const real = () => load.call(this, request, parent, isMain);
        if (from && request.endsWith("typescript-shim") && path.resolve(path.dirname(from), request) + ".js" === shim) return deferred(real);
        if (from && request === "./closure/codePaths" && path.resolve(path.dirname(from), request) + ".js" === codePaths) {
            let loaded: any;
            const get = () => (loaded ??= real());
            return {
                computeCodePaths: (...args: unknown[]) => get().computeCodePaths(...args),
                findWorkspaceRoot: (...args: unknown[]) => get().findWorkspaceRoot(...args),
            };
        }
        // The SDK's index takes it with __importStar, which asks for __esModule first: answered without loading it.
        if (from === sdkIndex && request === "./automation") return deferred(real, { __esModule: true });
        // gRPC and the SDK's gRPC clients (80-110 ms to load): the mocks' monitor speaks no gRPC, so the SDK reaches
        // for them only on an error's code or a real engine's address. Taken with __importStar like the automation.
        if (from?.startsWith(sdkFiles) && (request === "@grpc/grpc-js" || /^\.\.\/proto\/\w+_grpc_pb$/.test(request))) return deferred(real, { __esModule: true });
        return load.call(this, request, parent, isMain);
    };
    return () => { internals._load = load; };
}

/** A module that loads on first use: what `known` answers, it answers without loading. */
function deferred(real: () => any, known: Record<string, unknown> = {}): object {
    let loaded: any;
    const get = () => (loaded ??= real());
    return new Proxy({}, {
        get: (_t, k) => Object.hasOwn(known, k) ? known[k as string] : get()[k], has: (_t, k) => k in get(), ownKeys: () => Reflect.ownKeys(get()),
        getOwnPropertyDescriptor: (_t, k) => { const d = Reflect.getOwnPropertyDescriptor(get(), k); return d && { ...d, configurable: true }; },
    });
}

/**
 * The SDK wraps every runtime promise in `debuggablePromise`: a stack trace for each, a set of leak
 * candidates and one more promise hop, all for the leak report it prints when a program's process exits
 * with promises still pending (PULUMI_DEBUG_PROMISE_LEAKS adds the stacks). A checked program's process
 * never ends that way: the host waits for the program's work itself (run.ts) and is ended by the judging
 * process. So the wrapper hands back the promise as it is, unless that variable is set. Measured on
 * 1,000 buckets: the stacks were 15 % of a run; the rest, 10 % of the program process's CPU and 15 % of its peak RSS.
 */
export function lightenPromiseDebugging(): Restore {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
    const original = debuggable.debuggablePromise;
    debuggable.debuggablePromise = p => p;
    return () => { debuggable.debuggablePromise = original; };
}

type Settle = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], err?: unknown) => void;

/**
 * The SDK gives a custom resource one Output per property of its type the moment it is constructed
 * (runtime/rpc.js transferProperties: a Bucket of @pulumi/aws 7 has 28), each about 4 KB of closures and
 * promises, and a program's resources all exist before the first of them is registered: 10,000 resources
 * held 1.1 GB of them, most never read. Here each property is an accessor that makes the SDK's same Output
 * when the program first reads it — pending, or settled with what the registration answered if that came
 * first — and then stays a plain property, as the SDK's is. The registration reads the inputs, never these
 * outputs, so what the checker records is unchanged; a program sees the same values at the same turns.
 */
export function lazyOutputProperties(): Restore {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rpc = require("@pulumi/pulumi/runtime/rpc") as { transferProperties(onto: object, label: string, props: Record<string, unknown>): Record<string, Settle> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Output } = require("@pulumi/pulumi/output") as { Output: new (resource: object, ...promises: Promise<unknown>[]) => unknown };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { isGrpcError } = require("@pulumi/pulumi/errors") as { isGrpcError(err: unknown): boolean };
    const original = rpc.transferProperties;
    rpc.transferProperties = (onto, label, props) => {
        const resolvers: Record<string, Settle> = {};
        for (const key of Object.keys(props)) {
            if (key === "id" || key === "urn") continue; // the SDK makes these two itself
            if (Object.hasOwn(onto, key)) throw new Error(`Property '${key}' is already initialized on target '${label}`);
            let answered: Parameters<Settle> | undefined;
            let settle: Settle | undefined;
            const keep = (value: unknown) => Object.defineProperty(onto, key, { value, writable: true, enumerable: true, configurable: true });
            Object.defineProperty(onto, key, {
                enumerable: true, configurable: true, set: keep,
                get: () => {
                    const [output, settleOutput] = pendingOutput(onto);
                    settle = settleOutput;
                    keep(output);
                    if (answered) settle(...answered);
                    answered = undefined;
                    return output;
                },
            });
            resolvers[key] = (...args) => {
                // A failed registration rejects every output, read or not, as the SDK's do.
                if (!settle && args[4] && !isGrpcError(args[4])) void (onto as Record<string, unknown>)[key];
                if (settle) settle(...args);
                else answered = args;
            };
        }
        return resolvers;
    };

    /** The SDK's pending Output of one property and what settles it (transferProperties' own). */
    function pendingOutput(onto: object): [unknown, Settle] {
        const parts = [0, 1, 2, 3].map(() => {
            let resolve!: (v: unknown) => void, reject!: (e: unknown) => void;
            const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
            return { promise, resolve, reject };
        });
        const [value, isKnown, isSecret, deps] = parts;
        const settle: Settle = (v, known, secret, d = [], err) => {
            if (err) {
                if (isGrpcError(err)) return;
                for (const p of parts) p.reject(err);
                return;
            }
            value.resolve(v);
            isKnown.resolve(known);
            isSecret.resolve(secret);
            deps.resolve(d);
        };
        return [new Output(onto, value.promise, isKnown.promise, isSecret.promise, deps.promise), settle];
    }
    return () => { rpc.transferProperties = original; };
}
