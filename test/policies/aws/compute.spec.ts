// Issue 15, compute and disks: EC2 instances, launch templates and configurations, EBS volumes.
import assert from "node:assert/strict";
import { ebsVolumeRule, ec2Instance as instanceCmk, ec2LaunchConfiguration as lcCmk, ec2LaunchTemplate as ltCmk } from "../../../policies/aws/enc-rest-cmk";
import { ec2Instance as instanceIp, ec2LaunchTemplate as ltIp } from "../../../policies/aws/network-private";
import { ec2Imdsv2 } from "../../../policies/aws/identity-authn";
import { UNKNOWN } from "../../../policies/lib/values";
import { KEY_ARN, outcomeOf, res, run, stackOutcomesByName } from "./fixtures";

const INSTANCE = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const LC = "aws:ec2/launchConfiguration:LaunchConfiguration";
const SUBNET = "aws:ec2/subnet:Subnet";
const encryptedRoot = { rootBlockDevice: { encrypted: true, kmsKeyId: KEY_ARN } };

describe("aws compute and disks (issue 15)", () => {
    describe("aws-enc-rest-cmk-ec2-instance", () => {
        it("passes root and EBS volumes encrypted under a customer-managed key", () => {
            assert.equal(outcomeOf(instanceCmk, res(INSTANCE, "i", { ...encryptedRoot, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: KEY_ARN }] })), "compliant");
        });
        it("fails an unset root device (the AMI's), an unencrypted or AWS-key volume, with ENC-REST-CMK", () => {
            const findings = run(instanceCmk, res(INSTANCE, "i", { ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: "false", kmsKeyId: "alias/aws/ebs" }] }));
            assert.deepEqual(findings.map(f => f.message.split(";")[0].split(": ")[1]), [
                "rootBlockDevice.encrypted is unset", "rootBlockDevice.kmsKeyId is unset", "ebsBlockDevices[0].encrypted is \"false\"", "ebsBlockDevices[0].kmsKeyId is \"alias/aws/ebs\""]);
            assert.ok(findings.every(f => f.controls[0] === "ENC-REST-CMK"));
        });
        it("is unknown while the volumes are", () => {
            assert.equal(outcomeOf(instanceCmk, res(INSTANCE, "i", { ...encryptedRoot, ebsBlockDevices: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(instanceCmk, res(INSTANCE, "i", { rootBlockDevice: { encrypted: true, kmsKeyId: UNKNOWN } })), "unknown");
        });
    });

    describe("aws-enc-rest-cmk-ec2-launch-template / -launch-configuration / -ebs-volume", () => {
        it("passes a template whose EBS mappings are encrypted (\"true\", the template's string) under a CMK, skipping instance-store mappings", () => {
            assert.equal(outcomeOf(ltCmk, res(LT, "lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN } },
                { deviceName: "/dev/sdb", virtualName: "ephemeral0" }] })), "compliant");
        });
        it("fails a template without mappings, with an unencrypted one, and is unknown while they are", () => {
            assert.equal(outcomeOf(ltCmk, res(LT, "lt", {})), "violation");
            assert.equal(outcomeOf(ltCmk, res(LT, "lt", { blockDeviceMappings: [] })), "violation");
            assert.equal(outcomeOf(ltCmk, res(LT, "lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", kmsKeyId: KEY_ARN } }] })), "violation");
            assert.equal(outcomeOf(ltCmk, res(LT, "lt", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20 } }] })), "violation");
            assert.equal(outcomeOf(ltCmk, res(LT, "lt", { blockDeviceMappings: UNKNOWN })), "unknown");
        });
        it("fails every launch configuration, which cannot name a key", () => {
            const findings = run(lcCmk, res(LC, "lc", { imageId: "ami-1", instanceType: "t3.micro", rootBlockDevice: { encrypted: true } }));
            assert.equal(findings.length, 1);
            assert.match(findings[0].message, /cannot verify; use a launch template/);
        });
        it("judges an EBS volume's encryption and key", () => {
            assert.equal(outcomeOf(ebsVolumeRule, res("aws:ebs/volume:Volume", "v", { availabilityZone: "us-east-1a", encrypted: true, kmsKeyId: KEY_ARN })), "compliant");
            assert.equal(outcomeOf(ebsVolumeRule, res("aws:ebs/volume:Volume", "v", { availabilityZone: "us-east-1a", encrypted: true })), "violation");
            assert.equal(outcomeOf(ebsVolumeRule, res("aws:ebs/volume:Volume", "v", { availabilityZone: "us-east-1a", size: 10 })), "violation");
            assert.equal(outcomeOf(ebsVolumeRule, res("aws:ebs/volume:Volume", "v", { encrypted: UNKNOWN, kmsKeyId: KEY_ARN })), "unknown");
        });
    });

    describe("aws-network-private-ec2-instance (stack)", () => {
        it("judges the instance's own choice, then its subnet of the stack, and fails the default subnet or an unverifiable one", () => {
            const priv = res(SUBNET, "private", { mapPublicIpOnLaunch: false });
            const pub = res(SUBNET, "public", { mapPublicIpOnLaunch: true });
            const unk = res(SUBNET, "unk", { mapPublicIpOnLaunch: UNKNOWN });
            const outcomes = stackOutcomesByName(instanceIp, [priv, pub, unk,
                res(INSTANCE, "asks", { associatePublicIpAddress: true, subnetId: "subnet-1" }),
                res(INSTANCE, "asks-text", { associatePublicIpAddress: "true", subnetId: "subnet-1" }),
                res(INSTANCE, "declines", { associatePublicIpAddress: false }),
                res(INSTANCE, "in-private", { subnetId: "subnet-p" }, { deps: { subnetId: [priv] } }),
                res(INSTANCE, "in-public", { subnetId: "subnet-q" }, { deps: { subnetId: [pub] } }),
                res(INSTANCE, "in-unknown", { subnetId: "subnet-u" }, { deps: { subnetId: [unk] } }),
                res(INSTANCE, "default-subnet", {}),
                res(INSTANCE, "null-ip", { associatePublicIpAddress: null }),
                res(INSTANCE, "elsewhere", { subnetId: "subnet-from-another-stack" }),
                res(INSTANCE, "ip-unknown", { associatePublicIpAddress: UNKNOWN, subnetId: "subnet-p" }),
                res(INSTANCE, "subnet-unknown", { subnetId: UNKNOWN }),
            ]);
            assert.deepEqual(outcomes, {
                asks: "violation", "asks-text": "violation", declines: "compliant", "in-private": "compliant", "in-public": "violation", "in-unknown": "unknown",
                "default-subnet": "violation", "null-ip": "violation", elsewhere: "violation", "ip-unknown": "unknown", "subnet-unknown": "unknown",
            });
        });
    });

    describe("aws-network-private-ec2-launch-template", () => {
        it("fails a network interface that associates a public IP (the template's \"true\"), and a launch configuration's", () => {
            assert.equal(outcomeOf(ltIp, res(LT, "lt", { networkInterfaces: [{ associatePublicIpAddress: "false", subnetId: "s" }] })), "compliant");
            const [f] = run(ltIp, res(LT, "lt", { networkInterfaces: [{ associatePublicIpAddress: "true" }] }));
            assert.deepEqual(f.controls, ["NETWORK-PRIVATE"]);
            assert.match(f.message, /networkInterfaces\[0\]\.associatePublicIpAddress is "true"/);
            assert.equal(outcomeOf(ltIp, res(LC, "lc", { associatePublicIpAddress: true })), "violation");
            // The provider parses the template's string with Go's ParseBool: "1", "t", "True" are true; "0", "f", "FALSE" false.
            for (const v of ["1", "t", "T", "True", "TRUE", "yes", " true", 1]) {
                assert.equal(outcomeOf(ltIp, res(LT, "lt", { networkInterfaces: [{ associatePublicIpAddress: v }] })), "violation", String(v));
            }
            for (const v of ["0", "f", "F", "FALSE", "False", false, null, ""]) {
                assert.equal(outcomeOf(ltIp, res(LT, "lt", { networkInterfaces: [{ associatePublicIpAddress: v }] })), "compliant", String(v));
            }
            assert.equal(outcomeOf(ltIp, res(LT, "lt", { networkInterfaces: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(ltIp, res(LT, "lt", { networkInterfaces: [{ associatePublicIpAddress: UNKNOWN }] })), "unknown");
        });
    });

    describe("aws-identity-authn-ec2-imdsv2", () => {
        it("passes IMDSv2 required or the endpoint off; fails optional, unset, other spellings; unknown while unknown", () => {
            for (const type of [INSTANCE, LT, LC]) {
                assert.equal(outcomeOf(ec2Imdsv2, res(type, "x", { metadataOptions: { httpTokens: "required" } })), "compliant", type);
                assert.equal(outcomeOf(ec2Imdsv2, res(type, "x", { metadataOptions: { httpEndpoint: "disabled" } })), "compliant", type);
                for (const m of [undefined, { httpTokens: "optional" }, { httpTokens: "Required" }, { httpTokens: true }, { httpEndpoint: "Disabled" }]) {
                    assert.equal(outcomeOf(ec2Imdsv2, res(type, "x", { metadataOptions: m })), "violation", `${type} ${JSON.stringify(m)}`);
                }
                assert.equal(outcomeOf(ec2Imdsv2, res(type, "x", { metadataOptions: { httpTokens: UNKNOWN } })), "unknown", type);
            }
            const [f] = run(ec2Imdsv2, res(INSTANCE, "x", {}));
            assert.deepEqual(f.controls, ["IDENTITY-AUTHN"]);
        });
    });
});
