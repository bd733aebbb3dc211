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
import { AzureArgs, builtInRoles, clientConfig, deletionLock, roleDefinitionId, tagsOf } from "./common";
import type { Network } from "./network";
import { assertArgs, keyArgReader, principalsProblem } from "../problems";
import { keysPlan, PlannedKey } from "./keys-plan";

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
export function keysProblems(args: Pick<KeysArgs, "keySize" | "rotateAfter" | "consumers" | "admins" | "deidentified">): string[] {
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
    // Each consumer is an identity and a grant of its own, named after it.
    const twice = args.consumers.filter((c, i) => args.consumers.indexOf(c) !== i);
    if (twice.length) problems.push(`'consumers' names ${JSON.stringify(twice[0])} twice.`);
    if (args.deidentified && args.consumers.includes(deidentified)) {
        problems.push(`'consumers' may not name "${deidentified}" when 'deidentified' is true: that consumer is the research zone's, on its own key.`);
    }
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
        const plan = keysPlan(args);
        const client = clientConfig();
        const tagsFor = (key: PlannedKey) => tagsOf(key.deidentified ? { ...args, classification: deidentified } : args);

        this.vault = new keyvault.Vault(`${name}-vault`, {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: tagsOf(args),
            vaultName: plan.vaultName,
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
        deletionLock(this, `${name}-vault`, this.vault.id, args.environment);
        args.network.privateEndpoint(this, `${name}-vault`, { targetId: this.vault.id, groupId: "vault" });
        args.audit.diagnose(this, `${name}-vault`, { resourceUri: this.vault.id, categoryGroup: "audit" });

        // ENC-REST-CMK + KEY-ROTATION. An ARM key PUT creates the first version only (G16): a later change
        // to the rotation policy may not be applied in place; verify with a test deployment before relying on it.
        const keys = new Map(plan.keys.map(k => {
            const key = new keyvault.Key(`${name}-${k.resourceSuffix}`, {
                resourceGroupName: args.resourceGroupName,
                vaultName: this.vault.name,
                keyName: k.keyName,
                tags: tagsFor(k),
                properties: plan.keyProperties,
            }, statefulOptions(this, args.environment));
            deletionLock(this, `${name}-${k.resourceSuffix}`, key.id, args.environment);
            return [k.keyName, key] as const;
        }));
        this.key = keys.get("phi")!;
        this.keyUri = this.key.keyUri;
        this.keyId = this.key.id;
        this.deidentifiedKey = keys.get(deidentified);

        // LEAST-PRIVILEGE: each service has its own identity, allowed to wrap/unwrap with its one key only.
        const encryptionUser = roleDefinitionId(builtInRoles.cryptoServiceEncryptionUser);
        this.consumers = {};
        for (const { consumer, identityName, key: planned } of plan.consumers) {
            const key = keys.get(planned.keyName)!;
            const identity = new managedidentity.UserAssignedIdentity(`${name}-${consumer}-identity`, {
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                tags: tagsFor(planned),
                resourceName: identityName,
            }, { parent: this });
            const grant = new authorization.RoleAssignment(`${name}-${consumer}-key-user`, {
                scope: key.id,
                roleDefinitionId: encryptionUser,
                principalId: identity.principalId,
                principalType: "ServicePrincipal",
                description: `${consumer} encrypts PHI with the hospital key (ENC-REST-CMK)`,
            }, { parent: this });
            this.consumers[consumer] = { identity, grant };
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
        // Own keys only: "constructor" or "toString" must not find Object's.
        const found = Object.hasOwn(this.consumers, name) ? this.consumers[name] : undefined;
        if (!found) throw new Error(`Keys: no key consumer "${name}"; consumers: ${Object.keys(this.consumers).join(", ")}.`);
        return found;
    }
}

/**
 * The customer-managed key argument of every Azure component that encrypts. One name, `key`, on the three
 * clouds (AWS: a KMS key ARN; Google Cloud: a crypto key id), so that a platform reads the same on each; its
 * type is this cloud's reference to a key: the hospital's Keys, whose vault, key and per-service identity a
 * component needs together. `keys`, the old Azure name, still works; setting both is refused (keyArg).
 */
export interface KeyArg {
    /** The hospital's Keys (ENC-REST-CMK). Required, under this name or `keys`. */
    key?: Keys;
    /** @deprecated use key */
    keys?: Keys;
}

/** Why `value` (argument `argName`) is not a Keys component, or undefined. */
export function keysProblem(argName: string, value: unknown): string | undefined {
    if (value instanceof Keys) return undefined;
    const found = typeof value === "object" && value !== null ? `a ${value.constructor.name}` : `${typeof value} ${String(value)}`;
    return `'${argName}' must be the hospital's Keys (components/azure/keys.ts); got ${found}.`;
}

/** The key — argument `key`, or its deprecated name `keys` — and the problems of that argument. */
export const keyArg = keyArgReader<KeyArg, Keys>("keys", keysProblem);
