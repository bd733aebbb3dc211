// A Pulumi project on disk: its Pulumi.yaml (name, `main:`, `config:` defaults, stackConfigDir), its
// stack files (Pulumi.<stack>.yaml) and `--config KEY=VALUE` arguments → the flat config map the
// runtime takes (`namespace:key` → string; lists and objects as JSON strings, as Pulumi stores them;
// `secure:` values → a placeholder, marked secret).
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckError, messageOf } from "./errors";

// js-yaml (a declared dependency, the same copy @pulumi/pulumi uses), loaded on first use.
let yaml: typeof import("js-yaml") | undefined;
function loadYamlModule(): typeof import("js-yaml") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml ??= require("js-yaml") as typeof import("js-yaml");
    return yaml;
}

export interface Project {
    dir: string;
    /** Pulumi.yaml's `name`: the namespace of config keys written without one. */
    name: string;
    /** The entry module, absolute. */
    main: string;
    /** Where Pulumi.<stack>.yaml files live. */
    stackConfigDir: string;
    /** Config defaults from Pulumi.yaml's `config:`. */
    defaults: FlatConfig;
}

export interface FlatConfig { values: Record<string, string>; secretKeys: string[] }

export const secretPlaceholder = "[secret]";

function readYaml(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new CheckError(`${file}: cannot be read (${messageOf(e)})`);
    }
    try {
        return loadYamlModule().load(text, { filename: file });
    } catch (e) {
        throw new CheckError(`${file}: is not valid YAML (${messageOf(e).split("\n")[0]})`);
    }
}

function isMap(v: unknown): v is Record<string, unknown> {
    return !!v && typeof v === "object" && !Array.isArray(v);
}

/** Reads DIR/Pulumi.yaml. `mainOverride` replaces `main:` (the checker's own stacks when compiled). */
export function readProject(dir: string, mainOverride?: string): Project {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map(f => path.join(dir, f)).find(f => fs.existsSync(f));
    if (!file) throw new CheckError(`${dir}: no Pulumi.yaml here, so this is not a Pulumi program`);
    const doc = readYaml(file);
    if (!isMap(doc)) throw new CheckError(`${file}: must be a mapping with at least \`name\` and \`runtime\``);
    if (typeof doc.name !== "string" || !doc.name) throw new CheckError(`${file}: \`name\` is missing; a project needs a name`);
    const runtime = isMap(doc.runtime) ? doc.runtime.name : doc.runtime;
    if (runtime !== "nodejs") throw new CheckError(`${file}: runtime is ${JSON.stringify(runtime)}; the checker runs only nodejs (TypeScript/JavaScript) programs`);
    const main = mainOverride ?? resolveMain(dir, typeof doc.main === "string" ? doc.main : undefined, file);
    const stackConfigDir = path.resolve(dir, typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".");
    return { dir, name: doc.name, main, stackConfigDir, defaults: projectDefaults(doc.config, doc.name, file) };
}

/** `main:` (a file or a folder) or the folder itself → the module to load, as Node and Pulumi find it. */
function resolveMain(dir: string, main: string | undefined, file: string): string {
    const base = path.resolve(dir, main ?? ".");
    const candidates = fs.existsSync(base) && fs.statSync(base).isDirectory()
        ? [...packageMain(base), "index.ts", "index.js"].map(f => path.resolve(base, f))
        : [base, base + ".ts", base + ".js"];
    const found = candidates.find(f => fs.existsSync(f) && fs.statSync(f).isFile());
    if (!found) throw new CheckError(`${file}: the program's entry ${main ? `\`main: ${main}\`` : "(index.ts or index.js)"} does not exist; looked for ${candidates.join(", ")}`);
    return found;
}

function packageMain(dir: string): string[] {
    const pkg = path.join(dir, "package.json");
    if (!fs.existsSync(pkg)) return [];
    try {
        const main = JSON.parse(fs.readFileSync(pkg, "utf8")).main;
        return typeof main === "string" ? [main, main + ".ts", main + ".js"] : [];
    } catch {
        return [];
    }
}

/** Pulumi.yaml `config:`: `key: value`, or `key: {type, default|value, secret}` (project keys may omit the namespace). */
function projectDefaults(config: unknown, project: string, file: string): FlatConfig {
    const out: FlatConfig = { values: {}, secretKeys: [] };
    if (config === undefined || config === null) return out;
    if (!isMap(config)) throw new CheckError(`${file}: \`config\` must be a mapping of keys to values or {type, default}`);
    for (const [rawKey, spec] of Object.entries(config)) {
        const key = qualifyKey(rawKey, project, file);
        let value: unknown = spec;
        if (isMap(spec) && ("default" in spec || "value" in spec || "type" in spec)) {
            value = "default" in spec ? spec.default : spec.value;
            if (value === undefined) continue; // declared without a default: the stack must set it
            if (spec.secret === true) out.secretKeys.push(key);
        }
        setValue(out, key, value, file);
    }
    return out;
}

