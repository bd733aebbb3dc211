// The report every format renders: the JSON report of shared/DESIGN.md (keep its fields and names;
// fields may be added, never removed or renamed), plus what the renderers need besides.
import * as path from "node:path";
import { citationOf } from "../../policies/controls";
import { escaped } from "../../policies/lib/config";
import type { Coverage } from "../../policies/lib/coverage";
import { isCloudResource } from "../../policies/lib/coverage";
import type { Finding, Outcome, OutcomeKind } from "../../policies/lib/evaluate";
import type { Rule } from "../../policies/lib/rule";
import type { ExemptionUse } from "../evaluate";
import type { RecordedResource } from "../mocks";
import type { SdkStatement } from "../sdk-versions";
import { toolVersion } from "../paths";
import type { PolicyResource } from "../../policies/lib/rule";
import { Asset, assetInventory } from "./assets";
import type { ShardInfo } from "./fleet";
import { judgingDayStatement, JudgingDay, PolicyConfigStatement, Weakening } from "../weakening";

export interface ReportResource {
    urn: string; type: string; name: string; parent: string | null; protect: boolean;
    // Added field: the URNs this resource depends on (dependsOn and the resources its inputs come from).
    dependencies: string[];
}

export interface ReportFinding {
    policy: string;
    controls: string[];
    citation: string;
    enforcement: "mandatory" | "advisory";
    urn: string | null;
    type: string | null;
    message: string;
    exempted: boolean;
    reason: string | null;
    // Added fields:
    severity: string;
    name: string | null;
    unknown: boolean;
}

export interface Summary { resources: number; mandatory: number; advisory: number; exempted: number }

export interface CheckReport {
    tool: "hipaa-cloud";
    version: string;
    stack: string | null;
    program: string;
    resources: ReportResource[];
    findings: ReportFinding[];
    summary: Summary;
    // Added fields:
    /** The stack file read, relative to the working directory. */
    stackFile: string | null;
    /** The policy config file read (null: none, the pack's defaults). */
    policyConfig: string | null;
    /**
     * What the policy config takes away from the pack's defaults (checker/weakening.ts): disabled or
     * advisory policies, a shorter retention, fewer required tags, more regions. Empty: nothing.
     */
    policyConfigWeakened: Weakening[];
    /** The --rules module whose rules replaced the hipaa pack, and how many; null when the pack judged. */
    rules?: { module: string; count: number } | null;
    /** The day exemptions were judged on; `setBy` names what moved it off the clock's day (--judging-day), else null. */
    exemptionsJudgedOn: JudgingDay;
    /** Exemptions configured in the policy config, whether each holds, how many findings it exempted, and whether it matched any. */
    exemptions: ExemptionUse[];
    /** Added: the exemptions declared on resources (tags/labels) that exempted a finding, one per finding (buildReport always sets it). */
    declaredExemptions?: DeclaredExemptionUse[];
    /**
     * Provider functions no emulation table answers: answered with each field of their result unknown
     * (as the SDK declares it; empty when it does not), so values derived from them are unknown or guesses.
     */
    unknownInvokes: string[];
    /**
     * URNs of remote components (awsx 2's ec2.Vpc, eks 3's Cluster): their provider plugin creates their
     * children under `pulumi preview`/`up`, so offline those children are neither seen nor judged.
     */
    remoteComponents: string[];
    /** What the program printed while it ran. */
    log: string[];
    /**
     * Added: which cloud resources (custom, not a provider, not `pulumi:*`; remote components too) a
     * rule beyond TAGGING and RESIDENCY judged, and each one none judged with why (policies/lib/coverage.ts).
     */
    coverage: Coverage;
    /**
     * Added: per resource (in registration order; `urn` null: the stack as a whole), each policy's
     * outcome and, for not applicable and error, its reason. `judged` as coverage counts it (the stack
     * is not a resource: false).
     */
    outcomes: ReportOutcomes[];
    /** Added: --strict was given: every not-judged cloud resource is also a mandatory finding. */
    strict: boolean;
    /** Added: what was judged: a program's registrations ("program") or a deployed state file ("state", check --state). */
    source?: "program" | "state";
    /** Added: which @pulumi SDKs ran the program, the program's own or the checker's (checker/sdk-versions.ts); null: not known. */
    sdk?: SdkStatement | null;
    /** Added: every cloud resource with its kind, data classification, key, location and whether judged private (assets.ts); buildReport sets it when given the policy resources. */
    assetInventory?: Asset[];
}

