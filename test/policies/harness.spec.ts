// The policy test harness (test/support/policies.ts) checked against itself: each assertion fails on
// every near miss its name excludes, so that a spec written with it cannot pass by accident.
import assert from "node:assert/strict";
import type { BucketV2Args } from "@pulumi/aws/s3";
import type { Finding } from "../../policies/lib/evaluate";
import {
    assertAdvice, assertNoFinding, assertNotJudged, assertOneAdvice, assertOneExempted, assertOneViolation, assertOnlyUnknown, assertViolations,
    clouds, findingsOf, resource, ruleNamed, rulesOf, UNKNOWN, withProp,
} from "../support/policies";

const C = "PUBLIC-ACCESS";
const finding = (over: Partial<Finding> = {}): Finding => ({
    policy: "aws-public-access-s3-bucket", controls: [C], citation: "", enforcement: "mandatory", severity: "high",
    urn: "urn:pulumi:test::hospital::aws:s3/bucketV2:BucketV2::b", type: "aws:s3/bucketV2:BucketV2", name: "b",
    message: "aws:s3/bucketV2:BucketV2 \"b\": acl is \"public-read\"; wanted \"private\".", exempted: false, reason: null, unknown: false, ...over,
});
const unknown = (property: string) => finding({ unknown: true, enforcement: "advisory", message: `x "b": ${property} is unknown during preview; wanted y.` });

