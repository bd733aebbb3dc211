// What a policy is: metadata beside a small check that answers compliant (no violations), violations,
// or not applicable. Every policy file under policies/<cloud>/ exports rules built with these.
import type { Cloud } from "../../facts/clouds";
import type { ControlId } from "../controls";
import type { StackIndex } from "./stack-index";
import type { PackConfig } from "./config";
import { get, isUnknown, show } from "./values";
import { isSwitchCheck, looseForm, nearMiss } from "./inputs";
import { canonicalType } from "./type-tokens";

export type RuleCloud = Cloud | "any";
export type Severity = "low" | "medium" | "high" | "critical";
export type Enforcement = "advisory" | "mandatory" | "disabled";

/** A resource as a rule sees it; the same shape from the engine (adapter.ts) and the checker. */
export interface PolicyResource {
    type: string;
    name: string;
    urn: string;
    /** Inputs; a value unknown at preview is the UNKNOWN symbol (values.ts). */
    props: Record<string, unknown>;
    opts: {
        protect?: boolean;
        parent?: string;
        dependencies?: string[];
        /** Property name → URNs of the resources that property was built from. */
        propertyDependencies?: Record<string, string[]>;
    };
    /**
     * Paths (`a.b[0].c`) of the inputs the program marked secret, when any: a finding never shows
     * their values (evaluate.ts). The engine path has none (the analyzer's view carries no secrecy).
     */
    secrets?: readonly string[];
    /** The resource's provider (its type and inputs, e.g. `region`, `defaultTags`), when known. */
    provider?: { type: string; urn?: string; props: Record<string, unknown> };
}

/** One way a resource fails a rule. */
export interface Violation {
    /** The property path, e.g. `rules[0].applyServerSideEncryptionByDefault.sseAlgorithm`. */
    property: string;
    /** The value found (UNKNOWN when it cannot be known at preview). */
    found: unknown;
    /** The value wanted, in words a person can act on. */
    wanted: string;
    /** For stack rules: the resource the violation is about (default: none, the stack). */
    resource?: PolicyResource;
    /** Extra words (why, where); the standard message is built from the fields above. */
    note?: string;
    /**
     * The rule's own finding that this violation does not apply, for a limitation of the cloud itself
     * that never expires (e.g. the S3 server-access-log target, which cannot use SSE-KMS): the reason.
     * Decided by the rule from the stack's structure, never from a tag; reported as exempted with
     * "not applicable: <reason>" in every report, so a reader still sees it.
     */
    notApplicable?: string;
    /**
     * Stack rules only: the rule does not judge `resource`, though its type is one the rule `judges` (e.g. a
     * part on a resource outside the stack, which the rule cannot read). Not a finding and no outcome: the
     * resource stays "not judged" in coverage unless another rule judges it.
     */
    notJudged?: true;
    /**
     * Stack rules only: the rule's judgement that its requirement does not apply to `resource` (of a type it
     * `judges`), with the reason: a not-applicable outcome and no finding. (Unlike `notApplicable`, which
     * keeps the violation, exempted, for a limitation of the cloud a reader must see; this is the stack
     * rule's counterpart of a resource rule's notApplicable(reason).)
     */
    doesNotApply?: string;
}

/**
 * The rule's answer that a requirement does not apply to this resource, with the reason (reported as
 * the rule's outcome). `otherKind`: the resource is of a type the rule lists but not of a kind it judges
 * at all (a CloudControl resource of another `typeName`): that says nothing about the resource, so it
 * does not make the resource judged (evaluate.ts coverage). Build it with notApplicable or notOfKind.
 */
export interface NotApplicable { notApplicable: string; otherKind?: boolean }
export type Verdict = Violation[] | NotApplicable;

interface RuleMeta {
    /** `<cloud>-<control-id>-<resource>` in lower case, e.g. aws-enc-rest-cmk-s3-bucket. */
    name: string;
    cloud: RuleCloud;
    controls: ControlId[];
    severity: Severity;
    /** Default enforcement; `mandatory` unless a rule is advice only. */
    enforcement?: Enforcement;
    /** One sentence: what the rule requires. */
    description: string;
    /** One sentence: what to set to comply. */
    remediation: string;
}

