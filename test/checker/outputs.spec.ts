// Computed outputs under the mocks: what the cloud would hand back and programs read (endpoints,
// URLs, a CA certificate, a remote component's subnet ids), never overriding what the program set.
import assert from "node:assert/strict";
import { defaultIdentity } from "../../checker/mocks";
import { computedOutputs } from "../../checker/outputs";

const config = { "aws:region": "eu-west-1", "gcp:region": "europe-west3" };
const outputs = (type: string, inputs: Record<string, unknown> = {}) => computedOutputs(type, "records-db", inputs, config, defaultIdentity) as any;

describe("checker computed outputs", () => {
    it("gives an RDS instance an endpoint of host:port in the provider's region, as programs split it", () => {
        const { endpoint, port } = outputs("aws:rds/instance:Instance", { port: 3306 });
        assert.match(endpoint, /^records-db\.\w+\.eu-west-1\.rds\.amazonaws\.com:3306$/);
        assert.equal(port, undefined, "the program's own port stays its own");
    });

    it("gives a GKE cluster a CA certificate and keeps the master auth the program asked for", () => {
        const { masterAuth, endpoint } = outputs("gcp:container/cluster:Cluster", { masterAuth: { clientCertificateConfig: { issueClientCertificate: false } } });
        assert.ok(Buffer.from(masterAuth.clusterCaCertificate, "base64").toString().includes("BEGIN CERTIFICATE"));
        assert.deepEqual(masterAuth.clientCertificateConfig, { issueClientCertificate: false });
        assert.match(endpoint, /^\d+\.\d+\.\d+\.\d+$/);
    });

    it("gives awsx's remote VPC component subnet id lists programs concatenate", () => {
        const vpc = outputs("awsx:ec2:Vpc");
        assert.ok([...vpc.privateSubnetIds, ...vpc.publicSubnetIds].every((s: string) => s.startsWith("subnet-")));
    });

    it("gives a LoadBalancer Service an ingress address and a ClusterIP Service none", () => {
        assert.equal(outputs("kubernetes:core/v1:Service", { spec: { type: "LoadBalancer" } }).status.loadBalancer.ingress.length, 1);
        assert.deepEqual(outputs("kubernetes:core/v1:Service", { spec: { type: "ClusterIP" } }).status.loadBalancer.ingress, []);
    });

    it("gives a CloudFront origin access identity the IAM ARN and canonical user id a bucket policy grants (known, so the policy is judged)", () => {
        const oai = outputs("aws:cloudfront/originAccessIdentity:OriginAccessIdentity");
        assert.match(oai.iamArn, /^arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity E[A-Z0-9]{12}$/);
        assert.match(oai.s3CanonicalUserId, /^[0-9a-f]{64}$/);
    });

    it("adds nothing to a type it does not know", () => {
        assert.deepEqual(outputs("aws:s3/bucket:Bucket"), {});
    });
});
