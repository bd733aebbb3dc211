import assert from "node:assert/strict";
import { identifiersFor } from "../../checker/identifiers";
import { defaultIdentity } from "../../checker/mocks";

const ids = (type: string, name: string, inputs: Record<string, unknown> = {}) => identifiersFor(type, name, inputs, { "aws:region": "eu-west-1" }, defaultIdentity);

describe("checker identifiers", () => {
    it("gives EC2 resources an id with their kind's prefix, as AWS does (a route's igw- gateway is read by policies)", () => {
        assert.equal(ids("aws:ec2/internetGateway:InternetGateway", "app-gateway").id, "igw-app-gateway");
        assert.equal(ids("aws:ec2/routeTable:RouteTable", "rt").id, "rtb-rt");
        assert.equal(ids("aws:ec2/natGateway:NatGateway", "nat").id, "nat-nat");
        assert.equal(ids("aws:ec2/vpnGateway:VpnGateway", "vpn").id, "vgw-vpn");
        assert.equal(ids("aws:ec2/instance:Instance", "web").id, "i-web");
        assert.equal(ids("aws:ec2/vpc:Vpc", "main").id, "vpc-main");
        assert.equal(ids("aws:ec2transitgateway/transitGateway:TransitGateway", "hub").id, "tgw-hub");
        assert.equal(ids("aws:rds/instance:Instance", "db").id, "db", "an RDS instance is not an EC2 instance");
    });

    it("gives a bucket its name, domain names and an S3 ARN without region or account", () => {
        const bucket = ids("aws:s3/bucket:Bucket", "logs", { bucket: "hospital-logs" });
        assert.equal(bucket.arn, "arn:aws:s3:::hospital-logs");
        assert.equal(bucket.bucketRegionalDomainName, "hospital-logs.s3.eu-west-1.amazonaws.com");
    });

    // The policies relate resources by these texts (a known text decides what a reference names): an identifier the
    // cloud never gives would relate nothing, or the wrong resource.
    it("gives an Azure storage account its accountName, and a BigQuery dataset the id Google gives it", () => {
        const account = ids("azure-native:storage:StorageAccount", "st", { accountName: "stmaryphi", resourceGroupName: "rg" });
        assert.equal(account.name, "stmaryphi");
        assert.match(String(account.id), /\/providers\/Microsoft\.storage\/StorageAccount\/stmaryphi$/);
        assert.equal(ids("gcp:bigquery/dataset:Dataset", "ds", { datasetId: "mercy_deid", project: "p" }).id, "projects/p/datasets/mercy_deid");
    });
});
