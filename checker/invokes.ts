// Answers to provider functions (invokes) under the mocks: plausible values of the right shape, so
// programs that index into results or parse them run on. An invoke not known here gets an empty
// but well-formed answer, and the recorder notes its token for the report.
import type { MockIdentity, RegistrationSink } from "./mocks";

type Answer = (inputs: Record<string, any>, config: Record<string, string>, id: MockIdentity) => Record<string, unknown>;

const regionOf = (i: Record<string, any>, c: Record<string, string>) => i.region ?? c["aws:region"] ?? "us-east-1";
const projectOf = (i: Record<string, any>, c: Record<string, string>, id: MockIdentity) => i.projectId ?? c["gcp:project"] ?? id.gcpProject;

const platformAnswers: Record<string, Answer> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_i, _c, id) => ({ accountId: id.awsAccountId, arn: `arn:aws:iam::${id.awsAccountId}:user/checker`, userId: "AIDACHECKER", id: id.awsAccountId }),
    "aws:index/getRegion:getRegion": (i, c) => { const r = i.region ?? i.name ?? c["aws:region"] ?? "us-east-1"; return { name: r, region: r, id: r, endpoint: `ec2.${r}.amazonaws.com`, description: r }; },
    // The partition of the provider's region, as AWS gives it: GovCloud and China regions have their own.
    "aws:index/getPartition:getPartition": (i, c) => {
        const region = regionOf(i, c);
        const partition = region.startsWith("us-gov-") ? "aws-us-gov" : region.startsWith("cn-") ? "aws-cn" : "aws";
        const dnsSuffix = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        return { partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join("."), id: partition };
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": (i, c) => {
        const r = regionOf(i, c);
        return { names: ["a", "b", "c"].map(z => r + z), zoneIds: [1, 2, 3].map(n => `use1-az${n}`), id: r, groupNames: [r] };
    },
    // The AWS-managed prefix list of a gateway endpoint's service (e.g. com.amazonaws.<region>.s3), for security-group egress.
    "aws:ec2/getPrefixList:getPrefixList": (i, c) => { const r = regionOf(i, c); const name = i.name ?? `com.amazonaws.${r}.s3`; return { id: "pl-63a5400a", prefixListId: "pl-63a5400a", name, cidrBlocks: ["52.216.0.0/15"], region: r }; },
    "aws:iam/getPolicyDocument:getPolicyDocument": i => { const json = JSON.stringify(policyDocument(i)); return { json, minifiedJson: json, id: "policy" }; },
    "azure-native:authorization:getClientConfig": (_i, _c, id) => ({ clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000b1", subscriptionId: id.azureSubscriptionId, tenantId: id.azureTenantId }),
    "gcp:organizations/getProject:getProject": (i, c, id) => { const project = projectOf(i, c, id); return { projectId: project, number: id.gcpProjectNumber, name: project, id: `projects/${project}` }; },
    "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": (_i, _c, id) => { const email = `service-${id.gcpProjectNumber}@gs-project-accounts.iam.gserviceaccount.com`; return { emailAddress: email, member: `serviceAccount:${email}`, id: email }; },
    "gcp:logging/getProjectCmekSettings:getProjectCmekSettings": (i, c, id) => { const project = i.project ?? c["gcp:project"] ?? id.gcpProject; return { project, serviceAccountId: `service-${id.gcpProjectNumber}@gcp-sa-logging.iam.gserviceaccount.com`, name: `projects/${project}/cmekSettings`, id: `projects/${project}/cmekSettings` }; },
    "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount": (_i, _c, id) => { const email = `bq-${id.gcpProjectNumber}@bigquery-encryption.iam.gserviceaccount.com`; return { email, member: `serviceAccount:${email}`, id: email }; },
};

const b64 = (text: string) => Buffer.from(text).toString("base64");

// Lookups of existing AWS things the corpus programs make (the default VPC and its subnets, an AMI,
// a hosted zone, ECR credentials, the organization, an SSM parameter such as EKS's AMI id).
const awsLookups: Record<string, Answer> = {
    "aws:ec2/getAmi:getAmi": (i, c) => ({ id: "ami-0c55b159cbfafe1f0", imageId: "ami-0c55b159cbfafe1f0", architecture: "x86_64", name: i.nameRegex ?? "amzn2-ami-hvm-2.0-x86_64-gp2",
        ownerId: (i.owners ?? ["137112412989"])[0], rootDeviceName: "/dev/xvda", rootDeviceType: "ebs", virtualizationType: "hvm", imageLocation: "amazon/amzn2-ami-hvm", region: regionOf(i, c), blockDeviceMappings: [], tags: {} }),
    "aws:ec2/getVpc:getVpc": (i, c, id) => ({ id: i.id ?? "vpc-0c0ffee0c0ffee000", cidrBlock: "172.31.0.0/16", default: i.default ?? true, state: "available", ownerId: id.awsAccountId,
        arn: `arn:aws:ec2:${regionOf(i, c)}:${id.awsAccountId}:vpc/vpc-0c0ffee0c0ffee000`, mainRouteTableId: "rtb-0c0ffee0c0ffee000", dhcpOptionsId: "dopt-0c0ffee0", instanceTenancy: "default",
        enableDnsHostnames: true, enableDnsSupport: true, cidrBlockAssociations: [], tags: {} }),
    "aws:ec2/getSubnets:getSubnets": (i, c) => ({ id: regionOf(i, c), ids: ["subnet-0a0000000000000a1", "subnet-0a0000000000000b2", "subnet-0a0000000000000c3"] }),
    "aws:ec2/getSubnetIds:getSubnetIds": (i, c) => ({ id: regionOf(i, c), vpcId: i.vpcId, ids: ["subnet-0a0000000000000a1", "subnet-0a0000000000000b2", "subnet-0a0000000000000c3"] }),
    "aws:ec2/getSubnet:getSubnet": (i, c, id) => { const r = regionOf(i, c); const sid = i.id ?? "subnet-0a0000000000000a1";
        return { id: sid, arn: `arn:aws:ec2:${r}:${id.awsAccountId}:subnet/${sid}`, availabilityZone: `${r}a`, availabilityZoneId: "use1-az1", cidrBlock: "172.31.0.0/20", vpcId: i.vpcId ?? "vpc-0c0ffee0c0ffee000",
            defaultForAz: true, mapPublicIpOnLaunch: true, ownerId: id.awsAccountId, state: "available", tags: {} }; },
    "aws:ec2/getSecurityGroup:getSecurityGroup": (i, c, id) => ({ id: i.id ?? "sg-0c0ffee0c0ffee000", name: i.name ?? "default", vpcId: i.vpcId ?? "vpc-0c0ffee0c0ffee000", description: "default VPC security group",
        arn: `arn:aws:ec2:${regionOf(i, c)}:${id.awsAccountId}:security-group/sg-0c0ffee0c0ffee000`, tags: {} }),
    "aws:route53/getZone:getZone": (i, _c, id) => { const name = String(i.name ?? "example.com").replace(/\.$/, ""); const zoneId = i.zoneId ?? "Z0123456789CHECKER";
        return { id: zoneId, zoneId, name, arn: `arn:aws:route53:::hostedzone/${zoneId}`, callerReference: "checker", comment: "", privateZone: i.privateZone ?? false, resourceRecordSetCount: 2,
            nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net"], primaryNameServer: "ns-1.awsdns-01.org", tags: {}, linkedServiceDescription: "", linkedServicePrincipal: "", vpcId: i.vpcId ?? "", ownerId: id.awsAccountId }; },
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": (i, c, id) => ({ id: regionOf(i, c), userName: "AWS", password: "checker-ecr-password", authorizationToken: b64("AWS:checker-ecr-password"),
        proxyEndpoint: `https://${id.awsAccountId}.dkr.ecr.${regionOf(i, c)}.amazonaws.com`, expiresAt: "2030-01-01T00:00:00Z", registryId: i.registryId ?? id.awsAccountId }),
    "aws:organizations/getOrganization:getOrganization": (_i, _c, id) => ({ id: "o-checker0001", arn: `arn:aws:organizations::${id.awsAccountId}:organization/o-checker0001`, featureSet: "ALL",
        masterAccountId: id.awsAccountId, masterAccountArn: `arn:aws:organizations::${id.awsAccountId}:account/o-checker0001/${id.awsAccountId}`, masterAccountEmail: "root@example.com", masterAccountName: "root",
        roots: [{ id: "r-chk1", arn: `arn:aws:organizations::${id.awsAccountId}:root/o-checker0001/r-chk1`, name: "Root", policyTypes: [] }],
        accounts: [], nonMasterAccounts: [], awsServiceAccessPrincipals: [], enabledPolicyTypes: [] }),
    // AMI parameters: `.../image_id` holds the id, `.../recommended` (ECS) a JSON document that programs parse.
    "aws:ssm/getParameter:getParameter": (i, c, id) => ({ id: i.name, name: i.name, type: "String", version: 1, insecureValue: ssmValue(String(i.name)), value: ssmValue(String(i.name)),
        arn: `arn:aws:ssm:${regionOf(i, c)}:${id.awsAccountId}:parameter${String(i.name).startsWith("/") ? "" : "/"}${i.name}`, withDecryption: i.withDecryption ?? true }),
    "aws:iam/getRole:getRole": (i, _c, id) => ({ id: i.name, name: i.name, arn: `arn:aws:iam::${id.awsAccountId}:role/${i.name}`, uniqueId: "AROACHECKER", path: "/", assumeRolePolicy: "{}", tags: {} }),
    "aws:eks/getClusterAuth:getClusterAuth": i => ({ id: i.name, name: i.name, token: "k8s-aws-v1.checker" }),
};

function ssmValue(name: string): string {
    if (!/\/recommended$/.test(name)) return "ami-0c55b159cbfafe1f0";
    return JSON.stringify({ image_id: "ami-0c55b159cbfafe1f0", image_name: "amzn2-ami-ecs-hvm-2.0.20260101-x86_64-ebs", ecs_agent_version: "1.90.0", ecs_runtime_version: "Docker version 25.0.6",
        os: "Amazon Linux 2", schema_version: 1, source_image_name: "amzn2-ami-minimal-hvm-2.0.20260101-x86_64-ebs" });
}

/** A kubeconfig for a cluster the checker made up: programs decode it and hand it to a Kubernetes provider. */
const kubeconfig = b64(["apiVersion: v1", "kind: Config", "clusters:", "- name: checker", "  cluster: {server: 'https://checker.example.com'}",
    "contexts:", "- name: checker", "  context: {cluster: checker, user: checker}", "current-context: checker", "users:", "- name: checker", "  user: {token: checker}", ""].join("\n"));

// Azure list*/get* functions the corpus calls: credentials, keys, SAS tokens and callback URLs, of the shape the REST API returns.
const azureLookups: Record<string, Answer> = {
    "azure-native:authorization:getClientToken": () => ({ token: "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tLyJ9." }),
    "azure-native:containerservice:listManagedClusterUserCredentials": () => ({ kubeconfigs: [{ name: "clusterUser", value: kubeconfig }] }),
    "azure-native:containerservice:listManagedClusterAdminCredentials": () => ({ kubeconfigs: [{ name: "clusterAdmin", value: kubeconfig }] }),
    "azure-native:containerregistry:listRegistryCredentials": i => ({ username: i.registryName ?? "registry", passwords: [{ name: "password", value: "checker-password-1" }, { name: "password2", value: "checker-password-2" }] }),
    "azure-native:storage:listStorageAccountKeys": () => ({ keys: ["key1", "key2"].map(k => ({ keyName: k, value: b64(`checker-${k}`), permissions: "FULL", creationTime: "2026-01-01T00:00:00Z" })) }),
    "azure-native:storage:listStorageAccountServiceSAS": () => ({ serviceSasToken: "sv=2022-11-02&sr=b&sp=r&se=2030-01-01&sig=checker" }),
    "azure-native:storage:listStorageAccountSAS": () => ({ accountSasToken: "sv=2022-11-02&ss=b&srt=sco&sp=r&se=2030-01-01&sig=checker" }),
    "azure-native:documentdb:listDatabaseAccountKeys": () => ({ primaryMasterKey: b64("checker-primary"), secondaryMasterKey: b64("checker-secondary"),
        primaryReadonlyMasterKey: b64("checker-primary-ro"), secondaryReadonlyMasterKey: b64("checker-secondary-ro") }),
    "azure-native:documentdb:listDatabaseAccountConnectionStrings": () => ({ connectionStrings: [{ connectionString: "AccountEndpoint=https://checker.documents.azure.com:443/;AccountKey=checker;", description: "Primary SQL Connection String" }] }),
    "azure-native:logic:listWorkflowTriggerCallbackUrl": i => ({ value: `https://prod-00.eastus.logic.azure.com/workflows/${i.workflowName ?? "workflow"}/triggers/${i.triggerName ?? "manual"}/paths/invoke?sig=checker`,
        method: "POST", basePath: `https://prod-00.eastus.logic.azure.com/workflows/${i.workflowName ?? "workflow"}/triggers/${i.triggerName ?? "manual"}/paths/invoke`, relativePath: "", queries: { sig: "checker" } }),
    "azure-native:operationalinsights:getSharedKeys": () => ({ primarySharedKey: b64("checker-primary"), secondarySharedKey: b64("checker-secondary") }),
    "azure-native:operationalinsights:getWorkspace": (i, _c, id) => ({ id: `/subscriptions/${id.azureSubscriptionId}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/${i.workspaceName}`,
        name: i.workspaceName, customerId: "00000000-0000-0000-0000-0000000000d1", location: "eastus", provisioningState: "Succeeded", retentionInDays: 30, type: "Microsoft.OperationalInsights/workspaces" }),
    "azure-native:network:getPublicIPAddress": (i, _c, id) => ({ id: `/subscriptions/${id.azureSubscriptionId}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Network/publicIPAddresses/${i.publicIpAddressName}`,
        name: i.publicIpAddressName, ipAddress: "20.0.0.4", location: "eastus", publicIPAllocationMethod: "Static", provisioningState: "Succeeded" }),
    "azure-native:web:listWebAppPublishingCredentials": i => ({ name: i.name, publishingUserName: `$${i.name}`, publishingPassword: "checker-password", scmUri: `https://$${i.name}:checker@${i.name}.scm.azurewebsites.net` }),
    "azure-native:web:listWebAppHostKeys": () => ({ masterKey: "checker-master-key", functionKeys: { default: "checker-function-key" }, systemKeys: {} }),
    "azure-native:web:listWebAppFunctionKeys": () => ({ properties: { default: "checker-function-key" } }),
};

// Google Cloud lookups: the GKE versions a cluster may run, the caller's client config, a project list.
const gkeVersions = ["1.31.1-gke.1678000", "1.30.5-gke.1014001", "1.29.9-gke.1496000"];
const gcpLookups: Record<string, Answer> = {
    "gcp:container/getEngineVersions:getEngineVersions": (i, c) => ({ id: i.location ?? c["gcp:zone"] ?? c["gcp:region"] ?? "us-central1", location: i.location, project: i.project ?? c["gcp:project"],
        latestMasterVersion: gkeVersions[0], latestNodeVersion: gkeVersions[0], defaultClusterVersion: gkeVersions[1], validMasterVersions: gkeVersions, validNodeVersions: gkeVersions,
        releaseChannelDefaultVersion: { RAPID: gkeVersions[0], REGULAR: gkeVersions[1], STABLE: gkeVersions[2] }, releaseChannelLatestVersion: { RAPID: gkeVersions[0], REGULAR: gkeVersions[1], STABLE: gkeVersions[2] } }),
    "gcp:organizations/getClientConfig:getClientConfig": (_i, c, id) => ({ id: "checker", accessToken: "ya29.checker-token", project: c["gcp:project"] ?? id.gcpProject, region: c["gcp:region"] ?? "us-central1",
        zone: c["gcp:zone"] ?? "us-central1-a", defaultLabels: {} }),
    "gcp:projects/getProject:getProject": (i, c, id) => { const p = c["gcp:project"] ?? id.gcpProject;
        return { id: i.filter ?? "projects", filter: i.filter, projects: [{ projectId: p, number: id.gcpProjectNumber, name: p, lifecycleState: "ACTIVE", createTime: "2026-01-01T00:00:00Z", labels: {}, parent: {} }] }; },
};

// Kubernetes provider invokes: a YAML decode is answered by decoding it; a Helm chart cannot be rendered offline (no objects).
const kubernetesLookups: Record<string, Answer> = {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    "kubernetes:yaml:decode": i => ({ result: (require("js-yaml") as typeof import("js-yaml")).loadAll(String(i.text ?? "")).filter(o => o && typeof o === "object") }),
    "kubernetes:helm:template": () => ({ result: [] }),
    // An image already in a registry: its digest (programs pull by it).
    "docker:index/getRegistryImage:getRegistryImage": i => ({ id: i.name, name: i.name, sha256Digest: "sha256:c0ffee0000000000000000000000000000000000000000000000000000000000", insecureSkipVerify: false }),
};

const answers: Record<string, Answer> = { ...platformAnswers, ...awsLookups, ...azureLookups, ...gcpLookups, ...kubernetesLookups };

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
    sink: RegistrationSink): Record<string, unknown> {
    // A versioned Azure module (`azure-native:containerservice/v20190601:...`) answers as its unversioned one.
    const answer = answers[token] ?? answers[token.replace(/^(azure-native:\w+)\/v\w+:/, "$1:")];
    if (answer) return answer(inputs, config, identity);
    sink.unknownInvoke(token);
    return {};
}
