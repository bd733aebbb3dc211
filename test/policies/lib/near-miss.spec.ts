// Near-miss spellings (blanks, zero-width characters, case, full-width letters), attacked: a near-miss of a SAFE
// value is never read as safe (it is a finding that says why), and a near-miss of an UNSAFE value, or of one that
// makes a rule apply, is still read as that value (policies/lib/inputs.ts).
import assert from "node:assert/strict";
import { durationDays } from "../../../policies/azure/key-rotation";
import { deniesInsecureTransport } from "../../../policies/lib/iam";
import { equalsAnyIgnoreCase, nearMiss, parseBoolReads, readsAsAny } from "../../../policies/lib/inputs";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, findingsOf, outcomeOf, resource, ruleNamed } from "../../support/policies";

describe("policies/lib/inputs: one loose reading, two uses", () => {
    it("a safe value counts only as the provider reads it; a near-miss of it is a near-miss", () => {
        assert.equal(equalsAnyIgnoreCase("enabled", "Enabled"), true);
        for (const v of [" Enabled", "Enabled ", "Enabled\u200b", "Ｅｎａｂｌｅｄ", "En\u00adabled"]) {
            assert.equal(equalsAnyIgnoreCase(v, "Enabled"), false, JSON.stringify(v));
            assert.equal(nearMiss(v), true, JSON.stringify(v));
        }
        assert.equal(parseBoolReads.off("false "), false);
        assert.equal(nearMiss("false "), true);
    });

    it("an unsafe value reads however it is spelt", () => {
        for (const v of ["DISABLED\u200b", " disabled ", "Ｄｉｓａｂｌｅｄ", "Dis\u2060abled"]) assert.equal(readsAsAny(v, "Disabled"), true, JSON.stringify(v));
        assert.equal(readsAsAny("Disable", "Disabled"), false);
        assert.equal(readsAsAny(UNKNOWN, "Disabled"), false);
    });

    it("free text is no near-miss: a JSON document, a name with spaces, a value as written", () => {
        for (const v of ["{\"Version\": \"2012-10-17\"}\n", "My key", "Enabled", "TLS1_2", "2192", ""]) assert.equal(nearMiss(v), false, JSON.stringify(v));
    });
});

