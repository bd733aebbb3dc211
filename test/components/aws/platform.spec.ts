import assert from "node:assert/strict";
import { validateHospitalConfig } from "../../../components/config";
import { HospitalPlatform, PlatformOutputs } from "../../../components/platform";
import { rules as awsRules } from "../../../policies/aws";
import { evaluate, Finding } from "../../../policies/lib/evaluate";
import { record, Recorded } from "../../support/record";

const config = { "aws:region": "us-east-1" };
const admin = "arn:aws:iam::123456789012:role/phi-platform-admin";
const C = {
    platform: "hipaa-cloud:index:HospitalPlatform",
    keys: "hipaa-cloud:aws:Keys",
    network: "hipaa-cloud:aws:Network",
    audit: "hipaa-cloud:aws:Audit",
    bucket: "hipaa-cloud:aws:EncryptedBucket",
    processing: "hipaa-cloud:aws:ProcessingCluster",
    warehouse: "hipaa-cloud:aws:Warehouse",
    imaging: "hipaa-cloud:aws:Imaging",
    analysis: "hipaa-cloud:aws:ImageAnalysis",
};
const serviceTypes = ["aws:emr/cluster:Cluster", "aws:emr/securityConfiguration:SecurityConfiguration", "aws:redshift/cluster:Cluster"];

function hospital(extra: Record<string, unknown> = {}) {
    return validateHospitalConfig({ tenant: "stmary", cloud: "aws", region: "us-east-1", admins: [admin], ...extra });
}

async function platform(extra: Record<string, unknown> = {}): Promise<{ r: Recorded; outputs: PlatformOutputs }> {
    let outputs: PlatformOutputs | undefined;
    const r = await record(() => { outputs = new HospitalPlatform("hospital", { config: hospital(extra) }).outputs; }, { config });
    return { r, outputs: outputs! };
}

function resolved<T>(o: { apply: (f: (v: T) => void) => unknown } | undefined): Promise<T> {
    return new Promise(resolve => o!.apply(v => resolve(v)));
}