export interface ResourceRule extends RuleMeta {
    kind: "resource";
    /** The type tokens the rule applies to (both spellings of renamed types). */
    types: readonly string[];
    check(resource: PolicyResource, config: PackConfig): Verdict;
}

/**
 * A secret written in the program (and so in its state): a violation when `property` is set. The value
 * itself is never shown, only that there is one.
 */
export function writtenSecret(props: Record<string, unknown>, property: string, wanted: string): Violation[] {
    const v = props[property];
    return v === undefined || v === null ? [] : [{ property, found: "a password (value hidden)", wanted }];
}

const typeSets = new WeakMap<ResourceRule, ReadonlySet<string>>();

/** Whether `rule` judges resources of `type`: a set lookup, since a rule may list hundreds of types (AWS TAGGING, 859). */
export function judgesType(rule: ResourceRule, type: string): boolean {
    let set = typeSets.get(rule);
    if (!set) typeSets.set(rule, set = new Set(rule.types));
    return set.has(canonicalType(type));
}

export interface StackRule extends RuleMeta {
    kind: "stack";
    /**
     * The type tokens whose compliance the rule decides (optional): a resource of these types that no
     * violation of the rule names is judged compliant by it. Without it, the rule yields outcomes only
     * for the resources its violations name (evaluate.ts).
     */
    judges?: readonly string[];
    /**
     * The parts the rule reads only as part of a resource it `judges` (optional), by the input that names
     * that resource: e.g. `{ bucket: ["aws:s3/bucketPolicy:BucketPolicy"] }` for a bucket's policy, whose
     * violations name the bucket. A part is judged with the resource its input names (built from that
     * resource's output, or equal to that resource's own input of the same name), with its outcome; a
     * part that names no resource the rule judges is not judged by the rule.
     */
    reads?: Readonly<Record<string, readonly string[]>>;
    /**
     * The mirror of `reads` (optional): parts a resource the rule `judges` names by its own input, e.g.
     * `{ clusterParameterGroupName: ["aws:redshift/parameterGroup:ParameterGroup"] }` for the parameter group
     * a cluster's rule reads. A part is judged with the resources that name it, with their outcome, only
     * where the input names exactly one resource of those types (by its dependencies, else by the part's
     * `name` or `id` equal to the input's text in any case: stack-index.ts Lookup, as the rule resolves
     * it with `stack.lookup(types, ["name", "id"], true)`): an ambiguous name judges nothing.
     */
    partsNamedBy?: Readonly<Record<string, readonly string[]>>;
    check(stack: StackIndex, config: PackConfig): Violation[];
}

export type Rule = ResourceRule | StackRule;

/**
 * The types a rule names, as every cloud writes them: a list of its `T` entries (support/tokens.ts), each one
 * token (Azure, Google Cloud) or every spelling of one kind (AWS: `[T.s3Bucket, T.s3Policy]`), or a named list
 * of several kinds as it is (`kmsKeyTypes`, `phiTypes`). resourceRule and stackRule flatten it once, in order,
 * so a built rule holds plain tokens and everything that reads one (judgesType, the adapter's single-token
 * fast path, coverage) is unchanged.
 */
export type TypeList = readonly (string | readonly string[])[];
type TypesByInput = Readonly<Record<string, TypeList>>;

const flatByInput = (m: TypesByInput | undefined) => m && Object.fromEntries(Object.entries(m).map(([input, types]) => [input, types.flat()]));

export function resourceRule(rule: Omit<ResourceRule, "kind" | "types"> & { types: TypeList }): ResourceRule {
    return { kind: "resource", ...rule, types: rule.types.flat() };
}

export function stackRule(rule: Omit<StackRule, "kind" | "judges" | "reads" | "partsNamedBy">
    & { judges?: TypeList; reads?: TypesByInput; partsNamedBy?: TypesByInput }): StackRule {
    const { judges, reads, partsNamedBy, ...rest } = rule;
    return {
        kind: "stack", ...rest,
        ...judges && { judges: judges.flat() },
        ...reads && { reads: flatByInput(reads) },
        ...partsNamedBy && { partsNamedBy: flatByInput(partsNamedBy) },
    };
}

