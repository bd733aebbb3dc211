// What a policy config takes away from the pack's defaults, computed once from the config that was
// read; every report format prints this list (no renderer works it out again). A config that disables
// a policy, lowers its enforcement, or loosens a setting is allowed — a hospital may have reasons — but
// never silent: a PASS under a weakened config says so next to the verdict.
import { defaultPackConfig, PackConfig, realTodayIso, todayVariable } from "../policies/lib/config";
import type { Enforcement, Rule } from "../policies/lib/rule";
import { judgingDay, PolicyConfig, settingsOf } from "./evaluate";
import { judgingDayAskedFor } from "./judging-day";

export interface Weakening {
    /** The policy whose judging is weakened. */
    policy: string;
    /** The policy config's key that did it: "all", or the policy's own name. */
    by: string;
    /** "enforcementLevel", or the config property (minimumRetentionDays, requiredTags, allowedRegions, ...). */
    setting: string;
    /** The value in force, and the pack's default. */
    value: unknown;
    default: unknown;
    /** The sentence every report prints. */
    message: string;
}

/** The day exemptions were judged on; `setBy`: what moved it off the clock's day ("--judging-day", or HIPAA_CLOUD_TODAY where a caller of the library set it), else null. */
export interface JudgingDay { date: string; setBy: string | null }

/**
 * What the reports say about the policy config besides its file name (report fields policyConfigWeakened,
 * exemptionsJudgedOn), and `rules`: the module given with --rules, whose rules replaced the hipaa pack
 * (null: the pack judged). A PASS under rules of the user's choosing is not the pack's PASS, and says so.
 */
export interface PolicyConfigStatement { policyConfigWeakened: Weakening[]; exemptionsJudgedOn: JudgingDay; rules: { module: string; count: number } | null }

export function policyConfigStatement(pc: PolicyConfig, rules: readonly Rule[], rulesModule?: string): PolicyConfigStatement {
    return {
        policyConfigWeakened: weakeningsOf(pc, rules), exemptionsJudgedOn: judgingDayStatement(),
        rules: rulesModule ? { module: rulesModule, count: rules.length } : null,
    };
}

export function judgingDayStatement(): JudgingDay {
    const date = judgingDay();
    return { date, setBy: judgingDayAskedFor(date) ?? (process.env[todayVariable] && date !== realTodayIso() ? todayVariable : null) };
}

const strength: Record<Enforcement, number> = { disabled: 0, advisory: 1, mandatory: 2 };

export function weakeningsOf(pc: PolicyConfig, rules: readonly Rule[]): Weakening[] {
    const defaults = defaultPackConfig() as unknown as Record<string, unknown>;
    const out: Weakening[] = [];
    for (const rule of rules) {
        const settings = settingsOf(pc, rule.name);
        const own = pc.policies.get(rule.name);
        const pack = rule.enforcement ?? "mandatory";
        const level = settings.enforcement ?? pack;
        if (strength[level] < strength[pack]) {
            const by = own?.enforcement ? rule.name : "all";
            out.push({
                policy: rule.name, by, setting: "enforcementLevel", value: level, default: pack,
                message: `${rule.name} is ${level} (the pack's level: ${pack})${by === "all" ? ', by "all"' : ""}: ` +
                    (level === "disabled" ? "it is not run, and none of its findings is reported" : "its findings no longer fail the check"),
            });
        }
        if (level === "disabled") continue;
        for (const [setting, value] of Object.entries(own?.config ?? {})) {
            if (setting === "exemptions") continue;
            const how = loosening(setting as keyof PackConfig, value, defaults[setting]);
            if (how) out.push({ policy: rule.name, by: rule.name, setting, value, default: defaults[setting], message: `${rule.name}: ${setting} ${how}` });
        }
    }
    return out;
}

/** How a setting's value is looser than the pack's default, or undefined when it is not. */
function loosening(setting: keyof PackConfig, value: unknown, pack: unknown): string | undefined {
    switch (setting) {
        case "minimumRetentionDays":
            return (value as number) < (pack as number) ? `${value} days, below the pack's ${pack}` : undefined;
        case "requiredTags": {
            const missing = (pack as string[]).filter(t => !(value as string[]).includes(t));
            return missing.length ? `leaves out ${missing.map(t => JSON.stringify(t)).join(", ")} (the pack requires ${(pack as string[]).join(", ")})` : undefined;
        }
        case "allowedRegions": {
            const added = [...new Set(value as string[])].filter(r => !(pack as string[]).includes(r));
            return added.length ? `allows ${added.map(r => JSON.stringify(r)).join(", ")}, outside the pack's regions` : undefined;
        }
        default:
            // A setting this function does not know how to rank: any change from the default is stated.
            return JSON.stringify(value) === JSON.stringify(pack) ? undefined : `is ${JSON.stringify(value)} (the pack's default: ${JSON.stringify(pack)})`;
    }
}
