// The pack's controls mapped to the published catalogs a compliance platform imports: the OSCAL HIPAA
// catalog and NIST SP 800-53 rev 5. Data beside the control catalogue (controls.ts), read by the OSCAL
// report (checker/report/oscal.ts). Every control id has an entry (the Record type and a test hold it).
//
// HIPAA ids: the oscal-compass HIPAA catalog, "HIPAA Cybersecurity Resource Guide" 2.0.0 (OSCAL 1.1.3,
// catalog uuid 73404cd8-888b-45df-a747-9deb19415d51), built from NIST SP 800-66r2's Cybersecurity Resource
// Guide: github.com/oscal-compass/oscal-content, catalogs/hipaa-2.0.0/catalog.json at commit 623e0de.
// Its groups are the Security Rule's standards (`group-3.14` is 164.312(a), per the group's
// `standards-identifiers` prop); its controls `hipaa-NNN` are the guide's key activities and
// implementation specifications. The catalog numbers no control by CFR paragraph, so each entry names the
// group of the control's standard and the key activities whose statement is what the rules check.
//
// NIST SP 800-53 rev 5 ids as NIST's OSCAL catalog spells them (lower case, `sc-28.1` for the enhancement
// SC-28(1)); chosen from SP 800-66r2's mapping of each standard to SP 800-53 controls, narrowed to the
// ones the rules of the control verify in configuration.
import type { ControlId } from "./controls";

export interface ControlMapping {
    /**
     * The group (HIPAA standard) of the oscal-compass HIPAA catalog; null for a control whose citations are
     * all Privacy Rule paragraphs (164.5xx), which that Security Rule catalog does not hold.
     */
    hipaaGroup: string | null;
    /** Controls (key activities) of that catalog the rules of the control check. */
    hipaaControls: string[];
    /** NIST SP 800-53 rev 5 control ids (OSCAL spelling). */
    nist80053: string[];
}

export const hipaaCatalog = {
    title: "HIPAA Cybersecurity Resource Guide",
    version: "2.0.0",
    uuid: "73404cd8-888b-45df-a747-9deb19415d51",
    href: "https://github.com/oscal-compass/oscal-content/blob/main/catalogs/hipaa-2.0.0/catalog.json",
} as const;

export const nist80053Catalog = {
    title: "NIST SP 800-53 Rev 5 Catalog",
    href: "https://github.com/usnistgov/oscal-content/blob/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json",
} as const;

/**
 * The catalog's groups that are Security Rule standards, with the CFR paragraph each stands for (the group's
 * `standard-identifiers` prop): what a control's citation is checked against.
 */
export const hipaaStandards: Readonly<Record<string, string>> = {
    "group-1.1": "164.308(a)(1)", "group-1.2": "164.308(a)(2)", "group-1.3": "164.308(a)(3)", "group-1.4": "164.308(a)(4)",
    "group-1.5": "164.308(a)(5)", "group-1.6": "164.308(a)(6)", "group-1.7": "164.308(a)(7)", "group-1.8": "164.308(a)(8)",
    "group-1.9": "164.308(b)(1)", "group-2.10": "164.310(a)", "group-2.11": "164.310(b)", "group-2.12": "164.310(c)",
    "group-2.13": "164.310(d)", "group-3.14": "164.312(a)", "group-3.15": "164.312(b)", "group-3.16": "164.312(c)",
    "group-3.17": "164.312(d)", "group-3.18": "164.312(e)(1)", "group-4.19": "164.314(a)", "group-4.20": "164.314(b)",
    "group-5.21": "164.316(a)", "group-5.22": "164.316(b)",
};

