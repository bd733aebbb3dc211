// A Pulumi project on disk: its Pulumi.yaml (name, `main:`, `config:` defaults, stackConfigDir), its
// stack files (Pulumi.<stack>.yaml) and `--config KEY=VALUE` arguments → the flat config map the
// runtime takes (`namespace:key` → string; lists and objects as JSON strings, as Pulumi stores them;
// `secure:` values → a placeholder, marked secret).
import * as fs from "node:fs";
import * as path from "node:path";
import type { Document, LineCounter } from "yaml";
import { CheckError, messageOf } from "./errors";
import { fileLimits, readBoundedFile, sizeText } from "./files";

/** The `yaml` package (60 ms to load), loaded when a file is read rather than before the program's process is started. */
function yaml(): typeof import("yaml") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("yaml") as typeof import("yaml");
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

/**
 * How YAML is read (the `yaml` package), so that a file means one thing and the checker sees what Pulumi
 * sees or refuses: one document; a key given twice refused (a second `hospital:environment` must not win
 * silently); keys are strings, never lists or maps; YAML 1.2's core types (`!!str` and friends) and no
 * other tag (`!!js/function`, `!!binary`, `!foo`: a warning the parser gives, which refuses the file);
 * merge keys (`<<`) are refused below rather than read differently from Pulumi; aliases are expanded
 * under the parser's own limit (an alias bomb of a few hundred bytes is refused, not expanded).
 */
const yamlOptions = {
    // uniqueKeys is checked by refuseDuplicateKeys: the parser's own check compares each key with every
    // other (70,000 keys in a 1 MiB file took 86 s), which a file must not be able to make the check wait for.
    version: "1.2", schema: "core", strict: true, uniqueKeys: false, stringKeys: true, merge: false, resolveKnownTags: false,
    prettyErrors: true, logLevel: "error", // "error", not "silent": silent also drops the multiple-documents error
} as const;
/** At most this many aliases (weighted by the aliases inside what they name) per file; the `yaml` package's default. */
const maxAliasCount = 100;
/** The config a stack file expands to (aliases included), in characters: a 1 MiB file may not become 100 MiB of config. */
const maxExpandedConfig = 4 * fileLimits.yaml;

function parseYaml(file: string): Document {
    const text = readBoundedFile(file, file, fileLimits.yaml);
    const lines = new (yaml().LineCounter)();
    const doc = yaml().parseDocument(text, { ...yamlOptions, lineCounter: lines });
    const problem = doc.errors[0] ?? doc.warnings[0];
    // The parser's message says where ("at line 3, column 3") and names a bad tag. Nothing of the file is
    // quoted: a stack file may be a symlink to a credentials file, and this message goes to a CI log.
    if (problem) throw new CheckError(`${file}: is not valid YAML, or uses what the checker does not read: ${problem.message.split("\n")[0].replace(/:$/, "")}`);
    refuseDuplicateKeys(doc, file, lines);
    return doc;
}

/** A key given twice in one mapping (at any depth) is refused, naming it and both lines; one pass, a set per mapping. */
function refuseDuplicateKeys(doc: Document, file: string, lines: LineCounter): void {
    yaml().visit(doc, {
        Map(_key, map) {
            const seen = new Map<string, number>();
            for (const { key } of map.items) {
                if (!yaml().isScalar(key)) continue; // stringKeys has refused any other key
                const name = String(key.value);
                const at = key.range?.[0] ?? 0;
                const earlier = seen.get(name);
                if (earlier !== undefined) {
                    throw new CheckError(`${file}: key ${JSON.stringify(name)} is given twice, at lines ${lines.linePos(earlier).line} and ${lines.linePos(at).line}; ` +
                        "give it once (which of the two would count is not for a reader to guess)");
                }
                seen.set(name, at);
            }
        },
    });
}

function toJs(doc: Document, file: string): unknown {
    try {
        return doc.toJS({ maxAliasCount });
    } catch (e) {
        // The parser's ReferenceError: "Excessive alias count indicates a resource exhaustion attack", or an unknown alias.
        const message = messageOf(e);
        throw new CheckError(`${file}: is not valid YAML (${message})${/Excessive alias/.test(message) ? `; at most ${maxAliasCount} aliases are expanded` : ""}`);
    }
}

function readYaml(file: string): unknown {
    return toJs(parseYaml(file), file);
}

function isMap(v: unknown): v is Record<string, unknown> {
    return !!v && typeof v === "object" && !Array.isArray(v);
}

