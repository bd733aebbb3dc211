// Grants written as fields instead of a policy document (aws.lambda.Permission): AWS turns them into one
// resource-policy statement (Lambda Developer Guide, "Viewing resource-based IAM policies in Lambda":
// `principal` becomes Principal, `sourceArn` an ArnLike aws:SourceArn condition, `sourceAccount` a
// StringEquals aws:SourceAccount, `principalOrgId` a StringEquals aws:PrincipalOrgID). Judging that
// statement with lib/iam.ts keeps one reading of "everyone" for documents and fields alike.
import { isPublicStatement, limitingCondition, Statement } from "../../lib/iam";
import { holdsUnknown } from "../../lib/unknowns";

/** How Lambda reads a principal string: `*`, an account id or IAM ARN (AWS), or else a service principal. */
function principalOf(p: string): Statement["Principal"] {
    const t = p.trim();
    if (t.includes("*")) return t;
    if (/^\d{12}$/.test(t) || /^arn:aws[a-z-]*:(iam|sts)::/i.test(t)) return { AWS: t };
    return { Service: t };
}

export interface GrantFields {
    principal: unknown;
    /** Condition key → the field's value (undefined when unset). */
    conditions: Readonly<Record<string, unknown>>;
    /** Alexa's event source token (`eventSourceToken`), which holds an Alexa principal to one skill. */
    sourceToken?: unknown;
}

/**
 * Who a field-written grant reaches: `public` (everyone, per lib/iam.ts), `confused-deputy` (a service
 * principal with no condition that names the source: any account's bucket, topic or API of that service
 * can invoke; AWS's "confused deputy problem", IAM User Guide), `unknown` (a value unknown at preview
 * decides it), or `limited`. Returns the reason words too.
 */
export type GrantVerdict = { verdict: "public"; why: string } | { verdict: "confused-deputy"; why: string } | { verdict: "unknown" } | { verdict: "limited" };

export function judgeGrant(g: GrantFields): GrantVerdict {
    if (holdsUnknown(g.principal)) return { verdict: "unknown" };
    if (typeof g.principal !== "string" || g.principal.trim() === "") return { verdict: "public", why: `principal ${JSON.stringify(g.principal)} is not a principal AWS names` };
    const set = Object.entries(g.conditions).filter(([, v]) => v !== undefined && v !== null);
    // aws:SourceArn under ArnLike, the others under StringEquals, as Lambda writes them.
    const condition = set.reduce<Record<string, Record<string, unknown>>>((c, [k, v]) => {
        (c[k === "aws:SourceArn" ? "ArnLike" : "StringEquals"] ??= {})[k] = v;
        return c;
    }, {});
    const s: Statement = { Effect: "Allow", Principal: principalOf(g.principal), Condition: condition };
    const pending = set.some(([, v]) => holdsUnknown(v)) || holdsUnknown(g.sourceToken);
    const everyone = isPublicStatement(s);
    if (everyone) return pending ? { verdict: "unknown" } : { verdict: "public", why: everyone };
    const service = typeof s.Principal === "object" && s.Principal !== null && "Service" in s.Principal;
    // Alexa's principal is held to one skill by its event source token (lambda:EventSourceToken), not by a source ARN.
    const token = typeof g.sourceToken === "string" && g.sourceToken.trim() !== "";
    if (service && !limitingCondition(s) && !token) {
        return pending ? { verdict: "unknown" } : {
            verdict: "confused-deputy",
            why: `service principal ${JSON.stringify(g.principal)} with no source condition (sourceArn or sourceAccount): any account's resource of that service can invoke it`,
        };
    }
    return { verdict: "limited" };
}
