// Rules → @pulumi/policy policies, for the real engine (`pulumi preview --policy-pack policies`).
// The judging itself is evaluate.ts, shared with the offline checker; this file only translates
// the engine's arguments in and the findings out.
import {
    PolicyResource as EnginePolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy,
    StackValidationArgs, StackValidationPolicy, UnknownValueError,
} from "@pulumi/policy";
import { citationOf } from "../controls";
import { rules as packRules } from "../pack";
import { configSchema, PackConfig } from "./config";
import { Finding, runResourceRule, runStackRule } from "./evaluate";
import { convertStackOncePerRequest, deserialiseOncePerRequest, judgingOnly, mayShareTheStack } from "./library-server";
import { judgesType, PolicyResource, ResourceRule, Rule, RuleCloud } from "./rule";
import { StackIndex } from "./stack-index";
import { canonicalType } from "./type-tokens";
import { UNKNOWN } from "./values";

// The engine's unknown sentinels (`@pulumi/policy/proxy`, internal: its .d.ts omits them), each
// turned into UNKNOWN.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxyModule: Record<string, unknown> = require("@pulumi/policy/proxy");
const engineUnknowns = new Set<unknown>(Object.entries(proxyModule)
    .filter(([k]) => /^unknown[A-Z]\w*Value$/.test(k)).map(([, v]) => v));

/**
 * The pack's rules as @pulumi/policy policies; a cloud's stack rules know the packages of that cloud from the
 * whole list. The library then deserialises each resource of a request once (deserialiseOncePerRequest), and
 * a pack of them converts the stack once per analysis (convertStackOncePerRequest): library-server.ts.
 */
export function toPulumiPolicies(rules: readonly Rule[]): (ResourceValidationPolicy | StackValidationPolicy)[] {
    deserialiseOncePerRequest();
    convertStackOncePerRequest();
    const packages = cloudPackages(rules);
    return rules.map(rule => toPulumiPolicy(rule, packages.get(rule.cloud)));
}

/**
 * One rule as a @pulumi/policy policy. `packagesOfCloud`: the type-token packages of the rule's cloud as the
 * rules of its pack declare them (cloudPackages); a stack rule is not run on a stack that holds none of
 * them. By default those of this package's pack with the rule, so that a rule on its own skips exactly the
 * stacks the pack's policy of it skips. A rule of cloud "any" runs on every stack.
 */
export function toPulumiPolicy(rule: Rule, packagesOfCloud?: ReadonlySet<string>): ResourceValidationPolicy | StackValidationPolicy {
    const meta = {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcement ?? "mandatory",
        severity: rule.severity,
        remediationSteps: rule.remediation,
        tags: [...rule.controls],
        framework: {
            name: "HIPAA Security Rule", version: "45 CFR Part 164 Subpart C",
            reference: citationOf(rule.controls), specification: rule.controls.join(", "),
        },
        configSchema: configSchema as any,
    };
    if (rule.kind === "resource") {
        const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
            if (!judgesType(rule, args.type)) return;
            const settings = { config: args.getConfig<Partial<PackConfig>>() };
            reportFindings(runResourceRule(rule, fromEngine(args), settings), report);
        };
        // The library's own fast path (what its validateResourceOfType sets): a resource of any other type is
        // not applicable to the policy, decided before the library deserialises the resource for it.
        const only = soleType(rule);
        if (only) Object.assign(validateResource, { __pulumiType: only });
        return judgingOnly({ ...meta, validateResource }, type => judgesType(rule, type));
    }
    const packages = rule.cloud === "any" ? undefined : packagesOfCloud ?? packagesOfPack(rule);
    return mayShareTheStack({
        ...meta,
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const analysis = analysisOf(args.resources);
            // The stack holds nothing of the rule's cloud: the rule would judge nothing (test/checker/analyzer.spec.ts).
            if (packages?.size && ![...packages].some(p => analysis.packages.has(p))) return;
            const settings = { config: args.getConfig<Partial<PackConfig>>() };
            reportFindings(runStackRule(rule, analysis.index, settings), report);
        },
    });
}

