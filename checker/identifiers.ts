// The identifiers a mocked resource hands back (ids, ARNs, names, URLs): deterministic, plausible,
// and of the shape programs read back (a bucket's `bucket`, a key's `arn`, an Azure resource `id`).
import type { MockIdentity } from "./mocks";

export function identifiersFor(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>,
    identity: MockIdentity): Record<string, unknown> {
    const pkg = type.split(":")[0];
    if (pkg === "aws") return awsIdentifiers(type, name, inputs, config, identity);
    if (pkg === "azure-native") return azureIdentifiers(type, name, inputs, identity);
    if (pkg === "gcp") return gcpIdentifiers(type, name, inputs, config, identity);
    // A generated secret (e.g. a Kerberos KDC password) exists after `up`; a placeholder of the asked length stands in for it.
    if (type === "random:index/randomPassword:RandomPassword" || type === "random:index/randomString:RandomString") {
        return { id: `${name}-id`, result: `mock-${name}`.padEnd(Number(inputs.length) || 16, "0").slice(0, Number(inputs.length) || 16) };
    }
    // A preview of a new stack knows no outputs of the stacks it references.
    if (type === "pulumi:pulumi:StackReference") return { id: inputs.name ?? name, outputs: {}, secretOutputNames: [] };
    return { id: `${name}-id` };
}

/** EC2 resource kind (module ec2 or ec2transitgateway) → the prefix of its ids. */
const ec2IdPrefix: Readonly<Record<string, string>> = {
    vpc: "vpc", defaultVpc: "vpc", subnet: "subnet", securityGroup: "sg", internetGateway: "igw", egressOnlyInternetGateway: "eigw", natGateway: "nat",
    routeTable: "rtb", vpnGateway: "vgw", vpcEndpoint: "vpce", networkInterface: "eni", instance: "i", eip: "eipalloc", transitGateway: "tgw",
};

function awsIdentifiers(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity) {
    const region = inputs.region ?? config["aws:region"] ?? "us-east-1";
    const [, module, kind] = /^aws:([^/]+)\/([^:]+):/.exec(type) ?? [];
    const physical = inputs.bucket ?? inputs.name ?? name;
    const service = module === "cloudwatch" ? "logs" : module;
    const globalService = ["iam", "s3", "cloudfront", "route53"].includes(service ?? "");
    const arn = service === "s3" && kind?.startsWith("bucket")
        ? `arn:aws:s3:::${physical}`
        : `arn:aws:${service}:${globalService ? "" : region}:${globalService && service === "s3" ? "" : identity.awsAccountId}:${kind}/${physical}`;
    // An autonamed resource's `name`, which the provider fills in at preview already (programs pass it on: a subnet group's name to a cluster).
    const ids: Record<string, unknown> = { arn, id: physical, ...(inputs.name === undefined && inputs.namePrefix === undefined ? { name: physical } : {}) };
    // EC2 ids carry their kind's prefix, which programs and policies read (a route's `igw-` gateway).
    if (module?.startsWith("ec2") && kind && ec2IdPrefix[kind]) ids.id = `${ec2IdPrefix[kind]}-${name}`;
    switch (type) {
        case "aws:s3/bucket:Bucket": case "aws:s3/bucketV2:BucketV2":
            Object.assign(ids, { bucket: physical, bucketDomainName: `${physical}.s3.amazonaws.com`, bucketRegionalDomainName: `${physical}.s3.${region}.amazonaws.com` });
            break;
        case "aws:kms/key:Key":
            Object.assign(ids, { id: `${name}-key-id`, keyId: `${name}-key-id`, arn: `arn:aws:kms:${region}:${identity.awsAccountId}:key/${name}-key-id` });
            break;
        case "aws:iam/role:Role":
            Object.assign(ids, { name: inputs.name ?? name, uniqueId: `AROA${name.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 16)}` });
            break;
        case "aws:cloudwatch/logGroup:LogGroup":
            Object.assign(ids, { arn: `arn:aws:logs:${region}:${identity.awsAccountId}:log-group:${physical}` });
            break;
        case "aws:redshift/cluster:Cluster":
            Object.assign(ids, { endpoint: `${inputs.clusterIdentifier ?? name}.abc123.${region}.redshift.amazonaws.com:5439`, dnsName: `${inputs.clusterIdentifier ?? name}.abc123.${region}.redshift.amazonaws.com` });
            break;
        case "aws:cloudcontrol/resource:Resource":
            Object.assign(ids, { id: `${name}-identifier`, properties: inputs.desiredState ?? "{}" });
            break;
    }
    return ids;
}

function azureIdentifiers(type: string, name: string, inputs: Record<string, any>, identity: MockIdentity) {
    const [, module, kind] = /^azure-native:([^:]+):(.+)$/.exec(type) ?? [];
    const rg = inputs.resourceGroupName ?? "rg";
    const physical = inputs[`${kind?.charAt(0).toLowerCase()}${kind?.slice(1)}Name`] ?? inputs.name ?? name;
    const id = type === "azure-native:resources:ResourceGroup"
        ? `/subscriptions/${identity.azureSubscriptionId}/resourceGroups/${inputs.resourceGroupName ?? name}`
        : `/subscriptions/${identity.azureSubscriptionId}/resourceGroups/${rg}/providers/Microsoft.${module}/${kind}/${physical}`;
    const ids: Record<string, unknown> = { id, name: physical };
    if (type === "azure-native:managedidentity:UserAssignedIdentity") {
        Object.assign(ids, { principalId: `${name}-principal`, clientId: `${name}-client`, tenantId: identity.azureTenantId });
    }
    if (type === "azure-native:keyvault:Vault") ids.properties = { ...(inputs.properties ?? {}), vaultUri: `https://${physical}.vault.azure.net/` };
    if (type === "azure-native:keyvault:Key") Object.assign(ids, { keyUri: `https://vault.vault.azure.net/keys/${physical}`, keyUriWithVersion: `https://vault.vault.azure.net/keys/${physical}/0123456789abcdef` });
    return ids;
}

function gcpIdentifiers(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity) {
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
    return ids;
}
