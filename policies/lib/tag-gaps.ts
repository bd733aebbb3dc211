// The TAGGING rules of the three clouds report the required tags (labels) a resource lacks as ONE finding
// that names every missing key, not one finding per key: a reader acts once per resource, and in public
// programs one-line-per-key made missing tags half of all findings. Keys whose value is unknown at preview
// are another cause (judged at `pulumi up`, advisory, never a pass) and make one finding of their own.
import type { Violation } from "./rule";
import { UNKNOWN } from "./values";

/** A required key that is not there: its property path (`tags["data-classification"]`) and how it stands. */
export interface TagGap { path: string; presence: "absent" | "unknown" }

/**
 * The violations for `gaps` on the tag map at `mapPath` (`tags`, `labels`, `desiredState.Tags`), whose
 * effective value is `found`: at most one for the absent keys (found: the map as read, so the reader sees
 * what is there) and one for the unknown keys.
 */
export function tagGapViolations(mapPath: string, found: unknown, gaps: readonly TagGap[], note?: string): Violation[] {
    const out: Violation[] = [];
    // One key required twice (GCP lower-cases "Tenant" and "tenant" to one label) is named once.
    const absent = [...new Set(gaps.filter(g => g.presence === "absent").map(g => g.path))];
    const unknown = [...new Set(gaps.filter(g => g.presence === "unknown").map(g => g.path))];
    if (absent.length) {
        out.push({ property: mapPath, found, note,
            wanted: `a non-empty value for ${absent.length === 1 ? absent[0] : `each of ${absent.join(", ")}`} (${absent.length} required ${absent.length === 1 ? "key" : "keys"} missing)` });
    }
    if (unknown.length) out.push({ property: unknown.length === 1 ? unknown[0] : `${unknown.join(", ")}`, found: UNKNOWN, wanted: "a value" });
    return out;
}
