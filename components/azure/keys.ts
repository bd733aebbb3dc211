// Keys: the customer-managed key that encrypts PHI at rest (ENC-REST-CMK) — a Key Vault (RBAC,
// purge protection, 90-day soft delete, no public network, private endpoint, audit logs), an RSA key
// with a rotation policy (KEY-ROTATION), and one user-assigned identity per consuming service, each
// granted Key Vault Crypto Service Encryption User on the key before the service is created.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { deidentified, statefulOptions } from "../naming";
import type { Audit } from "./audit";
import { AzureArgs, azureName, builtInRoles, clientConfig, deletionLock, envSuffix, roleDefinitionId, tagsOf } from "./common";
import type { Network } from "./network";
import { assertArgs, principalsProblem } from "../problems";

export interface KeysArgs extends AzureArgs {
    network: Network;
    audit: Audit;
    /** The services that use the key; each gets its own user-assigned identity and grant. */
    consumers: readonly string[];
    /** Entra object ids granted Key Vault Crypto Officer on the vault; default none. */
    admins?: readonly string[];
    /** RSA key size, 2048 or 3072 (what DICOM accepts, G14); default 3072. */
    keySize?: 2048 | 3072;
    /** ISO 8601 duration after which a new key version is made; default "P90D" (at most "P1Y", KEY-ROTATION). */
    rotateAfter?: string;
    /**
     * Also a key of the de-identified research zone ("deidentified", tagged so), with its own consumer
     * identity allowed on that key only (ResearchShare); default false.
     */
    deidentified?: boolean;
}

/** A consuming service's identity and the grant it must wait for. */
export interface KeyConsumer {
    identity: managedidentity.UserAssignedIdentity;
    /** The role assignment; resources that use the key `dependsOn` it. */
    grant: authorization.RoleAssignment;
}

/** Days a deleted vault or key can be recovered (the maximum; DELETION-PROTECTION). */
export const softDeleteDays = 90;

/** Every problem with KeysArgs, naming the argument, or []. Pure, exported for tests. */
export function keysProblems(args: Pick<KeysArgs, "keySize" | "rotateAfter" | "consumers" | "admins">): string[] {
    const problems: string[] = [];
    const admins = principalsProblem("azure", "admins", args.admins);
    if (admins) problems.push(admins);
    if (args.keySize !== undefined && args.keySize !== 2048 && args.keySize !== 3072) {
        problems.push(`'keySize' must be 2048 or 3072 (the RSA sizes every consumer, DICOM included, accepts); got ${args.keySize}.`);
    }
    const days = isoDays(args.rotateAfter ?? "P90D");
    if (days === undefined || days < 7 || days > 365) {
        problems.push(`'rotateAfter' must be an ISO 8601 duration from P7D to P1Y (KEY-ROTATION); got "${args.rotateAfter}".`);
    }
    const bad = args.consumers.filter(c => !/^[a-z][a-z0-9-]{0,20}$/.test(c));
    if (bad.length) problems.push(`'consumers' must be short lower-case names; got ${bad.map(c => `"${c}"`).join(", ")}.`);
    return problems;
}

/** Days in an ISO 8601 duration of whole days, months or years (P90D, P3M, P1Y); undefined otherwise. */
export function isoDays(duration: string): number | undefined {
    const m = /^P(\d+)([DMY])$/.exec(duration);
    if (!m) return undefined;
    return Number(m[1]) * { D: 1, M: 30, Y: 365 }[m[2] as "D" | "M" | "Y"];
}

export class Keys extends pulumi.ComponentResource {
    public readonly vault: keyvault.Vault;
    public readonly key: keyvault.Key;
    /** The versionless key URL: consumers follow new versions after rotation (KEY-ROTATION). */
    public readonly keyUri: pulumi.Output<string>;
    public readonly keyId: pulumi.Output<string>;
    public readonly consumers: Record<string, KeyConsumer>;
    /** The de-identified zone's key, when KeysArgs.deidentified; its consumer is consumer("deidentified"). */
    public readonly deidentifiedKey?: keyvault.Key;