export function notApplicable(reason: string): NotApplicable {
    return { notApplicable: reason };
}

/**
 * "Not my kind": the resource's type is one the rule lists, but the rule does not judge this kind of it
 * (e.g. a CloudControl resource whose typeName the rule does not read). Unlike notApplicable, the
 * resource is not judged by the rule: with no other rule's outcome, the report lists it as not judged.
 */
export function notOfKind(reason: string): NotApplicable {
    return { notApplicable: reason, otherKind: true };
}

export function isNotApplicable(v: Verdict): v is NotApplicable {
    return !Array.isArray(v);
}

/**
 * The common check: the property at `path` must satisfy `ok`. Unknown → a violation marked
 * unknown (reported as such, judged at `pulumi up`); otherwise a violation when `ok` is false.
 */
export function expect(props: Record<string, unknown>, path: string, ok: (v: any) => boolean, wanted: string,
    resource?: PolicyResource): Violation[] {
    const found = get(props, path);
    if (isUnknown(found)) return [{ property: path, found, wanted, resource }];
    // A near-miss spelling is never a safe value, whatever `ok` makes of it (inputs.ts: how texts are compared).
    if (nearMiss(found)) return [{ property: path, found, wanted, resource, note: nearMissNote(found) }];
    if (ok(found)) return [];
    // A switch written as text or a number: say why a spelling that looks right to a person is not the wanted state.
    const writtenAsText = isSwitchCheck(ok) && found !== undefined && found !== null && typeof found !== "boolean";
    return [{ property: path, found, wanted, resource, ...writtenAsText && { note: switchNote } }];
}

/**
 * A required input (a policy document, a grant's member or role) left unset: the provider refuses such a resource at
 * preview, so its value did not reach the check (built from a provider function the check answered empty, or a
 * hand-registered resource). What it grants is not known: a finding, never "grants nothing".
 */
export function expectGiven(props: Record<string, unknown>, path: string, wanted: string, resource?: PolicyResource): Violation[] {
    const found = get(props, path);
    return found === undefined || found === null || found === "" ? [{ property: path, found, wanted, resource, note: requiredNote }] : [];
}

const requiredNote = "It is a required input: a preview without it fails, so its value did not reach the check (is it built from a provider function the check answered empty?) and what it grants is not known.";

const switchNote = "It is not a spelling the provider reads as the wanted state (providers differ in which texts and numbers they take for a boolean): write true or false, unquoted.";

/** Why a near-miss spelling is a finding: the characters a person cannot see, by code point. */
export function nearMissNote(found: string): string {
    const odd = [...new Set([...found].filter(c => looseForm(c) !== c.toLowerCase()))]
        .map(c => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
    return `It is not a value the provider takes as written: it holds ${odd.join(", ")} (blanks, invisible characters or compatibility forms). Write the value alone, in plain letters.`;
}

/**
 * `property` of `resource` names nothing of this stack that a rule can read (a key, role, table or subnet from
 * elsewhere): a violation whose `note` says what cannot be verified; unknown, without the note, while the
 * value is unknown at preview.
 */
export function notInStack(resource: PolicyResource, property: string, wanted: string, note: string): Violation {
    const found = get(resource.props, property);
    return { property, found, wanted, resource, note: isUnknown(found) ? undefined : note };
}

/** `expect` for an exact value. */
export function expectEqual(props: Record<string, unknown>, path: string, value: unknown, resource?: PolicyResource): Violation[] {
    return expect(props, path, v => v === value, `${JSON.stringify(value)}`, resource);
}

/** The standard violation message: resource, property, found, wanted. */
export function violationMessage(resource: { type: string; name: string } | undefined, v: Violation): string {
    const where = resource ? `${resource.type} "${resource.name}"` : "the stack";
    const found = isUnknown(v.found)
        ? "is unknown during preview (it is judged for real at `pulumi up`)"
        : `is ${show(v.found)}`;
    return `${where}: ${v.property} ${found}; wanted ${v.wanted}.${v.note ? " " + v.note : ""}`;
}
