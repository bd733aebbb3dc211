// Reading inputs as users write them, on every cloud: booleans as true or "true", numbers as 7 or "7" (a
// hand-written program or a YAML config gives strings), enum strings in any case. A value unknown at
// preview is none of these (never true, never a number): expect() (rule.ts) reports it as unknown.
import { isUnknown } from "./values";

/** Letters people cannot see (blanks, zero-width, direction marks, soft hyphen, invisible operators): one set for every loose comparison. */
const invisible = /[\s\u00ad\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/g;

/**
 * A text as a loose comparison reads it: compatibility forms folded (full-width letters), every invisible
 * character dropped, lower case. A spelling a person cannot tell apart must never turn a finding into a pass.
 */
export function looseForm(s: string): string {
    return s.normalize("NFKC").replace(invisible, "").toLowerCase();
}

/** `true` or "true" (any case, surrounding spaces ignored). */
export function isTrue(v: unknown): boolean {
    return v === true || (typeof v === "string" && v.trim().toLowerCase() === "true");
}

/** `false` or "false" (any case, surrounding spaces ignored). */
export function isFalse(v: unknown): boolean {
    return v === false || (typeof v === "string" && v.trim().toLowerCase() === "false");
}

/**
 * Whether the provider reads `v` as false: `false`, or a string Go's strconv.ParseBool takes for false ("0", "f",
 * "F", "false", "FALSE", "False"), as the provider parses its string-typed booleans (a launch template's
 * associatePublicIpAddress). "1", "t" and "True" are true there: a check "not true" would pass them.
 */
export function readsFalse(v: unknown): boolean {
    return v === false || (typeof v === "string" && ["0", "f", "F", "false", "FALSE", "False"].includes(v));
}

/** Set to something: a non-blank string, or any other value but undefined, null and a value unknown at preview. */
export function isSet(v: unknown): boolean {
    return typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null && !isUnknown(v);
}

/**
 * A non-blank string: an id, ARN, name or key name that was actually given. Not a number or an object (a type
 * confusion the provider refuses at `pulumi up`, so it must not pass the preview), which `isSet` would take.
 */
export function isText(v: unknown): boolean {
    return typeof v === "string" && v.trim() !== "";
}

// A number as a provider parses a numeric string: decimal digits, a sign, a fraction, an exponent. Not
// JavaScript's extras ("0x1E" is 30 to Number(), an error to the provider).
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A finite number, or a string that reads as one in decimal (7 or "7"); NaN otherwise (unset, unknown,
 * text, "Infinity", "0x1E": no cloud takes them), which every comparison fails.
 */
export function toNumber(v: unknown): number {
    const n = typeof v === "number" ? v : typeof v === "string" && decimal.test(v.trim()) ? Number(v.trim()) : NaN;
    return Number.isFinite(n) ? n : NaN;
}

/** Case-insensitive string equality with any of `wanted` (enum values the clouds read in any case). */
export function equalsAnyIgnoreCase(v: unknown, ...wanted: string[]): boolean {
    return typeof v === "string" && wanted.some(w => w.toLowerCase() === v.toLowerCase());
}
