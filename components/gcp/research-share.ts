// ResearchShare (Google Cloud): the hospital's de-identified zone and its read-only grants to research
// partners. Each dataset of the zone is a BigQuery dataset of its own, encrypted with the zone's own
// Cloud KMS key (never PHI's), labelled data-classification=deidentified, published through a private
// Analytics Hub exchange and one listing per dataset. A listing restricts export (no copy, no query
// result written out) and logs who queried the linked dataset (logLinkedDatasetQueryUserEmail: once on,
// Google cannot turn it off). Each partner gets roles/analyticshub.subscriber on its dataset's listing
// with an IAM condition that ends after its last day, where Google enforces it. The condition ends the
// partner's right to see and subscribe to the listing; a subscription made before it is a resource of the
// partner's project that the publisher ends with subscriptions.revoke (Analytics Hub API; no Pulumi
// resource): whether an expired subscriber binding also cuts an existing linked dataset is not verified
// here, so the review on the last day revokes the partner's subscriptions too. Data Access audit logs
// of BigQuery are on already (Audit); the component adds them for Analytics Hub. De-identification
// (Healthcare API de-identify, Sensitive Data Protection) is pipeline work outside the component.
import * as pulumi from "@pulumi/pulumi";
import * as bigquery from "@pulumi/gcp/bigquery";
import * as analyticshub from "@pulumi/gcp/bigqueryanalyticshub";
import * as projects from "@pulumi/gcp/projects";
import { ResearchPartner, shareEndsAt } from "../config";
import { CommonArgs, deidentified, labels, statefulOptions } from "../naming";
import { Keys } from "./keys";
import { GcpArgs, gcpArgsProblems, preventDeletion } from "./shared";
import { datasetAccesses } from "./warehouse";
import { assertArgs, partnersProblems, principalsProblem } from "../problems";

export interface ResearchShareArgs extends GcpArgs {
    /** Research partners (hospital:sharing): each a Google group or service account, a dataset and a last day. At least one. */
    partners: readonly ResearchPartner[];
    /** Tenant principals who own the de-identified datasets; default none, then the project's owners do. */
    admins?: string[];
}

/** The role a partner gets on a listing: subscribe (make a linked, read-only dataset), nothing else. */
export const subscriberRole = "roles/analyticshub.subscriber";

/** The IAM condition that ends a grant after `expires` (UTC), in CEL as IAM Conditions take it. */
export function expiryCondition(expires: string): { title: string; description: string; expression: string } {
    return {
        title: `until ${expires}`,
        description: `research share ends after ${expires} (UTC) (hipaa-cloud)`,
        expression: `request.time < timestamp("${shareEndsAt(expires)}")`,
    };
}

/** BigQuery dataset and Analytics Hub ids: letters, digits and underscores. */
function idOf(...parts: string[]): string {
    return parts.join("_").replace(/-/g, "_");
}

/** Every problem with ResearchShareArgs, naming the argument, or []: the partners are judged as hospital:sharing is. */
export function researchShareProblems(args: Pick<ResearchShareArgs, "partners" | "admins">): string[] {
    const admins = principalsProblem("gcp", "admins", args.admins);
    return [...partnersProblems("gcp", args.partners), ...(admins ? [admins] : [])];
}

export class ResearchShare extends pulumi.ComponentResource {
    /** The Analytics Hub exchange's resource name. */
    public readonly exchangeName: pulumi.Output<string>;
    /** The zone's own key. */
    public readonly keyId: pulumi.Output<string>;
    public readonly datasets: Record<string, bigquery.Dataset> = {};

    constructor(name: string, args: ResearchShareArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:ResearchShare", name, {}, opts);
        assertArgs("ResearchShare", name, args, [...gcpArgsProblems(args), ...researchShareProblems(args)]);
        const common: CommonArgs & GcpArgs = { tenant: args.tenant, environment: args.environment, tags: args.tags, project: args.project, region: args.region, classification: deidentified };

        const keys = new Keys(`${name}-keys`, { ...common, purpose: deidentified, agents: ["bigquery"] }, { parent: this });
        const keyGrant = keys.grants.bigquery!;

        // Who queried a linked dataset is a Data Access log of Analytics Hub.
        new projects.IAMAuditConfig(`${name}-analyticshub-audit`, {
            project: args.project,
            service: "analyticshub.googleapis.com",
            auditLogConfigs: ["ADMIN_READ", "DATA_READ", "DATA_WRITE"].map(logType => ({ logType })),
        }, { parent: this });

        const exchange = new analyticshub.DataExchange(`${name}-exchange`, {
            project: args.project,
            location: args.region, // RESIDENCY
            dataExchangeId: idOf(args.tenant, "research"),
            displayName: `${args.tenant} research (de-identified)`,
            description: "De-identified datasets shared with named research partners (hipaa-cloud)",
            discoveryType: "DISCOVERY_TYPE_PRIVATE", // only principals granted on a listing see it
            logLinkedDatasetQueryUserEmail: true,
        }, { parent: this });

        const datasets = [...new Set(args.partners.map(p => p.dataset))].sort();
        const listings: Record<string, analyticshub.Listing> = {};
        for (const dataset of datasets) {
            const ds = new bigquery.Dataset(`${name}-${dataset}`, {
                project: args.project,
                datasetId: idOf(args.tenant, "deid", dataset),
                friendlyName: `${args.tenant} de-identified ${dataset}`,
                location: args.region, // RESIDENCY
                defaultEncryptionConfiguration: { kmsKeyName: keys.keyId }, // ENC-REST-CMK: the zone's own key
                accesses: datasetAccesses(args.admins ?? [], []), // partners read through the listing only
                maxTimeTravelHours: "168",
                deleteContentsOnDestroy: false,
                deletionPolicy: preventDeletion,
                labels: labels(common),
            }, statefulOptions(this, args.environment, { dependsOn: [keyGrant] }));
            this.datasets[dataset] = ds;
            listings[dataset] = new analyticshub.Listing(`${name}-${dataset}-listing`, {
                project: args.project,
                location: args.region,
                dataExchangeId: exchange.dataExchangeId,
                listingId: idOf(dataset),
                displayName: `${dataset} (de-identified)`,
                bigqueryDataset: { dataset: ds.id },
                discoveryType: "DISCOVERY_TYPE_PRIVATE",
                // Subscribers query in place: no export of tables, no query results copied out.
                restrictedExportConfig: { enabled: true, restrictQueryResult: true },
                logLinkedDatasetQueryUserEmail: true,
            }, { parent: this });
        }

        for (const partner of args.partners) {
            new analyticshub.ListingIamMember(`${name}-${partner.id}`, {
                project: args.project,
                location: args.region,
                dataExchangeId: exchange.dataExchangeId,
                listingId: listings[partner.dataset].listingId,
                role: subscriberRole,
                member: partner.principal.member!,
                condition: expiryCondition(partner.expires),
            }, { parent: this });
        }

        this.exchangeName = exchange.name;
        this.keyId = keys.keyId;
        this.registerOutputs({ exchangeName: this.exchangeName, keyId: this.keyId });
    }
}
