import assert from "node:assert/strict";
import { detectActions, ImageAnalysis, ImageAnalysisArgs, imageAnalysisProblems } from "../../../components/aws/analysis";
import { aiOptOutContent as optOutContent } from "../../../facts/aws";
import { rules as awsRules } from "../../../policies/aws";
import { evaluate } from "../../../policies/lib/evaluate";
import { record, Recorded } from "../../support/record";

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/test-key";
const config = { "aws:region": "us-east-1" };
const T = {
    component: "hipaa-cloud:aws:ImageAnalysis",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    bucket: "hipaa-cloud:aws:EncryptedBucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    orgPolicy: "aws:organizations/policy:Policy",
    orgAttachment: "aws:organizations/policyAttachment:PolicyAttachment",
};

function args(extra: Partial<ImageAnalysisArgs> = {}): ImageAnalysisArgs {
    return {
        tenant: "mercy", key: keyArn, accessLogBucket: "mercy-access-logs", region: "us-east-1",
        vpcId: "vpc-1", subnetIds: ["subnet-1", "subnet-2"], endpointSecurityGroupId: "sg-1", ...extra,
    };
}

function analysis(extra: Partial<ImageAnalysisArgs> = {}, capture?: (a: ImageAnalysis) => void): Promise<Recorded> {
    return record(() => { const a = new ImageAnalysis("analysis", args(extra)); capture?.(a); }, { config });
}

const resolved = <T>(o: { apply: (f: (v: T) => void) => unknown }) => new Promise<T>(resolve => o.apply(v => resolve(v)));