/** `partOf` (added): a part judged with the resources of these URNs; it stands as they stand (outcomes.ts). */
export interface ReportOutcome { outcome: OutcomeKind; reason?: string; otherKind?: true; partOf?: string[] }
export interface ReportOutcomes { urn: string | null; type: string | null; name: string | null; judged: boolean; policies: Record<string, ReportOutcome> }

/** The cloud resources' outcomes as the report carries them: compact, one entry per resource. */
function reportOutcomes(resources: readonly RecordedResource[], outcomes: readonly Outcome[], coverage: Coverage): ReportOutcomes[] {
    const notJudged = new Set(coverage.notJudgedResources.map(r => r.urn));
    const byUrn = new Map<string | null, ReportOutcomes>();
    const entry = (urn: string | null, type: string | null, name: string | null) => {
        let e = byUrn.get(urn);
        if (!e) byUrn.set(urn, e = { urn, type, name, judged: false, policies: Object.create(null) as Record<string, ReportOutcome> });
        return e;
    };
    for (const r of resources) if (isCloudResource(r)) entry(r.urn, r.type, r.name).judged = !notJudged.has(r.urn);
    for (const o of outcomes) {
        const e = entry(o.urn, o.type, o.name);
        const shown: ReportOutcome = { outcome: o.outcome };
        if (o.reason !== null) shown.reason = o.reason;
        if (o.otherKind) shown.otherKind = true;
        if (o.partOf) shown.partOf = [...o.partOf];
        e.policies[o.policy] = shown;
    }
    return [...byUrn.values()];
}

/** An exemption declared on a resource's own tags or labels (policies/lib/declared-exemption.ts) and the finding it exempted. */
export interface DeclaredExemptionUse { policy: string; urn: string | null; control: string; key: string; reason: string; expires: string }

/** A policy as the reports and `hipaa-cloud policies` describe it. */
export interface PolicyInfo {
    name: string; cloud: string; controls: string[]; citation: string; severity: string;
    enforcement: string; description: string; remediation: string; kind: "resource" | "stack"; types: string[];
}

export function policyInfo(rule: Rule): PolicyInfo {
    return {
        name: rule.name, cloud: rule.cloud, controls: [...rule.controls], citation: citationOf(rule.controls), severity: rule.severity,
        enforcement: rule.enforcement ?? "mandatory", description: rule.description, remediation: rule.remediation,
        kind: rule.kind, types: rule.kind === "resource" ? [...rule.types] : [],
    };
}

export interface ReportInput {
    stack: string | null;
    program: string;
    stackFile: string | null;
    policyConfig: string | null;
    resources: RecordedResource[];
    findings: Finding[];
    exemptions: ExemptionUse[];
    unknownInvokes: string[];
    log: string[];
    /** Every rule's outcome on every resource (evaluateOutcomes); absent: none known (the findings only). */
    outcomes?: Outcome[];
    coverage?: Coverage;
    strict?: boolean;
    /** A deployed state file's resources (check --state) rather than a program's registrations; default program. */
    source?: "program" | "state";
    sdk?: SdkStatement;
    /** The resources as the rules saw them (inputs, providers, secrets): for the asset inventory. */
    policyResources?: PolicyResource[];
}

const emptyCoverage = (): Coverage => ({ resources: 0, judged: 0, notJudged: 0, byType: {}, notJudgedResources: [] });

function relative(p: string | null): string | null {
    if (p === null) return null;
    const rel = path.relative(process.cwd(), p);
    return rel && !rel.startsWith("..") ? rel : p;
}

