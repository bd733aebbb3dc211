// Imaging: a Cloud Healthcare dataset encrypted with the tenant's key and a DICOM store in it, with
// DICOM roles for the tenant's principals only. The key can be set only when the dataset is created,
// so the Healthcare agent's grant must exist first (G22).
import * as pulumi from "@pulumi/pulumi";
import * as healthcare from "@pulumi/gcp/healthcare";
import { labels, physicalName, statefulOptions } from "../naming";
import { GcpArgs, gcpArgsProblems, keyArg, KeyArg, preventDeletion } from "./shared";
import { assertArgs, principalsProblem } from "../problems";

export interface ImagingArgs extends GcpArgs, KeyArg {
    /** The Cloud KMS key (Keys.keyId). */
    key?: pulumi.Input<string>;
    /** The Healthcare agent's grant on the key (Keys.grants.healthcare): the dataset is created after it. */
    keyGrant: pulumi.Resource;
    /** Tenant principals granted roles/healthcare.dicomStoreAdmin; default none. */
    admins?: string[];
    /** Tenant principals granted roles/healthcare.dicomViewer; default none. */
    viewers?: string[];
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function imagingProblems(args: ImagingArgs): string[] {
    return [...gcpArgsProblems(args), ...keyArg(args).problems, principalsProblem("gcp", "admins", args.admins), principalsProblem("gcp", "viewers", args.viewers)]
        .filter((p): p is string => p !== undefined);
}

export class Imaging extends pulumi.ComponentResource {
    public readonly dataset: healthcare.Dataset;
    public readonly dicomStore: healthcare.DicomStore;

    constructor(name: string, args: ImagingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:Imaging", name, {}, opts);
        assertArgs("Imaging", name, args, imagingProblems(args));
        const key = keyArg(args).key;
        const admins = args.admins ?? [];
        const viewers = args.viewers ?? [];

        // The Healthcare dataset has no labels (CONTROLS.md TAGGING); the DICOM store carries them.
        this.dataset = new healthcare.Dataset(`${name}-dataset`, {
            project: args.project,
            name: physicalName(args.tenant, "imaging"),
            location: args.region, // RESIDENCY
            timeZone: "UTC",
            encryptionSpec: { kmsKeyName: key }, // ENC-REST-CMK: creation-time only; stores inherit it
            deletionPolicy: preventDeletion, // DELETION-PROTECTION
        }, statefulOptions(this, args.environment, { dependsOn: [args.keyGrant] }));

        this.dicomStore = new healthcare.DicomStore(`${name}-dicom`, {
            dataset: this.dataset.id,
            name: physicalName(args.tenant, "dicom"),
            deletionPolicy: preventDeletion, // DELETION-PROTECTION
            labels: labels(args),
        }, statefulOptions(this, args.environment));

        const grant = (member: string, role: string, label: string) => new healthcare.DicomStoreIamMember(`${name}-${label}`, {
            dicomStoreId: this.dicomStore.id, role, member,
        }, { parent: this });
        admins.forEach((m, i) => grant(m, "roles/healthcare.dicomStoreAdmin", `admin-${i}`));
        viewers.forEach((m, i) => grant(m, "roles/healthcare.dicomViewer", `viewer-${i}`));
        this.registerOutputs({ dicomStoreId: this.dicomStore.id });
    }
}
