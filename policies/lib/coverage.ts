// Coverage: which cloud resources a rule judged, and for each one no rule judged, why. A PASS means
// "nothing mandatory among what was judged"; what was not judged is named beside it in every report.
import type { ControlId } from "../controls";
import type { Outcome, SettingsFor } from "./evaluate";
import { enforcementOf } from "./evaluate";
import type { Rule } from "./rule";

/**
 * Controls that do not make a resource judged: every cloud resource can be tagged and has a region, so
 * a TAGGING or RESIDENCY outcome says nothing about what the resource does with PHI.
 */
export const coverageBlindControls: readonly ControlId[] = ["TAGGING", "RESIDENCY"];

/** The type of a dynamic-provider resource (`pulumi.dynamic.Resource`): its provider is code in the program. */
export const dynamicResourceType = "pulumi-nodejs:dynamic:Resource";

/** The policy name --strict findings carry: the checker's own, not a policy of the pack (whose listing stays the pack's). */
export const strictPolicy = "hipaa-cloud-strict-coverage";

/** The policy name of the checker's plain-text secret findings on a state file (checker/state-secrets.ts): not a policy of the pack either. */
export const plaintextSecretPolicy = "hipaa-cloud-state-plaintext-secret";

/** A resource coverage counts: a custom resource other than a provider and `pulumi:*`, or a remote component. */
export interface CoverageResource { urn: string; type: string; name: string; remote?: boolean }

export interface NotJudged { urn: string; type: string; name: string; reason: string }

export interface Coverage {
    /** Cloud resources counted (custom, not a provider, not `pulumi:*`; remote components too). */
    resources: number;
    judged: number;
    notJudged: number;
    byType: Record<string, { resources: number; judged: number; notJudged: number }>;
    notJudgedResources: NotJudged[];
}

/**
 * Providers whose resources exist only in the stack's state, computed by the provider on the deploying
 * machine (a random password, a TLS key, a time offset): nothing is created in a cloud account, so there
 * is nothing of the Security Rule's technical safeguards to judge, and coverage does not count them.
 * (`command` is not here: a command can create anything, unseen.)
 */
export const stateOnlyPackages: ReadonlySet<string> = new Set(["random", "tls", "time"]);

/** Whether coverage counts a resource registered with this type (custom or remote). */
export function isCloudResource(r: { type: string; custom?: boolean; remote?: boolean }): boolean {
    if (r.remote) return true;
    return r.custom !== false && !r.type.startsWith("pulumi:") && !stateOnlyPackages.has(r.type.split(":")[0]);
}

/**
 * Policies whose outcomes do not make a resource judged either: the checker's plain-text secret finding
 * on a state (checker/state-secrets.ts) reads every resource's values for a credential, like TAGGING reads
 * every resource's tags, and says nothing about what the resource does with PHI.
 */
export const coverageBlindPolicies: ReadonlySet<string> = new Set([plaintextSecretPolicy]);

/** Whether an outcome makes its resource judged: a rule beyond TAGGING/RESIDENCY decided something about it. */
export function judgesResource(o: Outcome): boolean {
    if (o.outcome === "not-applicable" && o.otherKind) return false;
    if (coverageBlindPolicies.has(o.policy)) return false;
    return o.controls.some(c => !coverageBlindControls.includes(c));
}

export function coverageOf(resources: readonly CoverageResource[], outcomes: readonly Outcome[], rules: readonly Rule[],
    settingsFor: SettingsFor = () => ({})): Coverage {
    const byUrn = new Map<string, Outcome[]>();
    for (const o of outcomes) if (o.urn !== null) byUrn.set(o.urn, [...(byUrn.get(o.urn) ?? []), o]);
    const knownTypes = typesKnown(rules, settingsFor);
    const out: Coverage = { resources: 0, judged: 0, notJudged: 0, byType: {}, notJudgedResources: [] };
    for (const r of resources) {
        const own = byUrn.get(r.urn) ?? [];
        const judged = !r.remote && own.some(judgesResource);
        const t = out.byType[r.type] ??= { resources: 0, judged: 0, notJudged: 0 };
        out.resources++; t.resources++;
        if (judged) { out.judged++; t.judged++; continue; }
        out.notJudged++; t.notJudged++;
        out.notJudgedResources.push({ urn: r.urn, type: r.type, name: r.name, reason: whyNotJudged(r, own, knownTypes) });
    }
    return out;
}

interface KnownTypes {
    /** Type → whether a rule beyond TAGGING/RESIDENCY lists it, and whether one of those is enabled. */
    byType: Map<string, { substantive: boolean; enabled: boolean }>;
    lowerCase: Map<string, string>;
}

function typesKnown(rules: readonly Rule[], settingsFor: SettingsFor): KnownTypes {
    const byType = new Map<string, { substantive: boolean; enabled: boolean }>();
    for (const rule of rules) {
        const types = rule.kind === "resource" ? rule.types : [...rule.judges ?? [], ...Object.values(rule.reads ?? {}).flat(), ...Object.values(rule.partsNamedBy ?? {}).flat()];
        const substantive = rule.controls.some(c => !coverageBlindControls.includes(c));
        const enabled = substantive && enforcementOf(rule, settingsFor(rule.name)) !== "disabled";
        for (const type of types) {
            const k = byType.get(type) ?? { substantive: false, enabled: false };
            byType.set(type, { substantive: k.substantive || substantive, enabled: k.enabled || enabled });
        }
    }
    const lowerCase = new Map<string, string>();
    for (const [type, k] of byType) if (k.substantive) lowerCase.set(type.toLowerCase(), type);
    return { byType, lowerCase };
}

/** Why no rule judged a resource, in words a reader can act on. */
function whyNotJudged(r: CoverageResource, own: readonly Outcome[], known: KnownTypes): string {
    if (r.remote) {
        return "a remote component: its provider plugin creates its children under `pulumi preview` and `pulumi up`, so offline they are not seen; " +
            "judge them with `pulumi preview --policy-pack policies`";
    }
    if (r.type === dynamicResourceType) return "a dynamic-provider resource: its provider is code in the program, and no rule can know what it creates";
    const otherKind = own.filter(o => o.outcome === "not-applicable" && o.otherKind && !o.controls.every(c => coverageBlindControls.includes(c)));
    if (otherKind.length) return `not of a kind any rule judges: ${[...new Set(otherKind.map(o => o.reason))].join("; ")}`;
    const k = known.byType.get(r.type);
    if (k?.substantive && !k.enabled) return "every policy that judges its type is disabled by the policy config";
    if (k?.substantive) return "no policy that judges its type produced an outcome for it (a part such as a bucket policy is judged only with a resource of the stack it names)";
    if (k) return "only TAGGING and RESIDENCY read its type, and they say nothing about what it does";
    const near = known.lowerCase.get(r.type.toLowerCase());
    if (near) return `no rule knows its type; the rules judge ${near}, which differs from it in case (type tokens are exact)`;
    const unversioned = r.type.replace(/^([^:]+):([^:]*?)\/v\d[0-9a-z-]*:/i, "$1:$2:");
    if (unversioned !== r.type && known.byType.get(unversioned)?.substantive) {
        return `no rule knows its type; the rules judge ${unversioned}, of which it is an API version`;
    }
    return "no rule knows its type";
}
