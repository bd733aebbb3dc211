import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Imaging, ImagingArgs } from "../../../components/aws/imaging";
import { record, Recorded } from "../../support/record";

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/test-key";
const config = { "aws:region": "us-east-1" };
const T = {
    component: "hipaa-cloud:aws:Imaging",
    datastore: "aws:cloudcontrol/resource:Resource",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    bucketComponent: "hipaa-cloud:aws:EncryptedBucket",
    bucket: "aws:s3/bucket:Bucket",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
};

function imagingArgs(extra: Partial<ImagingArgs> = {}): ImagingArgs {
    return { tenant: "mercy", key: keyArn, accessLogBucket: "mercy-access-logs", region: "us-east-1", ...extra };
}

function imaging(extra: Partial<ImagingArgs> = {}, capture?: (i: Imaging) => void): Promise<Recorded> {
    return record(() => { const i = new Imaging("imaging", imagingArgs(extra)); capture?.(i); }, { config });
}

function desiredState(r: Recorded): any {
    return JSON.parse(r.one(T.datastore).inputs.desiredState as string);
}

describe("components/aws/imaging Imaging", () => {
    let r: Recorded;
    let component: Imaging;
    before(async () => { r = await imaging({}, i => { component = i; }); });

    it("registers the datastore, the landing and output buckets and the import role under the component", () => {
        const parent = r.one(T.component, "imaging").urn;
        assert.equal(r.one(T.datastore).parent, parent);
        assert.equal(r.one(T.role).parent, parent);
        assert.equal(r.one(T.policy).parent, parent);
        assert.equal(r.one(T.attachment).parent, parent);
        const buckets = r.ofType(T.bucketComponent);
        assert.deepEqual(buckets.map(b => b.name).sort(), ["imaging-landing", "imaging-output"]);
        for (const b of buckets) assert.equal(b.parent, parent);
    });

    it("creates an AWS::HealthImaging::Datastore through Cloud Control in the given region", () => {
        const datastore = r.one(T.datastore).inputs;
        assert.equal(datastore.typeName, "AWS::HealthImaging::Datastore");
        assert.equal(datastore.region, "us-east-1");
    });

    it("encrypts the datastore with the CMK and names it after the tenant", () => {
        const state = desiredState(r);
        assert.equal(state.KmsKeyArn, keyArn);
        assert.equal(state.DatastoreName, "mercy-dicom");
        assert.match(state.DatastoreName, /^[A-Za-z0-9._/#-]{1,256}$/);
        assert.deepEqual(Object.keys(state).sort(), ["DatastoreName", "KmsKeyArn", "Tags"]);
    });

    it("gives Tags as a map of key to value, carrying the PHI classification", () => {
        const tags = desiredState(r).Tags;
        assert.ok(!Array.isArray(tags), "Tags is a map, not a Key/Value list");
        assert.equal(tags["data-classification"], "phi");
        assert.equal(tags.tenant, "mercy");
        for (const value of Object.values(tags)) assert.equal(typeof value, "string");
    });

    it("marks desiredState replace-on-change, ignores no change, and protects the datastore in prod", async () => {
        // The recorder does not see replaceOnChanges; an SDK-side transformation sees every child's options.
        const seen: pulumi.ResourceTransformationArgs[] = [];
        await record(() => {
            new Imaging("imaging", imagingArgs(), { transformations: [a => { seen.push(a); return undefined; }] });
        }, { config });
        const options = seen.find(a => a.type === T.datastore)!.opts;
        assert.deepEqual(options.replaceOnChanges, ["desiredState"]);
        assert.equal(options.ignoreChanges, undefined);
        assert.equal(r.one(T.datastore).protect, true);
        assert.equal(r.one(T.datastore).retainOnDelete, false);
    });

    it("leaves the datastore and buckets unprotected in dev", async () => {
        const dev = await imaging({ environment: "dev" });
        assert.equal(dev.one(T.datastore).protect, false);
        for (const b of dev.ofType(T.bucket)) assert.equal(b.protect, false, b.name);
        assert.equal(desiredState(dev).Tags.environment, "dev");
    });

    it("protects both buckets in prod and encrypts them with the CMK", () => {
        assert.equal(r.ofType(T.bucket).length, 2);
        for (const b of r.ofType(T.bucket)) assert.equal(b.protect, true, b.name);
        assert.deepEqual(r.ofType(T.bucket).map(b => (b.inputs.bucketPrefix as string)).sort(), ["mercy-imaging-landing-", "mercy-imaging-output-"]);
        for (const sse of r.ofType(T.sse)) {
            assert.equal((sse.inputs.rules as any[])[0].applyServerSideEncryptionByDefault.kmsMasterKeyId, keyArn, sse.name);
        }
    });

    it("outputs the datastore id that Cloud Control returns", async () => {
        const id = await new Promise(resolve => component.datastoreId.apply(resolve));
        assert.equal(id, "imaging-datastore-identifier");
        const arn = await new Promise(resolve => component.datastoreArn.apply(resolve));
        assert.equal(arn, "arn:aws:medical-imaging:us-east-1:123456789012:datastore/imaging-datastore-identifier");
    });

    it("lets only HealthImaging, for this account and this datastore, assume the import role", () => {
        const trust = JSON.parse(r.one(T.role).inputs.assumeRolePolicy as string).Statement;
        assert.equal(trust.length, 1);
        assert.deepEqual(trust[0].Principal, { Service: "medical-imaging.amazonaws.com" });
        assert.equal(trust[0].Action, "sts:AssumeRole");
        assert.equal(trust[0].Condition.StringEquals["aws:SourceAccount"], "123456789012");
        assert.equal(trust[0].Condition.ArnLike["aws:SourceArn"], "arn:aws:medical-imaging:us-east-1:123456789012:datastore/imaging-datastore-identifier");
    });

    it("lets the import role read only the landing bucket, write only the output bucket and use only the CMK", () => {
        const statements = JSON.parse(r.one(T.policy).inputs.policy as string).Statement;
        const bySid = Object.fromEntries(statements.map((s: any) => [s.Sid, s]));
        assert.deepEqual(bySid.ReadLanding.Action, ["s3:GetObject"]);
        assert.equal(bySid.ReadLanding.Resource, "arn:aws:s3:::imaging-landing/*");
        assert.deepEqual(bySid.WriteOutput.Action, ["s3:PutObject"]);
        assert.equal(bySid.WriteOutput.Resource, "arn:aws:s3:::imaging-output/*");
        assert.equal(bySid.UseCmk.Resource, keyArn);
        assert.deepEqual(bySid.ListBuckets.Resource, ["arn:aws:s3:::imaging-landing", "arn:aws:s3:::imaging-output"]);
    });

    it("grants through one attached managed policy, with no '*' action or resource and no inline policy", () => {
        assert.equal(r.ofType(T.rolePolicy).length, 0);
        const role = r.one(T.role);
        assert.equal(role.inputs.inlinePolicies, undefined);
        assert.equal(role.inputs.managedPolicyArns, undefined);
        const attachment = r.one(T.attachment);
        assert.ok(attachment.propertyDependencies.role.includes(role.urn));
        assert.ok(attachment.propertyDependencies.policyArn.includes(r.one(T.policy).urn));
        for (const s of JSON.parse(r.one(T.policy).inputs.policy as string).Statement) {
            assert.equal(s.Effect, "Allow");
            for (const action of [s.Action].flat()) assert.doesNotMatch(action, /\*/, `${s.Sid}: ${action}`);
            for (const resource of [s.Resource].flat()) assert.notEqual(resource, "*", s.Sid);
        }
    });

    it("tags every taggable resource as PHI of the tenant", () => {
        for (const res of r.resources.filter(x => x.custom && x.inputs.tags !== undefined)) {
            assert.equal((res.inputs.tags as any)["data-classification"], "phi", res.name);
        }
    });
});
