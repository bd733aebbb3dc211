// ImageAnalysis on Google Cloud: the Cloud Vision API, turned on for the hospital's project and used by a
// workload service account of its own. Vision's synchronous calls keep nothing at rest; its asynchronous
// batch calls write their results to a Cloud Storage bucket the caller names, so the component gives the
// workloads one: a CMEK bucket of the hospital (ENC-REST-CMK), the only bucket the account may write.
// - NETWORK-PRIVATE: with a VPC Service Controls perimeter (hospital:gcp.accessPolicy), vision.googleapis.com
//   is one of its restricted services (Network's `moreRestrictedServices`), so Vision is reached only from
//   inside it; the subnet's Private Google Access reaches it without external addresses.
// - AUDIT-LOG: Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) for vision.googleapis.com: off by
//   default for every service but BigQuery.
// - AI-DATA-USE: the Vision API is under Google Cloud's BAA (policies/gcp/ai-data-use.ts).
import * as pulumi from "@pulumi/pulumi";
import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as storage from "@pulumi/gcp/storage";
import { labels, physicalName, statefulOptions } from "../naming";
import { hipaaBucket } from "./bucket";
import { AccessLogArg, accessLogBucketArg, GcpArgs, gcpArgsProblems, KeyArg, keyArg } from "./shared";
import { defaultPhiVersionDays } from "../../facts/retention";
import { assertArgs, wholeNumberProblem } from "../problems";

export const visionService = "vision.googleapis.com";

export interface ImageAnalysisArgs extends GcpArgs, KeyArg, AccessLogArg {
    /** The Cloud KMS key (Keys.keyId) of the results bucket. */
    key?: pulumi.Input<string>;
    /** The Cloud Storage agent's grant on the key (Keys.grants.storage): the bucket is created after it. */
    keyGrant: pulumi.Resource;
    /** Days previous versions of results are kept; default 2190. */
    resultDays?: number;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function imageAnalysisProblems(args: ImageAnalysisArgs): string[] {
    return [...gcpArgsProblems(args), ...keyArg(args).problems, ...accessLogBucketArg(args).problems, wholeNumberProblem("resultDays", args.resultDays ?? defaultPhiVersionDays, 1)].filter((p): p is string => p !== undefined);
}

export class ImageAnalysis extends pulumi.ComponentResource {
    /** The API endpoint the workloads call (through Private Google Access, inside the perimeter when there is one). */
    public readonly endpoint: pulumi.Output<string>;
    /** The identity allowed to call it: the workload service account's e-mail. */
    public readonly callerIdentity: pulumi.Output<string>;
    public readonly resultsBucket: storage.Bucket;
    public readonly serviceAccount: serviceaccount.Account;

    constructor(name: string, args: ImageAnalysisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:ImageAnalysis", name, {}, opts);
        assertArgs("ImageAnalysis", name, args, imageAnalysisProblems(args));
        const key = keyArg(args).key;

        // Turning the API off on destroy would break every other user of it in the project; leave it on.
        const api = new projects.Service(`${name}-vision-api`, {
            project: args.project, service: visionService, disableOnDestroy: false, disableDependentServices: false,
        }, { parent: this });

        new projects.IAMAuditConfig(`${name}-vision-audit`, {
            project: args.project,
            service: visionService,
            auditLogConfigs: ["ADMIN_READ", "DATA_READ", "DATA_WRITE"].map(logType => ({ logType })),
        }, { parent: this });

        this.resultsBucket = hipaaBucket(`${name}-results`, physicalName(args.tenant, "analysis"), {
            project: args.project, region: args.region, keyId: key, labels: labels(args),
            kind: "data", days: args.resultDays ?? defaultPhiVersionDays, softDeleteDays: 30, usageLogBucket: accessLogBucketArg(args).value,
        }, statefulOptions(this, args.environment, { dependsOn: [args.keyGrant] }));

        // LEAST-PRIVILEGE: a dedicated account; it may use the project's enabled APIs (serviceusage, which a
        // Vision call needs), read and write objects of the analysis bucket, and nothing else.
        this.serviceAccount = new serviceaccount.Account(`${name}-sa`, {
            project: args.project,
            accountId: physicalName(args.tenant, "analysis", 30),
            displayName: `${args.tenant} image analysis workload`,
        }, { parent: this });
        new projects.IAMMember(`${name}-api-consumer`, {
            project: args.project, role: "roles/serviceusage.serviceUsageConsumer", member: this.serviceAccount.member,
        }, { parent: this, dependsOn: [api] });
        new storage.BucketIAMMember(`${name}-results-user`, {
            bucket: this.resultsBucket.name, role: "roles/storage.objectUser", member: this.serviceAccount.member,
        }, { parent: this });

        this.endpoint = pulumi.output(`https://${visionService}`);
        this.callerIdentity = this.serviceAccount.email;
        this.registerOutputs({ endpoint: this.endpoint, callerIdentity: this.callerIdentity, resultsBucket: this.resultsBucket.name });
    }
}
