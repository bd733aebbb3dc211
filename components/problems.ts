// Argument validation every component shares, on the three clouds. A component lists every problem with
// its arguments in a pure `<component>Problems(args)` function (exported for tests, no resource
// registered) and throws them all at once through `assertArgs`, before it registers anything: a user
// fixes a program in one pass instead of meeting one error per `pulumi up`. Each problem names the
// argument, what is allowed, and the value found.
import type { Cloud, ResearchPartner } from "./config";
import { adminFormat, environments, sharingProblems, tenantPattern } from "./config";
import { CommonArgs, reservedTagKey } from "./naming";
import { auditRetentionFloorDays } from "../facts/retention";
import { shown } from "./arg-values";

// Here for every component; they live in arg-values.ts, which imports nothing of ours, so that aws/existing.ts
// (which config.ts reads) can use them without a cycle through config.ts.
export { checkedRenamedArg, isDeferred, keyArgReader, renamedArg, shown } from "./arg-values";

/** The error a component throws for bad arguments: every problem, each naming its argument. */
export class ComponentArgsError extends Error {
    constructor(public readonly component: string, public readonly resourceName: string, public readonly problems: readonly string[]) {
        super(`${component} "${resourceName}": ${problems.join(" ")}`);
        this.name = "ComponentArgsError";
    }
}

/**
 * Throws one ComponentArgsError with the problems of the arguments every component takes (tenant,
 * environment, tags) followed by the component's own, or returns when there are none.
 */
export function assertArgs(component: string, name: string, args: CommonArgs, problems: readonly (string | undefined)[]): void {
    const all = [...commonArgsProblems(args), ...problems.filter((p): p is string => p !== undefined)];
    if (all.length) throw new ComponentArgsError(component, name, all);
}

/**
 * The problems of the arguments every component takes. A component used on its own (not through
 * HospitalPlatform) gets no config validation, so the tenant, which every physical name starts with,
 * and the environment, which decides `protect`, are checked here too.
 */
export function commonArgsProblems(args: CommonArgs): string[] {
    const problems: string[] = [];
    if (typeof args.tenant !== "string" || !tenantPattern.test(args.tenant)) {
        problems.push(`'tenant' must be a slug matching ${tenantPattern.source}: a lower-case letter, then 1 to 30 lower-case letters, digits or '-'; got ${JSON.stringify(args.tenant)}.`);
    }
    if (args.environment !== undefined && !environments.includes(args.environment)) {
        problems.push(`'environment' must be one of ${environments.join(", ")}; got ${JSON.stringify(args.environment)}.`);
    }
    // baseTags drops such a key anyway; saying so beats a tag that silently never appears.
    for (const key of Object.keys(args.tags ?? {})) {
        const why = reservedTagKey(key);
        if (why) problems.push(`'tags' may not set ${JSON.stringify(key)}: ${why}.`);
    }
    return problems;
}

/** Why `value` is not a whole number from `min` to `max` (argument `argName`), or undefined; `why` cites the control. */
export function wholeNumberProblem(argName: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER, why = ""): string | undefined {
    if (Number.isInteger(value) && value >= min && value <= max) return undefined;
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    return `'${argName}' must be a whole number ${range}${why ? ` (${why})` : ""}; got ${shown(value)}.`;
}

/** Why `value` is not one of `allowed` (argument `argName`), or undefined. */
export function oneOfProblem<T>(argName: string, value: T, allowed: readonly T[]): string | undefined {
    if (allowed.includes(value)) return undefined;
    return `'${argName}' must be one of ${allowed.map(a => JSON.stringify(a)).join(", ")}; got ${shown(value)}.`;
}

/** The problems of a ResearchShare's partners on `cloud`, judged exactly as hospital:sharing is (config.ts). */
export function partnersProblems(cloud: Cloud, partners: readonly ResearchPartner[]): string[] {
    if (!partners.length) return ["'partners' must name at least one research partner."];
    return sharingProblems(cloud, partners).map(p => `'partners${p.key.slice("hospital:sharing".length)}': got ${JSON.stringify(p.value)}; expected ${p.allowed}.`);
}

/**
 * Why a list of principals (argument `argName`: admins, readers, viewers) is not a list of `cloud`'s
 * principals as hospital:admins takes them, or undefined. On Google Cloud this also refuses allUsers and
 * allAuthenticatedUsers, which name no principal of the tenant's (PUBLIC-ACCESS).
 */
export function principalsProblem(cloud: Cloud, argName: string, principals: readonly unknown[] | undefined): string | undefined {
    if (principals === undefined) return undefined;
    if (!Array.isArray(principals)) return `'${argName}' must be a list of ${adminFormat[cloud].text}; got ${JSON.stringify(principals)}.`;
    const bad = principals.filter(p => typeof p !== "string" || !adminFormat[cloud].pattern.test(p));
    if (!bad.length) return undefined;
    return `'${argName}' may only name the tenant's own principals, each ${adminFormat[cloud].text}; got ${bad.map(b => JSON.stringify(b)).join(", ")} (PUBLIC-ACCESS, LEAST-PRIVILEGE).`;
}

/** What an audit store accepts: at most `max` days (default: no limit), or only some `values` of which `forever` keeps logs for ever. */
export type AuditStoreDays = { max?: number } | { values: readonly number[]; forever: number };

/**
 * Why `days` cannot be how long audit data is kept (argument `argName`), or undefined: at least six years
 * (facts/retention.ts, RETENTION), and what the cloud's audit store accepts. The one floor of the three
 * clouds' Audit components, AWS Network's flow logs, Warehouse's logs and a log bucket's non-current
 * versions; the hospital config checks the same floor (config.ts, minimumAuditDays).
 */
export function auditDaysProblem(argName: string, days: unknown, store: AuditStoreDays): string | undefined {
    if ("values" in store) {
        const allowed = store.values.filter(d => d === store.forever || d >= auditRetentionFloorDays);
        if (allowed.includes(days as number)) return undefined;
        return `'${argName}' must be one of ${allowed.join(", ")} (the store's values of six years or more, RETENTION; ${store.forever} keeps logs forever); got ${shown(days)}.`;
    }
    return wholeNumberProblem(argName, days as number, auditRetentionFloorDays, store.max ?? Number.MAX_SAFE_INTEGER, "six years or more, RETENTION");
}
