// The control catalogue (shared/CONTROLS.md 1a): id, HIPAA citation, intent. The one table that the
// policies' metadata, `hipaa-cloud policies` and every report read. Ids are a contract: keep them.
import { sixYearsOf365Days, sixYearsWithLeapDays } from "../facts/retention";

export const controlIds = [
    "ENC-REST-CMK", "ENC-TRANSIT", "PUBLIC-ACCESS", "NETWORK-PRIVATE", "AUDIT-LOG", "LOG-INTEGRITY", "RETENTION",
    "BACKUP-VERSIONING", "DELETION-PROTECTION", "KEY-ROTATION", "LEAST-PRIVILEGE", "IDENTITY-AUTHN", "TAGGING",
    "RESIDENCY", "AI-DATA-USE", "SHARE-DEIDENTIFIED",
] as const;
export type ControlId = typeof controlIds[number];

export interface Control { id: ControlId; citation: string; title: string; intent: string }

export const controls: Record<ControlId, Control> = {
    "ENC-REST-CMK": { id: "ENC-REST-CMK", citation: "45 CFR 164.312(a)(2)(iv)", title: "Encryption at rest with a customer-managed key",
        intent: "PHI and logs encrypted at rest with a customer-managed key, not the provider default." },
    "ENC-TRANSIT": { id: "ENC-TRANSIT", citation: "45 CFR 164.312(e)(1)", title: "Encryption in transit",
        intent: "TLS-only access, TLS 1.2 or later, in-cluster encryption." },
    "PUBLIC-ACCESS": { id: "PUBLIC-ACCESS", citation: "45 CFR 164.312(a)(1)", title: "No public access",
        intent: "No anonymous or public principals, and no public endpoints, on PHI stores." },
    "NETWORK-PRIVATE": { id: "NETWORK-PRIVATE", citation: "45 CFR 164.312(e)(1)", title: "Private networking",
        intent: "PHI services reached only over private endpoints or perimeters; no public IPs on compute." },
    "AUDIT-LOG": { id: "AUDIT-LOG", citation: "45 CFR 164.312(b)", title: "Audit logging",
        intent: "Control-plane and data-access logs captured centrally." },
    "LOG-INTEGRITY": { id: "LOG-INTEGRITY", citation: "45 CFR 164.312(c)(1)", title: "Log integrity",
        intent: "Logs tamper-evident or immutable (digest validation, locked buckets)." },
    "RETENTION": { id: "RETENTION", citation: "45 CFR 164.316(b)(2)(i)", title: "Log retention",
        intent: `Logs kept at least six years (${sixYearsOf365Days}-${sixYearsWithLeapDays} days).` },
    "BACKUP-VERSIONING": { id: "BACKUP-VERSIONING", citation: "45 CFR 164.308(a)(7)(ii)(A)", title: "Backup and versioning",
        intent: "Versioning, snapshots, geo-copies, soft delete." },
    "DELETION-PROTECTION": { id: "DELETION-PROTECTION", citation: "45 CFR 164.308(a)(7)(ii)(A)", title: "Deletion protection",
        intent: "Data, keys and logs cannot be destroyed by a stray `pulumi destroy`." },
    "KEY-ROTATION": { id: "KEY-ROTATION", citation: "45 CFR 164.312(a)(2)(iv)", title: "Key rotation",
        intent: "Automatic customer-managed key rotation at most every 365 days." },
    "LEAST-PRIVILEGE": { id: "LEAST-PRIVILEGE", citation: "45 CFR 164.308(a)(4)(ii)(B)", title: "Least privilege",
        intent: "No wildcard admin, no inline policies, no primitive roles, no shared keys." },
    "IDENTITY-AUTHN": { id: "IDENTITY-AUTHN", citation: "45 CFR 164.312(d)", title: "Person or entity authentication",
        intent: "Strong identity on clusters and warehouses (Kerberos, Entra-only, IAM)." },
    "TAGGING": { id: "TAGGING", citation: "45 CFR 164.310(d)(2)(iii)", title: "Data classification tagging",
        intent: "data-classification=phi and the tenant on every resource (supports accountability)." },
    "RESIDENCY": { id: "RESIDENCY", citation: "45 CFR 164.308(b)(1)", title: "Data residency",
        intent: "Resources only in approved, BAA-covered regions." },
    "AI-DATA-USE": { id: "AI-DATA-USE", citation: "45 CFR 164.502(a); 45 CFR 164.308(b)(1)", title: "AI service data use",
        intent: "PHI sent to an AI service is used only as the business associate agreement allows: never kept or used to " +
            "improve the provider's service (AWS AI services opt-out), never sent on to hosts outside the hospital's list, " +
            "never sent to an AI API outside the BAA." },
    "SHARE-DEIDENTIFIED": { id: "SHARE-DEIDENTIFIED", citation: "45 CFR 164.514(b); 45 CFR 164.502(d)", title: "Sharing of de-identified data only",
        intent: "A grant to a principal outside the hospital reaches only a store tagged de-identified, and ends: in the grant where the cloud can say so, in an expiry tag where it cannot." },
};

/** The citation a policy prints: its controls' citations, in order, without repeats. */
export function citationOf(ids: readonly ControlId[]): string {
    return [...new Set(ids.map(id => controls[id].citation))].join("; ");
}
