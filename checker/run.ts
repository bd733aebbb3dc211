// How a failed program run is told: the program's error (a throw, a config key it cannot read, a syntax
// error, its own network request) as one CheckError that names the file, the line and why. The run
// itself is the engine emulation's (checker/emulation/engine.ts).
import * as path from "node:path";
import { CheckError, messageOf } from "./errors";
import type { Target } from "./target";

/**
 * Any failure of the program → a CheckError whose message names the file (and line) and why. A thrown
 * value may be anything, with getters and a toString that throw: reading it must not fail the checker.
 */
export function programError(e: unknown, target: Target): CheckError {
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