    constructor(name: string, args: KeysArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:azure:HospitalKeys", name, {}, opts);
        assertArgs("Keys", name, args, keysProblems(args));
        const tags = tagsOf(args);
        const env = envSuffix(args.environment);
        const client = clientConfig();

        this.vault = new keyvault.Vault(`${name}-vault`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            vaultName: azureName(args.tenant, `${env}-kv`, 24),
            properties: {
                tenantId: client.tenantId,
                sku: { family: "A", name: "premium" }, // premium: RSA-HSM is available should a hospital need it
                enableRbacAuthorization: true, // LEAST-PRIVILEGE: Azure RBAC, no access policies
                enableSoftDelete: true, // DELETION-PROTECTION
                softDeleteRetentionInDays: softDeleteDays,
                enablePurgeProtection: true, // irreversible by design
                publicNetworkAccess: "Disabled", // PUBLIC-ACCESS: private endpoint only
                // Trusted Microsoft services may still reach the key (CMK consumers behind the firewall, G14).
                networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] },
                enabledForDeployment: false,
                enabledForDiskEncryption: false,
                enabledForTemplateDeployment: false,
            },
        }, statefulOptions(this, args.environment));

        // ENC-REST-CMK + KEY-ROTATION. An ARM key PUT creates the first version only (G16): a later change
        // to the rotation policy may not be applied in place; verify with a test deployment before relying on it.
        const newKey = (resourceName: string, keyName: string, keyTags: Record<string, string>) => new keyvault.Key(resourceName, {
            resourceGroupName: args.resourceGroupName,
            vaultName: this.vault.name,
            keyName,
            tags: keyTags,
            properties: {
                kty: "RSA",
                keySize: args.keySize ?? 3072,
                attributes: { enabled: true },
                rotationPolicy: {
                    attributes: { expiryTime: "P2Y" },
                    lifetimeActions: [
                        { action: { type: "rotate" }, trigger: { timeAfterCreate: args.rotateAfter ?? "P90D" } },
                        { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
                    ],
                },
            },
        }, statefulOptions(this, args.environment));
        this.key = newKey(`${name}-key`, "phi", tags);
        this.keyUri = this.key.keyUri;
        this.keyId = this.key.id;

        deletionLock(this, `${name}-vault`, this.vault.id, args.environment);
        deletionLock(this, `${name}-key`, this.key.id, args.environment);
        args.network.privateEndpoint(this, `${name}-vault`, { targetId: this.vault.id, groupId: "vault" });
        args.audit.diagnose(this, `${name}-vault`, { resourceUri: this.vault.id, categoryGroup: "audit" });

        // LEAST-PRIVILEGE: each service has its own identity, allowed to wrap/unwrap with this key only.
        const encryptionUser = roleDefinitionId(builtInRoles.cryptoServiceEncryptionUser);
        this.consumers = {};
        const newConsumer = (consumer: string, key: keyvault.Key, identityTags: Record<string, string>): KeyConsumer => {
            const identity = new managedidentity.UserAssignedIdentity(`${name}-${consumer}-identity`, {
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                tags: identityTags,
                resourceName: azureName(args.tenant, `${env}-${consumer}-cmk`, 128),
            }, { parent: this });
            const grant = new authorization.RoleAssignment(`${name}-${consumer}-key-user`, {
                scope: key.id,
                roleDefinitionId: encryptionUser,
                principalId: identity.principalId,
                principalType: "ServicePrincipal",
                description: `${consumer} encrypts PHI with the hospital key (ENC-REST-CMK)`,
            }, { parent: this });
            return { identity, grant };
        };
        for (const consumer of args.consumers) this.consumers[consumer] = newConsumer(consumer, this.key, tags);
        if (args.deidentified) {
            // The research zone's own key: a partner-facing store never shares PHI's key, and revoking one never touches the other.
            const deidTags = tagsOf({ ...args, classification: deidentified });
            this.deidentifiedKey = newKey(`${name}-deidentified-key`, deidentified, deidTags);
            deletionLock(this, `${name}-deidentified-key`, this.deidentifiedKey.id, args.environment);
            this.consumers[deidentified] = newConsumer(deidentified, this.deidentifiedKey, deidTags);
        }

        const officer = roleDefinitionId(builtInRoles.cryptoOfficer);
        (args.admins ?? []).forEach((admin, i) => {
            new authorization.RoleAssignment(`${name}-admin-${i}`, {
                scope: this.vault.id,
                roleDefinitionId: officer,
                principalId: admin,
                description: "hospital key administrator (hospital:admins)",
            }, { parent: this });
        });

        this.registerOutputs({ keyId: this.keyId, keyUri: this.keyUri });
    }

    /** The consumer named `name`; fails with the list of consumers when there is none. */
    consumer(name: string): KeyConsumer {
        const found = this.consumers[name];
        if (!found) throw new Error(`Keys: no key consumer "${name}"; consumers: ${Object.keys(this.consumers).join(", ")}.`);
        return found;
    }
}
