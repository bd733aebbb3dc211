// LEAST-PRIVILEGE on Google Cloud: no basic Owner/Editor roles on projects, folders or organisations,
// a dedicated service account for Dataproc VMs (not the default Compute Engine one, which holds
// Editor by default), and no long-lived user-managed keys.
import { expect, resourceRule, Rule, Violation } from "../lib/rule";
import { isUnknown, UNKNOWN } from "../lib/values";
import { T } from "./common";
import { onComputeEngine } from "./enc-rest-cmk";
import { grantsOf } from "./iam";

const controls: Rule["controls"] = ["LEAST-PRIVILEGE"];
const basicRoles: ReadonlySet<string> = new Set(["roles/owner", "roles/editor"]);
const DEFAULT_COMPUTE_SA = "-compute@developer.gserviceaccount.com";
const APP_ENGINE_SA = "@appspot.gserviceaccount.com";
const MEMBER_SUFFIX = /\.members\[\d+\]$/;

const projectIam = resourceRule({
    name: "gcp-least-privilege-project-iam", cloud: "gcp", controls, severity: "high",
    types: [
        T.projectIamMember, T.projectIamBinding, T.projectIamPolicy,
        T.folderIamMember, T.folderIamBinding, T.folderIamPolicy,
        T.orgIamMember, T.orgIamBinding, T.orgIamPolicy,
    ],
    description: "No project, folder or organisation grant uses the basic roles roles/owner or roles/editor (they reach every PHI store).",
    remediation: "Grant predefined or custom roles scoped to the task (e.g. roles/dataproc.worker, roles/bigquery.dataViewer) instead of roles/owner or roles/editor.",
    check: r => {
        const grants = grantsOf(r);
        if (isUnknown(grants)) return [{ property: "policyData", found: UNKNOWN, wanted: "bindings without roles/owner or roles/editor" }];
        const out: Violation[] = [];
        const seen = new Set<string>();
        for (const g of grants) {
            const property = g.property.startsWith("policyData") ? g.property.replace(MEMBER_SUFFIX, ".role") : "role";
            if (seen.has(property)) continue;
            if (isUnknown(g.role) || (typeof g.role === "string" && basicRoles.has(g.role))) {
                seen.add(property);
                out.push({ property, found: g.role, wanted: "a predefined or custom role, not roles/owner or roles/editor" });
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
    check: r => onComputeEngine(r) ?? expect(r.props, "clusterConfig.gceClusterConfig.serviceAccount",
        v => typeof v === "string" && v.trim() !== "" && !v.endsWith(DEFAULT_COMPUTE_SA) && !v.endsWith(APP_ENGINE_SA),
        "a dedicated service account email (not …-compute@developer.gserviceaccount.com)"),
});

const longLivedKeys = resourceRule({
    name: "gcp-least-privilege-service-account-key", cloud: "gcp", controls, severity: "medium",
    types: [T.serviceAccountKey, T.hmacKey],
    description: "The stack creates no user-managed service account keys or Cloud Storage HMAC keys: long-lived shared secrets that land in state.",
    remediation: "Use the service account through workload identity or attached service accounts instead of exporting a key.",
    check: r => [{ property: "(resource)", found: r.type, wanted: "no long-lived key (use attached service accounts or workload identity federation)" }],
});

export const rules: Rule[] = [projectIam, dataprocServiceAccount, longLivedKeys];
