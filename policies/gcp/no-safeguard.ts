// Google Cloud types that no safeguard of the Security Rule applies to: each has no input that stores
// PHI, grants access, opens a network path or changes encryption or logging (read from the @pulumi/gcp
// 9.37 documentation of the type, named in `inputs`). Each entry is a rule of the most related control
// that answers "not applicable" with the reason, which every report shows; never "compliant".
// One table, so that adding a type here is a visible decision, not a rule scattered among the others.
import type { ControlId } from "../controls";
import type { Rule } from "../lib/rule";
import { noSafeguardRules } from "../lib/no-safeguard";
import { T } from "./support/tokens";

interface NoSafeguard {
    type: string;
    /** `gcp-<control>-<slug>` names the rule. */
    slug: string;
    control: ControlId;
    /** Every input the type has in the installed SDK: an input beyond these leaves the resource not judged. */
    inputs: readonly string[];
    reason: string;
}

export const noSafeguardTypes: readonly NoSafeguard[] = [
    {
        type: T.keyRing, slug: "kms-key-ring", control: "ENC-REST-CMK", inputs: ["name", "location", "project"],
        reason: "a Cloud KMS key ring only names a location and a group for keys: its inputs are its name, location and project; " +
            "its keys are judged on each CryptoKey (purpose, rotation, deletion protection), grants on it are KeyRingIAM* resources " +
            "judged by PUBLIC-ACCESS, and Cloud KMS cannot delete a key ring",
    },
    {
        // Issue 15: the most common type of hand-written Google Cloud programs after networks and buckets.
        type: "gcp:projects/service:Service", slug: "project-service", control: "AUDIT-LOG",
        inputs: ["checkIfServiceHasUsageOnDestroy", "deletionPolicy", "disableDependentServices", "disableOnDestroy", "project", "service"],
        reason: "enabling a Google API on a project stores no data, grants no one access and opens no network path: its inputs name the " +
            "project and the API and say what to do on destroy; the resources made with the API are judged on their own, and its Data " +
            "Access audit logs by the project's IAMAuditConfig (gcp-audit-log-phi-services)",
    },
    {
        type: "gcp:vpcaccess/connector:Connector", slug: "vpc-access-connector", control: "NETWORK-PRIVATE",
        inputs: ["deletionPolicy", "ipCidrRange", "machineType", "maxInstances", "maxThroughput", "minInstances", "minThroughput", "name",
            "network", "project", "region", "subnet"],
        reason: "a Serverless VPC Access connector only carries a function's or Cloud Run service's traffic into the VPC: its inputs are " +
            "its size, range and network; it stores nothing and has no encryption, access or logging setting, what the traffic reaches is " +
            "judged on the VPC's firewall rules, and whether a workload uses it on the workload (gcp-network-private-serverless-egress)",
    },
];

export const rules: Rule[] = noSafeguardRules("gcp", "policies/gcp/no-safeguard.ts",
    noSafeguardTypes.map(({ type, ...entry }) => ({ ...entry, types: [type] })));
