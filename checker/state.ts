// `hipaa-cloud check --state FILE`: what is deployed, judged offline. FILE is what `pulumi stack export`
// writes (an untyped deployment, `{version, deployment: {manifest, secrets_providers, resources}}`) or a
// file-backend checkpoint (`~/.pulumi/stacks/<project>/<stack>.json`, `{version, checkpoint: {stack,
// latest: {...}}}`), as Pulumi's Go SDK defines them (sdk/go/common/apitype/core.go: UntypedDeployment,
// VersionedCheckpoint, CheckpointV3, DeploymentV3, ResourceV3) and reads them
// (pkg/resource/stack/deployment.go: DeserializePropertyValue). Its resources become the same recorded
// resources a program's registrations become (registration.ts), judged by the same judge() (check.ts):
// there is no second evaluation path.
//
// Decisions, from the engine's own semantics (pkg/resource/deploy/analyze_snapshot.go, which runs a
// policy pack over a snapshot for `pulumi policy analyze --file`, and step_generator.go AnalyzeResources):
// - The stack resource, components and providers: the engine hands its analyzer every resource of the
//   snapshot, these too (analyze_snapshot.go), but no rule of the pack judges their types, and the checker's
//   preview path gives stack rules only the custom resources other than providers (registration.ts
//   policyResourcesOf). A state's resources go through that same function, so both paths show the policies
//   the same resources: each custom resource with the provider its `provider` reference names (that
//   provider's inputs, as the engine passes them); the stack and components only as parents, and in the
//   report's resource list. The stack's outputs are read for plain-text secrets (state-secrets.ts).
// - `delete: true` (a replaced resource the engine has not deleted yet): the engine's analysis skips it,
//   but it still exists in the cloud until the next update deletes it, and a state that marks an
//   insecure resource `delete: true` must not hide it. It is judged like any other resource.
// - `pending_operations` (an update was interrupted): whether those resources exist is unknown to the
//   state itself, so the file is refused, naming them: run `pulumi refresh` (or `pulumi cancel`) and
//   export again. A verdict over a state that does not know what exists would claim too much.
// - Properties: see statePropertiesOf below.
// - Version 4 (a deployment that uses features) is read when every feature is one Pulumi lists as
//   supported (deployment.go supportedFeatures) whose meaning does not change what a resource is; any
//   other version or feature is refused naming it.
import * as path from "node:path";
import * as fs from "node:fs";
import { escaped, shown } from "../policies/lib/config";
import { UNKNOWN } from "../policies/lib/values";
import { DuplicateKeyError, parseJsonStrict } from "../policies/lib/strict-json";
import { CheckError, messageOf } from "./errors";
import { readBoundedFile } from "./files";
import type { RecordedResource } from "./registration";

/**
 * A state file is larger than a stack file: about 2 KiB per resource (inputs and outputs, each with
 * provider defaults), so 64 MiB holds some 30,000 resources, far beyond a real stack (Pulumi Cloud warns
 * from a few thousand). JSON.parse of 64 MiB takes well under a second and a few hundred MiB of memory.
 */
export const stateFileLimit = 64 * 1024 * 1024;

/** Nesting deeper than this is refused: no provider schema nests a property half as deep, and a hostile file could nest it millions deep. */
export const maxStateDepth = 100;

const sigKey = "4dabf18193072939515e22adb298388d";
const sig = {
    secret: "1b47061264138c4ac30d75fd1eb44270",
    resourceReference: "5cf8f73096256a8f31e491e813e4eb8e",
    asset: "c44067f5952c0a294b673a41bacd8c17",
    archive: "0def7320c3a5731c473e5ecbe6d01bc7",
    byteString: "803fd3297a5875dc03ca845dda5d2a98",
    float: "8ad145fe-0d11-4827-bfd7-1abcbf086f5c",
} as const;
/** The engine's placeholder for a value not known when the state was written (deployment.go computedValuePlaceholder). */
const computedPlaceholder = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Version 4 features (deployment.go supportedFeatures) that add resource options or provider metadata
 * and leave the meaning of `resources` as version 3 has it. `snippets-prototype` is not here: a snapshot
 * with snippets has resources the engine re-creates from PCL on every update, which a state does not show.
 */
const readableFeatures = new Set(["refreshBeforeUpdate", "views", "hooks", "taint", "replaceWith", "extensionParameterization", "byteString"]);

