// Google Cloud's answers under the checker's mocks: the project, its service agents, the GKE versions a
// cluster may run, the caller's client config, and the outputs Google Cloud computes.
import type { MockIdentity } from "../mocks";
import { caData, EmulationTable, host } from "./table";

const projectOf = (i: Record<string, any>, c: Record<string, string>, id: MockIdentity) => i.projectId ?? c["gcp:project"] ?? id.gcpProject;
const gkeVersions = ["1.31.1-gke.1678000", "1.30.5-gke.1014001", "1.29.9-gke.1496000"];

export const gcp: EmulationTable = {
    packages: ["gcp"],
    identifiers: gcpIdentifiers,
    invokes: {
        "gcp:organizations/getProject:getProject": (i, c, id) => { const project = projectOf(i, c, id); return { projectId: project, number: id.gcpProjectNumber, name: project, id: `projects/${project}` }; },
        "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (_i, _c, id) => { const email = `service-${id.gcpProjectNumber}@gs-project-accounts.iam.gserviceaccount.com`; return { emailAddress: email, member: `serviceAccount:${email}`, id: email }; },
        "gcp:logging/getProjectCmekSettings:getProjectCmekSettings": (i, c, id) => { const project = i.project ?? c["gcp:project"] ?? id.gcpProject; return { project, serviceAccountId: `service-${id.gcpProjectNumber}@gcp-sa-logging.iam.gserviceaccount.com`, name: `projects/${project}/cmekSettings`, id: `projects/${project}/cmekSettings` }; },
        "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount": (_i, _c, id) => { const email = `bq-${id.gcpProjectNumber}@bigquery-encryption.iam.gserviceaccount.com`; return { email, member: `serviceAccount:${email}`, id: email }; },
        "gcp:container/getEngineVersions:getEngineVersions": (i, c) => ({ id: i.location ?? c["gcp:zone"] ?? c["gcp:region"] ?? "us-central1", location: i.location, project: i.project ?? c["gcp:project"],
            latestMasterVersion: gkeVersions[0], latestNodeVersion: gkeVersions[0], defaultClusterVersion: gkeVersions[1], validMasterVersions: gkeVersions, validNodeVersions: gkeVersions,
            releaseChannelDefaultVersion: { RAPID: gkeVersions[0], REGULAR: gkeVersions[1], STABLE: gkeVersions[2] }, releaseChannelLatestVersion: { RAPID: gkeVersions[0], REGULAR: gkeVersions[1], STABLE: gkeVersions[2] } }),
        "gcp:organizations/getClientConfig:getClientConfig": (_i, c, id) => ({ id: "checker", accessToken: "ya29.checker-token", project: c["gcp:project"] ?? id.gcpProject, region: c["gcp:region"] ?? "us-central1",
            zone: c["gcp:zone"] ?? "us-central1-a", defaultLabels: {} }),
        // A pure data source the provider computes at preview: its policyData is what IAMPolicy resources are judged on.
        "gcp:organizations/getIAMPolicy:getIAMPolicy": i => ({ ...i, id: "policy", policyData: JSON.stringify(iamPolicyData(i)) }),
        "gcp:projects/getProject:getProject": (i, c, id) => { const p = c["gcp:project"] ?? id.gcpProject;
            return { id: i.filter ?? "projects", filter: i.filter, projects: [{ projectId: p, number: id.gcpProjectNumber, name: p, lifecycleState: "ACTIVE", createTime: "2026-01-01T00:00:00Z", labels: {}, parent: {} }] }; },
    },
    outputs: {
        "gcp:container/cluster:Cluster": (_n, i) => ({ endpoint: "34.118.0.10", masterVersion: i.minMasterVersion ?? "1.30.5-gke.1014001",
            masterAuth: { ...(i.masterAuth ?? {}), clusterCaCertificate: caData, clientCertificate: "", clientKey: "" } }),
        "gcp:cloudrun/service:Service": n => ({ statuses: [{ url: `https://${host(n)}-c0ffee-uc.a.run.app`, latestReadyRevisionName: `${host(n)}-00001`, latestCreatedRevisionName: `${host(n)}-00001`, conditions: [], observedGeneration: 1 }] }),
        "gcp:cloudrunv2/service:Service": n => ({ uri: `https://${host(n)}-c0ffee-uc.a.run.app`, urls: [`https://${host(n)}-c0ffee-uc.a.run.app`] }),
        "gcp:sql/databaseInstance:DatabaseInstance": (n, _i, r, id) => ({ connectionName: `${id.gcpProject}:${r}:${host(n)}`, publicIpAddress: "34.0.0.20", privateIpAddress: "10.0.0.20",
            ipAddresses: [{ ipAddress: "34.0.0.20", type: "PRIMARY" }] }),
        "gcp:compute/address:Address": () => ({ address: "34.0.0.30" }),
        "gcp:compute/globalAddress:GlobalAddress": () => ({ address: "34.0.0.31" }),
    },
};

