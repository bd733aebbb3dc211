// LEAST-PRIVILEGE on Google Cloud: no basic Owner/Editor roles on projects, folders or organisations,
// a dedicated service account for Dataproc VMs (not the default Compute Engine one, which holds
// Editor by default), and no long-lived user-managed keys.
import { looseForm, terraformReads } from "../lib/inputs";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { isUnknown, UNKNOWN } from "../lib/values";
import { about, T } from "./support/tokens";
import { Grant, grantsOf, iamBindingTypes, iamMemberTypes, iamPolicyTypes } from "./support/iam";
import { eachNodeConfig, expectAt, onComputeEngine, serverlessIdentity, vmTypes } from "./support/workloads";

const controls: Rule["controls"] = ["LEAST-PRIVILEGE"];
const basicRoles: ReadonlySet<string> = new Set(["roles/owner", "roles/editor"]);
/**
 * Roles whose holder on a project, folder or organisation may set its IAM policy, and so grant anyone (itself
 * included) roles/owner: Owner under another name (Google: "Project IAM Admin", "Security Admin" gets and sets
 * any IAM policy; the folder and organisation administrators hold setIamPolicy on their node). In lower case.
 */
const grantsAnyRole: ReadonlySet<string> = new Set([
    "roles/resourcemanager.projectiamadmin", "roles/resourcemanager.folderiamadmin", "roles/resourcemanager.folderadmin",
    "roles/resourcemanager.organizationadmin", "roles/iam.securityadmin",
]);

/** Whether a role on a project, folder or organisation reaches every PHI store in it: a basic role, or one that grants any role. */
function ownerLike(role: unknown): boolean {
    if (typeof role !== "string") return false;
    const r = looseForm(role);
    return basicRoles.has(r) || grantsAnyRole.has(r);
}
const DEFAULT_COMPUTE_SA = "-compute@developer.gserviceaccount.com";
const APP_ENGINE_SA = "@appspot.gserviceaccount.com";
const MEMBER_SUFFIX = /\.members\[\d+\]$/;
const SA_DOMAIN = ".iam.gserviceaccount.com";

const projectIam = resourceRule({
    name: "gcp-least-privilege-project-iam", cloud: "gcp", controls, severity: "high",
    types: [
        T.projectIamMember, T.projectIamBinding, T.projectIamPolicy,
        T.folderIamMember, T.folderIamBinding, T.folderIamPolicy,
        T.orgIamMember, T.orgIamBinding, T.orgIamPolicy,
    ],
    description: "No project, folder or organisation grant uses the basic roles roles/owner or roles/editor, or a role that may grant them (Project IAM Admin, Security Admin, folder or organization admin): they reach every PHI store.",
    remediation: "Grant predefined or custom roles scoped to the task (e.g. roles/dataproc.worker, roles/bigquery.dataViewer) instead of roles/owner, roles/editor or an IAM administrator role.",
    check: r => {
        const grants = grantsOf(r);
        if (isUnknown(grants)) return [{ property: "policyData", found: UNKNOWN, wanted: "bindings without roles/owner or roles/editor" }];
        const out: Violation[] = [];
        const seen = new Set<string>();
        for (const g of grants) {
            const property = g.property.startsWith("policyData") ? g.property.replace(MEMBER_SUFFIX, ".role") : "role";
            if (seen.has(property)) continue;
            if (isUnknown(g.role) || ownerLike(g.role)) {
                seen.add(property);
                out.push({ property, found: g.role, wanted: "a predefined or custom role scoped to the task, not roles/owner, roles/editor or a role that grants roles (…IamAdmin, iam.securityAdmin, folder or organization admin)" });
            }
        }
        return out;
    },
});

const dataprocServiceAccount = resourceRule({
    name: "gcp-least-privilege-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    description: "Dataproc VMs run as a dedicated service account, not the default Compute Engine service account (unset means the default).",
    remediation: "Create a service account with roles/dataproc.worker (plus access to its own buckets and keys) and set `clusterConfig.gceClusterConfig.serviceAccount` to its email.",
    check: r => onComputeEngine(r) ?? expect(r.props, "clusterConfig.gceClusterConfig.serviceAccount", isDedicatedAccount,
        "a dedicated service account email (not …-compute@developer.gserviceaccount.com)"),
});