/** One value as a state holds it, decoded: the value, and the paths the state holds as secrets. */
export interface StateValues {
    value: Record<string, unknown>;
    /** Paths (`a.b[0].c`) of the values the state holds as secrets (ciphertext or exported plaintext). */
    secrets: string[];
    /** The texts of secrets exported in plaintext (`pulumi stack export --show-secrets`) whose value is one text. */
    secretTexts: string[];
}

/** A resource of the state, decoded: what a registration gives the checker, plus the state's own inputs and outputs. */
export interface StateResource extends RecordedResource {
    id: string | null;
    /** Pending deletion (`delete: true`): a replaced copy the engine has not deleted yet. */
    pendingDeletion: boolean;
    stateInputs: StateValues;
    stateOutputs: StateValues;
}

export interface StateFile {
    file: string;
    /** "deployment": `pulumi stack export`; "checkpoint": a file-backend checkpoint. */
    kind: "deployment" | "checkpoint";
    version: number;
    stack: string;
    project: string;
    resources: StateResource[];
}

/** A text from the file as a message quotes it whole: JSON, with invisible and bidirectional characters spelled out. */
function q(text: string): string {
    return JSON.stringify(text).replace(/[\p{Cf}\p{Zl}\p{Zp}]/gu, escaped);
}

function refuse(file: string, message: string): CheckError {
    return new CheckError(`--state ${file}: ${message}`);
}

const expected = "expected what `pulumi stack export` writes ({\"version\": 3, \"deployment\": {\"manifest\": ..., \"resources\": [...]}}) " +
    "or a file-backend checkpoint ({\"version\": 3, \"checkpoint\": {\"stack\": ..., \"latest\": {...}}})";

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A value as a message names it, never more than a few characters of it (it may be a secret). */
function kindOf(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "a list";
    if (typeof v === "object") return "an object";
    if (typeof v === "string") return v.length <= 40 && /^[\w.:/-]*$/.test(v) ? JSON.stringify(v) : "a string";
    return `${typeof v} ${JSON.stringify(v)}`;
}

/** Reads, checks and decodes a state file; every problem is a CheckError naming the file and the key. */
export function readState(file: string): StateFile {
    let doc: unknown;
    try {
        doc = parseJsonStrict(readBoundedFile(file, `--state ${file}`, stateFileLimit));
    } catch (e) {
        if (e instanceof CheckError) throw e;
        if (e instanceof DuplicateKeyError) throw refuse(file, e.message);
        throw refuse(file, `not valid JSON (${messageOf(e)})`);
    }
    if (!isObject(doc)) throw refuse(file, `is ${kindOf(doc)}; ${expected}`);
    const version = doc.version;
    let kind: StateFile["kind"];
    let deployment: unknown;
    let where: string;
    if (Object.hasOwn(doc, "deployment") && !(Object.hasOwn(doc, "checkpoint"))) {
        kind = "deployment"; deployment = doc.deployment; where = "deployment";
    } else if (Object.hasOwn(doc, "checkpoint") && !(Object.hasOwn(doc, "deployment"))) {
        kind = "checkpoint";
        if (!isObject(doc.checkpoint)) throw refuse(file, `checkpoint is ${kindOf(doc.checkpoint)}; ${expected}`);
        if (doc.checkpoint.latest === undefined || doc.checkpoint.latest === null) {
            throw refuse(file, "checkpoint.latest is absent: the stack has never been deployed, so there is nothing to judge");
        }
        deployment = doc.checkpoint.latest; where = "checkpoint.latest";
    } else {
        const keys = Object.keys(doc).slice(0, 5).map(k => JSON.stringify(k)).join(", ");
        throw refuse(file, `has ${Object.hasOwn(doc, "deployment") ? "both deployment and checkpoint" : `neither deployment nor checkpoint (keys: ${keys || "none"})`}; ${expected}`);
    }
    if (version !== 3 && version !== 4) {
        throw refuse(file, `version ${kindOf(version)} is not one this reads; expected 3 (or 4 with supported features), as Pulumi 3 writes`);
    }
    if (version === 4) {
        const features = doc.features ?? [];
        if (!Array.isArray(features) || !features.every(f => typeof f === "string")) throw refuse(file, `features is ${kindOf(features)}; expected a list of feature names`);
        const unread = features.filter(f => !readableFeatures.has(f));
        if (unread.length) throw refuse(file, `uses the deployment feature(s) ${unread.map(f => JSON.stringify(f)).join(", ")}, which change what its resources mean; this reads ${[...readableFeatures].join(", ")}`);
    }
    if (!isObject(deployment)) throw refuse(file, `${where} is ${kindOf(deployment)}; ${expected}`);
    const pending = deployment.pending_operations;
    if (pending !== undefined && pending !== null) {
        if (!Array.isArray(pending)) throw refuse(file, `${where}.pending_operations is ${kindOf(pending)}; expected a list`);
        if (pending.length) {
            const names = pending.slice(0, 5).map(op => isObject(op) && isObject(op.resource) ? `${q(String(op.type))} ${q(String(op.resource.urn))}` : kindOf(op));
            throw refuse(file, `${where}.pending_operations lists ${pending.length} operation(s) an interrupted update left (${names.join("; ")}): ` +
                "whether those resources exist is not recorded. Run `pulumi refresh` (or `pulumi cancel`), export the state again and check that");
        }
    }
    const list = deployment.resources ?? [];
    if (!Array.isArray(list)) throw refuse(file, `${where}.resources is ${kindOf(list)}; expected a list of resources`);
    const resources = list.map((r, i) => stateResource(file, `${where}.resources[${i}]`, r));
    const { stack, project } = stackOf(file, where, resources, kind === "checkpoint" ? (doc.checkpoint as Record<string, unknown>).stack : undefined);
    checkIntegrity(file, where, resources);
    return { file, kind, version, stack, project, resources };
}