/** gcp.organizations.getIAMPolicy's policyData, built from its inputs as the provider writes it (empty lists left out). */
function iamPolicyData(i: Record<string, any>) {
    const bindings = (i.bindings ?? []).map((b: any) => ({ role: b.role, members: [...(b.members ?? [])].sort(),
        ...(b.condition ? { condition: { expression: b.condition.expression, title: b.condition.title, ...(b.condition.description ? { description: b.condition.description } : {}) } } : {}) }));
    const auditConfigs = (i.auditConfigs ?? []).map((a: any) => ({ service: a.service,
        auditLogConfigs: (a.auditLogConfigs ?? []).map((l: any) => ({ logType: l.logType, ...(l.exemptedMembers?.length ? { exemptedMembers: l.exemptedMembers } : {}) })) }));
    return { ...(auditConfigs.length ? { auditConfigs } : {}), ...(bindings.length ? { bindings } : {}) };
}

function gcpIdentifiers(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity): Record<string, unknown> {
    const project = inputs.project ?? config["gcp:project"] ?? identity.gcpProject;
    const physical = inputs.name ?? name;
    const ids: Record<string, unknown> = { id: `projects/${project}/${type.split(":")[1]?.split("/")[1] ?? "resource"}/${physical}`, name: physical, project, selfLink: `https://www.googleapis.com/mock/projects/${project}/${physical}` };
    if (type === "gcp:serviceaccount/account:Account") {
        const email = `${inputs.accountId ?? name}@${project}.iam.gserviceaccount.com`;
        Object.assign(ids, { email, member: `serviceAccount:${email}` });
    }
    if (type === "gcp:storage/bucket:Bucket") Object.assign(ids, { id: physical, url: `gs://${physical}` });
    if (type === "gcp:projects/serviceIdentity:ServiceIdentity") {
        const email = `service-${identity.gcpProjectNumber}@gcp-sa-${String(inputs.service ?? "").split(".")[0]}.iam.gserviceaccount.com`;
        Object.assign(ids, { email, member: `serviceAccount:${email}` });
    }
    if (type === "gcp:logging/projectBucketConfig:ProjectBucketConfig") ids.id = `projects/${project}/locations/${inputs.location}/buckets/${inputs.bucketId}`;
    if (type === "gcp:kms/keyRing:KeyRing") ids.id = `projects/${project}/locations/${inputs.location}/keyRings/${physical}`;
    if (type === "gcp:kms/cryptoKey:CryptoKey") ids.id = `${inputs.keyRing}/cryptoKeys/${physical}`;
    // A key version is named under its key, `…/cryptoKeys/KEY/cryptoKeyVersions/N` (id and name alike): a program
    // that hands a version where a key is wanted must show it, as Google would.
    if (type === "gcp:kms/cryptoKeyVersion:CryptoKeyVersion") ids.id = ids.name = `${inputs.cryptoKey}/cryptoKeyVersions/1`;
    // A dataset is `projects/P/datasets/<datasetId>` (its name input is datasetId), as Google gives it.
    if (type === "gcp:bigquery/dataset:Dataset") ids.id = `projects/${project}/datasets/${inputs.datasetId ?? name}`;
    return ids;
}
