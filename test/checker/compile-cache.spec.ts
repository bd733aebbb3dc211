// The compile cache (checker/compile-cache.ts): a module compiled from it runs as Node would run it,
// an entry is used only for the very text it was made from, and the cache lives only where nobody else
// can write.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { cacheDir, CompileCacheStats, enableCompileCache, entryFile } from "../../checker/compile-cache";
import { fixtureArgs, root, spawnTimeout } from "./helpers";

describe("compile cache", () => {
    let tmp: string;
    beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hipaa-cloud-compile-cache-")); });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    /** Requires `file` afresh with a cache on in `dir` (written afterwards): what it exported, and what the cache did. */
    function load(file: string, dir = path.join(tmp, "cache")): { exported: any; stats: CompileCacheStats } {
        fs.mkdirSync(dir, { recursive: true });
        delete require.cache[file];
        const cache = enableCompileCache(dir);
        assert.ok(cache, "the cache is on");
        try {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = require(file);
            cache.write();
            return { exported, stats: { ...cache.stats } };
        } finally {
            cache.disable();
            delete require.cache[file];
        }
    }

    function library(name: string, text: string): string {
        const file = path.join(tmp, "node_modules", "lib", name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        return file;
    }

    it("runs a module from its entry as Node runs it: the same exports, require, module, file names and stack columns", () => {
        library("dep.js", "module.exports = 'dep';\n");
        const file = library("index.js", "throw Object.assign(new Error('first line'), { seen: { dep: require('./dep'), resolved: require.resolve('./dep'), " +
            "filename: __filename, dirname: __dirname, same: module.exports === exports, main: require.main === process.mainModule } });\n");
        const thrown = (f: () => unknown) => { try { f(); } catch (e) { return e as Error & { seen: unknown }; } assert.fail("no throw"); };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const byNode = thrown(() => require(file));
        delete require.cache[file];
        const first = thrown(() => load(file));
        const second = thrown(() => load(file));
        assert.deepEqual(byNode.seen, { dep: "dep", resolved: path.join(path.dirname(file), "dep.js"), filename: file, dirname: path.dirname(file), same: true, main: true });
        for (const e of [first, second]) {
            assert.deepEqual(e.seen, byNode.seen);
            // The frame on the module's first line: the wrapper Node adds must not move its column.
            assert.equal(e.stack!.split("\n")[1], byNode.stack!.split("\n")[1]);
        }
    });

    it("compiles a module from its entry the second time", () => {
        const file = library("index.js", "module.exports = (a, b) => a + b;\n");
        const first = load(file);
        const second = load(file);
        assert.deepEqual(first.stats, { hits: 0, misses: 1, written: 1 });
        assert.deepEqual(second.stats, { hits: 1, misses: 0, written: 0 });
        assert.equal(second.exported(2, 3), 5);
    });

    it("never runs an entry made from another text of the same length (V8 checks only the length)", () => {
        const file = library("index.js", "module.exports = 'before';\n");
        assert.equal(load(file).exported, "before");
        fs.writeFileSync(file, "module.exports = 'after!';\n");
        const edited = load(file);
        assert.equal(edited.exported, "after!");
        assert.deepEqual(edited.stats, { hits: 0, misses: 1, written: 1 });
    });

    it("leaves to Node a module whose stack frames are source-mapped, an ES module import() and a hashbang", () => {
        const own = path.join(tmp, "program", "index.js");
        fs.mkdirSync(path.dirname(own), { recursive: true });
        fs.writeFileSync(own, "module.exports = 1;\n//# sourceMappingURL=index.js.map\n");
        fs.writeFileSync(own + ".map", JSON.stringify({ version: 3, file: "index.js", sources: ["index.ts"], names: [], mappings: "AAAA" }));
        const maps = process.sourceMapsEnabled;
        process.setSourceMapsEnabled(true);
        try {
            assert.deepEqual(load(own).stats, { hits: 0, misses: 0, written: 0 });
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            assert.ok(require("node:module").findSourceMap(own), "Node keeps the program's source map");
            // A library's frames are its installed .js: compiled from the cache even with source maps on.
            assert.equal(load(library("mapped.js", "module.exports = 2;\n//# sourceMappingURL=mapped.js.map\n")).stats.misses, 1);
        } finally {
            process.setSourceMapsEnabled(maps);
        }
        assert.deepEqual(load(library("dynamic.js", "module.exports = () => import('node:fs');\n")).stats, { hits: 0, misses: 0, written: 0 });
        assert.deepEqual(load(library("cli.js", "#!/usr/bin/env node\nmodule.exports = 3;\n")).stats, { hits: 0, misses: 0, written: 0 });
    });

    it("is kept only in a folder of this user's that nobody else can write to", function () {
        if (process.getuid === undefined) this.skip();
        const dir = cacheDir("checker", tmp);
        assert.ok(dir?.startsWith(path.join(tmp, `hipaa-cloud-${process.getuid!()}`)), dir);
        fs.chmodSync(path.join(tmp, `hipaa-cloud-${process.getuid!()}`), 0o777);
        assert.equal(cacheDir("checker", tmp), undefined, "a folder others can write to");
        const other = fs.mkdtempSync(path.join(os.tmpdir(), "hipaa-cloud-elsewhere-"));
        try {
            fs.rmSync(path.join(tmp, `hipaa-cloud-${process.getuid!()}`), { recursive: true });
            fs.symlinkSync(other, path.join(tmp, `hipaa-cloud-${process.getuid!()}`));
            assert.equal(cacheDir("checker", tmp), undefined, "a link to a folder elsewhere");
        } finally {
            fs.rmSync(other, { recursive: true, force: true });
        }
    });

    it("compiles from disk, never runs, the libraries the last process remembered, and nothing else it names", () => {
        const dir = path.join(tmp, "cache");
        fs.mkdirSync(dir, { recursive: true });
        const lib = library("remembered.js", "globalThis.rememberedRan = true;\nmodule.exports = 4;\n");
        const outside = path.join(tmp, "program.js");
        fs.writeFileSync(outside, "module.exports = 5;\n");
        fs.writeFileSync(path.join(dir, "remembered.json"), JSON.stringify([outside, "node_modules/lib/remembered.js", 42, lib]));
        const cache = enableCompileCache(dir)!;
        try {
            cache.compileRemembered();
            cache.write();
            assert.deepEqual(cache.stats, { hits: 0, misses: 1, written: 1 });
        } finally {
            cache.disable();
        }
        assert.equal((globalThis as { rememberedRan?: boolean }).rememberedRan, undefined, "compiled, not run");
        assert.deepEqual(load(lib, dir).stats, { hits: 1, misses: 0, written: 0 });
        delete (globalThis as { rememberedRan?: boolean }).rememberedRan;
    });

    it("in the program's process, writes before any program runs: the SDK, then what the last run loaded, compiled from disk", async function () {
        this.timeout(spawnTimeout);
        const tsNode = require.resolve("ts-node/register/transpile-only", { paths: [root] });
        const env = { ...process.env, TMPDIR: tmp, TS_NODE_PROJECT: path.join(root, "tsconfig.json") };
        const check = async () => {
            const child = spawn(process.execPath, ["-r", tsNode, path.join(root, "checker/cli.ts"), ...fixtureArgs("program-basic", "--format", "json")],
                { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
            let stderr = "";
            child.stderr.on("data", d => { stderr += d; });
            const code = await new Promise<number | null>(resolve => child.on("close", resolve));
            assert.ok(code === 0 || code === 1, `a report, not exit ${code}: ${stderr}`);
        };
        const dir = cacheDir("program", tmp)!;
        const fileOf = (module: string) => fs.realpathSync(require.resolve(module, { paths: [root] }));
        // The program's provider module: loaded by the program, so only after it started.
        const key = fileOf("@pulumi/aws/kms/key");
        await check();
        assert.ok(fs.existsSync(entryFile(dir, fileOf("@pulumi/pulumi/output"))), "the SDK, loaded before the program ran");
        assert.ok(!fs.existsSync(entryFile(dir, key)), "a module the program loaded is not written by the process it ran in");
        assert.ok(JSON.parse(fs.readFileSync(path.join(dir, "remembered.json"), "utf8")).includes(key), "it is named for the next process");
        await check();
        assert.ok(fs.existsSync(entryFile(dir, key)), "the next process compiled it from disk before its program ran");
    });
});
