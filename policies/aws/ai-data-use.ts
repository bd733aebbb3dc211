// AI-DATA-USE on AWS: images sent to an AWS AI service are not kept or used to improve it. AWS may store
// and use content processed by Rekognition (and other AI services) to improve them unless the account is
// opted out by an AWS Organizations AI services opt-out policy (AWS Organizations User Guide, "AI services
// opt-out policies"); that is an organisation setting, made in the management account (or by a delegated
// administrator), so a hospital's stack usually cannot declare it. The rule is therefore advisory: a stack
// that grants Rekognition and declares no opt-out is reported on every run, never passed in silence.
import { aiOptOutContent, aiOptOutPolicyType } from "../../facts/aws";
import { parseJsonStrict } from "../lib/strict-json";
import { Lookup } from "../lib/stack-index";
import { PolicyResource, Rule, stackRule, Violation } from "../lib/rule";
import { isUnknown, UNKNOWN, UNKNOWN_STRING } from "../lib/values";
import { rekognitionGrantors } from "./support/rekognition";
import { T } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["AI-DATA-USE" as const];
const wantedContent = JSON.stringify(aiOptOutContent);

/** What is wrong with an opt-out policy's content, or undefined when it opts every service out, locked. UNKNOWN while unknown. */
export function contentProblem(content: unknown): string | typeof UNKNOWN | undefined {
    if (isUnknown(content) || (typeof content === "string" && content.includes(UNKNOWN_STRING))) return UNKNOWN;
    if (typeof content !== "string") return "content is not a JSON text";
    let doc: unknown;
    try {
        doc = parseJsonStrict(content);
    } catch (e) {
        return `content cannot be read as AWS reads it (${(e as Error).message})`;
    }
    const services = (doc as { services?: unknown } | null)?.services;
    if (!services || typeof services !== "object" || Array.isArray(services)) return "no \"services\" object";
    const entries = Object.entries(services as Record<string, unknown>);
    const policyOf = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>).opt_out_policy : undefined) as Record<string, unknown> | undefined;
    // A service opted back in (`"rekognition": {"opt_out_policy": {"@@assign": "optIn"}}`) overrides the default for it.
    const optedIn = entries.filter(([, v]) => policyOf(v)?.["@@assign"] !== undefined && policyOf(v)?.["@@assign"] !== "optOut").map(([k]) => k);
    if (optedIn.length) return `it does not opt out ${optedIn.join(", ")} (only "optOut", exactly so, opts out)`;
    // A service's own entry may re-open what the default locks: child policies could then opt that service back in.
    const isNone = (v: unknown) => Array.isArray(v) && v.length === 1 && v[0] === "@@none";
    const reopened = entries.filter(([k, v]) => k !== "default" && policyOf(v)?.["@@operators_allowed_for_child_policies"] !== undefined
        && !isNone(policyOf(v)?.["@@operators_allowed_for_child_policies"])).map(([k]) => k);
    if (reopened.length) return `it lets child policies change ${reopened.join(", ")} (@@operators_allowed_for_child_policies other than ["@@none"])`;
    const def = policyOf((services as Record<string, unknown>).default);
    if (def?.["@@assign"] !== "optOut") return "services.default.opt_out_policy.@@assign is not \"optOut\": not every AI service is opted out";
    const children = def["@@operators_allowed_for_child_policies"];
    if (!isNone(children)) {
        return "services.default.opt_out_policy.@@operators_allowed_for_child_policies is not [\"@@none\"]: a child policy of an OU or account could opt back in";
    }
    return undefined;
}

export const optOut = stackRule({
    name: "aws-ai-data-use-opt-out", cloud, controls, severity: "high", enforcement: "advisory",
    judges: [T.organizationsPolicy],
    // An attachment is judged with the opt-out policy it attaches (its policyId names it).
    reads: { policyId: [T.organizationsPolicyAttachment] },
    description: "A stack that lets a workload call Amazon Rekognition declares an attached AI services opt-out policy that opts every AI service out and locks child policies, so images are not stored or used to improve AWS's services; an opt-out policy anywhere is judged the same.",
    remediation: "Where the stack manages the organisation, add an aws.organizations.Policy of type AISERVICES_OPT_OUT_POLICY with content " +
        `${wantedContent} and an aws.organizations.PolicyAttachment to the root (hospital:aws.aiOptOutTargetId in the platform); else have the organisation's administrators attach it, and keep this advisory finding as the reminder.`,
    check: stack => {
        const out: Violation[] = [];
        const policies = stack.ofType(...T.organizationsPolicy);
        const attachedTo = new Lookup(policies, ["id"]).referrers(stack.ofType(...T.organizationsPolicyAttachment), "policyId");
        let declared = false, unknown = false;
        for (const p of policies) {
            const type = p.props.type;
            if (isUnknown(type)) { out.push({ resource: p, property: "type", found: type, wanted: aiOptOutPolicyType }); unknown = true; continue; }
            // An SCP, tag or backup policy is another control's business: left not judged by this rule.
            if (type !== aiOptOutPolicyType) { out.push({ resource: p, property: "type", found: type, wanted: aiOptOutPolicyType, notJudged: true }); continue; }
            const problem = contentProblem(p.props.content);
            if (problem === UNKNOWN) { out.push({ resource: p, property: "content", found: UNKNOWN, wanted: wantedContent }); unknown = true; continue; }
            if (problem) { out.push({ resource: p, property: "content", found: p.props.content, wanted: wantedContent, note: `${problem}.` }); continue; }
            if (!(attachedTo.get(p.urn) ?? []).length) {
                out.push({ resource: p, property: `${T.organizationsPolicyAttachment[0]}.policyId (→ this policy)`, found: undefined,
                    wanted: "an attachment to the organisation's root (or the OU or account of the hospital)", note: "An unattached policy opts nobody out." });
                continue;
            }
            declared = true;
        }
        if (declared) return out;
        for (const grantor of rekognitionGrantors(stack)) out.push(missing(grantor, unknown));
        return out;
    },
});

function missing(grantor: PolicyResource, unknown: boolean): Violation {
    return {
        resource: grantor, property: `${T.organizationsPolicy[0]} (type ${aiOptOutPolicyType})`, found: unknown ? UNKNOWN : undefined,
        wanted: "an attached AI services opt-out policy that opts every service out",
        note: "This policy grants Rekognition calls and the stack declares no AI services opt-out: unless the organisation's management account " +
            "attaches one, AWS may store the images and use them to improve its services. The pack cannot see an organisation policy made elsewhere; " +
            "this advisory finding stays as the reminder to confirm it.",
    };
}

export const rules: Rule[] = [optOut];
