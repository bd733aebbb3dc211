// Outputs the cloud computes and programs read back (an endpoint to split, a URL to print, a CA
// certificate for a kubeconfig, a remote component's subnet ids): plausible values of the right shape,
// so programs run on where a mock that only echoes the inputs would leave them undefined.
import type { MockIdentity } from "./mocks";

type Outputs = (name: string, inputs: Record<string, any>, region: string, identity: MockIdentity) => Record<string, unknown>;

const caData = Buffer.from("-----BEGIN CERTIFICATE-----\nY2hlY2tlcg==\n-----END CERTIFICATE-----\n").toString("base64");
const host = (name: string) => name.toLowerCase().replace(/[^a-z0-9-]/g, "-");
const subnets = (kind: string, n = 3) => Array.from({ length: n }, (_, i) => `subnet-${kind}${i}`);

const computed: Record<string, Outputs> = {
    "aws:rds/instance:Instance": (n, i, r) => ({ address: `${host(n)}.c0ffee.${r}.rds.amazonaws.com`, endpoint: `${host(n)}.c0ffee.${r}.rds.amazonaws.com:${i.port ?? 5432}`, port: i.port ?? 5432 }),
    "aws:rds/cluster:Cluster": (n, i, r) => ({ endpoint: `${host(n)}.cluster-c0ffee.${r}.rds.amazonaws.com`, readerEndpoint: `${host(n)}.cluster-ro-c0ffee.${r}.rds.amazonaws.com`, port: i.port ?? 5432 }),
    "aws:elasticache/cluster:Cluster": (n, i, r) => ({ cacheNodes: [{ id: "0001", address: `${host(n)}.c0ffee.0001.${r}.cache.amazonaws.com`, port: i.port ?? 6379, availabilityZone: `${r}a` }],
        clusterAddress: `${host(n)}.c0ffee.cfg.${r}.cache.amazonaws.com`, configurationEndpoint: `${host(n)}.c0ffee.cfg.${r}.cache.amazonaws.com:${i.port ?? 6379}` }),
    "aws:lambda/functionUrl:FunctionUrl": (n, _i, r) => ({ functionUrl: `https://${host(n)}c0ffee.lambda-url.${r}.on.aws/`, urlId: `${host(n)}c0ffee` }),
    "aws:lb/loadBalancer:LoadBalancer": (n, _i, r) => ({ dnsName: `${host(n)}-123456789.${r}.elb.amazonaws.com`, zoneId: "Z35SXDOTRQ7X7K" }),
    "aws:cloudfront/distribution:Distribution": () => ({ domainName: "d111111abcdef8.cloudfront.net", hostedZoneId: "Z2FDTNDATAQYW2" }),
    // A bucket policy grants the identity by its IAM ARN or canonical user id (aws-public-access judges the principal).
    "aws:cloudfront/originAccessIdentity:OriginAccessIdentity": n => {
        const id = `E${host(n).replace(/[^a-z0-9]/g, "").toUpperCase().slice(0, 12).padEnd(12, "0")}`;
        return { iamArn: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${id}`, s3CanonicalUserId: "c0ffee".repeat(10) + "c0ff",
            cloudfrontAccessIdentityPath: `origin-access-identity/cloudfront/${id}`, etag: "E2QWRUHEXAMPLE" };
    },
    "aws:eks/cluster:Cluster": (n, _i, r) => ({ endpoint: `https://C0FFEE.gr7.${r}.eks.amazonaws.com`, certificateAuthority: { data: caData },
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${r}.amazonaws.com/id/C0FFEE` }] }], status: "ACTIVE", platformVersion: "eks.1", version: "1.30", clusterId: host(n) }),
    // awsx 2's VPC is a remote component (its children live in the awsx plugin): its outputs stand in for them.
    "awsx:ec2:Vpc": () => ({ vpcId: "vpc-awsx", privateSubnetIds: subnets("private"), publicSubnetIds: subnets("public"), isolatedSubnetIds: [], subnets: [], natGateways: [], routeTables: [] }),
    "awsx:ec2:DefaultVpc": () => ({ vpcId: "vpc-default", privateSubnetIds: subnets("private"), publicSubnetIds: subnets("public"), isolatedSubnetIds: [] }),
    "gcp:container/cluster:Cluster": (_n, i) => ({ endpoint: "34.118.0.10", masterVersion: i.minMasterVersion ?? "1.30.5-gke.1014001",
        masterAuth: { ...(i.masterAuth ?? {}), clusterCaCertificate: caData, clientCertificate: "", clientKey: "" } }),
    "gcp:cloudrun/service:Service": n => ({ statuses: [{ url: `https://${host(n)}-c0ffee-uc.a.run.app`, latestReadyRevisionName: `${host(n)}-00001`, latestCreatedRevisionName: `${host(n)}-00001`, conditions: [], observedGeneration: 1 }] }),
    "gcp:cloudrunv2/service:Service": n => ({ uri: `https://${host(n)}-c0ffee-uc.a.run.app`, urls: [`https://${host(n)}-c0ffee-uc.a.run.app`] }),
    "gcp:sql/databaseInstance:DatabaseInstance": (n, _i, r, id) => ({ connectionName: `${id.gcpProject}:${r}:${host(n)}`, publicIpAddress: "34.0.0.20", privateIpAddress: "10.0.0.20",
        ipAddresses: [{ ipAddress: "34.0.0.20", type: "PRIMARY" }] }),
    "gcp:compute/address:Address": () => ({ address: "34.0.0.30" }),
    "gcp:compute/globalAddress:GlobalAddress": () => ({ address: "34.0.0.31" }),
    "azure-native:storage:StorageAccount": n => { const a = host(n).replace(/-/g, "");
        return { primaryEndpoints: Object.fromEntries(["blob", "dfs", "file", "queue", "table", "web"].map(s => [s, `https://${a}.${s === "web" ? "z13.web" : s}.core.windows.net/`])) }; },
    "azure-native:web:WebApp": n => ({ defaultHostName: `${host(n)}.azurewebsites.net` }),
    // The DICOM service's URL (workspace and service names), which a hospital stack exports.
    "azure-native:healthcareapis:DicomService": (n, i) => ({ serviceUrl: `https://${typeof i.workspaceName === "string" ? i.workspaceName : host(n)}-${typeof i.dicomServiceName === "string" ? i.dicomServiceName : "dicom"}.dicom.azurehealthcareapis.com` }),
    "azure-native:containerservice:ManagedCluster": n => ({ fqdn: `${host(n)}-c0ffee.hcp.eastus.azmk8s.io` }),
    "azure-native:network:PublicIPAddress": () => ({ ipAddress: "20.0.0.5" }),
    "azure-native:network:PrivateDnsZoneGroup": (n, i) => ({ privateDnsZoneConfigs: (Array.isArray(i.privateDnsZoneConfigs) ? i.privateDnsZoneConfigs : [])
        .map((c: Record<string, unknown>) => ({ ...c, recordSets: [{ fqdn: `${host(n)}.privatelink.azurewebsites.net`, ipAddresses: ["10.0.2.4"], recordType: "A", ttl: 10 }] })) }),
    // A LoadBalancer Service's address, which programs export or hand to DNS.
    "kubernetes:core/v1:Service": (_n, i) => ({ status: { loadBalancer: { ingress: i.spec?.type === "LoadBalancer" ? [{ ip: "34.0.0.40", hostname: "lb.checker.example.com" }] : [] } } }),
};

/** The computed outputs of a resource of `type`, to lay over its inputs; none for a type not listed. */
export function computedOutputs(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity): Record<string, unknown> {
    const outputs = computed[type];
    if (!outputs) return {};
    const region = inputs.region ?? config["aws:region"] ?? config["gcp:region"] ?? "us-east-1";
    const values = outputs(name, inputs, region, identity);
    // A value the program set itself stays its own (an explicit port, endpoint or address).
    return Object.fromEntries(Object.entries(values).filter(([k]) => k === "masterAuth" || k === "privateDnsZoneConfigs" || inputs[k] === undefined));
}
