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

// How a rule compares a text a user wrote with the values a cloud takes, decided once for every rule:
// - a SAFE value counts only as the provider reads it: `equalsAnyIgnoreCase` (any case, nothing more), `readsFalse`
//   (Go's ParseBool). A near-miss (" Enabled", "DISABLED\u200b", "false ", a full-width letter) is not the safe
//   value: no provider trims or drops invisible characters, so it refuses the text or reads another value. Rather
//   than guess which, `expect` (rule.ts) reports it as not a value the provider takes as written (nearMiss).
// - an UNSAFE value, or one that makes a rule apply, counts however it is spelt: `readsAsAny` (looseForm), so a
//   near-miss of "None" or "SYMMETRIC_DEFAULT" is still judged as that value, never passed or left not applicable.

/** Case-insensitive string equality with any of `wanted` (enum values the clouds read in any case): the reading of a SAFE value. */
export function equalsAnyIgnoreCase(v: unknown, ...wanted: string[]): boolean {
    return typeof v === "string" && wanted.some(w => w.toLowerCase() === v.toLowerCase());
}

/** Whether `v` reads as any of `values` however it is spelt (looseForm): the reading of an UNSAFE value, or of one that makes a rule apply. */
export function readsAsAny(v: unknown, ...values: string[]): boolean {
    if (typeof v !== "string") return false;
    const loose = looseForm(v);
    return values.some(x => looseForm(x) === loose);
}

// A word a provider compares (an enum, a boolean, a number): letters, digits and the punctuation of such values.
const word = /^[\p{L}\p{N}_.:+-]+$/u;

/**
 * A word written so that no provider takes it as it reads (" Enabled", "true\u200b", "ＴＬＳ1_2"): blanks around it,
 * an invisible character in it, or a compatibility form. Never a safe value (see above); a free text (a JSON
 * document, a description with spaces) is not a word and is not judged this way.
 */
export function nearMiss(v: unknown): v is string {
    if (typeof v !== "string") return false;
    const loose = looseForm(v);
    return loose !== v.toLowerCase() && word.test(loose) && !/\s/.test(v.trim());
}