describe("components/aws/analysis ImageAnalysis", () => {
    let r: Recorded;
    let component: ImageAnalysis;
    before(async () => { r = await analysis({}, a => { component = a; }); });

    it("registers the endpoint, the bucket and the workload role under the component", () => {
        const parent = r.one(T.component, "analysis").urn;
        for (const type of [T.endpoint, T.role, T.policy, T.attachment, T.bucket]) assert.equal(r.one(type).parent, parent, type);
    });

    it("reaches Rekognition through an interface endpoint with private DNS, in the private subnets, behind the endpoint group", () => {
        const e = r.one(T.endpoint).inputs;
        assert.equal(e.serviceName, "com.amazonaws.us-east-1.rekognition");
        assert.equal(e.vpcEndpointType, "Interface");
        assert.equal(e.privateDnsEnabled, true);
        assert.deepEqual(e.subnetIds, ["subnet-1", "subnet-2"]);
        assert.deepEqual(e.securityGroupIds, ["sg-1"]);
    });

    it("admits only the detect calls of this account's principals through the endpoint", () => {
        const [s, ...rest] = JSON.parse(r.one(T.endpoint).inputs.policy as string).Statement;
        assert.equal(rest.length, 0);
        assert.deepEqual(s.Action, detectActions);
        for (const a of s.Action) assert.match(a, /^rekognition:Detect[A-Za-z]+$/);
        assert.equal(s.Condition.StringEquals["aws:PrincipalAccount"], "123456789012");
    });

    it("lets the workload role read only the input prefix, write only the results prefix, and use the CMK only through S3", () => {
        const bySid = Object.fromEntries(JSON.parse(r.one(T.policy).inputs.policy as string).Statement.map((s: any) => [s.Sid, s]));
        assert.deepEqual(Object.keys(bySid).sort(), ["DetectOnly", "ReadInput", "UseCmkThroughS3", "WriteResults"]);
        assert.deepEqual(bySid.DetectOnly.Action, detectActions);
        assert.deepEqual(bySid.ReadInput.Action, ["s3:GetObject"]);
        assert.equal(bySid.ReadInput.Resource, "arn:aws:s3:::analysis-images/input/*");
        assert.deepEqual(bySid.WriteResults.Action, ["s3:PutObject"]);
        assert.equal(bySid.WriteResults.Resource, "arn:aws:s3:::analysis-images/results/*");
        assert.equal(bySid.UseCmkThroughS3.Resource, keyArn);
        assert.deepEqual(bySid.UseCmkThroughS3.Condition, { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } });
        assert.equal(r.one(T.role).inputs.inlinePolicies, undefined);
    });

    it("keeps images and results in a bucket encrypted with the CMK", () => {
        assert.equal(r.one(T.bucket).name, "analysis-images");
        assert.equal((r.one(T.sse).inputs.rules as any[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn);
    });

    it("creates no AI services opt-out without a target, and the attached, locked one with it", async () => {
        assert.equal(r.ofType(T.orgPolicy).length, 0);
        const withOptOut = await analysis({ aiOptOutTargetId: "r-ab12" });
        const p = withOptOut.one(T.orgPolicy).inputs;
        assert.equal(p.type, "AISERVICES_OPT_OUT_POLICY");
        assert.deepEqual(JSON.parse(p.content as string), optOutContent);
        const a = withOptOut.one(T.orgAttachment);
        assert.equal(a.inputs.targetId, "r-ab12");
        assert.ok(a.propertyDependencies.policyId.includes(withOptOut.one(T.orgPolicy).urn));
    });

    it("outputs the endpoint the workloads call and the role allowed to call it", async () => {
        assert.equal(await resolved(component.endpoint), "https://rekognition.us-east-1.amazonaws.com");
        assert.match(await resolved<string>(component.callerIdentity), /^arn:aws:iam::123456789012:role\//);
    });

    it("gives the AWS rules nothing mandatory to find, and AI-DATA-USE only the advisory opt-out reminder", async () => {
        // The trail is the platform's (Audit): alone, the component's bucket lacks one, which is not its finding.
        const ours = (f: { exempted: boolean; message: string }) => !f.exempted && !f.message.includes("This stack has no aws:cloudtrail/trail");
        const findings = evaluate(awsRules, r.policyResources).filter(ours);
        assert.deepEqual(findings.filter(f => f.enforcement === "mandatory").map(f => f.message), []);
        assert.deepEqual(findings.filter(f => f.controls.includes("AI-DATA-USE")).map(f => [f.policy, f.enforcement, f.name]), [["aws-ai-data-use-opt-out", "advisory", "analysis-workload"]]);
        const withOptOut = await analysis({ aiOptOutTargetId: "123456789012" });
        assert.deepEqual(evaluate(awsRules, withOptOut.policyResources).filter(ours).filter(f => f.enforcement === "mandatory" || f.controls.includes("AI-DATA-USE")).map(f => f.message), []);
    });

    const bad: [string, Partial<ImageAnalysisArgs>, RegExp][] = [
        ["an input prefix that climbs out", { inputPrefix: "../" }, /'inputPrefix'/],
        ["an input prefix without its slash", { inputPrefix: "input" }, /'inputPrefix'/],
        ["an empty results prefix (the whole bucket)", { resultsPrefix: "" }, /'resultsPrefix'/],
        ["a results prefix with a wildcard", { resultsPrefix: "*/" }, /'resultsPrefix'/],
        ["a results prefix inside the input prefix", { inputPrefix: "in/", resultsPrefix: "in/out/" }, /must not contain one another/],
        ["the same prefix twice", { inputPrefix: "x/", resultsPrefix: "x/" }, /must not contain one another/],
        ["an opt-out target that is a name", { aiOptOutTargetId: "root" }, /'aiOptOutTargetId'/],
        ["an opt-out target with a trailing space", { aiOptOutTargetId: "r-ab12 " }, /'aiOptOutTargetId'/],
        ["an opt-out target of eleven digits", { aiOptOutTargetId: "12345678901" }, /'aiOptOutTargetId'/],
    ];
    for (const [what, extra, message] of bad) {
        it(`refuses ${what}, naming the argument`, () => {
            assert.ok(imageAnalysisProblems(args(extra)).some(p => message.test(p)), JSON.stringify(imageAnalysisProblems(args(extra))));
            assert.throws(() => new ImageAnalysis("x", args(extra)), message);
        });
    }
});
