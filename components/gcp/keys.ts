// Keys: the tenant's Cloud KMS key ring and customer-managed key, rotated, and the encrypter/decrypter
// grant of every Google service agent that encrypts PHI with it. Consumers pass the grant of their
// service agent as `dependsOn`, so the grant exists before the resource that needs it (G22, section 5).
import * as pulumi from "@pulumi/pulumi";
import * as bigquery from "@pulumi/gcp/bigquery";
import * as kms from "@pulumi/gcp/kms";
import * as logging from "@pulumi/gcp/logging";
import * as projects from "@pulumi/gcp/projects";
import * as storage from "@pulumi/gcp/storage";
import { labels, physicalName, statefulOptions } from "../naming";
import { GcpArgs, gcpArgsProblems, preventDeletion, projectNumber, serviceAgentMember } from "./shared";
import { assertArgs, oneOfProblem, wholeNumberProblem } from "../problems";

/** The Google service agents that can be granted use of the key. */
export const serviceAgents = ["storage", "bigquery", "healthcare", "dataproc", "compute", "logging"] as const;
export type ServiceAgent = typeof serviceAgents[number];

export interface KeysArgs extends GcpArgs {
    /** Service agents granted roles/cloudkms.cryptoKeyEncrypterDecrypter on the key; default all of `serviceAgents`. */
    agents?: ServiceAgent[];
    /** Days between automatic rotations; default 90 (KEY-ROTATION: at most 90, at least 2). */
    rotationDays?: number;
    /** Key material protection; default "HSM" (FIPS 140-2 level 3); "SOFTWARE" is cheaper. */
    protectionLevel?: "HSM" | "SOFTWARE";
    /** What the key encrypts, in the key ring's and key's names (`<tenant>-<purpose>-keys`, `<tenant>-<purpose>`); default "phi". */
    purpose?: string;
}

/** The rotation period string Cloud KMS takes; throws unless 2 ≤ days ≤ 90. */
export function rotationPeriod(days: number): string {
    const problem = rotationDaysProblem(days);
    if (problem) throw new Error(problem);
    return `${days * 86400}s`;
}

/** Cloud KMS needs more than one day; the hospital policy (issue: "at most 90 days") caps it (KEY-ROTATION). */
function rotationDaysProblem(days: number): string | undefined {
    return wholeNumberProblem("rotationDays", days, 2, 90, "KEY-ROTATION");
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function keysProblems(args: KeysArgs): string[] {
    const unknownAgents = (args.agents ?? []).filter(a => !serviceAgents.includes(a));
    return [
        ...gcpArgsProblems(args),
        rotationDaysProblem(args.rotationDays ?? 90),
        oneOfProblem("protectionLevel", args.protectionLevel ?? "HSM", ["HSM", "SOFTWARE"]),
        args.purpose === undefined || /^[a-z][a-z0-9-]{0,30}$/.test(args.purpose) ? undefined
            : `'purpose' must be lower-case letters, digits and '-', starting with a letter (it names the key ring and key); got ${JSON.stringify(args.purpose)}.`,
        unknownAgents.length ? `'agents' must be service agents of ${serviceAgents.join(", ")}; got ${unknownAgents.map(a => JSON.stringify(a)).join(", ")}.` : undefined,
    ].filter((p): p is string => p !== undefined);
}

const encrypterDecrypter = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

export class Keys extends pulumi.ComponentResource {
    /** The crypto key's id (`projects/…/locations/…/keyRings/…/cryptoKeys/…`): what CMEK fields take. */
    public readonly keyId: pulumi.Output<string>;
    public readonly keyRing: kms.KeyRing;
    public readonly cryptoKey: kms.CryptoKey;
    /** The encrypter/decrypter grant per service agent: `dependsOn` of the resources that need it. */
    public readonly grants: Partial<Record<ServiceAgent, kms.CryptoKeyIAMMember>> = {};
    private number?: pulumi.Output<string>;

    constructor(name: string, args: KeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:Keys", name, {}, opts);
        assertArgs("Keys", name, args, keysProblems(args));
        const period = rotationPeriod(args.rotationDays ?? 90);

        // Key rings cannot be deleted in Cloud KMS; protect keeps Pulumi from trying.
        this.keyRing = new kms.KeyRing(`${name}-ring`, {
            project: args.project,
            name: physicalName(args.tenant, `${args.purpose ?? "phi"}-keys`),
            location: args.region, // RESIDENCY: the key lives where the data lives
        }, statefulOptions(this, args.environment));

        this.cryptoKey = new kms.CryptoKey(`${name}-key`, {
            keyRing: this.keyRing.id,
            name: physicalName(args.tenant, args.purpose ?? "phi"),
            purpose: "ENCRYPT_DECRYPT", // ENC-REST-CMK: a symmetric key for CMEK
            rotationPeriod: period, // KEY-ROTATION
            destroyScheduledDuration: "2592000s", // DELETION-PROTECTION: 30 days before a destroyed version is gone
            deletionPolicy: preventDeletion, // DELETION-PROTECTION
            versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: args.protectionLevel ?? "HSM" },
            labels: labels(args),
        }, statefulOptions(this, args.environment));
        this.keyId = this.cryptoKey.id;

        for (const agent of args.agents ?? serviceAgents) {
            this.grants[agent] = new kms.CryptoKeyIAMMember(`${name}-${agent}-agent`, {
                cryptoKeyId: this.cryptoKey.id,
                role: encrypterDecrypter,
                member: this.agentMember(name, agent, args.project),
            }, { parent: this });
        }
        this.registerOutputs({ keyId: this.keyId });
    }

    /** The member of a service agent, read from the provider where it can tell (section 5 of CONTROLS.md). */
    private agentMember(name: string, agent: ServiceAgent, project: string): pulumi.Output<string> {
        const parent = { parent: this };
        switch (agent) {
            case "storage": return storage.getProjectServiceAccountOutput({ project }, parent).member;
            case "bigquery": return bigquery.getDefaultServiceAccountOutput({ project }, parent).member;
            // The Healthcare agent exists only once the API has been used: ServiceIdentity creates it.
            case "healthcare": return new projects.ServiceIdentity(`${name}-healthcare-identity`,
                { project, service: "healthcare.googleapis.com" }, parent).member;
            // The Dataproc and Compute Engine agents have no provider function: built from the project number.
            case "dataproc": return serviceAgentMember(this.projectNumber(project), "dataproc-accounts");
            // Dataproc persistent-disk CMEK is used by the Compute Engine agent, not the default VM account.
            case "compute": return serviceAgentMember(this.projectNumber(project), "compute-system");
            // The Cloud Logging agent that encrypts log buckets (the CMEK settings report it).
            case "logging": return logging.getProjectCmekSettingsOutput({ project }, parent)
                .apply(s => `serviceAccount:${s.serviceAccountId}`);
        }
    }

    private projectNumber(project: string): pulumi.Output<string> {
        return this.number ??= projectNumber(project, this);
    }
}
