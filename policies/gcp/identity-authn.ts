// IDENTITY-AUTHN on Google Cloud: people and services on a Dataproc cluster authenticate with Kerberos
// (Hadoop secure mode), and the cluster's VMs prove what they booted (Shielded VM: secure boot, vTPM,
// integrity monitoring), so a node is the entity it claims to be.
import { isSet, looseForm, terraformReads } from "../lib/inputs";
import { expect, notApplicable, resourceRule, Rule, writtenSecret, notOfKind, Violation } from "../lib/rule";
import { eachNodeConfig, onComputeEngine, vmTypes } from "./support/workloads";
import { T } from "./support/tokens";
import { asArray, get, isUnknown } from "../lib/values";
import { aiServices } from "./support/ai-services";
import { expectKeyName, keyWanted } from "./support/keys";

const controls: Rule["controls"] = ["IDENTITY-AUTHN"];
const kerberos = "clusterConfig.securityConfig.kerberosConfig";
const shielded = "clusterConfig.gceClusterConfig.shieldedInstanceConfig";

const dataprocKerberos = resourceRule({
    name: "gcp-identity-authn-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    description: "A Dataproc cluster runs in Kerberos secure mode with a KMS-encrypted root principal password (G26: both URIs are required).",
    remediation: `Set \`${kerberos}\` with enableKerberos: true, kmsKeyUri and rootPrincipalPasswordUri (a KMS-encrypted password in a bucket).`,
    check: r => onComputeEngine(r) ?? [
        ...expect(r.props, `${kerberos}.enableKerberos`, terraformReads.on, "true"),
        ...expectKeyName(r, `${kerberos}.kmsKeyUri`, `${keyWanted} that encrypts the root principal password`),
        ...expect(r.props, `${kerberos}.rootPrincipalPasswordUri`, isSet, "the gs:// URI of the KMS-encrypted root principal password"),
    ],
});

const dataprocShielded = resourceRule({
    name: "gcp-identity-authn-dataproc-shielded-vm", cloud: "gcp", controls, severity: "medium",
    types: [T.dataproc],
    description: "A Dataproc cluster's VMs are Shielded VMs: secure boot, vTPM and integrity monitoring on.",
    remediation: `Set \`${shielded}\` to { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true }.`,
    check: r => onComputeEngine(r) ?? ["enableSecureBoot", "enableVtpm", "enableIntegrityMonitoring"]
        .flatMap(p => expect(r.props, `${shielded}.${p}`, terraformReads.on, "true")),
});

/** A GKE node config boots only signed software (Secure Boot; off unless set). Autopilot nodes always do. */
const secureBoot = (props: Record<string, unknown>) => (at: string, autopilot: boolean) => autopilot ? []
    : expect(props, `${at}.shieldedInstanceConfig.enableSecureBoot`, terraformReads.on, "true (Secure Boot is off unless set)");

const gkeCluster = resourceRule({
    name: "gcp-identity-authn-gke-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.gkeCluster],
    description: "A GKE cluster authenticates to its API server with Google identities only (no client certificate that never expires and cannot be revoked), admits only Shielded nodes, and its nodes boot with Secure Boot.",
    remediation: "Leave `masterAuth.clientCertificateConfig.issueClientCertificate` false, `enableShieldedNodes` unset or true, and set `nodeConfig.shieldedInstanceConfig.enableSecureBoot: true` (or remove the default node pool).",
    check: r => [
        ...expect(r.props, "masterAuth.clientCertificateConfig.issueClientCertificate", terraformReads.offOrUnset, "false or unset (a client certificate is a credential that cannot be revoked)"),
        ...expect(r.props, "enableShieldedNodes", terraformReads.onOrUnset, "true or unset (the default is true)"),
        ...eachNodeConfig(r, secureBoot(r.props)),
    ],
});

const gkeNodePool = resourceRule({
    name: "gcp-identity-authn-gke-node-pool", cloud: "gcp", controls, severity: "medium",
    types: [T.gkeNodePool],
    description: "A GKE node pool's nodes are Shielded VMs that boot with Secure Boot, so a node is the software it claims to be.",
    remediation: "Set `nodeConfig.shieldedInstanceConfig.enableSecureBoot: true`.",
    check: r => eachNodeConfig(r, secureBoot(r.props)),
});

const vmShielded = resourceRule({
    name: "gcp-identity-authn-compute-instance", cloud: "gcp", controls, severity: "medium",
    types: vmTypes,
    description: "A Compute Engine VM or instance template is a Shielded VM that boots with Secure Boot and keeps integrity monitoring and the vTPM on.",
    remediation: "Set `shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true }` (with a Shielded VM image).",
    check: r => [
        ...expect(r.props, "shieldedInstanceConfig.enableSecureBoot", terraformReads.on, "true (Secure Boot is off unless set)"),
        // vTPM and integrity monitoring are on unless turned off.
        ...expect(r.props, "shieldedInstanceConfig.enableVtpm", terraformReads.onOrUnset, "true or unset"),
        ...expect(r.props, "shieldedInstanceConfig.enableIntegrityMonitoring", terraformReads.onOrUnset, "true or unset"),
    ],
});