describe("the policy test harness (test/support/policies.ts)", () => {
    describe("assertOneViolation and assertViolations", () => {
        it("pass exactly one mandatory violation naming the property, of the control, on the URN", () => {
            assertOneViolation([finding()], "acl", { control: C, urn: finding().urn! });
            assertOneViolation([finding(), unknown("policy")], "acl");
            assertViolations([finding(), finding({ message: "x \"b\": policy is \"*\"; wanted y." })], ["acl", "policy"]);
        });

        it("fail two violations where one is named, and none", () => {
            assert.throws(() => assertOneViolation([finding(), finding()], "acl"), /exactly 1 violation/);
            assert.throws(() => assertOneViolation([], "acl"), /findings seen: none/);
            assert.throws(() => assertViolations([finding(), finding({ message: "x \"b\": policy is 1; wanted 2." })], ["acl", "acl"]), /one naming each/, "one finding cannot name a property for two");
            assertViolations([finding({ message: "x \"b\": policy is 1; wanted 2. Set acl and policy." }), finding()], ["acl", "policy"]);
            assert.throws(() => assertViolations([finding()], []), /exactly 0/);
        });

        it("fail a violation of another control, on another URN, naming another property, or advisory", () => {
            assert.throws(() => assertOneViolation([finding()], "acl", { control: "TAGGING" }), /violations of TAGGING/);
            assert.throws(() => assertOneViolation([finding()], "acl", { urn: "urn:other" }), /on urn:other/);
            assert.throws(() => assertOneViolation([finding()], "policy"), /naming each of policy/);
            assert.throws(() => assertOneViolation([finding({ enforcement: "advisory" })], "acl"), /mandatory/);
        });

        it("do not count an unknown or exempted finding as the violation", () => {
            assert.throws(() => assertOneViolation([unknown("acl")], "acl"));
            assert.throws(() => assertOneViolation([finding({ exempted: true, reason: "r" })], "acl"));
        });
    });

    describe("assertOnlyUnknown", () => {
        it("passes one unknown finding per property", () => {
            assertOnlyUnknown([unknown("acl")], "acl");
            assertOnlyUnknown([unknown("policy"), unknown("acl")], "acl", "policy");
        });
        it("fails a violation beside the unknown, an extra unknown, or an unknown of another property", () => {
            assert.throws(() => assertOnlyUnknown([unknown("acl"), finding()], "acl"));
            assert.throws(() => assertOnlyUnknown([unknown("acl"), unknown("policy")], "acl"));
            assert.throws(() => assertOnlyUnknown([unknown("policy")], "acl"));
            assert.throws(() => assertOnlyUnknown([unknown("acl")]), /exactly 0/);
        });
    });

    describe("assertOneAdvice, assertAdvice, assertOneExempted and assertNoFinding", () => {
        const advice = finding({ enforcement: "advisory" });
        it("pass exactly what they name", () => {
            assertOneAdvice([advice], "acl", { urn: advice.urn! });
            assertAdvice([advice, { ...advice, message: "x \"b\": policy is 1; wanted 2." }], ["acl", "policy"]);
            assertOneExempted([finding({ exempted: true, reason: "exempted until 2099-01-01: research" })], "research");
            assertNoFinding([]);
        });
        it("fail anything more or else", () => {
            assert.throws(() => assertOneAdvice([finding()], "acl"), /advice/);
            assert.throws(() => assertOneAdvice([advice, advice], "acl"));
            assert.throws(() => assertOneAdvice([advice], "acl", { urn: "urn:other" }));
            assert.throws(() => assertOneExempted([finding()], ""));
            assert.throws(() => assertOneExempted([finding({ exempted: true, reason: "r" }), finding({ exempted: true, reason: "r" })], "r"));
            assert.throws(() => assertNoFinding([unknown("acl")]), /unknown/);
            assert.throws(() => assertNoFinding([finding({ exempted: true })]), /exempted/);
        });
    });

    describe("silence from a resource rule that judges nothing", () => {
        const rule = "aws-public-access-subnet";
        const subnet = (type: string) => resource(type, { mapPublicIpOnLaunch: false });
        it("is not a pass: a misspelt type token fails assertNoFinding", () => {
            assertNoFinding(findingsOf(rule, subnet("aws:ec2/subnet:Subnet")));
            assert.throws(() => assertNoFinding(findingsOf(rule, subnet("aws:ec2/subnet:Subnett"))), /judges none of their types/);
        });
        it("is what assertNotJudged asserts, and only that", () => {
            assertNotJudged(findingsOf(rule, subnet("aws:s3/bucketV2:BucketV2")));
            assert.throws(() => assertNotJudged(findingsOf(rule, subnet("aws:ec2/subnet:Subnet"))), /judge none/);
            assert.throws(() => assertNotJudged(findingsOf("aws-public-access-s3-bucket-acl", [])), /judge none/, "a stack rule judges the stack");
            assert.throws(() => assertNotJudged([]), /judge none/, "findings not produced by findingsOf say nothing about what was judged");
        });
    });

    describe("failure messages", () => {
        it("name the rule that ran and every finding seen, even when it found nothing", () => {
            const rule = ruleNamed("aws-public-access-s3-bucket-acl");
            assert.throws(() => assertOneViolation(findingsOf(rule, resource("aws:s3/bucketAclV2:BucketAclV2", { acl: "private" })), "acl"),
                (e: Error) => e.message.includes("rule aws-public-access-s3-bucket-acl") && e.message.includes("findings seen: none"));
            const bad = resource("aws:s3/bucketAclV2:BucketAclV2", { acl: "public-read" }, { name: "open" });
            assert.throws(() => assertNoFinding(findingsOf(rule, bad)), (e: Error) => e.message.includes("on open:") && e.message.includes("public-read"));
        });
    });

    describe("resources", () => {
        it("are typed by the SDK's Args when asked: a misspelt input does not type-check", () => {
            const typed = resource<BucketV2Args>("aws:s3/bucketV2:BucketV2", { bucket: "phi", forceDestroy: UNKNOWN }, { name: "phi" });
            // @ts-expect-error "bukcet" is not an input of BucketV2Args
            resource<BucketV2Args>("aws:s3/bucketV2:BucketV2", { bukcet: "phi" });
            assert.equal(typed.urn, "urn:pulumi:test::hospital::aws:s3/bucketV2:BucketV2::phi");
        });

        it("carry their dependencies, their protection and their provider's inputs", () => {
            const target = resource("aws:kms/key:Key", {}, { name: "k" });
            const r = resource("aws:s3/bucketV2:BucketV2", {}, { protect: true, deps: { kmsKeyId: [target] }, provider: { region: "us-east-1" } });
            assert.deepEqual(r.opts, { protect: true, propertyDependencies: { kmsKeyId: [target.urn] } });
            assert.deepEqual(r.provider, { type: "pulumi:providers:aws", urn: "urn:pulumi:test::hospital::pulumi:providers:aws::default", props: { region: "us-east-1" } });
            assert.notEqual(resource("gcp:storage/bucket:Bucket").name, resource("gcp:storage/bucket:Bucket").name, "fresh names");
        });

        it("are copied, not changed, by withProp", () => {
            const r = resource("azure-native:storage:StorageAccount", { encryption: { keySource: "Microsoft.Keyvault" } });
            const changed = withProp(r, "encryption.keySource", "Microsoft.Storage");
            assert.deepEqual(r.props, { encryption: { keySource: "Microsoft.Keyvault" } });
            assert.deepEqual(changed.props, { encryption: { keySource: "Microsoft.Storage" } });
        });
    });

    describe("rules chosen by their metadata", () => {
        it("select a cloud's rules of one control, of one kind, and nothing else", () => {
            for (const cloud of clouds) {
                const chosen = rulesOf({ cloud, control: "ENC-REST-CMK" });
                assert.ok(chosen.length > 0 && chosen.every(r => r.cloud === cloud && r.controls.includes("ENC-REST-CMK")), cloud);
                assert.ok(rulesOf({ cloud, kind: "stack" }).every(r => r.kind === "stack"), cloud);
            }
            assert.throws(() => rulesOf({ cloud: "aws", control: "NO-SUCH" as never }), /no rule matches/);
            assert.throws(() => ruleNamed("aws-no-such-rule"), /aws-no-such-rule exists/);
        });
    });
});