/**
 * Whether a value names a dedicated service account: a non-blank email that is not one of the default
 * accounts Google creates with the Editor role (Compute Engine's `…-compute@developer…`, App Engine's
 * `…@appspot…`), compared in lower case and trimmed (IAM reads emails so); not `default` or any other non-email.
 */
export function isDedicatedAccount(v: unknown): boolean {
    if (typeof v !== "string") return false;
    const email = v.trim().toLowerCase();
    // An email of the letters a service account's can have: GKE reads "default" as the Compute Engine default account, and
    // an invisible character (zero-width space) must not hide the default account's suffix.
    return /^[a-z0-9._+-]+@[a-z0-9.-]+$/.test(email) && !email.endsWith(DEFAULT_COMPUTE_SA) && !email.endsWith(APP_ENGINE_SA);
}

const dataflowAccount = resourceRule({
    name: "gcp-least-privilege-dataflow-job", cloud: "gcp", controls, severity: "high",
    types: [T.dataflowJob, T.dataflowFlexJob],
    description: "A Dataflow job's workers run as a dedicated service account, not the Compute Engine default account that holds roles/editor (unset means the default).",
    remediation: "Set `serviceAccountEmail` to a service account with roles/dataflow.worker and access to the job's own sources and sinks.",
    check: r => expect(r.props, "serviceAccountEmail", isDedicatedAccount, "a dedicated service account email (unset runs the workers as the Compute Engine default service account, which holds roles/editor)"),
});

const serverlessAccount = resourceRule({
    name: "gcp-least-privilege-serverless-service-account", cloud: "gcp", controls, severity: "high",
    types: Object.keys(serverlessIdentity),
    description: "A Cloud Function, Cloud Run service, job or worker pool, or App Engine version runs as a dedicated service account, not a default account that holds the Editor role on the project (unset means the default).",
    remediation: "Create a service account with only the roles the code needs and set it: `serviceAccountEmail` (2nd gen: `serviceConfig.serviceAccountEmail`), Cloud Run v2 `template.serviceAccount`, v1 `template.spec.serviceAccountName`, App Engine `serviceAccount`.",
    check: r => {
        const { where, unset } = serverlessIdentity[r.type];
        return expectAt(r.props, where, isDedicatedAccount, `a dedicated service account email (${unset}, which holds roles/editor)`);
    },
});

const longLivedKeys = resourceRule({
    name: "gcp-least-privilege-service-account-key", cloud: "gcp", controls, severity: "medium",
    types: [T.serviceAccountKey, T.hmacKey],
    description: "The stack creates no user-managed service account keys or Cloud Storage HMAC keys: long-lived shared secrets that land in state.",
    remediation: "Use the service account through workload identity or attached service accounts instead of exporting a key.",
    check: r => [{ property: "(resource)", found: r.type, wanted: "no long-lived key (use attached service accounts or workload identity federation)" }],
});

/** Grants at the level of a whole project, folder or organisation: an impersonation role there reaches every service account in it. */
const hierarchyGrantTypes: ReadonlySet<string> = new Set([
    T.projectIamMember, T.projectIamBinding, T.projectIamPolicy, T.folderIamMember, T.folderIamBinding, T.folderIamPolicy,
    T.orgIamMember, T.orgIamBinding, T.orgIamPolicy,
]);
const impersonationRoles: ReadonlySet<string> = new Set(["roles/iam.serviceaccounttokencreator", "roles/iam.serviceaccountuser"]);
const identityRoleWanted = "a predefined or custom role scoped to the task: not roles/owner or roles/editor, no administrator role (…Admin, …admin), " +
    "and no service-account impersonation role (serviceAccountTokenCreator, serviceAccountUser) on a project, folder or organisation";

