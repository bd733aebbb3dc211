// Reading inputs as users write them: booleans as true or "true", numbers as 7 or "7" (a hand-written
// program or YAML config gives strings). UNKNOWN is left to expect() (policies/lib/rule.ts).
import { isUnknown, toNumber as numberOf } from "../../lib/values";

export { isFalse, isTrue } from "../../lib/values";

/** A number, or undefined when the value is not one (unset, unknown, text). */
export function toNumber(v: unknown): number | undefined {
    const n = isUnknown(v) ? NaN : numberOf(v);
    return Number.isFinite(n) ? n : undefined;
}

/** A non-empty string (an id, ARN or name that was actually given). */
export function isSet(v: unknown): boolean {
    return typeof v === "string" && v.trim() !== "";
}

/** Case-insensitive string equality. */
export function sameText(v: unknown, wanted: string): boolean {
    return typeof v === "string" && v.toLowerCase() === wanted.toLowerCase();
}

/**
 * Whether the provider reads `v` as false: `false`, or a string Go's strconv.ParseBool takes for false ("0", "f",
 * "F", "false", "FALSE", "False"), as the provider parses its string-typed booleans (a launch template's
 * associatePublicIpAddress). "1", "t" and "True" are true there: a check "not true" would pass them.
 */
export function readsFalse(v: unknown): boolean {
    return v === false || (typeof v === "string" && ["0", "f", "F", "false", "FALSE", "False"].includes(v));
}
