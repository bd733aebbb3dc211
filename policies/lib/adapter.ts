// Rules → @pulumi/policy policies, for the real engine (`pulumi preview --policy-pack policies`).
// The judging itself is evaluate.ts, shared with the offline checker; this file only translates
// the engine's arguments in and the findings out.
import {
    PolicyResource as EnginePolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy,
    StackValidationArgs, StackValidationPolicy, UnknownValueError,
} from "@pulumi/policy";
import { citationOf } from "../controls";
import { configSchema, PackConfig } from "./config";
import { Finding, runResourceRule, runStackRule } from "./evaluate";
import { judgesType, PolicyResource, Rule } from "./rule";
import { StackIndex } from "./stack-index";
import { canonicalType } from "./type-tokens";
import { UNKNOWN } from "./values";

// The engine's unknown sentinels (`@pulumi/policy/proxy`, internal: its .d.ts omits them), each
// turned into UNKNOWN.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxyModule: Record<string, unknown> = require("@pulumi/policy/proxy");
const engineUnknowns = new Set<unknown>(Object.entries(proxyModule)
    .filter(([k]) => /^unknown[A-Z]\w*Value$/.test(k)).map(([, v]) => v));

export function toPulumiPolicy(rule: Rule): ResourceValidationPolicy | StackValidationPolicy {
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
        return {
            ...meta,
            validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
                if (!judgesType(rule, args.type)) return;
                const settings = { config: args.getConfig<Partial<PackConfig>>() };
                reportFindings(runResourceRule(rule, fromEngine(args), settings), report);
            },
        };
    }
    return {
        ...meta,
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const settings = { config: args.getConfig<Partial<PackConfig>>() };
            const index = new StackIndex(args.resources.map(r => fromEngine(r)));
            reportFindings(runStackRule(rule, index, settings), report);
        },
    };
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
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
    return v;
}