let ofPack: Map<RuleCloud, Set<string>> | undefined;

/** The packages of a stack rule's cloud as this package's pack declares them, with the rule's own: the pack's read once, and only for a stack rule. */
function packagesOfPack(rule: Rule): ReadonlySet<string> {
    ofPack ??= cloudPackages(packRules);
    return new Set([...ofPack.get(rule.cloud) ?? [], ...cloudPackages([rule]).get(rule.cloud) ?? []]);
}

/**
 * The one type token a resource rule judges when judgesType is exactly "the engine's type is that token":
 * the rule lists one token, and no other token canonicalises to it (type-tokens.ts canonicalType maps only
 * azure-native's versioned tokens, onto azure-native's unversioned ones).
 */
export function soleType(rule: ResourceRule): string | undefined {
    const types = new Set(rule.types);
    const [only] = types;
    return types.size === 1 && !only.startsWith("azure-native:") ? only : undefined;
}

/** The package of a type token, in lower case: `aws` for `aws:s3/bucket:Bucket` and for the provider `pulumi:providers:aws`. */
export function packageOf(type: string): string {
    const t = type.toLowerCase();
    if (t.startsWith("pulumi:providers:")) return t.slice("pulumi:providers:".length);
    const colon = t.indexOf(":");
    return colon < 0 ? t : t.slice(0, colon);
}

/**
 * Each cloud's type-token packages, from the tokens its rules declare (a resource rule's `types`, a stack
 * rule's `judges`, `reads` and `partsNamedBy`): aws; azure-native and azure; gcp. "Which cloud" is decided
 * from the rules' own metadata, so a rule added for a new package of a cloud widens its cloud by itself.
 */
export function cloudPackages(rules: readonly Rule[]): Map<RuleCloud, Set<string>> {
    const out = new Map<RuleCloud, Set<string>>();
    for (const rule of rules) {
        const tokens = rule.kind === "resource" ? rule.types
            : [...rule.judges ?? [], ...Object.values(rule.reads ?? {}).flat(), ...Object.values(rule.partsNamedBy ?? {}).flat()];
        const set = out.get(rule.cloud) ?? new Set<string>();
        for (const t of tokens) set.add(packageOf(t));
        out.set(rule.cloud, set);
    }
    return out;
}

/**
 * One analysis of a stack as every stack policy shares it: the resources converted and indexed once, and
 * the packages the stack holds (each resource's own type, or its provider's).
 */
interface StackAnalysis { index: StackIndex; packages: ReadonlySet<string> }

/**
 * The analyses of the stacks being analysed, by the first resource's `opts.aliases` (see analysisOf); weak,
 * so an analysis lives as long as the engine's request it came from.
 */
const analyses = new WeakMap<object, { resources: readonly EnginePolicyResource[]; analysis: StackAnalysis }>();

/**
 * The analysis of `resources`, built once per analyzeStack request. @pulumi/policy (1.21) gives every stack
 * policy its own fresh copy of the stack (server.js makeAnalyzeStackRpcFun deserialises it per policy), so
 * that copy cannot be the key. What is one object for every policy of a request, and a new one in the next
 * request, is each resource's `opts.aliases`, the request message's own list: it finds the analysis built by
 * an earlier policy of the same request. That analysis is used only when the resources are the same, value
 * for value, as those it was built from (sameResource): a hint never decides a verdict, so a caller that
 * reuses one list across two stacks (a test's hand-made resources) gets its second stack analysed afresh.
 */
function analysisOf(resources: readonly EnginePolicyResource[]): StackAnalysis {
    const key = resources[0]?.opts?.aliases as unknown;
    const cached = typeof key === "object" && key !== null ? analyses.get(key) : undefined;
    // The very list an earlier policy was given (the pack's own handler gives every policy one list: library-server.ts).
    if (cached?.resources === resources) return cached.analysis;
    if (cached && cached.resources.length === resources.length && cached.resources.every((r, i) => sameResource(r, resources[i]))) {
        return cached.analysis;
    }
    const converted = resources.map(r => fromEngine(r));
    const packages = new Set<string>();
    for (const r of converted) {
        packages.add(packageOf(r.type));
        if (r.provider) packages.add(packageOf(r.provider.type));
    }
    const analysis = { index: new StackIndex(converted), packages };
    if (typeof key === "object" && key !== null) analyses.set(key, { resources, analysis });
    return analysis;
}

