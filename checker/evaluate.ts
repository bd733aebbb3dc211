// The pack's rules over the recorded resources, in-process, with the standard policy config applied
// (the JSON that `pulumi preview --policy-pack-config FILE` takes):
//   {"all": "advisory" | {"enforcementLevel": ...},
//    "<policy-name>": "mandatory" | {"enforcementLevel": ..., <config properties of the policy>}}
import { controlIds } from "../policies/controls";
import { configSchema, Exemption, exemptionProblem, PackConfig, todayIso, resolveConfig } from "../policies/lib/config";
import { evaluate, Finding, PolicySettings } from "../policies/lib/evaluate";
import type { Enforcement, PolicyResource, Rule } from "../policies/lib/rule";
import { CheckError, messageOf } from "./errors";
import { fileLimits, readBoundedFile } from "./files";

export interface PolicyConfig {
    file: string | null;
    all?: Enforcement;
    policies: Map<string, PolicySettings>;
}

export const emptyPolicyConfig: PolicyConfig = { file: null, policies: new Map() };

const levels = ["advisory", "mandatory", "remediate", "disabled"] as const;

/** Reads and checks a policy config file; every problem names the policy and key. */
export function readPolicyConfig(file: string, rules: readonly Rule[]): PolicyConfig {
    let doc: unknown;
    try {
        doc = JSON.parse(readBoundedFile(file, `--policy-config ${file}`, fileLimits.policyConfig));
    } catch (e) {
        if (e instanceof CheckError) throw e; // the bounded reader's own message: no such file, not a regular file, too large
        throw new CheckError(`--policy-config ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON (${messageOf(e)})`}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new CheckError(`--policy-config ${file}: must be a JSON object of policy names to settings`);
    const known = new Set(rules.map(r => r.name));
    const out: PolicyConfig = { file, policies: new Map() };
    for (const [name, value] of Object.entries(doc as Record<string, unknown>)) {
        const where = `--policy-config ${file}: "${name}"`;
        if (name === "all") {
            const level = typeof value === "string" ? value : (value as { enforcementLevel?: unknown } | null)?.enforcementLevel;
            if (value && typeof value === "object") {
                const extra = Object.keys(value).filter(k => k !== "enforcementLevel");
                if (extra.length) throw new CheckError(`${where}: takes only enforcementLevel; config properties (${extra.join(", ")}) go under a policy's name`);
            }
            out.all = enforcementLevel(level, where);
            continue;
        }
        if (!known.has(name)) throw new CheckError(`${where}: no policy of that name in the pack (run \`hipaa-cloud policies\` for the list)`);
        if (typeof value === "string") { out.policies.set(name, { enforcement: enforcementLevel(value, where) }); continue; }
        if (!value || typeof value !== "object" || Array.isArray(value)) throw new CheckError(`${where}: expected an enforcement level or an object`);
        const { enforcementLevel: level, ...config } = value as Record<string, unknown>;
        const settings: PolicySettings = { config: checkConfig(config, where) };
        if (level !== undefined) settings.enforcement = enforcementLevel(level, where);
        out.policies.set(name, settings);
    }
    return out;
}

function enforcementLevel(v: unknown, where: string): Enforcement {
    if (!levels.includes(v as typeof levels[number])) throw new CheckError(`${where}: enforcementLevel ${JSON.stringify(v)} is not one of ${levels.join(", ")}`);
    // The pack's policies have no remediation function: remediate acts as mandatory.
    return v === "remediate" ? "mandatory" : v as Enforcement;
}

/** The policy's config properties against its schema (policies/lib/config.ts configSchema). */
function checkConfig(config: Record<string, unknown>, where: string): Partial<PackConfig> {
    const allowed = Object.keys(configSchema.properties);
    for (const [key, value] of Object.entries(config)) {
        if (!allowed.includes(key)) throw new CheckError(`${where}: unknown config property "${key}"; allowed: enforcementLevel, ${allowed.join(", ")}`);
        const bad = (wanted: string) => new CheckError(`${where}.${key}: got ${JSON.stringify(value)}; expected ${wanted}`);
        if ((key === "allowedRegions" || key === "requiredTags") && !(Array.isArray(value) && value.every(v => typeof v === "string"))) throw bad("a list of strings");
        if (key === "minimumRetentionDays" && !(Number.isInteger(value) && (value as number) >= 1)) throw bad("a whole number of days, at least 1");
        if (key === "today" && !(typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))) throw bad("a date YYYY-MM-DD");
        if (key === "exemptions") {
            if (!Array.isArray(value)) throw bad("a list of {control, resource, reason, expires}");
            value.forEach((e, i) => {
                const ex = e as Partial<Exemption>;
                const at = `${where}.exemptions[${i}]`;
                if (!ex || typeof ex !== "object") throw new CheckError(`${at}: expected {control, resource, reason, expires}`);
                if (!controlIds.includes(ex.control as never)) throw new CheckError(`${at}.control: got ${JSON.stringify(ex.control)}; expected one of ${controlIds.join(", ")}`);
                if (typeof ex.resource !== "string" || !ex.resource) throw new CheckError(`${at}.resource: expected a URN or a name pattern (* matches any text)`);
                // A missing reason is judged by the policy (the exemption does not hold); a reason that is not text is a bad config.
                if (ex.reason !== undefined && typeof ex.reason !== "string") throw new CheckError(`${at}.reason: got ${JSON.stringify(ex.reason)}; expected text`);
                if (typeof ex.expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(ex.expires)) throw new CheckError(`${at}.expires: got ${JSON.stringify(ex.expires)}; expected a date YYYY-MM-DD`);
            });
        }
    }
    return config as Partial<PackConfig>;
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
}

export interface Evaluation { findings: Finding[]; exemptions: ExemptionUse[] }

export function evaluateResources(rules: readonly Rule[], resources: readonly PolicyResource[], pc: PolicyConfig): Evaluation {
    const findings = evaluate(rules, resources, name => settingsOf(pc, name));
    const exemptions: ExemptionUse[] = [];
    for (const [policy, settings] of pc.policies) {
        const config = resolveConfig(settings.config);
        for (const e of settings.config?.exemptions ?? []) {
            const problem = exemptionProblem(e, todayIso(config)) ?? null;
            const exempted = findings.filter(f => f.exemption === e).length;
            exemptions.push({ ...e, policy, status: problem ? "does not hold" : "holds", problem, exempted });
        }
    }
    return { findings, exemptions };
}