/** Findings of the AWS rules that would fail a deployment: mandatory and not exempted. */
function blocking(r: Recorded): Finding[] {
    return evaluate(awsRules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
}

function describeFindings(findings: Finding[]): string {
    return findings.map(f => `${f.policy} on ${f.name}: ${f.message}`).join("\n");
}

/** The Storage components directly under the platform (not those inside other components). */
function topLevelBuckets(r: Recorded) {
    const root = r.one(C.platform);
    return r.ofType(C.bucket).filter(b => b.parent === root.urn);
}

describe("components/aws buildPlatform with every service", () => {
    let r: Recorded;
    let outputs: PlatformOutputs;
    before(async () => { ({ r, outputs } = await platform()); });

    it("registers Keys, Network, Audit, the PHI bucket and the three service components under the platform", () => {
        const root = r.one(C.platform);
        for (const type of [C.keys, C.network, C.audit, C.processing, C.warehouse, C.imaging, C.analysis]) {
            assert.equal(r.one(type).parent, root.urn, type);
        }
        assert.deepEqual(topLevelBuckets(r).map(b => b.name), ["stmary-phi"]);
    });

    it("registers them in order: keys, network, audit, storage, then the services", () => {
        const root = r.one(C.platform);
        const order = r.resources.filter(x => x.parent === root.urn).map(x => x.type);
        assert.deepEqual(order, [C.keys, C.network, C.audit, C.bucket, C.processing, C.warehouse, C.imaging, C.analysis]);
    });

    it("registers the EMR, Redshift and HealthImaging resources", () => {
        for (const type of serviceTypes) assert.ok(r.ofType(type).length >= 1, type);
        assert.ok(r.ofType("aws:cloudcontrol/resource:Resource").some(x => x.inputs.typeName === "AWS::HealthImaging::Datastore"));
    });

    it("encrypts the PHI bucket with the tenant key and logs it to the audit access-log bucket", () => {
        const phi = r.one(C.bucket, "stmary-phi");
        const sse = r.ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find(x => x.parent === phi.urn)!;
        const key = r.one("aws:kms/key:Key");
        assert.equal((sse.inputs.rules as any[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, `arn:aws:kms:us-east-1:123456789012:key/${key.name}-key-id`);
        const logging = r.ofType("aws:s3/bucketLogging:BucketLogging").find(x => x.parent === phi.urn)!;
        const accessLogs = r.one(C.bucket, "stmary-audit-access-logs");
        const accessLogBucket = r.ofType("aws:s3/bucket:Bucket").find(x => x.parent === accessLogs.urn)!;
        assert.equal(logging.inputs.targetBucket, accessLogBucket.name);
    });

    it("records HealthImaging data events in the trail because imaging is on", () => {
        const selectors = r.one("aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors as any[];
        const types = selectors.flatMap(s => s.fieldSelectors.filter((f: any) => f.field === "resources.type").flatMap((f: any) => f.equals));
        assert.ok(types.includes("AWS::MedicalImaging::Datastore") && types.includes("AWS::MedicalImaging::Imageset"));
    });

    it("gives the admins key administration", () => {
        const policy = JSON.parse(r.one("aws:kms/key:Key").inputs.policy as string);
        assert.ok(policy.Statement.some((s: any) => s.Sid === "AllowKeyAdministration" && s.Principal.AWS.includes(admin)));
    });

    it("returns every platform output", async () => {
        assert.match(await resolved<string>(outputs.keyId), /^arn:aws:kms:us-east-1:123456789012:key\//);
        assert.equal(await resolved<string>(outputs.networkId), "vpc-stmary-network");
        assert.equal(await resolved<string>(outputs.auditLog), "arn:aws:cloudtrail:us-east-1:123456789012:trail/stmary-audit-trail");
        assert.equal(await resolved<string>(outputs.storage), "stmary-phi");
        for (const service of ["processing", "warehouse", "imaging"] as const) assert.ok(outputs[service], service);
        assert.equal(await resolved<string>(outputs.analysis), "https://rekognition.us-east-1.amazonaws.com");
        assert.match(await resolved<string>(outputs.analysisCaller), /^arn:aws:iam::123456789012:role\//);
    });

    it("composes ImageAnalysis with the platform's key, access-log bucket, subnets and endpoint group", () => {
        const endpoint = r.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").find(e => e.parent === r.one(C.analysis).urn)!;
        assert.equal(endpoint.inputs.serviceName, "com.amazonaws.us-east-1.rekognition");
        assert.equal((endpoint.inputs.subnetIds as string[]).length, 2);
        assert.equal(r.ofType("aws:organizations/policy:Policy").length, 0, "no opt-out policy unless hospital:aws.aiOptOutTargetId says where");
    });

    it("protects the key, buckets, trail and log groups in prod", () => {
        for (const type of ["aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:cloudtrail/trail:Trail", "aws:cloudwatch/logGroup:LogGroup"]) {
            for (const x of r.ofType(type)) assert.equal(x.protect, true, `${type} ${x.name}`);
        }
    });

    it("is secure by default: the AWS rules find nothing mandatory that is not exempted", () => {
        const findings = blocking(r);
        assert.equal(findings.length, 0, describeFindings(findings));
    });

    it("has one weakening, the SSE-S3 access-log bucket, which the ENC-REST-CMK rule finds not applicable with the reason", () => {
        const exempted = evaluate(awsRules, r.policyResources).filter(f => f.exempted);
        assert.ok(exempted.length > 0);
        for (const f of exempted) {
            assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
            assert.equal(f.name, "stmary-audit-access-logs");
            assert.match(f.reason ?? "", /^not applicable: S3 delivers server access logs only to .*SSE-S3.*"stmary-phi"/);
            assert.equal(f.declaredExemption, undefined);
        }
    });

    it("tags every AWS resource that takes tags with the tenant and PHI classification", () => {
        for (const x of r.resources.filter(x => x.custom && x.inputs.tags !== undefined && x.type !== "aws:cloudcontrol/resource:Resource")) {
            const tags = x.inputs.tags as Record<string, string>;
            assert.equal(tags.tenant, "stmary", x.name);
            assert.equal(tags["data-classification"], "phi", x.name);
        }
    });
});

describe("components/aws buildPlatform with storage only", () => {
    let r: Recorded;
    let outputs: PlatformOutputs;
    before(async () => { ({ r, outputs } = await platform({ services: ["storage"], environment: "dev", admins: [] })); });

    it("registers no EMR, Redshift or HealthImaging resources", () => {
        for (const type of [C.processing, C.warehouse, C.imaging, C.analysis, ...serviceTypes, "aws:cloudcontrol/resource:Resource"]) {
            assert.equal(r.ofType(type).length, 0, type);
        }
        assert.equal(outputs.processing ?? outputs.warehouse ?? outputs.imaging ?? outputs.analysis ?? outputs.analysisCaller, undefined);
    });

    it("still registers keys, network, audit and the PHI bucket", () => {
        for (const type of [C.keys, C.network, C.audit]) assert.equal(r.ofType(type).length, 1, type);
        assert.deepEqual(topLevelBuckets(r).map(b => b.name), ["stmary-phi"]);
    });

    it("records no HealthImaging data events", () => {
        assert.ok(!JSON.stringify(r.one("aws:cloudtrail/trail:Trail").inputs.advancedEventSelectors).includes("MedicalImaging"));
    });

    it("is secure by default in dev too, apart from protection that dev does not ask for", () => {
        const findings = blocking(r).filter(f => !f.controls.includes("DELETION-PROTECTION"));
        assert.equal(findings.length, 0, describeFindings(findings));
    });

    it("protects nothing in dev", () => {
        assert.ok(r.resources.every(x => !x.protect));
    });
});

describe("components/aws buildPlatform config", () => {
    it("passes retention, CIDR and tags from the hospital config to the components", async () => {
        const { r } = await platform({ services: ["storage"], retention: { auditDays: 2557, phiDays: 400 }, network: { cidr: "10.50.0.0/16" }, tags: { "cost-center": "radiology" } });
        assert.equal(r.one("aws:ec2/vpc:Vpc").inputs.cidrBlock, "10.50.0.0/16");
        for (const group of r.ofType("aws:cloudwatch/logGroup:LogGroup")) assert.equal(group.inputs.retentionInDays, 2557, group.name);
        const phi = r.one(C.bucket, "stmary-phi");
        const lifecycle = r.ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find(x => x.parent === phi.urn)!;
        assert.equal((lifecycle.inputs.rules as any[]).find(rule => rule.noncurrentVersionExpiration).noncurrentVersionExpiration.noncurrentDays, 400);
        assert.equal((r.one("aws:kms/key:Key").inputs.tags as Record<string, string>)["cost-center"], "radiology");
    });

    it("leaves EMR's account-wide block public access to the stack hospital:aws.accountSettingsStack names", async () => {
        const { r } = await platform({ services: ["processing"], aws: { accountSettingsStack: "stmary" } });
        assert.deepEqual(r.ofType("aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration"), []);
        assert.equal(r.ofType("aws:emr/cluster:Cluster").length, 1);
    });

    it("attaches the AI services opt-out where hospital:aws.aiOptOutTargetId says, and then AI-DATA-USE finds nothing", async () => {
        const { r } = await platform({ services: ["analysis"], aws: { aiOptOutTargetId: "ou-ab12-cdefgh34" } });
        assert.equal(r.one("aws:organizations/policy:Policy").inputs.type, "AISERVICES_OPT_OUT_POLICY");
        assert.equal(r.one("aws:organizations/policyAttachment:PolicyAttachment").inputs.targetId, "ou-ab12-cdefgh34");
        assert.deepEqual(evaluate(awsRules, r.policyResources).filter(f => f.controls.includes("AI-DATA-USE")), []);
        const without = await platform({ services: ["analysis"] });
        assert.deepEqual(evaluate(awsRules, without.r.policyResources).filter(f => f.controls.includes("AI-DATA-USE")).map(f => f.enforcement), ["advisory"]);
    });

    it("refuses an opt-out target that is not an Organizations id, naming the config key", async () => {
        for (const target of ["root", "r-AB12", " r-ab12", 123456789012]) {
            await assert.rejects(platform({ services: ["analysis"], aws: { aiOptOutTargetId: target } }), /hospital:aws\.aiOptOutTargetId/, String(target));
        }
    });

    it("refuses an audit retention that CloudWatch Logs cannot keep, naming the config key", async () => {
        await assert.rejects(platform({ retention: { auditDays: 2200, phiDays: 2190 } }), /hospital:retention\.auditDays/);
    });
});