/** Whether fromEngine gives the same for `a` and `b`: every value it reads is equal. */
function sameResource(a: EnginePolicyResource, b: EnginePolicyResource): boolean {
    if (a === b) return true;
    if (a.type !== b.type || a.name !== b.name || a.urn !== b.urn || a.opts.protect !== b.opts.protect || a.opts.parent !== b.opts.parent) return false;
    if (a.parent?.urn !== b.parent?.urn || !sameUrns(a.dependencies, b.dependencies)) return false;
    const aDeps = Object.keys(a.propertyDependencies);
    if (aDeps.length !== Object.keys(b.propertyDependencies).length || !aDeps.every(k => sameUrns(a.propertyDependencies[k], b.propertyDependencies[k]))) return false;
    if (a.provider?.type !== b.provider?.type || a.provider?.urn !== b.provider?.urn) return false;
    if (a.provider && !sameValue(unwrapProxy(a.provider.props), unwrapProxy(b.provider!.props))) return false;
    return sameValue(unwrapProxy(a.props), unwrapProxy(b.props));
}

function sameUrns(a: readonly EnginePolicyResource[] | undefined, b: readonly EnginePolicyResource[] | undefined): boolean {
    return a?.length === b?.length && (a ?? []).every((r, i) => r.urn === b![i].urn);
}

/** Deep equality of deserialised values (plain objects, arrays, primitives, the engine's unknown sentinels). */
function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const aKeys = Object.keys(a);
    if (aKeys.length !== Object.keys(b).length) return false;
    for (const k of aKeys) if (!Object.hasOwn(b, k) || !sameValue((a as any)[k], (b as any)[k])) return false;
    return true;
}

/**
 * Findings → the engine: a violation is reported; an exempted one is not (the checker's report lists
 * it); one that is only unknown at preview is raised as the engine's own UnknownValueError, which the
 * engine turns into an advisory "can't run during preview" note, as it does for any policy.
 */
function reportFindings(findings: Finding[], report: ReportViolation): void {
    let unknown: Finding | undefined;
    for (const f of findings) {
        if (f.exempted) continue;
        if (f.unknown) { unknown ??= f; continue; }
        report(f.message, f.urn ?? undefined);
    }
    if (unknown) throw new UnknownValueError(proxyModule.unknownStringValue, [unknown.message]);
}

/** The engine's view of a resource → a rule's view. */
export function fromEngine(r: ResourceValidationArgs | EnginePolicyResource): PolicyResource {
    const out: PolicyResource = {
        type: canonicalType(r.type), name: r.name, urn: r.urn,
        props: normalize(unwrapProxy(r.props)) as Record<string, unknown>,
        opts: { protect: r.opts.protect, parent: r.opts.parent },
    };
    if ("dependencies" in r) {
        out.opts.dependencies = r.dependencies.map(d => d.urn);
        out.opts.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(d => d.urn)]));
        if (r.parent) out.opts.parent = r.parent.urn;
    }
    if (r.provider) out.provider = { type: r.provider.type, urn: r.provider.urn, props: normalize(unwrapProxy(r.provider.props)) as Record<string, unknown> };
    return out;
}

function unwrapProxy(v: unknown): unknown {
    return v && typeof v === "object" ? ((v as any)["__getSpecialProxyTarget"] ?? v) : v;
}

function normalize(v: unknown): unknown {
    if (engineUnknowns.has(v)) return UNKNOWN;
    if (Array.isArray(v)) return v.map(normalize);
    // fromEntries, not assignment: a key "__proto__" stays an own property and never becomes the copy's prototype.
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
    return v;
}
