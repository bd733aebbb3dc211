// PUBLIC-ACCESS on Google Cloud: no anonymous or all-Google-accounts principals on PHI stores or
// keys, public access prevention on buckets, and no public IPs or open web UIs on Dataproc.
import { terraformReads } from "../lib/inputs";
import { admitsInternet } from "../lib/network";
import { expect, expectGiven, resourceRule, Rule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { isPublicMember, T } from "./support/tokens";
import { grantsOf, iamBindingTypes, iamMemberTypes, iamPolicyTypes } from "./support/iam";
import { expectAt, onComputeEngine } from "./support/workloads";

const controls: Rule["controls"] = ["PUBLIC-ACCESS"];
const notPublic = "a principal other than \"allUsers\" / \"allAuthenticatedUsers\"";

function publicGrants(r: Parameters<typeof grantsOf>[0], whole: string): Violation[] {
    const grants = grantsOf(r);
    if (isUnknown(grants)) return [{ property: whole, found: UNKNOWN, wanted: `members that are ${notPublic}` }];
    const out: Violation[] = [];
    for (const g of grants) {
        if (isUnknown(g.member) || isPublicMember(g.member)) {
            out.push({ property: g.property, found: g.member, wanted: notPublic });
        }
    }
    return out;
}

const iamMember = resourceRule({
    name: "gcp-public-access-iam-member", cloud: "gcp", controls, severity: "critical",
    types: iamMemberTypes,
    description: "An IAM member grant on a PHI resource (bucket, dataset, DICOM store, key, project, function, Cloud Run service, topic, secret, registry, disk) does not grant to allUsers or allAuthenticatedUsers.",
    remediation: "Grant the role to a named user, group or service account instead of `allUsers` / `allAuthenticatedUsers`.",
    check: r => [...expectGiven(r.props, "member", "a named principal"), ...publicGrants(r, "member")],
});

const iamBinding = resourceRule({
    name: "gcp-public-access-iam-binding", cloud: "gcp", controls, severity: "critical",
    types: iamBindingTypes,
    description: "An IAM binding on a PHI resource (bucket, dataset, DICOM store, key, project, function, Cloud Run service, topic, secret, registry, disk) lists neither allUsers nor allAuthenticatedUsers.",
    remediation: "Remove `allUsers` / `allAuthenticatedUsers` from `members`; list named users, groups or service accounts.",
    check: r => [...expectGiven(r.props, "members", "named principals"), ...publicGrants(r, "members")],
});

const iamPolicy = resourceRule({
    name: "gcp-public-access-iam-policy", cloud: "gcp", controls, severity: "critical",
    types: iamPolicyTypes,
    description: "An authoritative IAM policy on a PHI resource (bucket, dataset, DICOM store, key, project, function, Cloud Run service, topic, secret, registry, disk) has no binding to allUsers or allAuthenticatedUsers.",
    remediation: "Remove `allUsers` / `allAuthenticatedUsers` from every binding of `policyData`.",
    check: r => [...expectGiven(r.props, "policyData", "a policy document"), ...publicGrants(r, "policyData")],
});

const bucket = resourceRule({
    name: "gcp-public-access-storage-bucket", cloud: "gcp", controls, severity: "critical",
    types: [T.bucket],
    description: "A Cloud Storage bucket enforces public access prevention and uniform bucket-level access (IAM only, no object ACLs).",
    remediation: "Set `publicAccessPrevention: \"enforced\"` and `uniformBucketLevelAccess: true`.",
    check: r => [
        ...expect(r.props, "publicAccessPrevention", v => v === "enforced", "\"enforced\""),
        ...expect(r.props, "uniformBucketLevelAccess", terraformReads.on, "true"),
    ],
});

/** BigQuery dataset access entries (inline `accesses[]` or a `DatasetAccess` resource) that open the data to everyone. */
function publicAccessEntry(entry: Record<string, unknown>, prefix: string): Violation[] {
    const out: Violation[] = [];
    if (isUnknown(entry.specialGroup) || isPublicMember(entry.specialGroup)) {
        out.push({ property: `${prefix}specialGroup`, found: entry.specialGroup, wanted: "a project group, not \"allAuthenticatedUsers\"" });
    }
    if (isUnknown(entry.iamMember) || isPublicMember(entry.iamMember)) {
        out.push({ property: `${prefix}iamMember`, found: entry.iamMember, wanted: notPublic });
    }
    return out;
}

const bqDataset = resourceRule({
    name: "gcp-public-access-bigquery-dataset", cloud: "gcp", controls, severity: "critical",
    types: [T.bqDataset],
    description: "A BigQuery dataset's access list grants nothing to allUsers or allAuthenticatedUsers.",
    remediation: "Remove `accesses` entries with `specialGroup: \"allAuthenticatedUsers\"` or `iamMember: \"allUsers\"`; grant named groups instead.",
    check: r => {
        const accesses = r.props.accesses;
        if (isUnknown(accesses)) return [{ property: "accesses", found: accesses, wanted: `entries for ${notPublic}` }];
        return asArray(accesses as Record<string, unknown>[]).flatMap((a, i) =>
            isUnknown(a) ? [{ property: `accesses[${i}]`, found: a, wanted: `an entry for ${notPublic}` }] : publicAccessEntry(a ?? {}, `accesses[${i}].`));
    },
});

const bqDatasetAccess = resourceRule({
    name: "gcp-public-access-bigquery-dataset-access", cloud: "gcp", controls, severity: "critical",
    types: [T.bqDatasetAccess],
    description: "A BigQuery dataset access grant is not to allUsers or allAuthenticatedUsers.",
    remediation: "Set `iamMember`, `groupByEmail` or `userByEmail` to a named principal instead of a public one.",
    check: r => publicAccessEntry(r.props, ""),
});

const aclEntityTypes = [
    "gcp:storage/bucketAccessControl:BucketAccessControl",
    "gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
    "gcp:storage/objectAccessControl:ObjectAccessControl",
] as const;
const aclListTypes = ["gcp:storage/bucketACL:BucketACL", "gcp:storage/defaultObjectACL:DefaultObjectACL", "gcp:storage/objectACL:ObjectACL"] as const;
const publicPredefinedAcls: ReadonlySet<string> = new Set(["publicRead", "publicReadWrite", "authenticatedRead"]);

/** An ACL entity ("allUsers") or role entity ("READER:allUsers") naming the public. */
function isPublicEntity(v: unknown): boolean {
    if (typeof v !== "string") return false;
    return isPublicMember(v.slice(v.indexOf(":") + 1)) || isPublicMember(v);
}

const storageAcl = resourceRule({
    name: "gcp-public-access-storage-acl", cloud: "gcp", controls, severity: "critical",
    types: [...aclEntityTypes, ...aclListTypes],
    description: "A Cloud Storage ACL (bucket, default object or object) grants nothing to allUsers or allAuthenticatedUsers.",
    remediation: "Remove public ACL entries and predefined public ACLs; use uniform bucket-level access with IAM grants to named principals.",
    check: r => {
        const out: Violation[] = [];
        if ("entity" in r.props) out.push(...expect(r.props, "entity", v => !isPublicEntity(v), notPublic));
        for (const prop of ["predefinedAcl", "defaultAcl"]) {
            if (prop in r.props) out.push(...expect(r.props, prop, v => typeof v !== "string" || !publicPredefinedAcls.has(v), "a private predefined ACL"));
        }
        const entities = r.props.roleEntities;
        if (isUnknown(entities)) out.push({ property: "roleEntities", found: entities, wanted: `entries for ${notPublic}` });
        else asArray(entities as unknown[]).forEach((e, i) => {
            if (isUnknown(e) || isPublicEntity(e)) out.push({ property: `roleEntities[${i}]`, found: e, wanted: notPublic });
        });
        return out;
    },
});

const dataproc = resourceRule({
    name: "gcp-public-access-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    description: "A Dataproc cluster's VMs have internal IP addresses only and the Component Gateway (public web UIs) is off.",
    remediation: "Set `clusterConfig.gceClusterConfig.internalIpOnly: true` and leave `clusterConfig.endpointConfig.enableHttpPortAccess` false.",
    check: r => onComputeEngine(r) ?? [
        ...expect(r.props, "clusterConfig.gceClusterConfig.internalIpOnly", terraformReads.on, "true"),
        ...expect(r.props, "clusterConfig.endpointConfig.enableHttpPortAccess", terraformReads.offOrUnset, "false or unset (Component Gateway off)"),
    ],
});

const rangesWanted = "private or named ranges, not the internet (0.0.0.0/0, ::/0, or ranges that together cover it)";

/**
 * The authorized networks of a database or API server (`list`, entries `{<field>: range}`) that together admit the
 * internet (lib/network.ts: 0.0.0.0/1 and 128.0.0.0/1 are the whole internet as much as 0.0.0.0/0 is): a violation
 * naming the entry that is the internet by itself, else the list; unknown when a range unknown at preview could make
 * it so. An entry written as a bare range (which the provider refuses) is read as that range, never as nothing.
 */
function internetRanges(props: Record<string, unknown>, list: string, field: string): Violation[] {
    const entries = get(props, list);
    if (isUnknown(entries)) return [{ property: list, found: entries, wanted: rangesWanted }];
    const values = asArray(entries as unknown[]).map(n => n && typeof n === "object" && !Array.isArray(n) ? (n as Record<string, unknown>)[field] : n);
    const world = admitsInternet(values);
    if (world === "no") return [];
    const alone = values.findIndex(v => admitsInternet([v]) === "yes");
    const at = alone >= 0 ? alone : values.findIndex(v => isUnknown(v));
    return [{ property: at >= 0 ? `${list}[${at}].${field}` : list, found: world === "unknown" ? UNKNOWN : at >= 0 ? values[at] : values, wanted: rangesWanted }];
}

const sqlInstance = resourceRule({
    name: "gcp-public-access-sql-instance", cloud: "gcp", controls, severity: "critical",
    types: [T.sqlInstance],
    description: "A Cloud SQL instance has no public IP address (CIS GCP 6.6) and admits no authorized network of the whole internet.",
    remediation: "Set `settings.ipConfiguration.ipv4Enabled: false` with a `privateNetwork`, and remove 0.0.0.0/0 from `authorizedNetworks`.",
    check: r => {
        // A public IP is on unless turned off (the API's default).
        return [
            ...expect(r.props, "settings.ipConfiguration.ipv4Enabled", terraformReads.off, "false (unset means a public IP)"),
            ...internetRanges(r.props, "settings.ipConfiguration.authorizedNetworks", "value"),
        ];
    },
});

const runInvokerCheck = resourceRule({
    name: "gcp-public-access-cloud-run-invoker-check", cloud: "gcp", controls, severity: "critical",
    types: [T.runService, T.runV2Service],
    // With the invoker check off, Cloud Run lets anyone who reaches the URL call the service, whatever its IAM grants say.
    description: "A Cloud Run service keeps the IAM invoker check on (only principals granted roles/run.invoker may call it).",
    remediation: "Leave `invokerIamDisabled` unset or false (v1: remove the annotation `run.googleapis.com/invoker-iam-disabled`).",
    check: r => expectAt(r.props, r.type === T.runService ? { map: "metadata.annotations", key: "run.googleapis.com/invoker-iam-disabled" } : "invokerIamDisabled",
        // Any value but false/"false" or unset may turn it off: the API parses the annotation as a boolean.
        terraformReads.offOrUnset, "false or unset (the invoker check on)"),
});

const gkeControlPlane = resourceRule({
    name: "gcp-public-access-gke-control-plane", cloud: "gcp", controls, severity: "critical",
    types: [T.gkeCluster],
    description: "A GKE cluster's API server is not reachable from the whole internet: a private endpoint only, IP endpoints off, or master authorized networks that admit no internet range and not every Google Cloud public IP.",
    remediation: "Set `privateClusterConfig.enablePrivateEndpoint: true` (or `controlPlaneEndpointsConfig.ipEndpointsConfig.enabled: false`), or `masterAuthorizedNetworksConfig.cidrBlocks` to your admin ranges, with `gcpPublicCidrsAccessEnabled` false.",
    check: r => {
        const privateOnly = get(r.props, "privateClusterConfig.enablePrivateEndpoint");
        const ipEndpoints = get(r.props, "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled");
        if (terraformReads.on(privateOnly) || terraformReads.off(ipEndpoints)) return [];
        const config = r.props.masterAuthorizedNetworksConfig;
        const wanted = "master authorized networks of named ranges (unset: the public endpoint admits every address)";
        if (isUnknown(privateOnly) || isUnknown(ipEndpoints) || isUnknown(config)) {
            return [{ property: isUnknown(config) ? "masterAuthorizedNetworksConfig" : isUnknown(privateOnly) ? "privateClusterConfig.enablePrivateEndpoint" : "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled", found: UNKNOWN, wanted }];
        }
        if (config === undefined || config === null) return [{ property: "masterAuthorizedNetworksConfig", found: config, wanted }];
        const out = expect(r.props, "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled", terraformReads.offOrUnset,
            "false or unset (true admits every public IP of Google Cloud, anyone's VM)");
        return [...out, ...internetRanges(r.props, "masterAuthorizedNetworksConfig.cidrBlocks", "cidrBlock")];
    },
});

const alloydbInstance = resourceRule({
    name: "gcp-public-access-alloydb-instance", cloud: "gcp", controls, severity: "critical",
    types: [T.alloydbInstance],
    description: "An AlloyDB instance has no public IP address (the default), and no authorized external network of the whole internet.",
    remediation: "Leave `networkConfig.enablePublicIp` unset or false, and remove internet ranges from `networkConfig.authorizedExternalNetworks`.",
    check: r => {
        return [
            ...expect(r.props, "networkConfig.enablePublicIp", terraformReads.offOrUnset, "false or unset (a public IP reachable from the internet)"),
            ...internetRanges(r.props, "networkConfig.authorizedExternalNetworks", "cidrRange"),
        ];
    },
});

export const rules: Rule[] = [gkeControlPlane, alloydbInstance, runInvokerCheck, bucket, iamMember, iamBinding, iamPolicy, bqDataset, bqDatasetAccess, storageAcl, sqlInstance, dataproc];
