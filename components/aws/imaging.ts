// Imaging: an AWS HealthImaging (DICOM) datastore encrypted with the tenant's CMK, the encrypted S3
// buckets that DICOM files are imported from and import results are written to, and the role
// HealthImaging assumes for import jobs. @pulumi/aws 7 has no HealthImaging resource (CONTROLS.md
// G6), so the datastore is a Cloud Control resource of type AWS::HealthImaging::Datastore.
import * as pulumi from "@pulumi/pulumi";
import * as cloudcontrol from "@pulumi/aws/cloudcontrol";
import * as iam from "@pulumi/aws/iam";
import { baseTags, CommonArgs, physicalName, statefulOptions } from "../naming";
import { awsAccount } from "./keys";
import { Storage } from "./storage";
import { assertArgs } from "../problems";
import { bucketNameProblem, KeyArg, keyArg } from "./existing";

export interface ImagingArgs extends CommonArgs, KeyArg {
    /** The customer-managed KMS key for the datastore and both buckets (ENC-REST-CMK). */
    key?: pulumi.Input<string>;
    /** Bucket receiving S3 server access logs of the landing and output buckets (AUDIT-LOG). */
    accessLogBucket: pulumi.Input<string>;
    /** The region the datastore is created in (pinned on the resource, and part of its ARN). */
    region: string;
}

export const datastoreTypeName = "AWS::HealthImaging::Datastore";

/**
 * The datastore's desired state (CloudFormation schema of AWS::HealthImaging::Datastore). `Tags` is
 * a map of key to value there, not the Key/Value list most AWS types use (CONTROLS.md G6).
 */
export function datastoreDesiredState(name: string, kmsKeyArn: string, tags: Record<string, string>) {
    return { DatastoreName: name, KmsKeyArn: kmsKeyArn, Tags: tags };
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function imagingProblems(args: ImagingArgs): string[] {
    // The landing zone's key and log bucket, as given (components/aws/existing.ts).
    return [...keyArg(args).problems, bucketNameProblem("accessLogBucket", args.accessLogBucket)]
        .filter((p): p is string => p !== undefined);
}

export class Imaging extends pulumi.ComponentResource {
    public readonly datastoreId: pulumi.Output<string>;
    public readonly datastoreArn: pulumi.Output<string>;
    public readonly landingBucketName: pulumi.Output<string>;
    public readonly outputBucketName: pulumi.Output<string>;
    /** The role to name as DataAccessRoleArn when starting a DICOM import job. */
    public readonly importRoleArn: pulumi.Output<string>;

    constructor(name: string, args: ImagingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:Imaging", name, {}, opts);
        assertArgs("Imaging", name, args, imagingProblems(args));
        const key = keyArg(args).key;
        const tags = baseTags(args);
        const child = { parent: this };
        const { accountId: account, partition } = awsAccount(this);

        // DICOM files wait in the landing bucket until an import job copies them into the datastore;
        // the job writes its manifest and per-file results (which name studies) to the output bucket.
        // Both hold PHI, so both are EncryptedBuckets with the CMK and access logging.
        const common = { tenant: args.tenant, environment: args.environment, tags: args.tags, key, accessLogBucket: args.accessLogBucket };
        const landing = new Storage(`${name}-landing`, { ...common, purpose: "imaging-landing" }, child);
        const output = new Storage(`${name}-output`, { ...common, purpose: "imaging-output" }, child);

        // Every property of the datastore — name, key and tags — is create-only in the CloudFormation
        // schema, and a datastore cannot be deleted while it still holds image sets. So:
        // - `replaceOnChanges: ["desiredState"]` makes any change show as the replacement it really is in
        //   the preview, instead of an "update" that Cloud Control would refuse halfway through `up`;
        // - `protect` in prod (statefulOptions) then stops that replacement (Pulumi refuses to replace or
        //   delete a protected resource), so a changed tag or key can never silently discard the images.
        // - no `ignoreChanges`: ignoring the key or tags would let the code say one CMK while the datastore
        //   uses another, and the ENC-REST-CMK policy reads the code. To change the key, create a new
        //   datastore and copy the image sets.
        // Tags changed through `args.tags` therefore also mean a new datastore: keep them stable.
        const datastoreName = physicalName(args.tenant, "dicom", 256);
        const datastore = new cloudcontrol.Resource(`${name}-datastore`, {
            typeName: datastoreTypeName,
            region: args.region, // RESIDENCY: pinned, and the ARN in the import role's trust policy depends on it
            // ENC-REST-CMK: without KmsKeyArn HealthImaging would use an AWS-owned key.
            desiredState: pulumi.jsonStringify(pulumi.output(key).apply(key => datastoreDesiredState(datastoreName, key, tags))),
        }, statefulOptions(this, args.environment, { replaceOnChanges: ["desiredState"] }));
        // The Cloud Control identifier of a datastore is its DatastoreId.
        this.datastoreId = datastore.id;
        this.datastoreArn = pulumi.interpolate`arn:${partition}:medical-imaging:${args.region}:${account}:datastore/${datastore.id}`;

        // LEAST-PRIVILEGE: HealthImaging may assume the import role only for this account and this
        // datastore (confused-deputy guard), and the role may only read the landing bucket, write the
        // output bucket and use the CMK for those objects. A managed policy, not an inline one.
        const importRole = new iam.Role(`${name}-import-role`, {
            description: "Assumed by AWS HealthImaging to run DICOM import jobs into the hospital's datastore",
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{
                    Effect: "Allow",
                    Principal: { Service: "medical-imaging.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        StringEquals: { "aws:SourceAccount": account },
                        ArnLike: { "aws:SourceArn": this.datastoreArn },
                    },
                }],
            }),
            tags,
        }, child);
        const importPolicy = new iam.Policy(`${name}-import-policy`, {
            description: "DICOM import: read the landing bucket, write the output bucket, use the CMK",
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ListBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [landing.bucketArn, output.bucketArn] },
                    { Sid: "ReadLanding", Effect: "Allow", Action: ["s3:GetObject"], Resource: pulumi.interpolate`${landing.bucketArn}/*` },
                    { Sid: "WriteOutput", Effect: "Allow", Action: ["s3:PutObject"], Resource: pulumi.interpolate`${output.bucketArn}/*` },
                    // Both buckets are SSE-KMS with the CMK: reading needs Decrypt, writing GenerateDataKey.
                    { Sid: "UseCmk", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: key },
                ],
            }),
            tags,
        }, child);
        new iam.RolePolicyAttachment(`${name}-import-attachment`, { role: importRole.name, policyArn: importPolicy.arn }, child);

        this.landingBucketName = landing.bucketName;
        this.outputBucketName = output.bucketName;
        this.importRoleArn = importRole.arn;
        this.registerOutputs({
            datastoreId: this.datastoreId, datastoreArn: this.datastoreArn, landingBucketName: this.landingBucketName,
            outputBucketName: this.outputBucketName, importRoleArn: this.importRoleArn,
        });
    }
}