/** Resource fields that must be booleans when present (ResourceV3). */
const booleanFields = ["custom", "delete", "protect", "taint", "external", "pendingReplacement", "retainOnDelete", "refreshBeforeUpdate"] as const;
const stringFields = ["urn", "type", "id", "parent", "provider", "deletedWith", "importID"] as const;

function stateResource(file: string, where: string, r: unknown): StateResource {
    if (!isObject(r)) throw refuse(file, `${where} is ${kindOf(r)}; expected a resource object`);
    for (const k of booleanFields) if (r[k] !== undefined && typeof r[k] !== "boolean") throw refuse(file, `${where}.${k} is ${kindOf(r[k])}; expected true or false`);
    for (const k of stringFields) if (r[k] !== undefined && typeof r[k] !== "string") throw refuse(file, `${where}.${k} is ${kindOf(r[k])}; expected a string`);
    if (typeof r.urn !== "string" || typeof r.type !== "string") throw refuse(file, `${where}: a resource needs a urn and a type`);
    const parts = parseUrn(r.urn);
    if (!parts) throw refuse(file, `${where}.urn ${kindOf(r.urn)} is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
    // Names as Pulumi allows them (a stack or project name: letters, digits, `-`, `_`, `.`; a type token: those,
    // `/` and `:`): the report prints them as they are, so a newline or a bidirectional character is refused.
    if (!/^[\w.-]{1,100}$/.test(parts.stack) || !/^[\w.-]{1,100}$/.test(parts.project)) {
        throw refuse(file, `${where}.urn: stack ${shown(parts.stack)} or project ${shown(parts.project)} is not a name Pulumi allows (letters, digits, -, _ and .)`);
    }
    if (!/^[\w.-]+(:[\w./-]*)+$/.test(r.type)) throw refuse(file, `${where}.type ${shown(r.type)} is not a Pulumi type token (package:module:Type)`);
    // The URN's qualified type ends with the resource's own type: a state whose two disagree was edited by hand.
    const ownType = parts.qualifiedType.split("$").pop();
    if (ownType !== r.type) throw refuse(file, `${where}: type ${kindOf(r.type)} is not the type its urn names (${kindOf(ownType)})`);
    const urns = (k: string): string[] => {
        const v = r[k];
        if (v === undefined || v === null) return [];
        if (!Array.isArray(v) || !v.every(x => typeof x === "string")) throw refuse(file, `${where}.${k} is ${kindOf(v)}; expected a list of URNs`);
        return v as string[];
    };
    const dependencies = urns("dependencies");
    const additionalSecretOutputs = urns("additionalSecretOutputs");
    const aliases = urns("aliases");
    const propertyDependencies: Record<string, string[]> = {};
    if (r.propertyDependencies !== undefined && r.propertyDependencies !== null) {
        if (!isObject(r.propertyDependencies)) throw refuse(file, `${where}.propertyDependencies is ${kindOf(r.propertyDependencies)}; expected an object of property names to URN lists`);
        for (const [k, v] of Object.entries(r.propertyDependencies)) {
            // Go writes an empty list as null.
            if (v === null) { define(propertyDependencies, k, []); continue; }
            if (!Array.isArray(v) || !v.every(x => typeof x === "string")) throw refuse(file, `${where}.propertyDependencies.${k} is ${kindOf(v)}; expected a list of URNs`);
            define(propertyDependencies, k, v);
        }
    }
    // A component has no id: a resource with one that says `custom: false` would be left out of what the
    // policies see (they judge custom resources), and of coverage, as if it held nothing.
    if (r.custom !== true && typeof r.id === "string" && r.id !== "") throw refuse(file, `${where}: custom is ${kindOf(r.custom)} but the resource has an id; only a custom resource has one`);
    const stateInputs = decodeValues(file, `${where}.inputs`, r.inputs);
    const stateOutputs = decodeValues(file, `${where}.outputs`, r.outputs);
    // An output named in additionalSecretOutputs is secret to the engine whatever the file says of it.
    for (const key of additionalSecretOutputs) if (Object.hasOwn(stateOutputs.value, key) && !stateOutputs.secrets.includes(key)) stateOutputs.secrets.push(key);
    // A provider is shown to a policy by its inputs, as the engine shows it (analyze_snapshot.go, step_generator.go: provider Inputs).
    const { value: inputs, secrets } = r.type.startsWith("pulumi:providers:")
        ? { value: stateInputs.value, secrets: [...stateInputs.secrets] } : statePropertiesOf(stateInputs, stateOutputs);
    return {
        urn: r.urn, type: r.type, name: parts.name,
        custom: r.custom === true, remote: false,
        parent: (r.parent as string | undefined) || null,
        protect: r.protect === true,
        inputs, secrets, dependencies, propertyDependencies,
        provider: (r.provider as string | undefined) || null,
        retainOnDelete: r.retainOnDelete === true,
        aliases: aliases.length,
        id: (r.id as string | undefined) ?? null,
        pendingDeletion: r.delete === true,
        stateInputs, stateOutputs,
    };
}

/**
 * What a policy sees of a deployed resource. The engine shows a policy two views of a resource: its
 * inputs (what the program asked for, after the provider's Check filled in defaults) to resource
 * policies, and its outputs (what the provider reports exists, after `pulumi refresh` what the cloud
 * holds) to stack policies (step_generator.go: "AnalyzeStack is called on the final outputs of each
 * resource, to verify the final stack is in a compliant state"; analyze_snapshot.go does the same for a
 * state file). An audit asks what is deployed, so the outputs win: they carry the provider's defaults
 * (an RDS instance's `storageEncrypted: false` where the program said nothing) and what a console
 * change picked up by a refresh left; an input the provider does not echo back (azure-native's
 * `resourceGroupName`, `accountName`) is kept from the inputs, since no output contradicts it. The
 * merge is per top-level property, never inside one: an output object is the provider's whole view of
 * that property, and a mixture of two objects would be a value nobody deployed. A property's secrecy
 * comes with the value chosen. An output that is null where the input is set is not known (see below).
 */
export function statePropertiesOf(inputs: StateValues, outputs: StateValues): { value: Record<string, unknown>; secrets: string[] } {
    const value: Record<string, unknown> = {};
    const secrets: string[] = [];
    const topKey = (p: string) => /^[^.[]*/.exec(p)![0];
    // Object.hasOwn, never `in`: a property named __proto__, constructor or toString is one the object has only if the file says so.
    for (const [k, v] of Object.entries(inputs.value)) if (!Object.hasOwn(outputs.value, k)) define(value, k, v);
    for (const [k, v] of Object.entries(outputs.value)) {
        // The provider reports no value for a property the program set (a write-only input, or a provider that
        // does not read it back): the state does not say what is deployed, so a rule that reads it gets no value.
        const asked = Object.hasOwn(inputs.value, k) ? inputs.value[k] : undefined;
        define(value, k, v === null && asked !== null && asked !== undefined ? UNKNOWN : v);
    }
    for (const p of inputs.secrets) if (!Object.hasOwn(outputs.value, topKey(p))) secrets.push(p);
    secrets.push(...outputs.secrets);
    return { value, secrets };
}

/** defineProperty: a key named __proto__ is a property like any other, never the object's prototype. */
function define(o: Record<string, unknown>, k: string, v: unknown): void {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function decodeValues(file: string, where: string, v: unknown): StateValues {
    const out: StateValues = { value: {}, secrets: [], secretTexts: [] };
    if (v === undefined || v === null) return out;
    // A property map is never itself a secret or other special value (the engine's PropertyMap): one that says it is would hide every property.
    if (!isObject(v) || Object.hasOwn(v, sigKey)) throw refuse(file, `${where} is ${isObject(v) ? "a secret or other special value" : kindOf(v)}; expected an object of properties`);
    out.value = decodeValue(file, where, v, "", out, false, 0) as Record<string, unknown>;
    return out;
}

function join(p: string, key: string | number): string {
    if (typeof key === "number") return `${p}[${key}]`;
    return p ? `${p}.${key}` : key;
}

/**
 * One property value, as deployment.go DeserializePropertyValue reads it: the computed placeholder is
 * unknown, a secret (`{sig, ciphertext}` or, exported with --show-secrets, `{sig, plaintext: <JSON>}`,
 * exactly one of them and nothing else) is its value, secret (a ciphertext cannot be read offline: it is
 * unknown, and a rule that reads it does not pass), a resource reference is its id (else its URN), an
 * asset or archive its fields; a byte string and a float their value; any other signature is refused.
 */
function decodeValue(file: string, where: string, v: unknown, p: string, out: StateValues, inSecret: boolean, depth: number): unknown {
    if (depth > maxStateDepth) throw refuse(file, `${where}${p ? `.${p}` : ""}: nested more than ${maxStateDepth} levels deep; no provider's property is`);
    if (v === computedPlaceholder) return UNKNOWN;
    if (Array.isArray(v)) return v.map((x, i) => decodeValue(file, where, x, join(p, i), out, inSecret, depth + 1));
    if (!isObject(v)) return v;
    const at = () => `${where}${p ? `.${p}` : ""}`;
    if (Object.hasOwn(v, sigKey)) {
        const s = v[sigKey];
        const keys = Object.keys(v).filter(k => k !== sigKey);
        switch (s) {
            case sig.secret: {
                const valid = keys.length === 1 && (keys[0] === "ciphertext" || keys[0] === "plaintext") && typeof v[keys[0]] === "string";
                if (!valid) throw refuse(file, `${at()}: a secret holds exactly one of ciphertext or plaintext, a string, and nothing else; got keys ${keys.map(k => JSON.stringify(k)).join(", ") || "none"}`);
                if (!inSecret) out.secrets.push(p);
                if (keys[0] === "ciphertext") return UNKNOWN;
                let inner: unknown;
                try {
                    inner = parseJsonStrict(v.plaintext as string);
                } catch (e) {
                    throw refuse(file, `${at()}: a secret's plaintext is not valid JSON (${e instanceof DuplicateKeyError ? "a key given twice" : "cannot be parsed"})`);
                }
                const value = decodeValue(file, where, inner, p, out, true, depth + 1);
                // Only a secret that is one text (a password, a key): a secret list or object (app settings, a
                // cluster's storage block) also holds names, types and ids that appear in plain text elsewhere.
                if (typeof value === "string" && value) out.secretTexts.push(value);
                return value;
            }
            case sig.resourceReference: {
                if (typeof v.id === "string") return v.id === "" ? UNKNOWN : v.id;
                if (isObject(v.id) && typeof v.id.V === "string") return v.id.V === "" ? UNKNOWN : v.id.V;
                if (typeof v.urn !== "string") throw refuse(file, `${at()}: a resource reference without a urn`);
                return v.urn;
            }
            case sig.asset:
            case sig.archive: {
                const rest: Record<string, unknown> = {};
                for (const k of keys) define(rest, k, decodeValue(file, where, v[k], join(p, k), out, inSecret, depth + 1));
                return rest;
            }
            case sig.byteString:
                if (typeof v.value !== "string") throw refuse(file, `${at()}: a byte string without a string value`);
                return Buffer.from(v.value, "base64").toString("latin1");
            case sig.float: {
                if (typeof v.value !== "string" || !/^[0-9a-f]{1,16}$/i.test(v.value)) throw refuse(file, `${at()}: a float without a hexadecimal value`);
                const bytes = Buffer.alloc(8);
                bytes.writeBigUInt64BE(BigInt(`0x${v.value}`));
                return bytes.readDoubleBE(0);
            }
            default:
                throw refuse(file, `${at()}: unrecognized signature ${kindOf(s)} (a state holds secrets, resource references, assets, archives, byte strings and floats)`);
        }
    }
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) define(o, k, decodeValue(file, where, x, join(p, k), out, inSecret, depth + 1));
    return o;
}

