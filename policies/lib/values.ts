// Reading resource properties: paths, unknown values (preview), JSON-string properties.
// A value unknown at preview is its own case, never a pass (STYLE.md "three outcomes").

/** The one marker for "unknown until the resource exists" on both paths (engine and checker). */
export const UNKNOWN: unique symbol = Symbol.for("hipaa-cloud.unknown");
export type Unknown = typeof UNKNOWN;

/** Shown in place of a value the program marked secret (secrets.ts). */
export const SECRET: unique symbol = Symbol.for("hipaa-cloud.secret");

export function isUnknown(v: unknown): v is Unknown {
    return v === UNKNOWN;
}

/** Whether a value holds an unknown anywhere inside it. */
export function containsUnknown(v: unknown): boolean {
    if (v === UNKNOWN) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

/**
 * The value at `path` ("a.b[0].c" or "a.b.0.c"); UNKNOWN if any step on the way is unknown;
 * undefined if the path is absent.
 */
export function get(obj: unknown, path: string): unknown {
    let cur: any = obj;
    for (const step of pathSteps(path)) {
        if (cur === UNKNOWN) return UNKNOWN;
        if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
        cur = cur[step];
    }
    return cur;
}

// Rules read the same few hundred paths over and over: split each once.
const splitPaths = new Map<string, string[]>();
function pathSteps(path: string): string[] {
    let steps = splitPaths.get(path);
    if (!steps) {
        steps = path.replace(/\[(\d+)\]/g, ".$1").split(".").filter(Boolean);
        splitPaths.set(path, steps);
    }
    return steps;
}

/** A value as a message shows it. */
export function show(v: unknown): string {
    if (v === UNKNOWN) return "unknown until deployment";
    if (v === SECRET) return "[secret]";
    if (v === undefined) return "unset";
    const s = JSON.stringify(v);
    return s.length > 120 ? s.slice(0, 117) + "..." : s;
}

/**
 * Parses a JSON-string property (bucket/key/IAM policies, EMR configuration, CloudControl
 * desiredState). Returns UNKNOWN when the string is unknown or embeds unknowns; an object passed
 * as-is (some programs give an object) is returned unchanged; unparseable JSON throws, which fails
 * closed into a finding.
 */
export function parseJson(v: unknown): unknown {
    if (v === UNKNOWN || v === undefined || v === null) return v;
    if (typeof v !== "string") return containsUnknown(v) ? UNKNOWN : v;
    if (v.includes(UNKNOWN_STRING)) return UNKNOWN;
    return JSON.parse(v);
}

/** How the Pulumi runtime writes an unknown inside a string on the wire. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Turns a value into an array: a single statement or member becomes a list of one. */
export function asArray<T>(v: T | T[] | undefined | null): T[] {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}
