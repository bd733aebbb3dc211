// V8's code cache for the modules a check loads. Compiling them is a large part of a check's start: the
// program's process compiles the SDK every run, the judging process its rules and report writers, and V8
// compiles each function again the first time it runs (measured on the demo check, medians at load 9-11:
// the program process's SDK load 242 -> 181 ms CPU, the judging after the run 55 -> 36 ms). Node 22 has
// this built in (module.enableCompileCache); Node 20, which this package supports, does not, so this file
// does what v8-compile-cache did, one way for every version: it compiles a module with vm.Script and V8's
// cached data of the same source from an earlier run, and writes what it compiled without one.
//
// The code runs exactly as Node would run it; what is cached is V8's compilation of the same source,
// keyed by the file's path and checked against a checksum of its text (V8 itself refuses data of another
// V8 version or flags). A module whose stack frames are to be source-mapped stays Node's own to
// compile, as it is then (a Node 20 API that registers a module's source map does not exist): the
// checked program's own files, transpiled TypeScript or compiled with .js.map. Libraries (under
// node_modules) are compiled from the cache even then: their frames show the .js file that is installed.
//
// Whoever can write an entry chooses code the checker runs: the cache lives in a folder only this user can
// write (cacheDir), and the program's process writes its entries before any program has run in it, never
// after (program-host.ts). Code coverage (NODE_V8_COVERAGE) needs Node's own compilation: no cache then.
import * as fs from "node:fs";
import Module from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import * as zlib from "node:zlib";

type Compile = (this: ModuleInstance, content: string, filename: string, format?: string) => unknown;

interface ModuleInstance {
    exports: unknown;
    require(id: string): unknown;
}

const ModuleInternals = Module as unknown as {
    prototype: { _compile: Compile };
    wrapper: string[];
    wrap(content: string): string;
    _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
    _resolveLookupPaths(request: string, parent: unknown): string[] | null;
    _extensions: unknown;
    _cache: unknown;
};

/** What a cache did in this process: modules compiled from it, without it (missing or refused), and entries written. */
export interface CompileCacheStats { hits: number; misses: number; written: number }

export interface CompileCache {
    readonly dir: string;
    readonly stats: CompileCacheStats;
    /**
     * Writes the entries of the modules compiled without one since the last write: V8's code for them as it is
     * now, with the functions that have run since. Never throws: a cache that cannot be written only costs time.
     */
    write(): void;
    /**
     * Keeps, for the next process, the list of the libraries compiled without an entry and not written (in the
     * program's process: what the program loaded, after the write before it ran). A list of files, not code.
     */
    rememberUnwritten(): void;
    /**
     * Compiles, from their files on disk and without running them, the libraries the last process remembered,
     * for write(): the next program that loads them finds them in the cache.
     */
    compileRemembered(): void;
    /** Puts Node's own compilation back. */
    disable(): void;
}

const node_modules = `${path.sep}node_modules${path.sep}`;
const checksumBytes = 4;
/** The most libraries a process remembers for the next (a few hundred for a hospital stack). */
const rememberedLimit = 5000;
/** An entry's check of its source: a CRC-32 of the text, as Node 22's own cache keeps (a third of SHA-1's time; V8 checks the length). */
const checksumOf = (text: string) => {
    const sum = Buffer.alloc(checksumBytes);
    sum.writeUInt32BE(zlib.crc32(text));
    return sum;
};

/**
 * The folder of `role`'s cache, made if need be: in the temporary folder, under a folder of this user's
 * that nobody else may write to (another user who could plant an entry would run code as this one), one
 * per Node version. Undefined when there is no such folder to be had (no user id on this platform, a
 * folder of someone else's, a read-only disk): the check then runs without a cache.
 */
export function cacheDir(role: string, base = os.tmpdir()): string | undefined {
    const uid = process.getuid?.();
    if (uid === undefined) return undefined;
    const own = path.join(base, `hipaa-cloud-${uid}`);
    try {
        fs.mkdirSync(own, { mode: 0o700 });
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
    }
    try {
        const stat = fs.lstatSync(own);
        if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) return undefined;
        const dir = path.join(own, "compile-cache", `${process.version}-${process.arch}`, role);
        fs.mkdirSync(dir, { recursive: true });
        return dir;
    } catch {
        return undefined;
    }
}

/**
 * Compiles modules loaded from now on through the cache in `dir` (made by cacheDir). One cache per process;
 * undefined when `dir` is undefined or a cache is already on.
 */
