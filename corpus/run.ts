// `npm run corpus -- <git dir of pulumi/examples> [--cache DIR] [--reports DIR] [--only PATTERN] [--jobs N] [--no-install] [--prepare-only]`
//
// Runs the offline checker over real users' programs: the AWS, Azure and Google Cloud TypeScript
// examples of pulumi/examples, each used the way its user has it (its folder, its own dependencies
// installed with `npm install --ignore-scripts`). Prints one line per program — a report (exit 0/1),
// refused (exit 2, with the checker's reason) or crashed (anything else, a timeout included) — and the
// totals. Each report is kept as JSON in the reports folder (default: <cache>/reports), one file per
// program named after its folder (aws-ts-stackreference-architecture__networking.json). Not part of `npm test`: it needs the corpus and the registry.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { packageRoot as repoRoot } from "../checker/paths";

const examplePattern = /^(aws|azure|gcp)-ts-/;
const installTimeoutMs = 15 * 60_000;
const checkTimeoutMs = 180_000;

/** The config every program gets: the providers' region settings, as its user would have set them. */
const providerConfig: Record<string, string> = {
    "aws:region": "us-east-1",
    "azure-native:location": "eastus",
    "azure:location": "eastus",
    "gcp:project": "hospital-project",
    "gcp:region": "us-central1",
    "gcp:zone": "us-central1-a",
};

interface Options { gitDir: string; cache: string; reports?: string; only?: RegExp; jobs: number; install: boolean; prepareOnly: boolean }
/** `name` is the program's folder relative to the cache: the example, or example/sub/folder. */
export interface Program { example: string; name: string; dir: string; installError?: string }
type Outcome = { program: Program; kind: "report" | "refused" | "crashed" | "not installed"; detail: string; seconds: number };

function parseArgs(argv: string[]): Options {
    const opts: Options = { gitDir: "", cache: path.join(repoRoot, ".cache", "corpus"), jobs: Math.max(1, os.availableParallelism()), install: true, prepareOnly: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--cache") opts.cache = path.resolve(argv[++i]);
        else if (a === "--reports") opts.reports = path.resolve(argv[++i]);
        else if (a === "--only") opts.only = new RegExp(argv[++i]);
        else if (a === "--jobs") opts.jobs = Number(argv[++i]);
        else if (a === "--no-install") opts.install = false;
        else if (a === "--prepare-only") opts.prepareOnly = true;
        else if (!opts.gitDir) opts.gitDir = path.resolve(a);
        else throw new Error(`unexpected argument ${a}`);
    }
    if (!opts.gitDir) throw new Error("usage: npm run corpus -- <git dir of pulumi/examples> [--cache DIR] [--reports DIR] [--only PATTERN] [--jobs N] [--no-install] [--prepare-only]");
    return opts;
}

/** Example folders of the corpus, as the repository's newest commit has them. */
function examples(gitDir: string): string[] {
    const names = execFileSync("git", ["--git-dir", gitDir, "ls-tree", "--name-only", "HEAD"], { encoding: "utf8" }).split("\n");
    return names.filter(n => examplePattern.test(n)).sort();
}

function extract(gitDir: string, example: string, cache: string): string {
    const dir = path.join(cache, example);
    if (!fs.existsSync(path.join(dir, ".extracted"))) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(cache, { recursive: true });
        // Archive the example's own tree: a whole-commit archive trips over the snapshot's absent large files.
        try {
            execFileSync("bash", ["-o", "pipefail", "-c", `git --git-dir "${gitDir}" archive --prefix="${example}/" "HEAD:${example}" | tar -x -C "${cache}"`], { stdio: "pipe" });
        } catch {
            // The snapshot lacks one of the example's (large) files: copy it file by file, leaving those out.
            const missing = extractFileByFile(gitDir, example, dir);
            process.stderr.write(`${example}: absent from the snapshot, left out: ${missing.join(", ")}\n`);
        }
        fs.writeFileSync(path.join(dir, ".extracted"), "");
    }
    return dir;
}

