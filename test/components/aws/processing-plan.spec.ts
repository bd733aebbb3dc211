// The plan of the AWS Processing cluster, from its arguments alone (components/aws/processing-plan.ts): no
// mock runtime, no resource registered.
import assert from "node:assert/strict";
import { processingPlan, securityConfigurationDocument, securityConfigurationName } from "../../../components/aws/processing-plan";
import type { ProcessingArgs } from "../../../components/aws/processing";

const args: ProcessingArgs = {
    tenant: "mercy", key: "alias/mercy-phi", vpcId: "vpc-1", subnetId: "subnet-1", vpcCidr: "10.40.0.0/16",
    accessLogBucket: "mercy-access-logs", region: "eu-west-1",
};

describe("components/aws/processing-plan", () => {
    it("keeps logs and the profile's data in two buckets; genomics under its own prefix", () => {
        const analytics = processingPlan(args, "prod");
        assert.deepEqual([analytics.buckets, analytics.dataPrefix], [{ logs: "emr-logs", data: "analytics" }, ""]);
        const genomics = processingPlan({ ...args, profile: "genomics" }, "prod");
        assert.deepEqual([genomics.buckets, genomics.dataPrefix], [{ logs: "emr-logs", data: "genomics" }, "genomics/"]);
    });

    it("declares the account's block-public-access setting only in the stack named for it (PUBLIC-ACCESS)", () => {
        assert.equal(processingPlan(args, "mercy").declaresBlockPublicAccess, true);
        assert.equal(processingPlan({ ...args, accountSettingsStack: "mercy" }, "mercy").declaresBlockPublicAccess, true);
        assert.equal(processingPlan({ ...args, accountSettingsStack: "landing-zone" }, "mercy").declaresBlockPublicAccess, false);
    });

    it("sizes one primary and two core nodes by profile, or as asked; termination protection in prod only (DELETION-PROTECTION)", () => {
        const { cluster } = processingPlan(args, "s");
        assert.deepEqual([cluster.masterInstanceGroup.instanceType, cluster.masterInstanceGroup.instanceCount], ["m6i.xlarge", 1]);
        assert.deepEqual([cluster.coreInstanceGroup.instanceType, cluster.coreInstanceGroup.instanceCount], ["m6i.xlarge", 2]);
        assert.equal(cluster.terminationProtection, true);
        const asked = processingPlan({ ...args, profile: "genomics", workers: 5, environment: "dev" }, "s").cluster;
        assert.deepEqual([asked.coreInstanceGroup.instanceType, asked.coreInstanceGroup.instanceCount, asked.terminationProtection], ["r6i.2xlarge", 5, false]);
        assert.equal(processingPlan({ ...args, instanceType: "m7i.2xlarge" }, "s").cluster.coreInstanceGroup.instanceType, "m7i.2xlarge");
        assert.equal(cluster.name, "mercy-analytics-processing");
        assert.equal(cluster.tags.profile, "analytics");
    });

    it("authenticates with Kerberos in the region's realm, with a generated 32-character KDC password (IDENTITY-AUTHN)", () => {
        const plan = processingPlan(args, "s");
        assert.equal(plan.realm, "EU-WEST-1.COMPUTE.INTERNAL");
        assert.equal(plan.kdcAdminPassword.length, 32);
        assert.deepEqual(plan.subnetTag, { key: "for-use-with-amazon-emr-managed-policies", value: "true" });
    });

    it("encrypts S3, local disks, EBS and the TLS CA with the key, requires IMDSv2, and names the configuration by its document", () => {
        const doc = securityConfigurationDocument("alias/mercy-phi", { tenant: "mercy" });
        const rest = doc.EncryptionConfiguration.AtRestEncryptionConfiguration;
        assert.deepEqual([rest.S3EncryptionConfiguration.AwsKmsKey, rest.LocalDiskEncryptionConfiguration.AwsKmsKey, rest.LocalDiskEncryptionConfiguration.EnableEbsEncryption],
            ["alias/mercy-phi", "alias/mercy-phi", true]);
        assert.equal(doc.EncryptionConfiguration.InTransitEncryptionConfiguration.TLSCertificateConfiguration.AwsKmsKey, "alias/mercy-phi");
        assert.equal(doc.InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion, 2);
        const one = securityConfigurationName("mercy", JSON.stringify(doc));
        assert.match(one, /^mercy-emr-security-[0-9a-f]{10}$/);
        assert.notEqual(securityConfigurationName("mercy", JSON.stringify(securityConfigurationDocument("alias/other", {}))), one);
    });
});
