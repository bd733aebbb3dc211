// ImageAnalysis on Azure: an Azure AI Vision account (Cognitive Services `kind: "ComputerVision"`), the
// image-analysis API the hospital's workloads call with their own Entra identity.
// - IDENTITY-AUTHN: `disableLocalAuth`, so the account's keys do not work: only Entra tokens, and only
//   the workload identity holds "Cognitive Services User" on the account (LEAST-PRIVILEGE).
// - ENC-REST-CMK: the hospital key, through a user-assigned identity that holds Key Vault Crypto Service
//   Encryption User before the account is created. (The research behind issue 16 read Microsoft's note
//   that a customer-managed key cannot be set when the resource is created; that holds for a
//   system-assigned identity, which exists only after creation. With a user-assigned identity granted
//   first, as Imaging does, the key is part of the create request; unverified against a real
//   subscription, so a deployment that refuses it would need the key set in a second `up`.)
// - NETWORK-PRIVATE: public network access Disabled, network rules Deny with no trusted-service bypass,
//   and a private endpoint (group id `account`) registered in privatelink.cognitiveservices.azure.com.
// - AI-DATA-USE: outbound access restricted (data loss prevention) with no allowed host, so an image URL
//   or a callback cannot send PHI or results anywhere.
// - AUDIT-LOG: every log category (Audit, RequestResponse, Trace) to the hospital's workspace.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as cognitiveservices from "@pulumi/azure-native/cognitiveservices";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import type { Audit } from "./audit";
import { AzureArgs, azureName, builtInRoles, envSuffix, roleDefinitionId, tagsOf } from "./common";
import { keyArg, KeyArg, type KeyConsumer, type Keys } from "./keys";
import type { Network } from "./network";
import { assertArgs } from "../problems";

export interface ImageAnalysisArgs extends AzureArgs, KeyArg {
    network: Network;
    audit: Audit;
    /** The hospital's Keys (ENC-REST-CMK). */
    key?: Keys;
    /** The key consumer (identity + grant) the account encrypts with; default keys.consumer("analysis"). */
    keyConsumer?: KeyConsumer;
    /** The account's SKU; default `S1` (the standard tier; F0, the free tier, has no private endpoint). */
    sku?: string;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function imageAnalysisProblems(args: Pick<ImageAnalysisArgs, "sku" | "key" | "keys">): string[] {
    const sku = args.sku ?? "S1";
    // F0, the free tier, has no private endpoint (NETWORK-PRIVATE).
    const skuProblem = typeof sku === "string" && /^S\d$/.test(sku) ? undefined : `'sku' must be a standard tier such as S1 (F0 has no private endpoint); got ${JSON.stringify(sku)}.`;
    return [skuProblem, ...keyArg(args).problems].filter((p): p is string => p !== undefined);
}

export class ImageAnalysis extends pulumi.ComponentResource {
    public readonly account: cognitiveservices.Account;
    /** The endpoint the workloads call (`https://<custom subdomain>.cognitiveservices.azure.com/`), resolved privately in the VNet. */
    public readonly endpoint: pulumi.Output<string>;
    /** The identity allowed to call it: the workload identity's principal id (attach the identity to the workload). */
    public readonly callerIdentity: pulumi.Output<string>;
    public readonly workloadIdentity: managedidentity.UserAssignedIdentity;

    constructor(name: string, args: ImageAnalysisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:azure:ImageAnalysis", name, {}, opts);
        assertArgs("ImageAnalysis", name, args, imageAnalysisProblems(args));
        const key = keyArg(args).key;
        const tags = tagsOf(args);
        const env = envSuffix(args.environment);
        const consumer = args.keyConsumer ?? key.consumer("analysis");
        // The custom subdomain is global and is the Entra audience and the private endpoint's DNS name.
        const subdomain = azureName(args.tenant, `${env}-vision`, 64);

        this.account = new cognitiveservices.Account(`${name}-vision`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location, // RESIDENCY
            accountName: subdomain,
            kind: "ComputerVision",
            sku: { name: args.sku ?? "S1" },
            identity: { type: "UserAssigned", userAssignedIdentities: [consumer.identity.id] },
            properties: {
                customSubDomainName: subdomain,
                disableLocalAuth: true,
                publicNetworkAccess: "Disabled",
                networkAcls: { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] },
                restrictOutboundNetworkAccess: true,
                allowedFqdnList: [],
                encryption: {
                    keySource: "Microsoft.KeyVault",
                    keyVaultProperties: {
                        keyVaultUri: key.vault.properties.vaultUri,
                        keyName: key.key.name,
                        identityClientId: consumer.identity.clientId,
                    },
                },
            },
            tags,
        }, { parent: this, dependsOn: [consumer.grant] });

        args.network.privateEndpoint(this, `${name}-vision`, { targetId: this.account.id, groupId: "account" });
        args.audit.diagnose(this, `${name}-vision`, { resourceUri: this.account.id, categoryGroup: "allLogs" });

        this.workloadIdentity = new managedidentity.UserAssignedIdentity(`${name}-workload`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            resourceName: azureName(args.tenant, `${env}-analysis-workload`, 128),
            tags,
        }, { parent: this });
        new authorization.RoleAssignment(`${name}-workload-user`, {
            scope: this.account.id,
            roleDefinitionId: roleDefinitionId(builtInRoles.cognitiveServicesUser),
            principalId: this.workloadIdentity.principalId,
            principalType: "ServicePrincipal",
            description: "the hospital's image-analysis workload calls AI Vision (no keys: disableLocalAuth)",
        }, { parent: this });

        this.endpoint = pulumi.interpolate`https://${subdomain}.cognitiveservices.azure.com/`;
        this.callerIdentity = this.workloadIdentity.principalId;
        this.registerOutputs({ endpoint: this.endpoint, callerIdentity: this.callerIdentity });
    }
}