interface UrnParts { stack: string; project: string; qualifiedType: string; name: string }

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the name may itself hold `::`. */
export function parseUrn(urn: string): UrnParts | undefined {
    if (!urn.startsWith("urn:pulumi:")) return undefined;
    const parts = urn.slice("urn:pulumi:".length).split("::");
    if (parts.length < 4 || parts.slice(0, 3).some(x => !x)) return undefined;
    return { stack: parts[0], project: parts[1], qualifiedType: parts[2], name: parts.slice(3).join("::") };
}

/** The stack and project every URN names: one state is one stack. */
function stackOf(file: string, where: string, resources: readonly StateResource[], checkpointStack: unknown): { stack: string; project: string } {
    const first = resources[0] ? parseUrn(resources[0].urn)! : undefined;
    for (const [i, r] of resources.entries()) {
        const u = parseUrn(r.urn)!;
        if (u.stack !== first!.stack || u.project !== first!.project) {
            throw refuse(file, `${where}.resources[${i}].urn names stack ${JSON.stringify(u.stack)} of project ${JSON.stringify(u.project)}, ` +
                `but resources[0] stack ${JSON.stringify(first!.stack)} of ${JSON.stringify(first!.project)}: one state is one stack`);
        }
    }
    if (first) return { stack: first.stack, project: first.project };
    const named = typeof checkpointStack === "string" && checkpointStack ? checkpointStack.split("/").pop()! : path.basename(file).replace(/\.json$/i, "");
    return { stack: named, project: "" };
}

