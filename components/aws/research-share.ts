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
import { baseTags, classificationTag, CommonArgs, deidentified, statefulOptions } from "../naming";
import { Keys } from "./keys";
import { Storage } from "./storage";
import { shareExpiresTagPrefix } from "../../facts/tags";
import { assertArgs, partnersProblems } from "../problems";

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

/**
 * The tag on each shared Glue database that says until when a partner account may read it. Lake
 * Formation grants have no end date and no tags (lakeformation.Permissions has neither), so the end is
 * recorded on what is shared, per partner account, for the review that revokes it; the pack's
 * SHARE-DEIDENTIFIED rule asks for it (policies/aws/share-deidentified.ts).
 */
export function shareExpiryTagKey(account: string): string {
    return `${shareExpiresTagPrefix}${account}`;
}

/** LF-tag keys are one namespace per account (catalog): the tenant's own keep two hospitals of one account apart. */
export function lfTagKeys(tenant: string): { classification: string; dataset: string } {
    return { classification: `${tenant}-${classificationTag}`, dataset: `${tenant}-dataset` };
}

/** The Glue database of a dataset: lower-case letters, digits and underscores. */
export function shareDatabaseName(tenant: string, dataset: string): string {
    return `${tenant.replace(/-/g, "_")}_deid_${dataset}`;
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
        const common: CommonArgs = { tenant: args.tenant, environment: args.environment, tags: args.tags, classification: deidentified };
        const tags = baseTags(common);

        // Its own key: revoking or rotating the research zone's key never touches PHI, and PHI's key
        // policy never names Lake Formation.
        const keys = new Keys(`${name}-keys`, { ...common, region: args.region, admins: args.admins, purpose: "deidentified", lakeFormationRead: true }, { parent: this });
        const bucket = new Storage(`${name}-bucket`, {
            ...common, purpose: "deidentified", key: keys.keyArn, accessLogBucket: args.accessLogBucket,
        }, { parent: this });

        // Lake Formation vends credentials for the location with its service-linked role, which may decrypt
        // with the zone's key (key policy). Checked against the Lake Formation Developer Guide ("Requirements
        // for roles used to register locations"): a user-defined role is needed only for an aws/s3-managed
        // key, a location in another account, or EMR access; note that service-linked-role operations are not
        // limited by service control policies ("Service-linked role limitations"). Hybrid access off, so IAM
        // and bucket policies alone never reach the data.
        const location = new lakeformation.Resource(`${name}-location`, {
            arn: bucket.bucketArn,
            useServiceLinkedRole: true,
            hybridAccessEnabled: false,
        }, { parent: this });

        // The Data Catalog (the shared databases' names, locations and schemas) under a customer-managed key:
        // the zone's, because a partner account reading an encrypted catalog through Lake Formation needs
        // decrypt on the catalog's key, and the zone's key is the one meant for Lake Formation reads (never
        // PHI's). An account setting, declared by the account-settings stack only.
        if ((args.accountSettingsStack ?? pulumi.getStack()) === pulumi.getStack()) {
            new glue.DataCatalogEncryptionSettings(`${name}-catalog-encryption`, {
                dataCatalogEncryptionSettings: {
                    encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: keys.keyArn },
                    connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: keys.keyArn },
                },
            }, { parent: this });
        }

        const keys_ = lfTagKeys(args.tenant);
        const datasets = [...new Set(args.partners.map(p => p.dataset))].sort();
        const classificationLfTag = new lakeformation.LfTag(`${name}-classification`, { key: keys_.classification, values: [deidentified] }, { parent: this });
        const datasetLfTag = new lakeformation.LfTag(`${name}-dataset`, { key: keys_.dataset, values: datasets }, { parent: this });

        for (const dataset of datasets) {
            // The last day each partner account may read this dataset: the latest of its entries.
            const expiry: Record<string, string> = {};
            for (const p of args.partners.filter(q => q.dataset === dataset)) {
                const key = shareExpiryTagKey(p.principal.account!);
                if (!expiry[key] || expiry[key] < p.expires) expiry[key] = p.expires;
            }
            const database = new glue.CatalogDatabase(`${name}-${dataset}`, {
                name: shareDatabaseName(args.tenant, dataset),
                description: `${args.tenant}: de-identified dataset ${dataset} shared with research partners (hipaa-cloud)`,
                locationUri: pulumi.interpolate`s3://${bucket.bucketName}/${dataset}/`,
                tags: { ...tags, ...expiry },
            }, statefulOptions(this, args.environment, { dependsOn: [location] }));
            this.databases[dataset] = database;
            new lakeformation.ResourceLfTags(`${name}-${dataset}-lf-tags`, {
                database: { name: database.name },
                lfTags: [{ key: keys_.classification, value: deidentified }, { key: keys_.dataset, value: dataset }],
            }, { parent: this, dependsOn: [classificationLfTag, datasetLfTag] });
        }

        for (const partner of args.partners) {
            // Read-only, no grant option: the partner cannot pass the data on. The expression names the
            // classification and the dataset, so it matches de-identified tables of that dataset only.
            new lakeformation.Permissions(`${name}-${partner.id}`, {
                principal: partner.principal.account!,
                permissions: ["SELECT", "DESCRIBE"],
                permissionsWithGrantOptions: [],
                lfTagPolicy: {
                    resourceType: "TABLE",
                    expressions: [
                        { key: keys_.classification, values: [deidentified] },
                        { key: keys_.dataset, values: [partner.dataset] },
                    ],
                },
            }, { parent: this, dependsOn: [classificationLfTag, datasetLfTag, ...Object.values(this.databases)] });
        }

        this.bucketName = bucket.bucketName;
        this.keyArn = keys.keyArn;
        this.registerOutputs({ bucketName: this.bucketName, keyArn: this.keyArn });
    }
}