export function buildReport(input: ReportInput): CheckReport {
    const findings: ReportFinding[] = input.findings.map(f => ({
        policy: f.policy, controls: [...f.controls], citation: f.citation, enforcement: f.enforcement, urn: f.urn, type: f.type,
        message: f.message, exempted: f.exempted, reason: f.reason, severity: f.severity, name: f.name, unknown: f.unknown,
    }));
    return {
        tool: "hipaa-cloud",
        version: toolVersion,
        stack: input.stack,
        program: relative(input.program) ?? input.program,
        resources: input.resources.map(r => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent, protect: r.protect, dependencies: r.dependencies })),
        findings,
        summary: summarize(input.resources.length, findings),
        stackFile: relative(input.stackFile),
        policyConfig: relative(input.policyConfig),
        // The command fills this in from the policy config it read (withPolicyConfigStatement).
        policyConfigWeakened: [],
        exemptionsJudgedOn: judgingDayStatement(),
        rules: null,
        exemptions: input.exemptions,
        declaredExemptions: input.findings.flatMap(f => f.declaredExemption ? [{ policy: f.policy, urn: f.urn, ...f.declaredExemption }] : []),
        unknownInvokes: input.unknownInvokes,
        remoteComponents: input.resources.filter(r => r.remote).map(r => r.urn),
        log: input.log,
        coverage: input.coverage ?? emptyCoverage(),
        outcomes: reportOutcomes(input.resources, input.outcomes ?? [], input.coverage ?? emptyCoverage()),
        strict: input.strict ?? false,
        source: input.source ?? "program",
        sdk: input.sdk ?? null,
        ...(input.policyResources ? { assetInventory: assetInventory(input.policyResources, input.outcomes ?? [], input.findings) } : {}),
    };
}

/**
 * A report with what the command knows of the policy config it read: the same statement for every
 * stack of --all-stacks, whichever process checked the stack.
 */
export function withPolicyConfigStatement(report: CheckReport, statement: PolicyConfigStatement): CheckReport {
    return { ...report, ...statement };
}

/** The lines every human format prints near the verdict: what the policy config weakened, and a judging day that is not today. */
export function policyConfigNotes(r: CheckReport): { weakened: string[]; unusedExemptions: string[]; judgingDay?: string; rules?: string } {
    const day = r.exemptionsJudgedOn;
    return {
        rules: r.rules ? `Judged by the ${r.rules.count} rule${r.rules.count === 1 ? "" : "s"} of --rules ${r.rules.module}, not by the hipaa pack: this verdict is not the pack's.` : undefined,
        weakened: (r.policyConfigWeakened ?? []).map(w => w.message),
        unusedExemptions: (r.exemptions ?? []).filter(e => e.unused).map(e => `${e.control} on ${e.resource} (${e.policy}) matched no finding: it exempts nothing`),
        judgingDay: day?.setBy ? `Exemptions were judged on ${day.date}, set by ${day.setBy}, not on today's date.` : undefined,
    };
}

/** The sentence a human report adds when the program has remote components, naming them (`awsx:ec2:Vpc "vpc"`). */
export function remoteComponentsNote(r: CheckReport): string | undefined {
    if (!r.remoteComponents.length) return undefined;
    const names = r.remoteComponents.map(urn => {
        const [, , qualifiedType, name] = urn.split("::");
        return `${qualifiedType.split("$").pop()} "${name}"`;
    });
    return `Not judged: the children of ${names.length} remote component${names.length === 1 ? "" : "s"} (${names.join(", ")}), ` +
        "which their provider plugin creates under `pulumi preview` and `pulumi up`; offline they are not seen. Run the pack with `pulumi preview --policy-pack` to judge them.";
}

export function summarize(resources: number, findings: readonly ReportFinding[]): Summary {
    return {
        resources,
        mandatory: findings.filter(f => !f.exempted && f.enforcement === "mandatory").length,
        advisory: findings.filter(f => !f.exempted && f.enforcement === "advisory").length,
        exempted: findings.filter(f => f.exempted).length,
    };
}

/** A stack of --all-stacks that could not be checked (exit 2): its message. */
export interface StackError { stack: string; message: string }

/** What a renderer gets: one report, or (--all-stacks) several plus the stacks that failed to run. */
export interface RenderInput {
    reports: CheckReport[];
    errors: StackError[];
    allStacks: boolean;
    policies: PolicyInfo[];
    /** Added: --shard i/n: the part of the fleet these reports are (fleet.ts); absent or null: the whole fleet. */
    shard?: ShardInfo | null;
}

export interface AllStacksSummary extends Summary {
    stacks: number; passed: number; failed: number; errors: StackError[];
    // Added: the stacks' coverage, summed.
    cloudResources: number; judged: number; notJudged: number;
    /** Added: of the passed stacks, those whose pass is qualified (verdictIsQualified): a cloud resource not judged, none at all, or values guessed. */
    passedQualified: number;
}

