// Issue 16, image analysis on AWS: the Rekognition endpoint (NETWORK-PRIVATE), the endpoint policy and the
// workload's grants (LEAST-PRIVILEGE), wherever they appear in a program.
import assert from "node:assert/strict";
import { rekognitionEndpointPolicy, rekognitionWorkload } from "../../../policies/aws/least-privilege";
import { rekognitionEndpoint } from "../../../policies/aws/network-private";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, findingsOf, resource, stackOutcomesByName, violations } from "../../support/policies";

const POLICY = "aws:iam/policy:Policy", ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/k";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const detect = { Sid: "Detect", Effect: "Allow", Action: ["rekognition:DetectLabels"], Resource: "*" };
const read = { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::stmary-analysis/input/*" };
const write = { Sid: "Write", Effect: "Allow", Action: ["s3:PutObject"], Resource: "arn:aws:s3:::stmary-analysis/results/*" };
const kms = { Sid: "Kms", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: KEY, Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } };
const workload = (...statements: unknown[]) => resource(POLICY, { policy: doc(...statements) }, { name: "workload" });
const endpoint = (props: Record<string, unknown> = {}) => resource(ENDPOINT, {
    serviceName: "com.amazonaws.us-east-1.rekognition", vpcEndpointType: "Interface", privateDnsEnabled: true,
    subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"],
    policy: doc({ Effect: "Allow", Principal: "*", Action: ["rekognition:DetectLabels", "rekognition:DetectText"], Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "123456789012" } } }),
    ...props,
}, { name: "rekognition" });

describe("aws image analysis (Rekognition)", () => {
    describe("aws-network-private-rekognition-endpoint", () => {
        it("judges a grant compliant when the stack has a Rekognition interface endpoint with private DNS (FIPS too)", () => {
            for (const serviceName of ["com.amazonaws.us-east-1.rekognition", "com.amazonaws.us-gov-west-1.rekognition-fips"]) {
                const stack = [workload(detect), endpoint({ serviceName })];
                assertNoFinding(findingsOf(rekognitionEndpoint, stack));
                assert.equal(stackOutcomesByName(rekognitionEndpoint, stack).workload, "compliant");
            }
        });
        it("reports a grant with no such endpoint, or only a public-DNS, gateway or misspelt one (NETWORK-PRIVATE)", () => {
            const variants: (ReturnType<typeof endpoint> | undefined)[] = [
                undefined, endpoint({ privateDnsEnabled: false }), endpoint({ privateDnsEnabled: "no" }), endpoint({ vpcEndpointType: "Gateway" }),
                endpoint({ serviceName: "com.amazonaws.us-east-1.Rekognition" }), endpoint({ serviceName: "com.amazonaws.us-east-1.rekognition " }),
                endpoint({ serviceName: "com.amazonaws.us-east-1.rekognition.evil" }), endpoint({ serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0rekognition" }),
            ];
            for (const e of variants) {
                const findings = violations(findingsOf(rekognitionEndpoint, [workload(detect), ...(e ? [e] : [])]));
                assert.equal(findings.length, 1, JSON.stringify(e?.props));
                assert.deepEqual(findings[0].controls, ["NETWORK-PRIVATE"]);
                assert.equal(findings[0].name, "workload");
            }
        });
        it("is unknown, not compliant, while the endpoint's service name is unknown at preview", () => {
            const stack = [workload(detect), endpoint({ serviceName: UNKNOWN })];
            assert.equal(stackOutcomesByName(rekognitionEndpoint, stack).workload, "unknown");
        });
        it("finds a policy that grants no Rekognition call not applicable, and an unknown one not judged", () => {
            const stack = [resource(POLICY, { policy: doc(read) }, { name: "other" }), resource(POLICY, { policy: UNKNOWN }, { name: "later" })];
            const outcomes = stackOutcomesByName(rekognitionEndpoint, stack);
            assert.equal(outcomes.other, "not-applicable");
            assert.equal(outcomes.later, undefined);
        });
        it("counts inline role policies and any spelling of the action IAM accepts", () => {
            const role = resource("aws:iam/role:Role", { inlinePolicies: [{ name: "x", policy: doc({ Effect: "allow", Action: "REKOGNITION:detectlabels", Resource: "*" }) }] }, { name: "role" });
            assert.equal(violations(findingsOf(rekognitionEndpoint, [role])).length, 1);
        });
    });

    describe("aws-least-privilege-rekognition-workload", () => {
        it("passes detect calls, the input and results prefixes, and the key through S3 only", () => {
            assertNoFinding(findingsOf(rekognitionWorkload, workload(detect, read, write, kms)));
        });
        const bad: [string, unknown[], string][] = [
            ["every Rekognition call", [{ ...detect, Action: "rekognition:*" }], "Statement[0].Action"],
            ["IndexFaces (Rekognition keeps face vectors)", [{ ...detect, Action: ["rekognition:DetectLabels", "rekognition:IndexFaces"] }], "Statement[0].Action"],
            ["a wildcard before Detect", [{ ...detect, Action: "rekognition:*Detect*" }], "Statement[0].Action"],
            ["NotAction", [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }, detect], "Statement[0].NotAction"],
            ["s3:GetObject on every object", [detect, { ...read, Resource: "*" }], "Statement[1].Resource"],
            ["s3:GetObject on every bucket by ARN", [detect, { ...read, Resource: "arn:aws:s3:::*/*" }], "Statement[1].Resource"],
            ["s3:* on a bucket wildcard", [detect, { ...read, Action: "s3:*", Resource: "arn:aws:s3:::stmary-*/*" }], "Statement[1].Resource"],
            ["s3:GetObject with NotResource", [detect, { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x/*" }], "Statement[1].Resource"],
            ["kms:Decrypt with no condition", [detect, { ...kms, Condition: undefined }], "Statement[1].Condition"],
            ["kms:* with no condition", [detect, { ...kms, Action: "kms:*", Condition: undefined }], "Statement[1].Condition"],
            ["kms:ViaService under StringLike", [detect, { ...kms, Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } } }], "Statement[1].Condition"],
            ["kms:ViaService naming another service", [detect, { ...kms, Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com", "ec2.us-east-1.amazonaws.com"] } } }], "Statement[1].Condition"],
            ["kms:ViaService under StringEqualsIfExists", [detect, { ...kms, Condition: { StringEqualsIfExists: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } }], "Statement[1].Condition"],
        ];
        for (const [what, statements, property] of bad) {
            it(`reports ${what} (LEAST-PRIVILEGE)`, () => {
                const findings = violations(findingsOf(rekognitionWorkload, workload(...statements)));
                assert.ok(findings.some(f => f.message.includes(property)), JSON.stringify(findings.map(f => f.message)));
                assert.ok(findings.every(f => f.controls[0] === "LEAST-PRIVILEGE"));
            });
        }
        it("leaves a policy that grants no Rekognition call not judged, and is unknown for an unknown document", () => {
            assertNoFinding(findingsOf(rekognitionWorkload, workload(read)));
            const [f] = findingsOf(rekognitionWorkload, resource(POLICY, { policy: UNKNOWN }, { name: "later" }));
            assert.equal(f.unknown, true);
        });
        it("fails closed on a document with a key given twice", () => {
            const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"rekognition:DetectLabels","Action":"rekognition:*","Resource":"*"}]}`;
            const findings = findingsOf(rekognitionWorkload, resource(POLICY, { policy: text }, { name: "dup" }));
            assert.equal(findings.length, 1);
            assert.equal(findings[0].enforcement, "mandatory");
        });
    });

    describe("aws-least-privilege-rekognition-endpoint-policy", () => {
        it("passes the detect calls of this account's principals", () => {
            assertNoFinding(findingsOf(rekognitionEndpointPolicy, endpoint()));
        });
        it("reports no policy (full access), every call, NotAction, everyone without a condition, and a policy that allows nothing", () => {
            const cases: [Record<string, unknown>, string][] = [
                [{ policy: undefined }, "policy"],
                [{ policy: doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "1" } } }) }, "Statement[0].Action"],
                [{ policy: doc({ Effect: "Allow", Principal: "*", NotAction: "rekognition:IndexFaces", Resource: "*" }) }, "Statement[0].NotAction"],
                [{ policy: doc({ Effect: "Allow", Principal: "*", Action: "rekognition:DetectLabels", Resource: "*" }) }, "Statement[0].Principal"],
                [{ policy: doc({ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }) }, "policy"],
                [{ serviceName: "com.amazonaws.us-east-1.REKOGNITION", policy: doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }) }, "Statement[0].Action"],
            ];
            for (const [props, property] of cases) {
                const findings = violations(findingsOf(rekognitionEndpointPolicy, endpoint(props)));
                assert.ok(findings.some(f => f.message.includes(property)), `${property}: ${JSON.stringify(findings.map(f => f.message))}`);
                assert.ok(findings.every(f => f.controls[0] === "LEAST-PRIVILEGE"));
            }
        });
        it("leaves other endpoints not judged, and is unknown while the service name or policy is", () => {
            assertNoFinding(findingsOf(rekognitionEndpointPolicy, endpoint({ serviceName: "com.amazonaws.us-east-1.kms", policy: undefined })));
            assert.equal(findingsOf(rekognitionEndpointPolicy, endpoint({ serviceName: UNKNOWN }))[0].unknown, true);
            assert.equal(findingsOf(rekognitionEndpointPolicy, endpoint({ policy: UNKNOWN }))[0].unknown, true);
        });
    });
});

describe("aws image analysis through AWS-managed Rekognition policies", () => {
    const attachment = (policyArn: unknown) => resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn }, { name: "attach" });
    const readOnly = "arn:aws:iam::aws:policy/AmazonRekognitionReadOnlyAccess";
    it("counts an attached AWS-managed Rekognition policy as a grant: the endpoint is required and the opt-out reminded", async () => {
        const { optOut } = await import("../../../policies/aws/ai-data-use");
        for (const r of [attachment(readOnly), resource("aws:iam/role:Role", { managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonRekognitionServiceRole"] }, { name: "role" })]) {
            assert.equal(violations(findingsOf(rekognitionEndpoint, [r])).length, 1, r.name);
            assert.equal(findingsOf(optOut, [r]).length, 1, r.name);
            assertNoFinding(findingsOf(rekognitionEndpoint, [r, endpoint()]));
        }
    });
    it("reports the AWS-managed policy itself under LEAST-PRIVILEGE (it grants more than the detect calls), in any case", () => {
        for (const arn of [readOnly, "arn:aws:iam::aws:policy/amazonrekognitionfullaccess"]) {
            const [f] = violations(findingsOf(rekognitionWorkload, attachment(arn)));
            assert.deepEqual(f.controls, ["LEAST-PRIVILEGE"]);
            assert.match(f.message, /policyArn/);
        }
        assertNoFinding(findingsOf(rekognitionWorkload, attachment("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")));
        assertNoFinding(findingsOf(rekognitionWorkload, attachment(UNKNOWN)));
    });
});

describe("aws-least-privilege-rekognition-principal (a Rekognition workload's other policies)", () => {
    const roleOf = (name: string, props: Record<string, unknown> = {}) => resource("aws:iam/role:Role", { name, ...props }, { name: name });
    const policyOf = (name: string, ...statements: unknown[]) => resource(POLICY, { name, policy: doc(...statements) }, { name: name });
    const attach = (name: string, role: ReturnType<typeof roleOf>, policy: ReturnType<typeof policyOf> | string) =>
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: role.name, policyArn: typeof policy === "string" ? policy : `arn:aws:iam::123456789012:policy/${policy.name}` }, { name: name, ...typeof policy === "string" ? {} : { deps: { policyArn: [policy] } } });
    const wide = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
    const kmsAnywhere = { Effect: "Allow", Action: "kms:Decrypt", Resource: KEY };
    it("passes a workload whose other policies are scoped, and a role that may not call Rekognition", async () => {
        const { rekognitionPrincipal } = await import("../../../policies/aws/least-privilege");
        const role = roleOf("workload"), grant = policyOf("detect", detect), other = policyOf("other", read, kms);
        assertNoFinding(findingsOf(rekognitionPrincipal, [role, grant, other, attach("a1", role, grant), attach("a2", role, other)]));
        const plain = roleOf("plain"), broad = policyOf("broad", wide);
        assertNoFinding(findingsOf(rekognitionPrincipal, [plain, broad, attach("a3", plain, broad)]));
    });
    it("reports a sibling policy that reads every bucket or decrypts outside S3, attached by output, by written ARN, or inline", async () => {
        const { rekognitionPrincipal } = await import("../../../policies/aws/least-privilege");
        const role = roleOf("workload"), grant = policyOf("detect", detect), broad = policyOf("broad", wide, kmsAnywhere);
        for (const stack of [
            [role, grant, broad, attach("a1", role, grant), attach("a2", role, broad)],
            [role, grant, broad, attach("a1", role, grant), resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "workload", policyArn: "arn:aws:iam::123456789012:policy/broad" }, { name: "a2" })],
            [roleOf("workload", { inlinePolicies: [{ name: "d", policy: doc(detect) }] }), resource("aws:iam/rolePolicy:RolePolicy", { role: "workload", policy: doc(wide, kmsAnywhere) }, { name: "broad" })],
            [role, broad, attach("a0", role, "arn:aws:iam::aws:policy/AmazonRekognitionReadOnlyAccess"), attach("a2", role, broad)],
            // IAM names are caseless: "WORKLOAD" is the role "workload", ".../policy/BROAD" the policy "broad".
            [role, grant, broad, attach("a1", role, grant), resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "WORKLOAD", policyArn: "arn:aws:iam::123456789012:policy/BROAD" }, { name: "a2" })],
        ]) {
            const findings = violations(findingsOf(rekognitionPrincipal, stack));
            assert.deepEqual(findings.map(f => f.name), ["broad", "broad"], JSON.stringify(findings.map(f => f.message)));
            assert.ok(findings.every(f => f.controls[0] === "LEAST-PRIVILEGE" && /may call Rekognition/.test(f.message)));
        }
    });
});
