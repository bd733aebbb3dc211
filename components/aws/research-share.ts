// ResearchShare (AWS): the hospital's de-identified zone and its read-only grants to research partners.
// The zone is its own bucket under its own KMS key, tagged data-classification=deidentified, never the
// PHI bucket; each dataset is a Glue database at <bucket>/<dataset>/ that Lake Formation tags. A partner
// account gets SELECT and DESCRIBE (no grant option) through an LF-tag expression that names both the
// de-identified classification and its dataset, so a grant can only ever reach de-identified tables.
// Partners never get S3 or KMS access: Lake Formation vends them credentials for the registered
// location. S3 data events for the bucket are in the hospital trail already (Audit's selectors record
// AWS::S3::Object for every bucket of the account). De-identification itself (Glue Detect PII,
// Comprehend Medical) is pipeline work outside this component.
import * as pulumi from "@pulumi/pulumi";
import * as glue from "@pulumi/aws/glue";
import * as lakeformation from "@pulumi/aws/lakeformation";
import type { ResearchPartner } from "../config";
import { CommonArgs, statefulOptions } from "../naming";
import { Keys } from "./keys";
import { Storage } from "./storage";
import { assertArgs, partnersProblems } from "../problems";
import { researchSharePlan } from "./research-share-plan";

export { lfTagKeys, shareDatabaseName, shareExpiryTagKey } from "./research-share-plan";

export interface ResearchShareArgs extends CommonArgs {
    /** Research partners (hospital:sharing): each an AWS account, a dataset and a last day. At least one. */
    partners: readonly ResearchPartner[];
    /** Region, for the de-identified key's policy (KeysArgs.region). */
    region: string;
    /** IAM principal ARNs that administer the de-identified key (hospital:admins); default none. */
    admins?: string[];
    /** Bucket that receives the de-identified bucket's S3 server access logs (Audit.accessLogBucketName). */
    accessLogBucket: pulumi.Input<string>;
    /**
     * The stack that declares the account's and region's settings (HospitalConfig aws.accountSettingsStack);
     * default this stack. Only that stack declares the Data Catalog's encryption, which is one per account
     * and region: two stacks declaring it would each reset it when destroyed.
     */
    accountSettingsStack?: string;
}

/** Every problem with ResearchShareArgs, naming the argument, or []: the partners are judged as hospital:sharing is. */
export function researchShareProblems(args: Pick<ResearchShareArgs, "partners">): string[] {
    return partnersProblems("aws", args.partners);
}

export class ResearchShare extends pulumi.ComponentResource {
    /** The de-identified bucket's name. */
    public readonly bucketName: pulumi.Output<string>;
    /** The de-identified zone's own KMS key. */
    public readonly keyArn: pulumi.Output<string>;
    /** The Glue database of each dataset. */
    public readonly databases: Record<string, glue.CatalogDatabase> = {};

    constructor(name: string, args: ResearchShareArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:aws:ResearchShare", name, {}, opts);
        assertArgs("ResearchShare", name, args, researchShareProblems(args));
        const plan = researchSharePlan(args, pulumi.getStack());
        const child = { parent: this };

        // Its own key: revoking or rotating the research zone's key never touches PHI, and PHI's key
        // policy never names Lake Formation.
        const keys = new Keys(`${name}-keys`, { ...plan.common, region: args.region, admins: args.admins, purpose: "deidentified", lakeFormationRead: true }, child);
        const bucket = new Storage(`${name}-bucket`, {
            ...plan.common, purpose: "deidentified", key: keys.keyArn, accessLogBucket: args.accessLogBucket,
        }, child);

        // Lake Formation vends credentials for the location with its service-linked role, which may decrypt
        // with the zone's key (key policy). Checked against the Lake Formation Developer Guide ("Requirements
        // for roles used to register locations"): a user-defined role is needed only for an aws/s3-managed
        // key, a location in another account, or EMR access; note that service-linked-role operations are not
        // limited by service control policies ("Service-linked role limitations"). Hybrid access off, so IAM
        // and bucket policies alone never reach the data.
        const location = new lakeformation.Resource(`${name}-location`, { arn: bucket.bucketArn, useServiceLinkedRole: true, hybridAccessEnabled: false }, child);

        // The Data Catalog (the shared databases' names, locations and schemas) under a customer-managed key:
        // the zone's, because a partner account reading an encrypted catalog through Lake Formation needs
        // decrypt on the catalog's key, and the zone's key is the one meant for Lake Formation reads (never
        // PHI's). An account setting, declared by the account-settings stack only.
        if (plan.declaresCatalogEncryption) {
            new glue.DataCatalogEncryptionSettings(`${name}-catalog-encryption`, {
                dataCatalogEncryptionSettings: {
                    encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: keys.keyArn },
                    connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: keys.keyArn },
                },
            }, child);
        }

        const lfTags = [
            new lakeformation.LfTag(`${name}-classification`, plan.lfTags.classification, child),
            new lakeformation.LfTag(`${name}-dataset`, plan.lfTags.dataset, child),
        ];
        for (const db of plan.databases) {
            const database = new glue.CatalogDatabase(`${name}-${db.dataset}`, {
                name: db.name, description: db.description, tags: db.tags,
                locationUri: pulumi.interpolate`s3://${bucket.bucketName}/${db.dataset}/`,
            }, statefulOptions(this, args.environment, { dependsOn: [location] }));
            this.databases[db.dataset] = database;
            new lakeformation.ResourceLfTags(`${name}-${db.dataset}-lf-tags`, { database: { name: database.name }, lfTags: db.lfTags }, { parent: this, dependsOn: lfTags });
        }
        for (const grant of plan.grants) {
            new lakeformation.Permissions(`${name}-${grant.id}`, {
                principal: grant.principal, permissions: grant.permissions, permissionsWithGrantOptions: grant.permissionsWithGrantOptions,
                lfTagPolicy: { resourceType: "TABLE", expressions: grant.expressions },
            }, { parent: this, dependsOn: [...lfTags, ...Object.values(this.databases)] });
        }

        this.bucketName = bucket.bucketName;
        this.keyArn = keys.keyArn;
        this.registerOutputs({ bucketName: this.bucketName, keyArn: this.keyArn });
    }
}