describe("AWS rules: a near-miss of a safe value is a finding, a near-miss of an unsafe one is judged as it", () => {
    it("S3 versioning \"Enabled \" or \"Enabled\\u200b\" is not enabled, and the message names the hidden character", () => {
        const bucket = resource("aws:s3/bucket:Bucket", { bucket: "stmary-phi" }, { name: "phi" });
        for (const [status, code] of [["Enabled ", "U+0020"], ["Enabled\u200b", "U+200B"], ["Ｅｎａｂｌｅｄ", "U+FF25"]] as const) {
            const versioning = resource("aws:s3/bucketVersioning:BucketVersioning", { bucket: "stmary-phi", versioningConfiguration: { status } }, { name: "v" });
            const found = findingsOf(ruleNamed("aws-backup-versioning-s3-bucket"), [bucket, versioning]);
            assertOneViolation(found, "versioningConfiguration.status", { control: "BACKUP-VERSIONING" });
            assert.match(found[0].message, new RegExp(`not a value the provider takes as written: it holds ${code.replace("+", "\\+")}`));
        }
    });

    it("an instance's associatePublicIpAddress \"false \" is not false (Go's ParseBool refuses it)", () => {
        const subnet = resource("aws:ec2/subnet:Subnet", { mapPublicIpOnLaunch: false }, { name: "private" });
        const instance = resource("aws:ec2/instance:Instance", { associatePublicIpAddress: "false ", subnetId: UNKNOWN }, { name: "vm", deps: { subnetId: [subnet] } });
        assertOneViolation(findingsOf(ruleNamed("aws-network-private-ec2-instance"), [subnet, instance]), "associatePublicIpAddress", { control: "NETWORK-PRIVATE" });
    });

    it("a log group of class \"delivery\" or \"DELIVERY \" keeps 2 days: not read as another class", () => {
        const rule = ruleNamed("aws-retention-log-group");
        for (const logGroupClass of ["delivery", "DELIVERY ", "DELIVERY\u200b"]) {
            assert.equal(outcomeOf(rule, resource("aws:cloudwatch/logGroup:LogGroup", { logGroupClass, retentionInDays: 2192 }, { name: "lg" })), "violation", logGroupClass);
        }
        assert.equal(outcomeOf(rule, resource("aws:cloudwatch/logGroup:LogGroup", { logGroupClass: "STANDARD", retentionInDays: 2192 }, { name: "lg" })), "compliant");
    });

    it("a KMS key spec \"symmetric_default \" is still a symmetric key: rotation is judged, not 'not applicable'", () => {
        const rule = ruleNamed("aws-key-rotation-kms-key");
        assert.equal(outcomeOf(rule, resource("aws:kms/key:Key", { customerMasterKeySpec: "symmetric_default ", enableKeyRotation: false }, { name: "k" })), "violation");
        assert.equal(outcomeOf(rule, resource("aws:kms/key:Key", { keyUsage: "encrypt_decrypt\u200b", enableKeyRotation: false }, { name: "k" })), "violation");
        assert.equal(outcomeOf(rule, resource("aws:kms/key:Key", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, { name: "k" })), "not-applicable");
    });

    it("a public canned ACL or grantee group with a zero-width character is public", () => {
        const bucket = resource("aws:s3/bucket:Bucket", { bucket: "stmary-phi" }, { name: "phi" });
        const rule = ruleNamed("aws-public-access-s3-bucket-acl");
        const acl = resource("aws:s3/bucketAcl:BucketAcl", { bucket: "stmary-phi", acl: "public\u200b-read" }, { name: "acl" });
        assert.ok(findingsOf(rule, [bucket, acl]).some(f => !f.unknown && /acl/.test(f.message)));
        const grant = resource("aws:s3/bucketAcl:BucketAcl", { bucket: "stmary-phi", accessControlPolicy: { grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers\u200b" } }] } }, { name: "grant" });
        assert.ok(findingsOf(rule, [bucket, grant]).some(f => !f.unknown));
    });

    it("a CloudControl bucket whose typeName has a zero-width character is judged as a bucket, not skipped", () => {
        const cc = resource("aws:cloudcontrol/resource:Resource", { typeName: "AWS::S3::Bucket\u200b", desiredState: JSON.stringify({ BucketName: "stmary-cc" }) }, { name: "cc" });
        assert.equal(outcomeOf(ruleNamed("aws-backup-versioning-cloudcontrol-s3-bucket"), cc), "violation");
    });
});

describe("Azure: a near-miss of an unsafe value is judged as it", () => {
    it("a web app whose publicNetworkAccess is \"Enabled\\u200b\" is open, whatever siteConfig says", () => {
        const app = resource("azure-native:web:WebApp", { publicNetworkAccess: "Enabled\u200b", siteConfig: { publicNetworkAccess: "Disabled" } }, { name: "app" });
        assertOneViolation(findingsOf(ruleNamed("azure-public-access-web-app"), [app]), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
    });
});

describe("NETWORK-PRIVATE (policies/lib/network.ts, every cloud): a source admits the internet however it is spelt", () => {
    const azureRule = (type: string, sourceAddressPrefix: string) => resource(type, { networkSecurityGroupName: "nsg", resourceGroupName: "rg", priority: 100,
        protocol: "Tcp", direction: "Inbound", access: "Allow", sourceAddressPrefix, destinationAddressPrefix: "*", destinationPortRange: "22" }, { name: "r" });
    const spellings = ["0.0.0.0/0\u200b", "０.０.０.０/０", " 0.0.0.0/0 ", "Internet\u200b", "ＩＮＴＥＲＮＥＴ", "*\u2060"];

    it("an Azure SecurityRule standalone (any token: azure-native, versioned, classic) or inline in an NSG", () => {
        for (const type of ["azure-native:network:SecurityRule", "azure-native:network/v20230501:SecurityRule", "azure:network/networkSecurityRule:NetworkSecurityRule"]) {
            for (const source of spellings) {
                assertOneViolation(findingsOf(ruleNamed("azure-network-private-security-rule"), azureRule(type, source)), "sourceAddressPrefix", { control: "NETWORK-PRIVATE" });
            }
        }
        const nsg = resource("azure-native:network:NetworkSecurityGroup", { resourceGroupName: "rg", securityRules: [{ ...azureRule("x", "Internet\u200b").props, name: "ssh" }] }, { name: "nsg" });
        assertOneViolation(findingsOf(ruleNamed("azure-network-private-network-security-group"), nsg), "securityRules[0].sourceAddressPrefix", { control: "NETWORK-PRIVATE" });
    });

    it("an AWS security group and a Google firewall", () => {
        for (const source of spellings.filter(s => /\d/.test(s))) {
            const sg = resource("aws:ec2/securityGroup:SecurityGroup", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [source] }] }, { name: "sg" });
            assertOneViolation(findingsOf(ruleNamed("aws-network-private-security-group"), sg), "ingress[0]", { control: "NETWORK-PRIVATE" });
            const fw = resource("gcp:compute/firewall:Firewall", { network: "n", allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: [source] }, { name: "fw" });
            assert.ok(findingsOf(ruleNamed("gcp-network-private-firewall"), fw).some(f => !f.unknown), JSON.stringify(source));
        }
    });
});

describe("enum reads that trimmed: an unsafe value (or one that makes a rule apply) read loosely, a safe one as the provider reads it", () => {
    const hidden = "\u200b";
    it("Google firewall policy rule: srcNetworkScope INTERNET however spelt admits the internet; an inner scope or a deny only as Google reads it", () => {
        const name = "gcp-network-private-firewall-policy-rule";
        const rule = (props: Record<string, unknown>, match: Record<string, unknown>) => resource("gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule",
            { firewallPolicy: "fp", priority: 1000, action: "allow", direction: "INGRESS", match: { layer4Configs: [{ ipProtocol: "tcp", ports: ["22"] }], ...match }, ...props });
        for (const scope of [`INTERNET${hidden}`, "ＩＮＴＥＲＮＥＴ", "internet"]) {
            assertOneViolation(findingsOf(name, [rule({}, { srcIpRanges: ["10.0.0.0/8"], srcNetworkScope: scope })]), "match.layer4Configs[0]");
        }
        for (const scope of [" INTRA_VPC", `NON_INTERNET${hidden}`]) assertOneViolation(findingsOf(name, [rule({}, { srcNetworkScope: scope })]), "match.layer4Configs[0]");
        assertNoFinding(findingsOf(name, [rule({}, { srcNetworkScope: "INTRA_VPC" })]));
        assertOneViolation(findingsOf(name, [rule({ action: " deny" }, { srcIpRanges: ["0.0.0.0/0"] })]), "match.layer4Configs[0]");
    });

    it("AWS: an SNS protocol http however spelt; a CloudControl key Origin EXTERNAL however spelt, AWS_KMS only as written; OPTIONS only as written", () => {
        for (const protocol of [`http${hidden}`, "ＨＴＴＰ", " http"]) {
            assertOneViolation(findingsOf(ruleNamed("aws-enc-transit-sns-subscription"), resource("aws:sns/topicSubscription:TopicSubscription", { protocol, endpoint: "http://x", topic: "t" }, { name: "s" })), "protocol");
        }
        const key = (Origin: string) => resource("aws:cloudcontrol/resource:Resource", { typeName: "AWS::KMS::Key", desiredState: JSON.stringify({ EnableKeyRotation: true, Origin }) }, { name: "k" });
        for (const origin of [`EXTERNAL${hidden}`, "AWS_KMS "]) assert.equal(outcomeOf(ruleNamed("aws-key-rotation-cloudcontrol-kms-key"), key(origin)), "violation", origin);
        assert.equal(outcomeOf(ruleNamed("aws-key-rotation-cloudcontrol-kms-key"), key("AWS_KMS")), "compliant");
        const method = (httpMethod: string) => resource("aws:apigateway/method:Method", { httpMethod, authorization: "NONE", restApi: "a", resourceId: "r" }, { name: "m" });
        assert.equal(outcomeOf(ruleNamed("aws-public-access-api-gateway-authorization"), method(" OPTIONS")), "violation");
        assert.equal(outcomeOf(ruleNamed("aws-public-access-api-gateway-authorization"), method("OPTIONS")), "not-applicable");
    });

    it("Azure server parameters: the name read however spelt, ON and TLS floors only as the server reads them", () => {
        const conf = (configurationName: string, value: string) => resource("azure-native:dbforpostgresql:Configuration", { serverName: "s", resourceGroupName: "rg", configurationName, value, source: "user-override" }, { name: "p" });
        const rule = ruleNamed("azure-enc-transit-server-configuration");
        assert.equal(outcomeOf(rule, conf(`require_secure_transport${hidden}`, "OFF")), "violation");
        for (const [name, value] of [["require_secure_transport", " ON"], ["ssl_min_protocol_version", "TLSv1.2 "]]) assert.equal(outcomeOf(rule, conf(name, value)), "violation", value);
        assert.equal(outcomeOf(rule, conf("require_secure_transport", "on")), "compliant");
        assert.equal(outcomeOf(rule, conf("constructor", "x")), "not-applicable");
    });

    it("a Deny on aws:SecureTransport \" false\" is not the TLS-only statement; a Key Vault rotation \" P90D\" is no duration; the EMR tag key however spelt is judged", () => {
        const deny = (value: string) => ({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": value } } });
        assert.equal(deniesInsecureTransport(deny("false"), "b"), true);
        for (const v of [" false", "false\u200b"]) assert.equal(deniesInsecureTransport(deny(v), "b"), false, JSON.stringify(v));
        assert.equal(durationDays("P90D"), 90);
        assert.ok(Number.isNaN(durationDays(" P90D")));
        const tag = resource("aws:ec2/tag:Tag", { resourceId: "sg-0shared", key: "for-use-with-amazon-emr-managed-policies\u200b", value: "true\u200b" }, { name: "t" });
        assertOneViolation(findingsOf(ruleNamed("aws-least-privilege-ec2-tag"), [tag]), "resourceId");
    });
});
