// IAM-style policy documents (IAM policies, KMS key policies, S3 bucket policies), given as JSON text
// or as an object (the SDK's PolicyDocument input). Statement fields keep AWS's capitalisation.
import { asArray, isUnknown, parseJson, Unknown } from "../../lib/values";

export interface Statement {
    Sid?: string;
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: unknown;
    Condition?: unknown;
}

/**
 * The statements of a resource's policy property, parsed once per resource however many rules read
 * them (a bucket policy is read by ENC-TRANSIT and PUBLIC-ACCESS).
 */
export function statementsAt(props: Record<string, unknown>, prop: string): Statement[] | Unknown {
    let byProp = parsed.get(props);
    if (!byProp) parsed.set(props, byProp = new Map());
    let statements = byProp.get(prop);
    if (statements === undefined) byProp.set(prop, statements = statementsOf(props[prop]));
    return statements;
}
const parsed = new WeakMap<object, Map<string, Statement[] | Unknown>>();

/** The statements of a policy document; UNKNOWN while the document embeds unknown values. */
export function statementsOf(policy: unknown): Statement[] | Unknown {
    const doc = parseJson(policy);
    if (isUnknown(doc)) return doc;
    if (!doc || typeof doc !== "object") return [];
    return asArray((doc as Record<string, unknown>).Statement as Statement | Statement[] | undefined)
        .filter((s): s is Statement => !!s && typeof s === "object");
}

/** The strings of a field that may be one string or a list. */
export function strings(v: unknown): string[] {
    return asArray(v as unknown[]).filter((x): x is string => typeof x === "string");
}

export function isAllow(s: Statement): boolean {
    return typeof s.Effect === "string" && s.Effect.toLowerCase() === "allow";
}

export function isDeny(s: Statement): boolean {
    return typeof s.Effect === "string" && s.Effect.toLowerCase() === "deny";
}

/** Whether a principal is everyone: `"*"` or `{ "AWS": "*" }` (also in a list). */
export function isEveryone(principal: unknown): boolean {
    if (principal === "*") return true;
    if (!principal || typeof principal !== "object") return false;
    return strings((principal as Record<string, unknown>).AWS).includes("*");
}

export function hasCondition(s: Statement): boolean {
    return !!s.Condition && typeof s.Condition === "object" && Object.keys(s.Condition).length > 0;
}

/** The value of a condition key under any operator (`Bool`, `StringEquals`, ...), keys compared case-insensitively. */
export function conditionValues(s: Statement, operator: string, key: string): unknown[] {
    if (!s.Condition || typeof s.Condition !== "object") return [];
    const out: unknown[] = [];
    for (const [op, block] of Object.entries(s.Condition as Record<string, unknown>)) {
        if (op.toLowerCase() !== operator.toLowerCase() || !block || typeof block !== "object") continue;
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
            if (k.toLowerCase() === key.toLowerCase()) out.push(...asArray(v as unknown[]));
        }
    }
    return out;
}
