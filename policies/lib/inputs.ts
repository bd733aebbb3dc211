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

// On/off switches. A SAFE state counts only in a spelling the provider itself reads as that state; an UNSAFE
// state counts however it is spelt (see "How a rule compares" below). The providers differ:
// - Terraform-bridged providers (AWS classic, Google, Azure classic): the bridge hands the value to Terraform,
//   whose value conversion (cty) takes a bool, or exactly the strings "true"/"1" and "false"/"0". It neither
//   trims nor folds case: "TRUE", " true " and "t" are refused, a number is refused.
// - azure-native sends JSON to ARM, where each resource provider deserializes a string-typed boolean its own way
//   (some refuse it, some take "True"); only a JSON boolean and the plain words "true"/"false" are read alike.
//   "1"/0 are not a safe reading there.
// - A string-typed boolean the provider parses with Go's strconv.ParseBool (a launch template's
//   associatePublicIpAddress): "1", "t", "T", "TRUE", "true", "True" and their false counterparts.
// Any other spelling of a switch is a finding (the user rewrites it), never a pass.

/** How one provider reads a switch: the spellings it takes as on and as off. */
export interface SwitchReading {
    readonly spellings: { readonly on: readonly unknown[]; readonly off: readonly unknown[] };
    /** Written in a spelling the provider reads as on. */
    on(v: unknown): boolean;
    /** Written in a spelling the provider reads as off. */
    off(v: unknown): boolean;
    /** On, or unset where the provider's default is on. */
    onOrUnset(v: unknown): boolean;
    /** Off, or unset where the provider's default is off. */
    offOrUnset(v: unknown): boolean;
}

// The checks of a switch are marked, so that `expect` (rule.ts) can tell the user why a value that is not a
// boolean failed (a "TRUE" looks true to a person, not to the provider).
const switchChecks = new WeakSet<(v: unknown) => boolean>();

/** Whether `check` is one of a SwitchReading's checks. */
export function isSwitchCheck(check: (v: never) => boolean): boolean {
    return switchChecks.has(check as (v: unknown) => boolean);
}

function switchReading(on: readonly unknown[], off: readonly unknown[]): SwitchReading {
    const unset = (v: unknown) => v === undefined || v === null;
    const checks = {
        on: (v: unknown) => on.includes(v),
        off: (v: unknown) => off.includes(v),
        onOrUnset: (v: unknown) => unset(v) || on.includes(v),
        offOrUnset: (v: unknown) => unset(v) || off.includes(v),
    };
    Object.values(checks).forEach(c => switchChecks.add(c));
    return { spellings: { on, off }, ...checks };
}

/** Terraform-bridged providers (AWS classic, Google, Azure classic): cty's string-to-bool conversion. */
export const terraformReads = switchReading([true, "true", "1"], [false, "false", "0"]);

/** azure-native (JSON to ARM): a boolean, or the plain words only. */
export const armReads = switchReading([true, "true"], [false, "false"]);

/** A string-typed boolean parsed with Go's strconv.ParseBool. */
export const parseBoolReads = switchReading([true, "1", "t", "T", "TRUE", "true", "True"], [false, "0", "f", "F", "FALSE", "false", "False"]);

// Every spelling some reader (or a person) takes as on, compared loosely: the reading of an UNSAFE on.
const looselyOn = ["true", "1", "t", "yes", "on"];

/** Whether `v` may mean on however it is spelt (1, "1", " TRUE ", "t", "on"): where on is the unsafe state, or makes a rule apply. */
export function mayMeanOn(v: unknown): boolean {
    return v === true || v === 1 || (typeof v === "string" && looselyOn.includes(looseForm(v)));
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
// - a SAFE value counts only as the provider reads it: `equalsAnyIgnoreCase` (any case, nothing more), a switch's
//   `terraformReads` / `armReads` / `parseBoolReads`. A near-miss (" Enabled", "DISABLED\u200b", "false ", a full-width letter) is not the safe
//   value: no provider trims or drops invisible characters, so it refuses the text or reads another value. Rather
//   than guess which, `expect` (rule.ts) reports it as not a value the provider takes as written (nearMiss).
// - an UNSAFE value, or one that makes a rule apply, counts however it is spelt: `readsAsAny`, `mayMeanOn` (looseForm), so a
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
