// Answers to provider functions (invokes) under the mocks: plausible values of the right shape, so
// programs that index into results or parse them run on. An invoke not known here gets an empty
// but well-formed answer, and the recorder notes its token for the report.
import type { MockIdentity, Recorder } from "./mocks";

type Answer = (inputs: Record<string, any>, config: Record<string, string>, id: MockIdentity) => Record<string, unknown>;

const answers: Record<string, Answer> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, _c, id) => ({ accountId: id.awsAccountId, arn: `arn:aws:iam::${id.awsAccountId}:user/checker`, userId: "AIDACHECKER", id: id.awsAccountId }),
    "aws:index/getRegion:getRegion": (i, c) => { const r = i.region ?? i.name ?? c["aws:region"] ?? "us-east-1"; return { name: r, region: r, id: r, endpoint: `ec2.${r}.amazonaws.com`, description: r }; },
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": (i, c) => {
        const r = i.region ?? c["aws:region"] ?? "us-east-1";
        return { names: ["a", "b", "c"].map(z => r + z), zoneIds: [1, 2, 3].map(n => `use1-az${n}`), id: r, groupNames: [r] };
    },
    // The AWS-managed prefix list of a gateway endpoint's service (e.g. com.amazonaws.<region>.s3), for security-group egress.
    "aws:ec2/getPrefixList:getPrefixList": (i, c) => { const r = i.region ?? c["aws:region"] ?? "us-east-1"; const name = i.name ?? `com.amazonaws.${r}.s3`; return { id: "pl-63a5400a", prefixListId: "pl-63a5400a", name, cidrBlocks: ["52.216.0.0/15"], region: r }; },
    "aws:iam/getPolicyDocument:getPolicyDocument": i => ({ json: JSON.stringify(policyDocument(i)), minifiedJson: JSON.stringify(policyDocument(i)), id: "policy" }),
    "azure-native:authorization:getClientConfig": (_i, _c, id) => ({ clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000b1", subscriptionId: id.azureSubscriptionId, tenantId: id.azureTenantId }),
    "gcp:organizations/getProject:getProject": (i, c, id) => ({ projectId: i.projectId ?? c["gcp:project"] ?? id.gcpProject, number: id.gcpProjectNumber, name: i.projectId ?? c["gcp:project"] ?? id.gcpProject, id: `projects/${i.projectId ?? c["gcp:project"] ?? id.gcpProject}` }),
    "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (_i, _c, id) => { const email = `service-${id.gcpProjectNumber}@gs-project-accounts.iam.gserviceaccount.com`; return { emailAddress: email, member: `serviceAccount:${email}`, id: email }; },
    "gcp:logging/getProjectCmekSettings:getProjectCmekSettings": (i, c, id) => { const project = i.project ?? c["gcp:project"] ?? id.gcpProject; return { project, serviceAccountId: `service-${id.gcpProjectNumber}@gcp-sa-logging.iam.gserviceaccount.com`, name: `projects/${project}/cmekSettings`, id: `projects/${project}/cmekSettings` }; },
    "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount": (_i, _c, id) => { const email = `bq-${id.gcpProjectNumber}@bigquery-encryption.iam.gserviceaccount.com`; return { email, member: `serviceAccount:${email}`, id: email }; },
};

/** aws.iam.getPolicyDocument's JSON, built from its inputs as the provider would. */
function policyDocument(i: Record<string, any>) {
    const statements = (i.statements ?? []).map((s: any) => ({
        ...(s.sid ? { Sid: s.sid } : {}),
        Effect: s.effect ?? "Allow",
        ...(s.actions ? { Action: s.actions } : {}),
        ...(s.notActions ? { NotAction: s.notActions } : {}),
        ...(s.resources ? { Resource: s.resources } : {}),
        ...(s.principals ? { Principal: Object.fromEntries(s.principals.map((p: any) => [p.type, p.identifiers])) } : {}),
        ...(s.conditions ? { Condition: Object.fromEntries(s.conditions.map((c: any) => [c.test, { [c.variable]: c.values }])) } : {}),
    }));
    return { Version: i.version ?? "2012-10-17", Statement: statements };
}

export function answerInvoke(token: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity,
    recorder: Recorder): Record<string, unknown> {
    const answer = answers[token];
    if (answer) return answer(inputs, config, identity);
    recorder.unknownInvokes.add(token);
    return {};
}