/** Reads DIR/Pulumi.yaml. `mainOverride` replaces `main:` (the checker's own stacks when compiled). */
export function readProject(dir: string, mainOverride?: string): Project {
    const found = ["Pulumi.yaml", "Pulumi.yml"].map(f => path.join(dir, f)).filter(f => fs.existsSync(f));
    if (found.length > 1) throw new CheckError(`${dir}: has both Pulumi.yaml and Pulumi.yml; keep one, so that one project file says what the program is`);
    const file = found[0];
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
        const main = JSON.parse(readBoundedFile(pkg, pkg, fileLimits.packageJson)).main;
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
    const rawKeyOf = new Map<string, string>();
    for (const [rawKey, spec] of Object.entries(config)) {
        const key = qualifyKey(rawKey, project, file);
        const earlier = rawKeyOf.get(key);
        if (earlier !== undefined) throw new CheckError(`${file}: config keys ${JSON.stringify(earlier)} and ${JSON.stringify(rawKey)} are both ${key}; give it once`);
        rawKeyOf.set(key, rawKey);
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

/** What a stack file may hold besides `config:` (Pulumi's own keys, which the check does not need). */
const stackFileKeys = ["config", "secretsprovider", "encryptedkey", "encryptionsalt"];

/**
 * A stack file's `config:` → flat config. A top-level value written plain (`workers: 010`, `1.50`) is
 * kept as written, as Pulumi keeps it (it reads each value as a string); values inside lists and objects
 * are typed, as Pulumi types them. Two keys that name one config key (`tenant`, `hospital:tenant`,
 * `hospital:config:tenant`) are refused, as a key given twice is: neither may win silently.
 */
export function readStackFile(file: string, project: string): FlatConfig {
    const doc = parseYaml(file);
    const js = toJs(doc, file);
    const out: FlatConfig = { values: {}, secretKeys: [] };
    if (js === null || js === undefined) return out;
    if (!isMap(js)) throw new CheckError(`${file}: a stack file must be a mapping (with \`config:\`)`);
    if ("environment" in js) {
        throw new CheckError(`${file}: \`environment:\` imports Pulumi ESC environments, whose config an offline check cannot read ` +
            "(it would check the stack without it); put the config the check needs under `config:`");
    }
    const unknown = Object.keys(js).filter(k => !stackFileKeys.includes(k));
    if (unknown.length) throw new CheckError(`${file}: unknown top-level key ${unknown.map(k => JSON.stringify(k)).join(", ")}; a stack file holds ${stackFileKeys.join(", ")} (config keys go under \`config:\`)`);
    if (js.config === undefined || js.config === null) return out;
    if (!isMap(js.config)) throw new CheckError(`${file}: \`config\` must be a mapping of namespace:key to values`);
    const asWritten = new Map<string, string>();
    const node = doc.get("config", true);
    if (yaml().isMap(node)) {
        for (const { key, value } of node.items) {
            if (yaml().isScalar(key) && yaml().isScalar(value) && value.type === "PLAIN" && value.value !== null && typeof value.source === "string") asWritten.set(String(key.value), value.source);
            if (yaml().isCollection(value)) refuseAmbiguousNumbers(value, String(yaml().isScalar(key) ? key.value : key), file);
        }
    }
    const rawKeyOf = new Map<string, string>();
    let size = 0;
    for (const [rawKey, value] of Object.entries(js.config)) {
        const key = qualifyKey(rawKey, project, file);
        const earlier = rawKeyOf.get(key);
        if (earlier !== undefined) throw new CheckError(`${file}: config keys ${JSON.stringify(earlier)} and ${JSON.stringify(rawKey)} are both ${key}; give it once`);
        rawKeyOf.set(key, rawKey);
        setValue(out, key, asWritten.get(rawKey) ?? value, file);
        size += key.length + out.values[key].length;
        if (size > maxExpandedConfig) throw new CheckError(`${file}: its config expands (through aliases) to more than ${sizeText(maxExpandedConfig)}`);
    }
    return out;
}

/**
 * Inside lists and objects Pulumi types values with Go's YAML reader, which takes `010` as octal 8 and
 * `1_000` as 1000 where YAML 1.2 (this reader) takes 10 and the text "1_000": the checker would judge
 * `auditDays: 02190` as 2190 while Pulumi deploys 1160. Such numbers are refused, naming the key.
 */
function refuseAmbiguousNumbers(value: import("yaml").Node, key: string, file: string): void {
    yaml().visit(value, {
        Scalar(_k, scalar) {
            const text = scalar.source;
            if (scalar.type !== "PLAIN" || typeof text !== "string") return;
            const leadingZero = /^[-+]?0[0-9_]+(\.[0-9_]*)?$/.test(text);
            const underscore = /^[-+]?[0-9][0-9_]*(\.[0-9_]*)?$/.test(text) && text.includes("_") || /^[-+]?0[xob][0-9a-fA-F_]*$/i.test(text) && text.includes("_");
            const signedPrefix = /^[-+]0[xob]/i.test(text);
            if (leadingZero || underscore || signedPrefix) {
                throw new CheckError(`${file}: config key ${key}: the number ${text} reads differently in YAML 1.1 and 1.2 ` +
                    "(a leading zero, _ or a signed 0x/0o/0b: Pulumi reads 010 as 8); write it plainly (10), or quote it if it is text");
            }
        },
    });
}

/** `--config KEY=VALUE ...` → flat config; a key given twice (in any spelling) is refused, naming both. */
export function configArguments(args: readonly string[], project: string): FlatConfig {
    const out: FlatConfig = { values: {}, secretKeys: [] };
    const argOf = new Map<string, string>();
    for (const arg of args) {
        const [key, value] = parseConfigArgument(arg, project);
        const earlier = argOf.get(key);
        if (earlier !== undefined) throw new CheckError(`--config ${JSON.stringify(earlier)} and --config ${JSON.stringify(arg)} both set ${key}; give it once`);
        argOf.set(key, arg);
        out.values[key] = value;
    }
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
    // JSON has no Infinity or NaN (JSON.stringify would write null, which reads as "not set"); Pulumi refuses them too.
    const nonFinite = (v: unknown) => typeof v === "number" && !Number.isFinite(v);
    if (nonFinite(value)) throw new CheckError(`${file}: config key ${key}: ${value} is not a number JSON can carry`);
    if (typeof value === "string") out.values[key] = value;
    else if (typeof value === "number" || typeof value === "boolean") out.values[key] = String(value);
    else {
        let secret = false;
        const json = JSON.stringify(value, (k, v) => {
            if (nonFinite(v)) throw new CheckError(`${file}: config key ${key}: ${JSON.stringify(k)} is ${v}, not a number JSON can carry`);
            // Pulumi merges `<<: *base` into the map; the checker does not, so it refuses rather than read another config.
            if (isMap(v) && "<<" in v) throw new CheckError(`${file}: config key ${key}: merge keys (<<) are not read by the checker; write the keys out`);
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

/** The stack files of a project: name → file. A stack with both a .yaml and a .yml file is refused (which one holds its config?). */
export function stackFiles(project: Project): Map<string, string> {
    const out = new Map<string, string>();
    if (!fs.existsSync(project.stackConfigDir)) return out;
    for (const f of fs.readdirSync(project.stackConfigDir).sort()) {
        const m = /^Pulumi\.(.+)\.ya?ml$/.exec(f);
        if (!m) continue;
        const earlier = out.get(m[1]);
        if (earlier) throw new CheckError(`${project.stackConfigDir}: stack ${m[1]} has two files, ${path.basename(earlier)} and ${f}; keep one`);
        out.set(m[1], path.join(project.stackConfigDir, f));
    }
    return out;
}

/** The stack file of `stack` (a name checked by args.ts's stackName), or null when it has none. */
export function stackFileOf(project: Project, stack: string): string | null {
    const found = ["yaml", "yml"].map(ext => path.join(project.stackConfigDir, `Pulumi.${stack}.${ext}`)).filter(f => fs.existsSync(f));
    if (found.length > 1) throw new CheckError(`${project.stackConfigDir}: stack ${stack} has two files, ${found.map(f => path.basename(f)).join(" and ")}; keep one`);
    return found[0] ?? null;
}

/**
 * A stack name as Pulumi allows it (letters, digits, `-`, `_`, `.`, at most 100 characters), and not
 * `.` or `..`: it names the file Pulumi.<stack>.yaml, so it must never be a path (`a/../../tmp/x`,
 * `/etc/x`, a NUL). Pulumi's `org/project/stack` form is refused, not read: the org and project choose
 * a backend, which an offline check has none of, and accepting it would make `a/b/prod` and `prod` two
 * spellings of one file. Give the stack's own name.
 */
export function stackName(value: string, what = "--stack"): string {
    if (value.includes("/")) {
        throw new CheckError(`${what} ${JSON.stringify(value)}: give the stack's own name (the part after the last /); ` +
            "the org/project/stack form chooses a Pulumi backend, which an offline check does not use, and a stack name is never a path");
    }
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(value) || /^\.+$/.test(value)) {
        throw new CheckError(`${what} ${JSON.stringify(value)}: not a stack name; a stack name is 1 to 100 letters, digits, -, _ and . (not only dots)`);
    }
    return value;
}

/**
 * The stack a file names: Pulumi.<stack>.yaml → <stack>; any other file → its base name. It must be a
 * stack name (it goes into every URN and is what pulumi.getStack() answers): `Pulumi.a::b.yaml` is refused.
 */
export function stackNameOfFile(file: string): string {
    const base = path.basename(file);
    return stackName(/^Pulumi\.(.+)\.ya?ml$/.exec(base)?.[1] ?? base.replace(/\.ya?ml$/, ""), `${file} gives the stack name`);
}