export const controlMappings: Record<ControlId, ControlMapping> = {
    // 164.312(a)(2)(iv) Encryption and decryption: Access Control (164.312(a)), "Automatic Logoff and
    // Encryption and Decryption" and its implementation specification (Encryption and Decryption).
    "ENC-REST-CMK": { hipaaGroup: "group-3.14", hipaaControls: ["hipaa-087", "hipaa-089"], nist80053: ["sc-28", "sc-28.1", "sc-12"] },
    // 164.312(e)(1) Transmission security: "Implement Encryption" and its implementation specification.
    "ENC-TRANSIT": { hipaaGroup: "group-3.18", hipaaControls: ["hipaa-110", "hipaa-111"], nist80053: ["sc-8", "sc-8.1", "sc-13"] },
    // 164.312(a)(1) Access control: "Identify Technical Access Control Capabilities" (limit access to what was
    // granted) and "Implement Access Control Procedures Using Selected Hardware and Software".
    "PUBLIC-ACCESS": { hipaaGroup: "group-3.14", hipaaControls: ["hipaa-081", "hipaa-084"], nist80053: ["ac-3", "ac-22", "sc-7"] },
    // 164.312(e)(1): "Identify ... Unauthorized Sources that May Be Able to Intercept" (every pathway of
    // ePHI) and "Develop and Implement Transmission Security Policy and Procedures".
    "NETWORK-PRIVATE": { hipaaGroup: "group-3.18", hipaaControls: ["hipaa-106", "hipaa-107"], nist80053: ["sc-7", "sc-7.5", "ac-4"] },
    // 164.312(b) Audit controls: "Determine the Activities that Will Be Tracked or Audited", "Implement the
    // Audit/System Activity Review Process".
    "AUDIT-LOG": { hipaaGroup: "group-3.15", hipaaControls: ["hipaa-091", "hipaa-095"], nist80053: ["au-2", "au-3", "au-12"] },
    // 164.312(c)(1) Integrity: "Implement a Mechanism to Authenticate ePHI" and its implementation specification.
    "LOG-INTEGRITY": { hipaaGroup: "group-3.16", hipaaControls: ["hipaa-100", "hipaa-101"], nist80053: ["au-9", "si-7"] },
    // 164.316(b)(2)(i) Documentation, time limit: "Retain Documentation for at Least Six Years".
    "RETENTION": { hipaaGroup: "group-5.22", hipaaControls: ["hipaa-124"], nist80053: ["au-11", "si-12"] },
    // 164.308(a)(7)(ii)(A) Data backup plan: Contingency Plan, "Data Backup Plan and Disaster Recovery Plan".
    "BACKUP-VERSIONING": { hipaaGroup: "group-1.7", hipaaControls: ["hipaa-046"], nist80053: ["cp-9", "cp-6"] },
    "DELETION-PROTECTION": { hipaaGroup: "group-1.7", hipaaControls: ["hipaa-046"], nist80053: ["cp-9", "cm-5"] },
    // 164.312(a)(2)(iv) again: the key that encrypts, rotated (key management).
    "KEY-ROTATION": { hipaaGroup: "group-3.14", hipaaControls: ["hipaa-089"], nist80053: ["sc-12"] },
    // 164.308(a)(4)(ii)(B) Access authorization: Information Access Management, "Implement Policies and
    // Procedures for Authorizing Access" and its implementation specification.
    "LEAST-PRIVILEGE": { hipaaGroup: "group-1.4", hipaaControls: ["hipaa-021", "hipaa-022"], nist80053: ["ac-6", "ac-3", "ac-2"] },
    // 164.312(d) Person or entity authentication: "Evaluate Available Authentication Options", "Select and
    // Implement Authentication Options".
    "IDENTITY-AUTHN": { hipaaGroup: "group-3.17", hipaaControls: ["hipaa-104", "hipaa-105"], nist80053: ["ia-2", "ia-5"] },
    // 164.310(d)(2)(iii) Accountability: Device and Media Controls, "Maintain Accountability for Hardware and
    // Electronic Media" and its implementation specification; and "Identify all ePHI and Relevant
    // Information Systems" (the classification tag marks where ePHI is).
    "TAGGING": { hipaaGroup: "group-2.13", hipaaControls: ["hipaa-076", "hipaa-077", "hipaa-001"], nist80053: ["cm-8", "ra-2"] },
    // 164.308(b)(1) Business associate contracts: the cloud regions a BAA covers ("Identify Entities that are
    // Business Associates", "Written Contract or Other Arrangement").
    "RESIDENCY": { hipaaGroup: "group-1.9", hipaaControls: ["hipaa-055", "hipaa-057"], nist80053: ["sa-9", "sa-9.5"] },
    // 164.502(a) is the Privacy Rule, which the Security Rule catalog does not hold; its 164.308(b)(1) half is
    // the business associate contract the AI provider's use of PHI must stay within (same group as
    // RESIDENCY). SP 800-53: external system services (sa-9) and PII processing purposes (pt-3).
    "AI-DATA-USE": { hipaaGroup: "group-1.9", hipaaControls: ["hipaa-055", "hipaa-057"], nist80053: ["sa-9", "pt-3"] },
    // 164.514(b) and 164.502(d) (de-identification) are Privacy Rule paragraphs: the Security Rule catalog has
    // no group for them, and naming one (Access Control, say) would claim a citation the control does not make.
    // SP 800-53: information sharing (ac-21), de-identification (si-19), access enforcement (ac-3).
    "SHARE-DEIDENTIFIED": { hipaaGroup: null, hipaaControls: [], nist80053: ["ac-21", "si-19", "ac-3"] },
};