/**
 * Why a role is too much for a workload identity (CIS Google Cloud 1.5: a service account has no admin
 * privileges; 1.6: no impersonation roles at project level), or undefined. Compared in lower case: IAM
 * refuses other spellings, so a spelling must not pass here.
 */
function tooMuchFor(role: unknown, grantType: string): string | undefined {
    if (typeof role !== "string") return "not a role name";
    const r = looseForm(role);
    if (basicRoles.has(r)) return "a basic role";
    if (/admin$/.test(r.slice(Math.max(r.lastIndexOf("/"), r.lastIndexOf(".")) + 1))) return "an administrator role";
    if (hierarchyGrantTypes.has(grantType) && impersonationRoles.has(r)) return "lets it act as every service account of the project, folder or organisation";
    return undefined;
}

/** The email a member names (`serviceAccount:<email>`, or the IAM v2 `principal://…/serviceAccounts/<email>`), in lower case. */
function memberEmail(member: unknown): string | undefined {
    if (typeof member !== "string") return undefined;
    const m = /^(?:serviceaccount:|principal:\/\/iam\.googleapis\.com\/projects\/[^/]+\/serviceaccounts\/)([^/?]+)$/.exec(member.trim().toLowerCase());
    return m?.[1];
}

/**
 * Whether a member names the identity by value. An account: `<accountId>@<project>.iam.gserviceaccount.com`
 * (any project when the account's is not known: over-matching only adds findings). A service agent:
 * `service-<number>@gcp-sa-<service>.iam.gserviceaccount.com`, any project number.
 */
function namesIdentity(member: unknown, identity: PolicyResource): boolean {
    const email = memberEmail(member);
    if (!email) return false;
    const at = email.lastIndexOf("@");
    const [local, domain] = [email.slice(0, at), email.slice(at + 1)];
    if (identity.type === T.serviceAccount) {
        const { accountId, project } = identity.props;
        if (typeof accountId !== "string" || local !== accountId.trim().toLowerCase()) return false;
        return typeof project === "string" ? domain === `${project.trim().toLowerCase()}${SA_DOMAIN}` : domain.endsWith(SA_DOMAIN);
    }
    const service = identity.props.service;
    if (typeof service !== "string") return false;
    return /^service-\d+$/.test(local) && domain === `gcp-sa-${service.trim().toLowerCase().split(".")[0]}${SA_DOMAIN}`;
}

const grantTypes = [...iamMemberTypes, ...iamBindingTypes, ...iamPolicyTypes] as const;

const identities = stackRule({
    name: "gcp-least-privilege-identity", cloud: "gcp", controls, severity: "high",
    judges: [T.serviceAccount, T.serviceIdentity],
    description: "A service account or service agent the stack creates is granted, anywhere in the stack, no basic role, no administrator role and no project-wide impersonation role; an account is not adopted from an existing one (createIgnoreAlreadyExists).",
    remediation: "Grant the identity predefined roles scoped to its task (e.g. roles/dataproc.worker, roles/cloudkms.cryptoKeyDecrypter on one key); leave `createIgnoreAlreadyExists` unset so the stack owns the account it grants.",
    check: stack => {
        const ids = stack.ofType(T.serviceAccount, T.serviceIdentity);
        const out: Violation[] = [];
        for (const a of stack.ofType(T.serviceAccount)) {
            // An adopted account keeps whatever roles and keys it already had, none of which this stack shows.
            const adopt = a.props.createIgnoreAlreadyExists;
            if (!terraformReads.offOrUnset(adopt)) out.push(about(a, "createIgnoreAlreadyExists", adopt, "unset or false (the stack creates the account it grants)"));
        }
        if (!ids.length) return out;
        for (const g of stack.ofType(...grantTypes)) {
            const prop = "policyData" in g.props ? "policyData" : "members" in g.props ? "members" : "member";
            const deps = new Set(g.opts.propertyDependencies?.[prop] ?? []);
            const grants = grantsOf(g);
            for (const id of ids) {
                const builtFrom = deps.has(id.urn);
                if (isUnknown(grants)) {
                    if (builtFrom) out.push(about(id, `(granted by ${g.type} "${g.name}").${prop}`, UNKNOWN, identityRoleWanted));
                    continue;
                }
                // By value, and, built from the identity, every member unknown at preview; a grant built from it whose members
                // name it nowhere counts whole (its member may be a spelling of it this rule does not know).
                let theirs: Grant[] = grants.filter(x => namesIdentity(x.member, id) || (builtFrom && typeof x.member !== "string"));
                if (!theirs.length && builtFrom) theirs = grants;
                for (const x of theirs) {
                    const roleProperty = `(granted by ${g.type} "${g.name}").${x.property.startsWith("policyData") ? x.property.replace(MEMBER_SUFFIX, ".role") : "role"}`;
                    if (isUnknown(x.role)) { out.push(about(id, roleProperty, x.role, identityRoleWanted)); continue; }
                    const why = tooMuchFor(x.role, g.type);
                    if (why) out.push(about(id, roleProperty, x.role, identityRoleWanted, `It is ${why}.`));
                }
            }
        }
        return out;
    },
});