/**
 * The snapshot's own integrity, as Pulumi checks it before it uses one (snapshot.VerifyIntegrity): no URN
 * twice (a copy pending deletion shares its replacement's URN), and every parent, provider and dependency
 * a resource of the state. A provider reference that names nothing would drop the resource's provider
 * (its region, its default tags) from what the policies see.
 */
function checkIntegrity(file: string, where: string, resources: readonly StateResource[]): void {
    const live = new Map<string, StateResource>();
    const all = new Set(resources.map(r => r.urn));
    const providers = new Set(resources.filter(p => p.type.startsWith("pulumi:providers:")).map(p => p.urn));
    resources.forEach((r, i) => {
        const at = `${where}.resources[${i}]`;
        if (!r.pendingDeletion) {
            if (live.has(r.urn)) throw refuse(file, `${at}: urn ${q(r.urn)} is given twice (only a copy pending deletion, delete: true, may share a urn)`);
            live.set(r.urn, r);
        }
        if (r.parent && !all.has(r.parent)) throw refuse(file, `${at}.parent names ${q(r.parent)}, which is not a resource of the state`);
        for (const d of r.dependencies) if (!all.has(d)) throw refuse(file, `${at}.dependencies names ${q(d)}, which is not a resource of the state`);
        if (r.provider) {
            const ref = r.provider.lastIndexOf("::");
            const providerUrn = ref > 0 ? r.provider.slice(0, ref) : "";
            if (!providers.has(providerUrn)) {
                throw refuse(file, `${at}.provider ${q(r.provider)} names no provider resource of the state (expected <provider urn>::<id>)`);
            }
        }
    });
}

/** The state files of `--state DIR`: its `*.json` files, in name order (a fleet run); a file is itself. */
export function stateFiles(target: string): string[] {
    let st: fs.Stats;
    try {
        st = fs.statSync(target);
    } catch {
        throw refuse(target, "no such file or folder");
    }
    if (!st.isDirectory()) return [target];
    const files = fs.readdirSync(target).filter(f => f.toLowerCase().endsWith(".json")).sort().map(f => path.join(target, f));
    if (!files.length) throw refuse(target, "a folder with no state files (*.json) in it");
    return files;
}