/** The metadata key Compute Engine reads for OS Login, and the values it takes as on (it reads them in any case). */
const OS_LOGIN = "enable-oslogin";

const vmOsLogin = resourceRule({
    name: "gcp-identity-authn-compute-os-login", cloud: "gcp", controls, severity: "medium",
    // Advisory: OS Login is often turned on for the whole project (project metadata or the constraint
    // compute.requireOsLogin), which a VM's own inputs do not show; an explicit "FALSE" on the VM is still a finding.
    enforcement: "advisory",
    types: vmTypes,
    description: "A Compute Engine VM or instance template signs people in with OS Login (their Google identity, 2-step verification, IAM roles) instead of SSH keys kept in metadata.",
    remediation: "Set `metadata: { \"enable-oslogin\": \"TRUE\" }` on the VM (or on the project, or enforce the organisation policy constraint compute.requireOsLogin).",
    // In any case, but as written: the guest agent is not known to trim, so " TRUE" is not read as on (a safe value counts only as its reader takes it).
    check: r => expect(r.props, `metadata.${OS_LOGIN}`, v => v === true || (typeof v === "string" && v.toLowerCase() === "true"),
        "\"TRUE\" (unset leaves it to the project's metadata, which this check cannot see)"),
});

const redis = resourceRule({
    name: "gcp-identity-authn-redis-instance", cloud: "gcp", controls, severity: "high",
    types: [T.redis, T.redisCluster, T.valkey],
    description: "A Memorystore for Redis instance (AUTH) or cluster, or a Memorystore (Valkey) instance (IAM authentication), requires clients to authenticate; off by default, so anyone on the network may read it.",
    remediation: "Redis instance: set `authEnabled: true`; Redis Cluster: `authorizationMode: \"AUTH_MODE_IAM_AUTH\"`; Valkey: `authorizationMode: \"IAM_AUTH\"`.",
    check: r => r.type === T.redis ? expect(r.props, "authEnabled", terraformReads.on, "true (unset lets any client on the network connect)")
        : expect(r.props, "authorizationMode", v => v === (r.type === T.redisCluster ? "AUTH_MODE_IAM_AUTH" : "IAM_AUTH"),
            `${r.type === T.redisCluster ? "\"AUTH_MODE_IAM_AUTH\"" : "\"IAM_AUTH\""} (unset lets any client on the network connect)`),
});

const pushSubscription = resourceRule({
    name: "gcp-identity-authn-pubsub-push", cloud: "gcp", controls, severity: "medium",
    types: [T.subscription],
    description: "A Pub/Sub push subscription signs its pushes with an OIDC token, so the endpoint can authenticate that a message comes from Pub/Sub.",
    remediation: "Set `pushConfig.oidcToken.serviceAccountEmail` (and an audience) and verify the token at the endpoint.",
    check: r => {
        const push = r.props.pushConfig;
        if (push === undefined || push === null) return notApplicable("a pull (or BigQuery / Cloud Storage) subscription pushes to no endpoint");
        return expect(r.props, "pushConfig.oidcToken.serviceAccountEmail", isSet, "the service account whose OIDC token signs each push (unset: unauthenticated pushes)");
    },
});

const sqlUser = resourceRule({
    name: "gcp-identity-authn-sql-user", cloud: "gcp", controls, severity: "high",
    types: [T.sqlUser],
    description: "A Cloud SQL user's password is not written in the program (it would be kept in the stack's state): an IAM database user, or a write-only password.",
    remediation: "Use an IAM user (`type: \"CLOUD_IAM_USER\"` or CLOUD_IAM_SERVICE_ACCOUNT), or `passwordWo` with `passwordWoVersion`, which never reach the state.",
    check: r => writtenSecret(r.props, "password", "unset (an IAM database user, or `passwordWo`)"),
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
    remediation: "Delete the key and call the API with the workload's own service account, or restrict the key's apiTargets to APIs that receive no PHI.",
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
            const folded = typeof service === "string" ? looseForm(service) : undefined;
            if (isUnknown(service) || (folded !== undefined && aiServices.includes(folded)) || typeof service !== "string") {
                out.push({ property: `restrictions.apiTargets[${i}].service`, found: service, wanted: "an API that is not an AI API (no API key for AI APIs)" });
            }
        });
        return out.length ? out : notOfKind("a key restricted to APIs that are not AI APIs");
    },
});

export const rules: Rule[] = [dataprocKerberos, dataprocShielded, gkeCluster, gkeNodePool, vmShielded, vmOsLogin, redis, pushSubscription, sqlUser, apiKey];
