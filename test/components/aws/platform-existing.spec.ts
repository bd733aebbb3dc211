// hospital:aws.existing: the platform uses the landing zone's own key and VPC instead of creating its own,
// and the config refuses what is not one (issue 21, bring your own).
import assert from "node:assert/strict";
import { HospitalConfigError, validateHospitalConfig } from "../../../components/config";
import { HospitalPlatform } from "../../../components/platform";
import { record } from "../../support/record";

const admin = "arn:aws:iam::123456789012:role/phi-platform-admin";
const keyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const network = { vpcId: "vpc-0abc1234", privateSubnetIds: ["subnet-0a1", "subnet-0b2"] };
const hospital = (aws: unknown) => ({ tenant: "stmary", cloud: "aws", region: "us-east-1", admins: [admin], network: { cidr: "10.60.0.0/16" }, aws });

function refusal(raw: Record<string, unknown>): string {
    try {
        validateHospitalConfig(raw);
    } catch (e) {
        assert.ok(e instanceof HospitalConfigError, String(e));
        return e.message;
    }
    return assert.fail("accepted");
}

describe("hospital:aws.existing (bring your own key and network)", () => {
    it("creates no key and no VPC of its own, and hands the landing zone's to every service", async () => {
        const r = await record(() => { new HospitalPlatform("hospital", { config: validateHospitalConfig(hospital({ existing: { kmsKeyArn: keyArn, network } })) }); },
            { config: { "aws:region": "us-east-1" } });
        assert.deepEqual(r.ofType("hipaa-cloud:aws:Keys"), []);
        assert.deepEqual(r.ofType("hipaa-cloud:aws:Network"), []);
        assert.deepEqual(r.ofType("aws:kms/key:Key"), []);
        assert.deepEqual(r.ofType("aws:ec2/vpc:Vpc"), []);
        assert.deepEqual(r.one("aws:redshift/subnetGroup:SubnetGroup").inputs.subnetIds, network.privateSubnetIds);
        assert.equal(r.one("aws:redshift/cluster:Cluster").inputs.kmsKeyId, keyArn);
        const sse = r.ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")
            .map(s => (s.inputs.rules as { applyServerSideEncryptionByDefault: { kmsMasterKeyId?: string } }[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId)
            .filter(k => k !== undefined);
        assert.ok(sse.length > 0 && sse.every(k => k === keyArn), JSON.stringify(sse));
    });

    it("without it, creates both as before", async () => {
        const r = await record(() => { new HospitalPlatform("hospital", { config: validateHospitalConfig(hospital(undefined)) }); }, { config: { "aws:region": "us-east-1" } });
        assert.equal(r.ofType("hipaa-cloud:aws:Keys").length, 1);
        assert.equal(r.ofType("hipaa-cloud:aws:Network").length, 1);
    });

    it("refuses an AWS-managed or blank key, a number, a VPC or subnet id of another kind, no subnet, a subnet twice, an unknown key", () => {
        const cases: [unknown, RegExp][] = [
            [{ kmsKeyArn: "alias/aws/s3" }, /hospital:aws\.existing\.kmsKeyArn.*"alias\/aws\/s3".*a customer-managed KMS key/],
            [{ kmsKeyArn: " " }, /hospital:aws\.existing\.kmsKeyArn/],
            [{ kmsKeyArn: 5 }, /hospital:aws\.existing\.kmsKeyArn/],
            [{ network: { ...network, vpcId: "subnet-0a1" } }, /hospital:aws\.existing\.network\.vpcId.*a vpc id/],
            [{ network: { ...network, privateSubnetIds: ["vpc-0abc1234"] } }, /hospital:aws\.existing\.network\.privateSubnetIds\.0|privateSubnetIds\[0\].*a subnet id/],
            [{ network: { ...network, privateSubnetIds: [] } }, /privateSubnetIds.*at least one private subnet id/],
            [{ network: { ...network, privateSubnetIds: ["subnet-0a1", "subnet-0a1"] } }, /privateSubnetIds.*none twice/],
            [{ network: { vpcId: "vpc-0abc1234" } }, /privateSubnetIds/],
            [{ kmsKeyArns: keyArn }, /hospital:aws\.existing\.kmsKeyArns.*no such key/],
        ];
        for (const [existing, message] of cases) assert.match(refusal(hospital({ existing })), message, JSON.stringify(existing));
    });
});
