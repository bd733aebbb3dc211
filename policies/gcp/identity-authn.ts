// IDENTITY-AUTHN on Google Cloud: people and services on a Dataproc cluster authenticate with Kerberos
// (Hadoop secure mode), and the cluster's VMs prove what they booted (Shielded VM: secure boot, vTPM,
// integrity monitoring), so a node is the entity it claims to be.
import { expect, notOfKind, resourceRule, Rule, Violation } from "../lib/rule";
import { asArray, get, isUnknown } from "../lib/values";
import { aiServices } from "./ai-data-use";
import { isSet, isTrue, T } from "./common";
import { onComputeEngine } from "./enc-rest-cmk";

const controls: Rule["controls"] = ["IDENTITY-AUTHN"];
const kerberos = "clusterConfig.securityConfig.kerberosConfig";
const shielded = "clusterConfig.gceClusterConfig.shieldedInstanceConfig";

const dataprocKerberos = resourceRule({
    name: "gcp-identity-authn-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    description: "A Dataproc cluster runs in Kerberos secure mode with a KMS-encrypted root principal password (G26: both URIs are required).",
    remediation: `Set \`${kerberos}\` with enableKerberos: true, kmsKeyUri and rootPrincipalPasswordUri (a KMS-encrypted password in a bucket).`,
    check: r => onComputeEngine(r) ?? [
        ...expect(r.props, `${kerberos}.enableKerberos`, isTrue, "true"),
        ...expect(r.props, `${kerberos}.kmsKeyUri`, isSet, "the KMS key that encrypts the root principal password"),
        ...expect(r.props, `${kerberos}.rootPrincipalPasswordUri`, isSet, "the gs:// URI of the KMS-encrypted root principal password"),
    ],
});

const dataprocShielded = resourceRule({
    name: "gcp-identity-authn-dataproc-shielded-vm", cloud: "gcp", controls, severity: "medium",
    types: [T.dataproc],
    description: "A Dataproc cluster's VMs are Shielded VMs: secure boot, vTPM and integrity monitoring on.",
    remediation: `Set \`${shielded}\` to { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true }.`,
    check: r => onComputeEngine(r) ?? ["enableSecureBoot", "enableVtpm", "enableIntegrityMonitoring"]
        .flatMap(p => expect(r.props, `${shielded}.${p}`, isTrue, "true")),
});

/**
 * Issue 16: an API key names no principal: whoever holds it calls the APIs it may call, with no IAM check
 * and no identity in the audit log. The Vision API (and the other AI APIs) accept API keys, so a key that
 * can reach one sends PHI on the say-so of a string. A key restricted (apiTargets) to APIs that are not AI
 * APIs is another matter, not judged here.
 */
const apiKey = resourceRule({
    name: "gcp-identity-authn-api-key", cloud: "gcp", controls, severity: "high",
    types: [T.apiKey],
    description: "No API key can call an AI API (Vision, Vertex AI, ...): an API key authenticates no principal; AI APIs are called with a service account's or a person's token.",
    remediation: "Delete the key and call the API with the workload's service account (ImageAnalysis's), or restrict the key's apiTargets to APIs that receive no PHI.",
    check: r => {
        const targets = get(r.props, "restrictions.apiTargets");
        if (isUnknown(targets)) return [{ property: "restrictions.apiTargets", found: targets, wanted: "targets that are not AI APIs" }];
        const list = asArray(targets as unknown[]);
        if (!list.length) {
            return [{ property: "restrictions.apiTargets", found: targets, wanted: "targets that are not AI APIs",
                note: "An API key without apiTargets may call every API the project enables, the AI APIs included." }];
        }
        const out: Violation[] = [];
        list.forEach((t, i) => {
            const service = get(t, "service");
            const folded = typeof service === "string" ? service.trim().toLowerCase() : undefined;
            if (isUnknown(service) || (folded !== undefined && aiServices.includes(folded)) || typeof service !== "string") {
                out.push({ property: `restrictions.apiTargets[${i}].service`, found: service, wanted: "an API that is not an AI API (no API key for AI APIs)" });
            }
        });
        return out.length ? out : notOfKind("a key restricted to APIs that are not AI APIs");
    },
});

export const rules: Rule[] = [dataprocKerberos, dataprocShielded, apiKey];