/** Writes each blob of the example's tree that the snapshot holds; returns the paths it does not hold. */
function extractFileByFile(gitDir: string, example: string, dir: string): string[] {
    fs.rmSync(dir, { recursive: true, force: true });
    const missing: string[] = [];
    const listing = execFileSync("git", ["--git-dir", gitDir, "ls-tree", "-r", "-z", `HEAD:${example}`], { encoding: "utf8", maxBuffer: 64 << 20 });
    for (const entry of listing.split("\0").filter(Boolean)) {
        const [meta, file] = entry.split("\t");
        const [mode, kind, object] = meta.split(" ");
        if (kind !== "blob") continue;
        const target = path.join(dir, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        try {
            const content = execFileSync("git", ["--git-dir", gitDir, "cat-file", "blob", object], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
            if (mode === "120000") fs.symlinkSync(content.toString(), target);
            else fs.writeFileSync(target, content, { mode: mode === "100755" ? 0o755 : 0o644 });
        } catch {
            missing.push(file);
        }
    }
    return missing;
}

/** Folders holding a Pulumi.yaml whose runtime is nodejs (some examples hold several, or a Python one beside). */
export function nodePrograms(root: string): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
        const entries = fs.readdirSync(dir, { withFileTypes: true });
        const file = entries.find(e => e.isFile() && /^Pulumi\.ya?ml$/.test(e.name));
        if (file) {
            const project = yaml.load(fs.readFileSync(path.join(dir, file.name), "utf8")) as any;
            const runtime = typeof project?.runtime === "string" ? project.runtime : project?.runtime?.name;
            if (runtime === "nodejs") found.push(dir);
        }
        for (const e of entries) if (e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")) walk(path.join(dir, e.name));
    };
    walk(root);
    return found;
}

/** `npm install --ignore-scripts` where a program (or its example root) has a package.json; once per folder. */
async function install(dir: string): Promise<string | undefined> {
    const marker = path.join(dir, ".installed");
    if (fs.existsSync(marker)) return fs.readFileSync(marker, "utf8") || undefined;
    if (!fs.existsSync(path.join(dir, "package.json"))) return undefined;
    const result = await run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], dir, installTimeoutMs);
    const error = result.code === 0 ? "" : firstErrorLine(result.stderr || result.stdout) || `npm install exited ${result.code}`;
    fs.writeFileSync(marker, error);
    return error || undefined;
}

/** npm's reason, naming the package and version where npm does, not just its code ("npm error code ETARGET"). */
export function firstErrorLine(text: string): string {
    const lines = text.split("\n").map(l => l.replace(/^npm (error|ERR!)\s*/, "").trim()).filter(Boolean);
    const missing = /The requested resource '([^']+)' could not be found/.exec(text)?.[1];
    if (missing) return `${missing} is not in the registry`;
    const named = lines.find(l => /No matching version found for|Could not resolve dependency/i.test(l))?.replace(/^notarget\s+/, "");
    return (named ?? lines.find(l => /ETARGET|E404|ERESOLVE|error/i.test(l)) ?? lines[0] ?? "").slice(0, 200);
}

/**
 * Config keys a program requires (`config.require("x")`, `requireObject<T>("x")` and friends), with a
 * value of the kind its user would give: a number, a boolean, an object, a domain name for a domain,
 * a real file for a key path and a real folder for a content path (programs read them), else a word.
 * Plus what an example's README asks for where the program reads it with `get` and throws without it.
 */