/** A stack file's `config:` → flat config. */
export function readStackFile(file: string, project: string): FlatConfig {
    const doc = readYaml(file);
    const out: FlatConfig = { values: {}, secretKeys: [] };
    if (doc === null || doc === undefined) return out;
    if (!isMap(doc)) throw new CheckError(`${file}: a stack file must be a mapping (with \`config:\`)`);
    if (doc.config === undefined || doc.config === null) return out;
    if (!isMap(doc.config)) throw new CheckError(`${file}: \`config\` must be a mapping of namespace:key to values`);
    for (const [rawKey, value] of Object.entries(doc.config)) setValue(out, qualifyKey(rawKey, project, file), value, file);
    return out;
}

/** `--config KEY=VALUE`: a key without a namespace gets the project's; `aws:region=...` keeps its own. */
export function parseConfigArgument(arg: string, project: string): [string, string] {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new CheckError(`--config ${JSON.stringify(arg)}: expected KEY=VALUE, e.g. --config aws:region=us-east-1`);
    return [qualifyKey(arg.slice(0, eq), project, "--config"), arg.slice(eq + 1)];
}

/** `name` → `project:name`; `ns:name` stays; anything else is refused with the key named. */
export function qualifyKey(key: string, project: string, where: string): string {
    const parts = key.split(":");
    // Pulumi also reads the legacy spelling `ns:config:name`.
    if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
    const valid = /^[A-Za-z0-9_.-]+$/;
    if (parts.length === 1 && valid.test(parts[0])) return `${project}:${key}`;
    if (parts.length === 2 && parts.every(p => p.length > 0 && /^[A-Za-z0-9_.\-/]+$/.test(p))) return key;
    throw new CheckError(`${where}: config key ${JSON.stringify(key)} is not valid; keys are <namespace>:<name> (e.g. hospital:tenant) or <name> for the project's own namespace`);
}

function setValue(out: FlatConfig, key: string, value: unknown, file: string): void {
    if (isMap(value) && Object.keys(value).length === 1 && typeof value.secure === "string") {
        out.values[key] = secretPlaceholder;
        out.secretKeys.push(key);
        return;
    }
    if (value === null || value === undefined) throw new CheckError(`${file}: config key ${key} has no value`);
    if (typeof value === "string") out.values[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") out.values[key] = String(value);
    else {
        let secret = false;
        const json = JSON.stringify(value, (_k, v) => {
            if (isMap(v) && Object.keys(v).length === 1 && typeof v.secure === "string") { secret = true; return secretPlaceholder; }
            return v;
        });
        out.values[key] = json;
        if (secret) out.secretKeys.push(key);
    }
}

/** Merges config layers, later ones winning. */
export function mergeConfig(...layers: FlatConfig[]): FlatConfig {
    const values: Record<string, string> = {};
    const secretKeys = new Set<string>();
    for (const layer of layers) {
        for (const [k, v] of Object.entries(layer.values)) {
            values[k] = v;
            if (layer.secretKeys.includes(k)) secretKeys.add(k); else secretKeys.delete(k);
        }
    }
    return { values, secretKeys: [...secretKeys] };
}

/** The stack files of a project: name → file. */
export function stackFiles(project: Project): Map<string, string> {
    const out = new Map<string, string>();
    if (!fs.existsSync(project.stackConfigDir)) return out;
    for (const f of fs.readdirSync(project.stackConfigDir).sort()) {
        const m = /^Pulumi\.(.+)\.ya?ml$/.exec(f);
        if (m) out.set(m[1], path.join(project.stackConfigDir, f));
    }
    return out;
}

/** The stack a file names: Pulumi.<stack>.yaml → <stack>; any other file → its base name. */
export function stackNameOfFile(file: string): string {
    const base = path.basename(file);
    return /^Pulumi\.(.+)\.ya?ml$/.exec(base)?.[1] ?? base.replace(/\.ya?ml$/, "");
}
