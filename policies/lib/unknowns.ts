// References unknown at preview. A diagnostic setting whose resourceUri is unknown, a private endpoint
// whose target is unknown, a policy whose server name is unknown: each points at ONE resource once
// deployed, so it can excuse at most one of the resources nothing known covers. The rest stay findings.
import { containsUnknown, UNKNOWN_STRING } from "./values";

/**
 * A budget of `count` unknown references: each call takes one and says whether one was left. Call it
 * once per uncovered resource, only after its own values did not already make it unknown, so that
 * the excuses go where nothing else explains the gap.
 */
export type Excuse = () => boolean;

export function unknownReferences(count: number): Excuse {
    let left = count;
    return () => {
        if (left <= 0) return false;
        left -= 1;
        return true;
    };
}

/** Whether a value is, or holds, something unknown at preview (also inside a string, as the engine writes it). */
export function holdsUnknown(v: unknown): boolean {
    return containsUnknown(v) || (typeof v === "string" && v.includes(UNKNOWN_STRING));
}