export function requiredConfig(dir: string): string[] {
    const values: string[] = [];
    const pattern = /\.require(Secret)?(Number|Boolean|Object)?(<[^>(]*>)?\(\s*["'`]([\w.:-]+)["'`]/g;
    // A `Config("<project>")` reads the project's own keys: the bare key is the same key, and the checker
    // refuses a key given twice.
    const project = /^name:\s*["']?([\w.-]+)/m.exec(readIfExists(path.join(dir, "Pulumi.yaml")))?.[1];
    for (const file of sourceFiles(dir)) {
        const text = fs.readFileSync(file, "utf8");
        // A `new pulumi.Config("name")` reads keys under that name, not the project's.
        const namespaces = [...text.matchAll(/new\s+(?:pulumi\.)?Config\(\s*["'`]([\w-]+)["'`]\s*\)/g)].map(m => m[1]).filter(ns => ns !== project).map(ns => `${ns}:`);
        for (const m of text.matchAll(pattern)) {
            const value = configValue(dir, m[4], m[2]);
            for (const ns of m[4].includes(":") ? [""] : ["", ...namespaces]) values.push(`${ns}${m[4]}=${value}`);
        }
    }
    values.push(...(documentedConfig[path.basename(dir)] ?? []));
    return [...new Set(values)];
}

function readIfExists(file: string): string {
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

/** Keys read with `config.get` that an example's README tells its user to set (one of them is required). */
const documentedConfig: Record<string, string[]> = {
    "aws-ts-ec2-provisioners": ["publicKey=ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCchecker checker@example.com"],
};

function configValue(dir: string, key: string, kind: string | undefined): string {
    if (kind === "Number") return "1";
    if (kind === "Boolean") return "true";
    if (kind === "Object") return "{}";
    if (/domain/i.test(key)) return "www.example.com";
    if (/region$/i.test(key)) return providerConfig["aws:region"];
    if (/location$/i.test(key)) return providerConfig["azure-native:location"];
    if (/(contents|dir|folder|site)$/i.test(key)) {
        const folder = path.join(dir, ".checker-config", key);
        fs.mkdirSync(folder, { recursive: true });
        fs.writeFileSync(path.join(folder, "index.html"), "<html><body>checker</body></html>\n");
        return path.relative(dir, folder); // relative, as users give it: programs join it to their folder or read it from there
    }
    if (/key.*path|path.*key|file$/i.test(key)) {
        const file = path.join(dir, ".checker-config", key);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, /private/i.test(key) ? "-----BEGIN OPENSSH PRIVATE KEY-----\nY2hlY2tlcg==\n-----END OPENSSH PRIVATE KEY-----\n"
            : "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCchecker checker@example.com\n");
        return path.relative(dir, file);
    }
    if (/publickey/i.test(key)) return "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCchecker checker@example.com";
    return `example-${key.replace(/[^\w-]/g, "-").toLowerCase()}`;
}

function sourceFiles(dir: string): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "node_modules" || e.name.startsWith(".")) continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) out.push(...sourceFiles(p));
        else if (/\.(ts|js)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
    }
    return out;
}

async function check(program: Program, reports: string): Promise<Outcome> {
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    if (program.installError) return { program, kind: "not installed", detail: program.installError, seconds: 0 };
    // The providers' settings are the user's own: a required key synthesized for them (aws:region via `new Config("aws")`) never overrides them.
    const config = [...Object.entries(providerConfig).map(([k, v]) => `${k}=${v}`), ...requiredConfig(program.dir).filter(c => !(c.slice(0, c.indexOf("=")) in providerConfig))];
    const args = [path.join(repoRoot, "bin", "hipaa-cloud.js"), "check", "--program", program.dir, "--format", "json",
        ...config.flatMap(c => ["--config", c])];
    const result = await run(process.execPath, args, repoRoot, checkTimeoutMs);
    if (result.code === 0 || result.code === 1) {
        try {
            const report = JSON.parse(result.stdout);
            fs.mkdirSync(reports, { recursive: true });
            fs.writeFileSync(path.join(reports, `${program.name.replace(/\//g, "__")}.json`), result.stdout);
            const s = report.summary;
            const unknown: string[] = report.unknownInvokes ?? [];
            const remote: string[] = report.remoteComponents ?? [];
            return { program, kind: "report", detail: `${s.resources} resources, ${s.mandatory} mandatory, ${s.advisory} advisory` +
                (unknown.length ? `; answered empty: ${unknown.join(", ")}` : "") +
                (remote.length ? `; children not seen of ${remote.length} remote component${remote.length === 1 ? "" : "s"}` : ""), seconds: seconds() };
        } catch {
            return { program, kind: "crashed", detail: `exit ${result.code} but no JSON report`, seconds: seconds() };
        }
    }
    const why = (result.stderr.trim().split("\n").find(l => l.trim()) ?? "").slice(0, 240);
    if (result.code === 2) return { program, kind: "refused", detail: why, seconds: seconds() };
    return { program, kind: "crashed", detail: result.timedOut ? `no answer within ${checkTimeoutMs / 1000} s` : `exit ${result.code ?? result.signal}: ${why}`, seconds: seconds() };
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }> {
    return new Promise(resolve => {
        const child = spawn(cmd, args, { cwd, env: { ...process.env, CI: "true", NO_COLOR: "1" } });
        let stdout = "", stderr = "", timedOut = false;
        child.stdout.on("data", d => { stdout += d; });
        child.stderr.on("data", d => { stderr += d; });
        const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, timeoutMs);
        child.on("close", (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr, timedOut }); });
    });
}

/** Runs `work` over `items`, `jobs` at a time, in order of completion. */
async function pool<T, R>(items: T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, async () => {
        while (next < items.length) {
            const item = items[next++];
            results.push(await work(item));
        }
    }));
    return results;
}