export function allStacksSummary(input: RenderInput): AllStacksSummary {
    const sum = (k: keyof Summary) => input.reports.reduce((n, r) => n + r.summary[k], 0);
    return {
        stacks: input.reports.length + input.errors.length,
        passed: input.reports.filter(r => r.summary.mandatory === 0).length,
        failed: input.reports.filter(r => r.summary.mandatory > 0).length,
        errors: input.errors,
        resources: sum("resources"), mandatory: sum("mandatory"), advisory: sum("advisory"), exempted: sum("exempted"),
        cloudResources: input.reports.reduce((n, r) => n + (r.coverage?.resources ?? 0), 0),
        judged: input.reports.reduce((n, r) => n + (r.coverage?.judged ?? 0), 0),
        notJudged: input.reports.reduce((n, r) => n + (r.coverage?.notJudged ?? 0), 0),
        passedQualified: input.reports.filter(r => r.summary.mandatory === 0 && verdictIsQualified(r)).length,
    };
}

/** "N passed", and how many of them only under the qualification verdictScope states. */
export function passedWords(s: AllStacksSummary): string {
    return `${s.passed} passed` + (s.passedQualified ? ` (${s.passedQualified} of them with cloud resources not judged or values guessed)` : "");
}

/**
 * A value from the checked program or its config as one line of a human report: a newline, another
 * control character or a bidirectional override in a resource name, a tag or a reason could otherwise
 * forge a line of the report (a second "Summary: ... PASS") or reorder what a reader sees.
 */
export function oneLine(s: string): string {
    return s.replace(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, escaped);
}

/** How a finding stands: what every format shows. */
export function standing(f: ReportFinding): "mandatory" | "advisory" | "exempted" {
    return f.exempted ? "exempted" : f.enforcement;
}

/** Not-judged types with their counts, most frequent first: `aws:dynamodb/table:Table ×2, azure:storage/account:Account`. */
export function notJudgedTypes(c: Coverage): string {
    const counts = new Map<string, number>();
    for (const r of c.notJudgedResources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => oneLine(n > 1 ? `${t} ×${n}` : t)).join(", ");
}

/** "N resources, J judged, U not judged (types …)": what every human summary says of coverage. */
export function coverageLine(c: Coverage): string {
    return `${c.resources} cloud resource${c.resources === 1 ? "" : "s"}, ${c.judged} judged, ${c.notJudged} not judged` +
        (c.notJudged ? ` (types ${notJudgedTypes(c)})` : "");
}

/**
 * What the verdict may claim beyond "no mandatory finding": never more than was judged. A PASS with
 * resources not judged says how many and of which types; a program of no cloud resource judged nothing;
 * a program that used a provider function the checker could not answer was judged on guessed values.
 */
export function verdictScope(r: Pick<CheckReport, "coverage" | "unknownInvokes">): string {
    const c = r.coverage;
    const scope = c.resources === 0 ? "no cloud resource was registered: nothing was judged"
        : c.notJudged === 0 ? `all ${c.resources} cloud resource${c.resources === 1 ? "" : "s"} judged`
            : `${c.notJudged} of ${c.resources} cloud resource${c.resources === 1 ? "" : "s"} not judged: ${notJudgedTypes(c)}`;
    return scope + (r.unknownInvokes.length ? `; ${unansweredFunctionsNote(r.unknownInvokes)}` : "");
}

/** A verdict is unqualified only when every cloud resource was judged and no value was guessed. */
export function verdictIsQualified(r: Pick<CheckReport, "coverage" | "unknownInvokes">): boolean {
    return r.coverage.notJudged > 0 || r.coverage.resources === 0 || r.unknownInvokes.length > 0;
}

/** The provider functions no emulation table answers, as every human report names them. */
export function unansweredFunctionsNote(tokens: readonly string[]): string {
    // Their fields are answered unknown (invoke-results.ts): an apply on them does not run at preview, so a
    // resource the program creates only inside one is never registered, and nothing else could name it.
    return oneLine(`values from ${tokens.length} provider function${tokens.length === 1 ? "" : "s"} the checker cannot answer were guessed (${tokens.join(", ")}), ` +
        "and a resource the program creates only inside an .apply on them was not seen");
}

// For a reporter of one's own, from a JSON report (the package's `hipaa-cloud/report` entry): one hook per outcome.
export { letOffByRule, visitOutcomes } from "./outcomes";
export type { Judgement, OutcomeHooks } from "./outcomes";
