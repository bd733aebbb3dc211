// The pack's rules over the recorded resources, in-process, with the standard policy config applied
// (the JSON that `pulumi preview --policy-pack-config FILE` takes):
//   {"all": "advisory" | {"enforcementLevel": ...},
//    "<policy-name>": "mandatory" | {"enforcementLevel": ..., <config properties of the policy>}}
// A config that cannot be read as its author meant is refused (exit 2), every problem named by its
// key path: unknown policies, settings and exemption fields, keys given twice, and exemptions that
// break a rule of policies/lib/config.ts (exemptionFaults, which the engine path applies too).
import { configSchema, Exemption, exemptionFaults, exemptionListProblem, exemptionMatches, exemptionProblem, PackConfig, shown, todayIso } from "../policies/lib/config";
import { evaluateOutcomes, Finding, Outcome, PolicySettings } from "../policies/lib/evaluate";
import type { Enforcement, PolicyResource, Rule } from "../policies/lib/rule";
import { CheckError, messageOf } from "./errors";
import { fileLimits, readBoundedFile } from "./files";
import { DuplicateKeyError, parseJsonStrict } from "../policies/lib/strict-json";

export interface PolicyConfig {
    file: string | null;
    all?: Enforcement;
    policies: Map<string, PolicySettings>;
}

export const emptyPolicyConfig: PolicyConfig = { file: null, policies: new Map() };

const levels = ["advisory", "mandatory", "remediate", "disabled"] as const;

/** At most this many problems are listed; a file with thousands of them is wrong as a whole. */
const shownProblems = 50;

