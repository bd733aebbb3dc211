// The plan of the Azure Keys component: the vault's name, which keys it holds (PHI's, and the research
// zone's own when asked), each key's properties, and which identity may use which key. Pure (no resource
// is registered), so the rules are tested without the mock runtime, and the constructor (keys.ts) only
// wires the plan into resources.
import { deidentified } from "../naming";
import { azureName, envSuffix } from "./common";
import type { KeysArgs } from "./keys";

/** A key of the vault: its Key Vault name, the suffix of its resource name, and whether it is the research zone's. */
export interface PlannedKey {
    keyName: string;
    resourceSuffix: string;
    /** Tagged (and its consumer's identity too) data-classification=deidentified; PHI's carries the component's tags. */
    deidentified: boolean;
}

export interface KeysPlan {
    vaultName: string;
    /** PHI's key, then the de-identified zone's when KeysArgs.deidentified. */
    keys: PlannedKey[];
    /** Each consumer: its own user-assigned identity (by name), granted on exactly one key. */
    consumers: { consumer: string; identityName: string; key: PlannedKey }[];
    /** What every key is: RSA of the asked size, rotated and expiring (ENC-REST-CMK, KEY-ROTATION). */
    keyProperties: {
        kty: "RSA";
        keySize: number;
        attributes: { enabled: true };
        rotationPolicy: {
            attributes: { expiryTime: string };
            lifetimeActions: { action: { type: "rotate" | "notify" }; trigger: { timeAfterCreate?: string; timeBeforeExpiry?: string } }[];
        };
    };
}

/** The plan of Keys with these (validated, keysProblems) arguments. */
export function keysPlan(args: Pick<KeysArgs, "tenant" | "environment" | "consumers" | "deidentified" | "keySize" | "rotateAfter">): KeysPlan {
    const env = envSuffix(args.environment);
    const phi: PlannedKey = { keyName: "phi", resourceSuffix: "key", deidentified: false };
    // The research zone's own key: a partner-facing store never shares PHI's key, and revoking one never touches the other.
    const zone: PlannedKey = { keyName: deidentified, resourceSuffix: "deidentified-key", deidentified: true };
    const consumer = (name: string, key: PlannedKey) => ({ consumer: name, identityName: azureName(args.tenant, `${env}-${name}-cmk`, 128), key });
    return {
        vaultName: azureName(args.tenant, `${env}-kv`, 24),
        keys: args.deidentified ? [phi, zone] : [phi],
        consumers: [...args.consumers.map(c => consumer(c, phi)), ...(args.deidentified ? [consumer(deidentified, zone)] : [])],
        keyProperties: {
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
    };
}
