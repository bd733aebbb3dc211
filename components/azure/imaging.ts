// Imaging: Azure Health Data Services workspace + DICOM service. The DICOM service encrypts with
// the hospital key through a user-assigned identity that holds Key Vault Crypto Service Encryption
// User before the service is created (ENC-REST-CMK, G14). `publicNetworkAccess` is output-only on both
// resources in this SDK (G13, §5): the private endpoint on the workspace is what makes them private.
import * as pulumi from "@pulumi/pulumi";
import * as healthcareapis from "@pulumi/azure-native/healthcareapis";
import { statefulOptions } from "../naming";
import type { Audit } from "./audit";
import { AzureArgs, azureName, deletionLock, envSuffix, tagsOf } from "./common";
import { keyArg, KeyArg, type KeyConsumer, type Keys } from "./keys";
import type { Network } from "./network";
import { assertArgs } from "../problems";

export interface ImagingArgs extends AzureArgs, KeyArg {
    network: Network;
    audit: Audit;
    /** The hospital's Keys (ENC-REST-CMK). */
    key?: Keys;
    /** The key consumer (identity + grant) DICOM encrypts with; default keys.consumer("dicom"). */
    keyConsumer?: KeyConsumer;
}

export class Imaging extends pulumi.ComponentResource {
    public readonly workspace: healthcareapis.Workspace;
    public readonly dicom: healthcareapis.DicomService;
    public readonly serviceUrl: pulumi.Output<string>;

    constructor(name: string, args: ImagingArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:azure:DicomImaging", name, {}, opts);
        assertArgs("Imaging", name, args, keyArg(args).problems);
        const key = keyArg(args).key;
        const tags = tagsOf(args);
        const env = envSuffix(args.environment);
        const consumer = args.keyConsumer ?? key.consumer("dicom");

        this.workspace = new healthcareapis.Workspace(`${name}-workspace`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            workspaceName: azureName(args.tenant, `${env}ahds`, 24, ""), // letters and digits only
        }, statefulOptions(this, args.environment));

        this.dicom = new healthcareapis.DicomService(`${name}-dicom`, {
            resourceGroupName: args.resourceGroupName,
            workspaceName: this.workspace.name,
            location: args.location,
            tags,
            dicomServiceName: "dicom",
            // A user-assigned identity exists (and is granted) before the service: with a system-assigned
            // one the CMK could only be set in a second deployment (G14).
            identity: { type: "UserAssigned", userAssignedIdentities: [consumer.identity.id] },
            // ENC-REST-CMK: versionless key URL. Microsoft documents DICOM key rotation as manual: after a
            // rotation, check the service picked up the new version.
            encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: key.keyUri } },
        }, statefulOptions(this, args.environment, { dependsOn: [consumer.grant] }));
        this.serviceUrl = this.dicom.serviceUrl;

        deletionLock(this, `${name}-workspace`, this.workspace.id, args.environment, [this.dicom]);
        deletionLock(this, `${name}-dicom`, this.dicom.id, args.environment);

        // NETWORK-PRIVATE / PUBLIC-ACCESS: the workspace endpoint (DICOM included) is the only way in.
        args.network.privateEndpoint(this, `${name}-workspace`, { targetId: this.workspace.id, groupId: "healthcareworkspace" },
            { dependsOn: [this.dicom] });
        args.audit.diagnose(this, `${name}-dicom`, { resourceUri: this.dicom.id, categoryGroup: "audit" });

        this.registerOutputs({ serviceUrl: this.serviceUrl });
    }
}