/** Reads and checks a policy config file; every problem names the policy and key. */
export function readPolicyConfig(file: string, rules: readonly Rule[]): PolicyConfig {
    let doc: unknown;
    try {
        doc = parseJsonStrict(readBoundedFile(file, `--policy-config ${file}`, fileLimits.policyConfig));
    } catch (e) {
        if (e instanceof CheckError) throw e; // the bounded reader's own message: no such file, not a regular file, too large
        if (e instanceof DuplicateKeyError) throw new CheckError(`--policy-config ${file}: ${e.message}`);
        throw new CheckError(`--policy-config ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON (${messageOf(e)})`}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new CheckError(`--policy-config ${file}: must be a JSON object of policy names to settings`);
    const today = judgingDay();
    const byName = new Map(rules.map(r => [r.name, r]));
    const out: PolicyConfig = { file, policies: new Map() };
    const problems: string[] = [];
    for (const [name, value] of Object.entries(doc as Record<string, unknown>)) {
        const where = `--policy-config ${file}: ${JSON.stringify(name)}`;
        const problem = (key: string, message: string) => problems.push(`${where}${key}: ${message}`);
        if (name === "all") {
            if (value && typeof value === "object" && !Array.isArray(value)) {
                const extra = Object.keys(value).filter(k => k !== "enforcementLevel");
                if (extra.length) problem("", `takes only enforcementLevel; config properties (${extra.map(k => shown(k)).join(", ")}) go under a policy's name`);
            }
            const isObject = !!value && typeof value === "object" && !Array.isArray(value);
            if (typeof value !== "string" && !isObject) { problem("", `got ${shown(value)}; expected an enforcement level or {"enforcementLevel": ...}`); continue; }
            const all = enforcementLevel(isObject ? (value as { enforcementLevel?: unknown }).enforcementLevel : value, problem);
            if (all) out.all = all;
            continue;
        }
        const rule = byName.get(name);
        if (!rule) { problem("", `no policy of that name in the pack${nearName(name, rules)} (run \`hipaa-cloud policies\` for the list)`); continue; }
        if (typeof value === "string") {
            const level = enforcementLevel(value, problem);
            if (level) out.policies.set(name, { enforcement: level });
            continue;
        }
        if (!value || typeof value !== "object" || Array.isArray(value)) { problem("", `got ${shown(value)}; expected an enforcement level or an object`); continue; }
        const { enforcementLevel: level, ...config } = value as Record<string, unknown>;
        const settings: PolicySettings = { config: checkConfig(config, rule, today, problem) };
        if (level !== undefined) settings.enforcement = enforcementLevel(level, problem);
        out.policies.set(name, settings);
    }
    if (problems.length) {
        const more = problems.length - shownProblems;
        throw new CheckError(problems.slice(0, shownProblems).join("\n") + (more > 0 ? `\n... and ${more} more problems` : ""));
    }
    return out;
}

type Problem = (key: string, message: string) => void;

/** The day exemptions are judged on (policies/lib/config.ts todayIso); a bad HIPAA_CLOUD_TODAY is a usage error. */
export function judgingDay(): string {
    try {
        return todayIso();
    } catch (e) {
        throw new CheckError(messageOf(e));
    }
}

/** ` (did you mean "x"?)` when a policy's name differs only in case or surrounding blanks. */
function nearName(name: string, rules: readonly Rule[]): string {
    const near = rules.find(r => r.name.toLowerCase() === name.trim().toLowerCase());
    return near ? ` (did you mean "${near.name}"? names are exact)` : "";
}

function enforcementLevel(v: unknown, problem: Problem): Enforcement | undefined {
    if (!levels.includes(v as typeof levels[number])) {
        problem("", `enforcementLevel ${shown(v)} is not one of ${levels.join(", ")}${typeof v === "string" && levels.includes(v.trim().toLowerCase() as never) ? " (levels are lower case)" : ""}`);
        return undefined;
    }
    // The pack's policies have no remediation function: remediate acts as mandatory.
    return v === "remediate" ? "mandatory" : v as Enforcement;
}

type PropertySchema = { type?: string; items?: { type?: string; minLength?: number }; minimum?: number; enum?: readonly unknown[]; minLength?: number };

/** The policy's config properties against its schema (policies/lib/config.ts configSchema) and the exemption rules. */
function checkConfig(config: Record<string, unknown>, rule: Rule, today: string, problem: Problem): Partial<PackConfig> {
    const properties = configSchema.properties as Record<string, PropertySchema>;
    const allowed = Object.keys(properties);
    for (const [key, value] of Object.entries(config)) {
        if (!allowed.includes(key)) { problem("", `unknown config property ${shown(key)}; allowed: enforcementLevel, ${allowed.join(", ")}`); continue; }
        if (key === "exemptions") { checkExemptions(value, rule, today, problem); continue; }
        const wrong = schemaProblem(properties[key], value);
        if (wrong) problem(`.${key}`, `got ${shown(value)}; expected ${wrong}`);
    }
    return config as Partial<PackConfig>;
}

/** What a value should have been, by the property's schema, or undefined when it is that. */
function schemaProblem(schema: PropertySchema, value: unknown): string | undefined {
    switch (schema.type) {
        case "array":
            return Array.isArray(value) && value.every(v => typeof v === "string" && v.length >= (schema.items?.minLength ?? 0)) ? undefined : "a list of non-empty strings";
        case "integer":
            return Number.isSafeInteger(value) && (value as number) >= (schema.minimum ?? -Infinity) ? undefined : `a whole number, at least ${schema.minimum}`;
        case "string":
            if (typeof value !== "string") return "text";
            return schema.enum && !schema.enum.includes(value) ? `one of ${schema.enum.join(", ")}` : undefined;
        default:
            return undefined;
    }
}

function checkExemptions(value: unknown, rule: Rule, today: string, problem: Problem): void {
    const listProblem = exemptionListProblem(value);
    if (listProblem) { problem("", listProblem); return; }
    (value as unknown[]).forEach((e, i) => {
        for (const f of exemptionFaults(e, today, rule.controls)) problem(`.exemptions[${i}]${f.field ? `.${f.field}` : ""}`, f.message);
    });
}

/** Per-policy settings: the policy's own entry, else `all`'s enforcement. */
export function settingsOf(pc: PolicyConfig, name: string): PolicySettings {
    const own = pc.policies.get(name);
    return { ...own, enforcement: own?.enforcement ?? pc.all };
}

/** An exemption as the report lists it: where it was configured, whether it holds, what it exempted. */
export interface ExemptionUse extends Exemption {
    policy: string;
    status: "holds" | "does not hold";
    problem: string | null;
    exempted: number;
    // Added fields:
    /** Findings of its policy and control on the resources it names, whether or not it holds. */
    matched: number;
    /** It matched no finding: it exempts nothing (a misspelt resource, a disabled policy, a fixed resource). Remove it. */
    unused: boolean;
}

/** The outcome of every rule on every resource, the findings derived from them, and each exemption's use. */
export interface Evaluation { findings: Finding[]; exemptions: ExemptionUse[]; outcomes: Outcome[] }

export function evaluateResources(rules: readonly Rule[], resources: readonly PolicyResource[], pc: PolicyConfig): Evaluation {
    const { outcomes, findings } = evaluateOutcomes(rules, resources, name => settingsOf(pc, name));
    const today = judgingDay();
    const exemptions: ExemptionUse[] = [];
    for (const [policy, settings] of pc.policies) {
        const own = findings.filter(f => f.policy === policy);
        for (const e of settings.config?.exemptions ?? []) {
            const problem = exemptionProblem(e, today) ?? null;
            const exempted = own.filter(f => f.exemption === e).length;
            const matched = own.filter(f => f.controls.includes(e.control) && exemptionMatches(e, f.urn, f.name)).length;
            exemptions.push({ ...e, policy, status: problem ? "does not hold" : "holds", problem, exempted, matched, unused: matched === 0 });
        }
    }
    return { findings, exemptions, outcomes };
}