export function enableCompileCache(dir: string | undefined): CompileCache | undefined {
    const original = ModuleInternals.prototype._compile;
    if (dir === undefined || process.env.NODE_V8_COVERAGE || (original as { cached?: boolean }).cached) return undefined;
    const stats: CompileCacheStats = { hits: 0, misses: 0, written: 0 };
    let unwritten: { script: vm.Script; file: string; checksum: Buffer; filename: string }[] = [];
    const remembered = path.join(dir, "remembered.json");
    // ES modules, a dynamic import() (vm.Script's own import() callback is still experimental in Node 20 and says
    // so on stderr) and a file that starts with a hashbang (not valid inside the wrapper) are Node's.
    const nodes = (content: string, filename: string) => content.includes("import(") || content.startsWith("#!") || (process.sourceMapsEnabled && !filename.includes(node_modules));
    /** Compiles with the entry of the same text if there is one; else notes the script for write(). */
    const scriptOf = (content: string, filename: string) => {
        const file = entryFile(dir, filename);
        const checksum = checksumOf(content);
        const entry = readEntry(file);
        const cachedData = entry?.subarray(0, checksumBytes).equals(checksum) ? entry.subarray(checksumBytes) : undefined;
        // The wrapper Node puts around a module, and a negative column offset that keeps the columns of its first line
        // where Node's own compilation puts them (one-line minified libraries report every frame there).
        const script = new vm.Script(ModuleInternals.wrap(content), { filename, cachedData, columnOffset: -ModuleInternals.wrapper[0].length });
        if (cachedData && !script.cachedDataRejected) stats.hits++;
        else {
            stats.misses++;
            unwritten.push({ script, file, checksum, filename });
        }
        return script;
    };
    const compile: Compile = function (content, filename, format) {
        if (format === "module" || nodes(content, filename)) return original.call(this, content, filename, format);
        const script = scriptOf(content, filename);
        const fn = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
        return fn.call(this.exports, this.exports, requireOf(this), this, filename, path.dirname(filename));
    };
    (compile as { cached?: boolean }).cached = true;
    ModuleInternals.prototype._compile = compile;
    return {
        dir, stats,
        write() {
            const now = unwritten;
            unwritten = [];
            for (const { script, file, checksum } of now) {
                try {
                    const temp = `${file}.${process.pid}.tmp`;
                    fs.writeFileSync(temp, Buffer.concat([checksum, script.createCachedData()]));
                    fs.renameSync(temp, file); // whole or not at all, when processes write the same entry at once
                    stats.written++;
                } catch { /* the next run compiles it again */ }
            }
        },
        rememberUnwritten() {
            try {
                const temp = `${remembered}.${process.pid}.tmp`;
                fs.writeFileSync(temp, JSON.stringify(unwritten.map(u => u.filename).filter(f => f.includes(node_modules)).slice(0, rememberedLimit)));
                fs.renameSync(temp, remembered);
            } catch { /* the next process compiles them when a program loads them, as without the list */ }
        },
        compileRemembered() {
            let list: unknown;
            try {
                list = JSON.parse(fs.readFileSync(remembered, "utf8"));
            } catch {
                return;
            }
            if (!Array.isArray(list)) return;
            // Written by a process a program ran in: only library files are taken, and only compiled, never run.
            for (const filename of list.slice(0, rememberedLimit)) {
                if (typeof filename !== "string" || !path.isAbsolute(filename) || !filename.includes(node_modules) || !/\.c?js$/.test(filename)) continue;
                try {
                    const content = fs.readFileSync(filename, "utf8");
                    if (!nodes(content, filename)) scriptOf(content, filename);
                } catch { /* gone since */ }
            }
        },
        disable() {
            if (ModuleInternals.prototype._compile === compile) ModuleInternals.prototype._compile = original;
        },
    };
}

/**
 * The entry of a module's file: one per path, so the cache does not grow as files change. Two paths that
 * share a CRC share an entry, which then only misses (each checks its text).
 */
export function entryFile(dir: string, filename: string): string {
    return path.join(dir, `${zlib.crc32(filename).toString(16)}-${path.basename(filename)}`);
}

function readEntry(file: string): Buffer | undefined {
    try {
        return fs.readFileSync(file);
    } catch {
        return undefined;
    }
}

/** The `require` a module is given, as Node makes it (lib/internal/modules/helpers.js makeRequireFunction). */
function requireOf(mod: ModuleInstance): NodeJS.Require {
    const require = ((id: string) => mod.require(id)) as NodeJS.Require;
    const resolve = ((request: string, options?: { paths?: string[] }) => ModuleInternals._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
    resolve.paths = (request: string) => ModuleInternals._resolveLookupPaths(request, mod);
    require.resolve = resolve;
    require.main = process.mainModule;
    require.extensions = ModuleInternals._extensions as NodeJS.RequireExtensions;
    require.cache = ModuleInternals._cache as NodeJS.Dict<NodeJS.Module>;
    return require;
}