async function main(argv: string[]): Promise<number> {
    const opts = parseArgs(argv);
    const names = examples(opts.gitDir).filter(n => !opts.only || opts.only.test(n));
    process.stderr.write(`corpus: ${names.length} examples from ${opts.gitDir} into ${opts.cache}\n`);
    const programs: Program[] = [];
    let done = 0;
    await pool(names, opts.jobs, async example => {
        const root = extract(opts.gitDir, example, opts.cache);
        const dirs = nodePrograms(root);
        for (const dir of dirs) {
            const installError = opts.install ? await install(dir) : undefined;
            programs.push({ example, name: path.relative(opts.cache, dir), dir, installError });
        }
        process.stderr.write(`[${++done}/${names.length}] prepared ${example} (${dirs.length} program${dirs.length === 1 ? "" : "s"})\n`);
    });
    programs.sort((a, b) => a.dir.localeCompare(b.dir));
    if (opts.prepareOnly) return 0;
    const outcomes = await pool(programs, opts.jobs, async p => {
        const o = await check(p, opts.reports ?? path.join(opts.cache, "reports"));
        console.log(`${o.kind.padEnd(13)} ${p.name.padEnd(60)} ${o.seconds.toFixed(1).padStart(5)}s  ${o.detail}`);
        return o;
    });
    const count = (k: Outcome["kind"]) => outcomes.filter(o => o.kind === k).length;
    const installed = new Set(programs.filter(p => !p.installError).map(p => p.example));
    const notInstalled = [...new Set(programs.filter(p => p.installError).map(p => p.example))];
    const runnable = outcomes.length - count("not installed");
    console.log(`\nexamples: ${names.length}, installed: ${installed.size}, not installable here: ${notInstalled.length}${notInstalled.length ? ` (${notInstalled.join(", ")})` : ""}`);
    console.log(`programs: ${runnable} runnable; report ${count("report")} (${pct(count("report"), runnable)}), refused ${count("refused")}, crashed ${count("crashed")}`);
    return count("crashed") ? 1 : 0;
}

function pct(n: number, of: number): string {
    return of ? `${Math.round((1000 * n) / of) / 10} %` : "n/a";
}

if (require.main === module) {
    main(process.argv.slice(2)).then(code => { process.exitCode = code; }, e => { console.error(e instanceof Error ? e.message : e); process.exitCode = 2; });
}