/** A GKE node config runs its nodes as a dedicated service account (unset: the Compute Engine default, with roles/editor). */
const nodeAccount = (props: Record<string, unknown>) => (at: string) => expect(props, `${at}.serviceAccount`, isDedicatedAccount,
    "a dedicated service account email (unset runs the nodes as the Compute Engine default service account, which holds roles/editor)");

const gkeCluster = resourceRule({
    name: "gcp-least-privilege-gke-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.gkeCluster],
    description: "A GKE cluster authorizes with RBAC only (no legacy ABAC), gives pods their own identities through Workload Identity instead of the node's, and runs the nodes it creates as a dedicated service account.",
    remediation: "Leave `enableLegacyAbac` unset or false, set `workloadIdentityConfig.workloadPool: \"<project>.svc.id.goog\"`, and set `nodeConfig.serviceAccount` (Autopilot: `clusterAutoscaling.autoProvisioningDefaults.serviceAccount`) or remove the default node pool.",
    check: r => [
        ...expect(r.props, "enableLegacyAbac", terraformReads.offOrUnset, "false or unset (ABAC grants outside RBAC)"),
        // Autopilot turns Workload Identity on by itself.
        ...(terraformReads.on(r.props.enableAutopilot) ? [] : expect(r.props, "workloadIdentityConfig.workloadPool", v => typeof v === "string" && v.trim() !== "",
            "\"<project>.svc.id.goog\" (without it, every pod acts as its node's service account)")),
        ...eachNodeConfig(r, nodeAccount(r.props)),
    ],
});

const gkeNodePool = resourceRule({
    name: "gcp-least-privilege-gke-node-pool", cloud: "gcp", controls, severity: "high",
    types: [T.gkeNodePool],
    description: "A GKE node pool runs its nodes as a dedicated service account, not the Compute Engine default account that holds roles/editor.",
    remediation: "Set `nodeConfig.serviceAccount` to a service account with roles/container.defaultNodeServiceAccount only.",
    check: r => eachNodeConfig(r, nodeAccount(r.props)),
});

const vm = resourceRule({
    name: "gcp-least-privilege-compute-instance", cloud: "gcp", controls, severity: "high",
    types: vmTypes,
    description: "A Compute Engine VM or instance template runs as a dedicated service account, or none, never the Compute Engine default account that holds roles/editor (a `serviceAccount` without an email is the default).",
    remediation: "Set `serviceAccount.email` to a service account with only the roles the VM needs, or leave `serviceAccount` out for a VM that calls no Google API.",
    check: r => {
        const sa = r.props.serviceAccount;
        if (sa === undefined || sa === null) return [];
        return expect(r.props, "serviceAccount.email", isDedicatedAccount,
            "a dedicated service account email (unset, with `serviceAccount` given, is the Compute Engine default account, which holds roles/editor)");
    },
});

export const rules: Rule[] = [projectIam, dataprocServiceAccount, dataflowAccount, serverlessAccount, gkeCluster, gkeNodePool, vm, longLivedKeys, identities];
