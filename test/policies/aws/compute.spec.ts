// Issue 15, compute and disks: EC2 instances, launch templates and configurations, EBS volumes.
import assert from "node:assert/strict";
import { ebsVolumeRule, ec2Instance as instanceCmk, ec2LaunchConfiguration as lcCmk, ec2LaunchTemplate as ltCmk } from "../../../policies/aws/enc-rest-cmk";
import { ec2Instance as instanceIp, ec2LaunchTemplate as ltIp } from "../../../policies/aws/network-private";
import { ec2Imdsv2 } from "../../../policies/aws/identity-authn";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, outcomeOf, resource, stackOutcomesByName } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const INSTANCE = "aws:ec2/instance:Instance";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const LC = "aws:ec2/launchConfiguration:LaunchConfiguration";
const SUBNET = "aws:ec2/subnet:Subnet";
const encryptedRoot = { rootBlockDevice: { encrypted: true, kmsKeyId: KEY_ARN } };

describe("aws compute and disks (issue 15)", () => {
    describe("aws-enc-rest-cmk-ec2-instance", () => {
        it("passes root and EBS volumes encrypted under a customer-managed key", () => {
            assert.equal(outcomeOf(instanceCmk, resource(INSTANCE, { ...encryptedRoot, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: KEY_ARN }] }, { name: "i" })), "compliant");
        });
        it("fails an unset root device (the AMI's), an unencrypted or AWS-key volume, with ENC-REST-CMK", () => {
            const findings = findingsOf(instanceCmk, resource(INSTANCE, { ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: "false", kmsKeyId: "alias/aws/ebs" }] }, { name: "i" }));
            assert.deepEqual(findings.map(f => f.message.split(";")[0].split(": ")[1]), [
                "rootBlockDevice.encrypted is unset", "rootBlockDevice.kmsKeyId is unset", "ebsBlockDevices[0].encrypted is \"false\"", "ebsBlockDevices[0].kmsKeyId is \"alias/aws/ebs\""]);
            assert.ok(findings.every(f => f.controls[0] === "ENC-REST-CMK"));
        });
        it("is unknown while the volumes are", () => {
            assert.equal(outcomeOf(instanceCmk, resource(INSTANCE, { ...encryptedRoot, ebsBlockDevices: UNKNOWN }, { name: "i" })), "unknown");
            assert.equal(outcomeOf(instanceCmk, resource(INSTANCE, { rootBlockDevice: { encrypted: true, kmsKeyId: UNKNOWN } }, { name: "i" })), "unknown");
        });
    });

    describe("aws-enc-rest-cmk-ec2-launch-template / -launch-configuration / -ebs-volume", () => {
        it("passes a template whose EBS mappings are encrypted (\"true\", the template's string) under a CMK, skipping instance-store mappings", () => {
            assert.equal(outcomeOf(ltCmk, resource(LT, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN } },
                { deviceName: "/dev/sdb", virtualName: "ephemeral0" }] }, { name: "lt" })), "compliant");
        });
        it("fails a template without mappings, with an unencrypted one, and is unknown while they are", () => {
            assert.equal(outcomeOf(ltCmk, resource(LT, {}, { name: "lt" })), "violation");
            assert.equal(outcomeOf(ltCmk, resource(LT, { blockDeviceMappings: [] }, { name: "lt" })), "violation");
            assert.equal(outcomeOf(ltCmk, resource(LT, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", kmsKeyId: KEY_ARN } }] }, { name: "lt" })), "violation");
            assert.equal(outcomeOf(ltCmk, resource(LT, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 20 } }] }, { name: "lt" })), "violation");
            assert.equal(outcomeOf(ltCmk, resource(LT, { blockDeviceMappings: UNKNOWN }, { name: "lt" })), "unknown");
        });
        it("fails every launch configuration, which cannot name a key", () => {
            const findings = findingsOf(lcCmk, resource(LC, { imageId: "ami-1", instanceType: "t3.micro", rootBlockDevice: { encrypted: true } }, { name: "lc" }));
            assert.equal(findings.length, 1);
            assert.match(findings[0].message, /cannot verify; use a launch template/);
        });
        it("judges an EBS volume's encryption and key", () => {
            assert.equal(outcomeOf(ebsVolumeRule, resource("aws:ebs/volume:Volume", { availabilityZone: "us-east-1a", encrypted: true, kmsKeyId: KEY_ARN }, { name: "v" })), "compliant");
            assert.equal(outcomeOf(ebsVolumeRule, resource("aws:ebs/volume:Volume", { availabilityZone: "us-east-1a", encrypted: true }, { name: "v" })), "violation");
            assert.equal(outcomeOf(ebsVolumeRule, resource("aws:ebs/volume:Volume", { availabilityZone: "us-east-1a", size: 10 }, { name: "v" })), "violation");
            assert.equal(outcomeOf(ebsVolumeRule, resource("aws:ebs/volume:Volume", { encrypted: UNKNOWN, kmsKeyId: KEY_ARN }, { name: "v" })), "unknown");
        });
    });

    describe("aws-network-private-ec2-instance (stack)", () => {
        it("judges the instance's own choice, then its subnet of the stack, and fails the default subnet or an unverifiable one", () => {
            const priv = resource(SUBNET, { mapPublicIpOnLaunch: false }, { name: "private" });
            const pub = resource(SUBNET, { mapPublicIpOnLaunch: true }, { name: "public" });
            const unk = resource(SUBNET, { mapPublicIpOnLaunch: UNKNOWN }, { name: "unk" });
            const outcomes = stackOutcomesByName(instanceIp, [priv, pub, unk,
                resource(INSTANCE, { associatePublicIpAddress: true, subnetId: "subnet-1" }, { name: "asks" }),
                resource(INSTANCE, { associatePublicIpAddress: "true", subnetId: "subnet-1" }, { name: "asks-text" }),
                resource(INSTANCE, { associatePublicIpAddress: false }, { name: "declines" }),
                resource(INSTANCE, { subnetId: "subnet-p" }, { name: "in-private", deps: { subnetId: [priv] } }),
                resource(INSTANCE, { subnetId: "subnet-q" }, { name: "in-public", deps: { subnetId: [pub] } }),
                resource(INSTANCE, { subnetId: "subnet-u" }, { name: "in-unknown", deps: { subnetId: [unk] } }),
                resource(INSTANCE, {}, { name: "default-subnet" }),
                resource(INSTANCE, { associatePublicIpAddress: null }, { name: "null-ip" }),
                resource(INSTANCE, { subnetId: "subnet-from-another-stack" }, { name: "elsewhere" }),
                resource(INSTANCE, { associatePublicIpAddress: UNKNOWN, subnetId: "subnet-p" }, { name: "ip-unknown" }),
                resource(INSTANCE, { subnetId: UNKNOWN }, { name: "subnet-unknown" }),
            ]);
            assert.deepEqual(outcomes, {
                asks: "violation", "asks-text": "violation", declines: "compliant", "in-private": "compliant", "in-public": "violation", "in-unknown": "unknown",
                "default-subnet": "violation", "null-ip": "violation", elsewhere: "violation", "ip-unknown": "unknown", "subnet-unknown": "unknown",
            });
        });
    });

    describe("aws-network-private-ec2-launch-template", () => {
        it("fails a network interface that associates a public IP (the template's \"true\"), and a launch configuration's", () => {
            assert.equal(outcomeOf(ltIp, resource(LT, { networkInterfaces: [{ associatePublicIpAddress: "false", subnetId: "s" }] }, { name: "lt" })), "compliant");
            const [f] = findingsOf(ltIp, resource(LT, { networkInterfaces: [{ associatePublicIpAddress: "true" }] }, { name: "lt" }));
            assert.deepEqual(f.controls, ["NETWORK-PRIVATE"]);
            assert.match(f.message, /networkInterfaces\[0\]\.associatePublicIpAddress is "true"/);
            assert.equal(outcomeOf(ltIp, resource(LC, { associatePublicIpAddress: true }, { name: "lc" })), "violation");
            // The provider parses the template's string with Go's ParseBool: "1", "t", "True" are true; "0", "f", "FALSE" false.
            for (const v of ["1", "t", "T", "True", "TRUE", "yes", " true", 1]) {
                assert.equal(outcomeOf(ltIp, resource(LT, { networkInterfaces: [{ associatePublicIpAddress: v }] }, { name: "lt" })), "violation", String(v));
            }
            for (const v of ["0", "f", "F", "FALSE", "False", false, null, ""]) {
                assert.equal(outcomeOf(ltIp, resource(LT, { networkInterfaces: [{ associatePublicIpAddress: v }] }, { name: "lt" })), "compliant", String(v));
            }
            assert.equal(outcomeOf(ltIp, resource(LT, { networkInterfaces: UNKNOWN }, { name: "lt" })), "unknown");
            assert.equal(outcomeOf(ltIp, resource(LT, { networkInterfaces: [{ associatePublicIpAddress: UNKNOWN }] }, { name: "lt" })), "unknown");
        });
    });

    describe("aws-identity-authn-ec2-imdsv2", () => {
        it("passes IMDSv2 required or the endpoint off; fails optional, unset, other spellings; unknown while unknown", () => {
            for (const type of [INSTANCE, LT, LC]) {
                assert.equal(outcomeOf(ec2Imdsv2, resource(type, { metadataOptions: { httpTokens: "required" } }, { name: "x" })), "compliant", type);
                assert.equal(outcomeOf(ec2Imdsv2, resource(type, { metadataOptions: { httpEndpoint: "disabled" } }, { name: "x" })), "compliant", type);
                for (const m of [undefined, { httpTokens: "optional" }, { httpTokens: "Required" }, { httpTokens: true }, { httpEndpoint: "Disabled" }]) {
                    assert.equal(outcomeOf(ec2Imdsv2, resource(type, { metadataOptions: m }, { name: "x" })), "violation", `${type} ${JSON.stringify(m)}`);
                }
                assert.equal(outcomeOf(ec2Imdsv2, resource(type, { metadataOptions: { httpTokens: UNKNOWN } }, { name: "x" })), "unknown", type);
            }
            const [f] = findingsOf(ec2Imdsv2, resource(INSTANCE, {}, { name: "x" }));
            assert.deepEqual(f.controls, ["IDENTITY-AUTHN"]);
        });
    });
});
