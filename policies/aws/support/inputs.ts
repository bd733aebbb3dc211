// Reading inputs as users write them: booleans as true or "true", numbers as 7 or "7" (a hand-written
// program or YAML config gives strings). UNKNOWN is left to expect() (policies/lib/rule.ts).
import { isUnknown } from "../../lib/values";

export function isTrue(v: unknown): boolean {
    return v === true || (typeof v === "string" && v.trim().toLowerCase() === "true");
}

export function isFalse(v: unknown): boolean {
    return v === false || (typeof v === "string" && v.trim().toLowerCase() === "false");
}

/** A number, or undefined when the value is not one (unset, unknown, text). */
export function toNumber(v: unknown): number | undefined {
    if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
    if (typeof v === "string" && v.trim() !== "" && !isUnknown(v)) {
        const n = Number(v);
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}

/** A non-empty string (an id, ARN or name that was actually given). */
export function isSet(v: unknown): boolean {
    return typeof v === "string" && v.trim() !== "";
}

/** Case-insensitive string equality. */
export function sameText(v: unknown, wanted: string): boolean {
    return typeof v === "string" && v.toLowerCase() === wanted.toLowerCase();
}
