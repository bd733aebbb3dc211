// Pulumi's wire format for resource properties (a google.protobuf.Struct, as the SDK sends it to the
// engine) → the values the policies read. The checker decodes what the program sent in the process
// that judges it, never in the program's own: a program cannot change how its registrations are read.
//
// The special objects are the SDK's (runtime/rpc.ts): a secret, an unknown, an output value, a
// resource reference, an asset or archive, each marked by the key `specialSigKey`.
import { UNKNOWN } from "../policies/lib/values";

const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const resourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
const outputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** How the SDK writes an unknown value (and an unknown inside a string) on the wire. */
export const unknownWireValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Decoded {
    value: Record<string, unknown>;
    /** Paths (`a.b[0].c`) of the values the program marked secret. */
    secrets: string[];
}

/** Decodes the properties of one registration (`Struct.toJavaScript()`). */
export function decodeProperties(wire: Record<string, unknown>): Decoded {
    const secrets: string[] = [];
    const value = decode(wire, "", secrets, false) as Record<string, unknown>;
    return { value, secrets };
}

function join(path: string, key: string | number): string {
    if (typeof key === "number") return `${path}[${key}]`;
    return path ? `${path}.${key}` : key;
}

function decode(v: unknown, path: string, secrets: string[], inSecret: boolean): unknown {
    if (v === unknownWireValue) return UNKNOWN;
    if (Array.isArray(v)) return v.map((x, i) => decode(x, join(path, i), secrets, inSecret));
    if (!v || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    switch (o[sigKey]) {
        case secretSig:
            if (!inSecret) secrets.push(path);
            return decode(o.value, path, secrets, true);
        case outputValueSig:
            if (o.secret === true && !inSecret) secrets.push(path);
            return "value" in o ? decode(o.value, path, secrets, inSecret || o.secret === true) : UNKNOWN;
        case resourceSig:
            // As the SDK reads a reference it cannot rehydrate: a custom resource's id (unknown while
            // it is empty), else the URN.
            if (typeof o.id === "string") return o.id === "" ? UNKNOWN : o.id;
            return o.urn;
        case undefined:
            break;
        default: {
            // An asset or archive: its fields (path, text, uri, assets) without the marker.
            const { [sigKey]: _sig, ...rest } = o;
            return decode(rest, path, secrets, inSecret);
        }
    }
    const out: Record<string, unknown> = {};
    // defineProperty: a key named __proto__ is a property like any other, never the object's prototype.
    for (const [k, x] of Object.entries(o)) {
        Object.defineProperty(out, k, { value: decode(x, join(path, k), secrets, inSecret), enumerable: true, writable: true, configurable: true });
    }
    return out;
}
