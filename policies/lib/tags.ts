// Tags (labels on Google Cloud) as the three clouds' TAGGING rules and the PHI classification read them:
// a resource's own map over its provider's defaults, each required key present, unknown or absent, and the
// gaps reported as ONE finding that names every missing key, not one per key (a reader acts once per
// resource; in public programs one-line-per-key made missing tags half of all findings). Keys whose value
// is unknown at preview are another cause (judged at `pulumi up`, advisory, never a pass): one finding of their own.
import { looseForm } from "./inputs";
import type { Violation } from "./rule";
import { holdsUnknown } from "./unknowns";
import { isUnknown, parseJson, UNKNOWN, Unknown } from "./values";

export type Tags = Record<string, unknown>;

/**
 * A resource's own tags over its provider's defaults (neither cloud merges them into the resource's inputs); UNKNOWN
 * when either map is unknown. Either may be JSON text: a provider's config values (and a hand-written program's
 * nested inputs) arrive as strings, and `{"tenant":"stmary"}` read as no map would lose every default tag.
 */
export function withDefaults(own: unknown, defaults: unknown): Tags | Unknown {
    const [mine, theirs] = [own, defaults].map(v => typeof v === "string" ? parseJson(v) : v);
    if (isUnknown(mine) || isUnknown(theirs)) return UNKNOWN;
    return { ...asTags(theirs), ...asTags(mine) };
}

function asTags(v: unknown): Tags {
    return v && typeof v === "object" && !Array.isArray(v) ? v as Tags : {};
}

/**
 * A tag's (or label's) value as TAGGING judges it: `present` only as visible text; `unknown` when
 * it is unknown at preview, whole or in part (judged at `pulumi up`: advisory at most, never a pass);
 * `absent` when missing, not text, empty or blank (spaces, zero-width characters).
 */
export function tagPresence(v: unknown): "present" | "unknown" | "absent" {
    if (holdsUnknown(v)) return "unknown";
    return typeof v === "string" && looseForm(v) !== "" ? "present" : "absent";
}

/** A required key that is not there: its property path (`tags["data-classification"]`) and how it stands. */
export interface TagGap { path: string; presence: "absent" | "unknown" }

/** The required keys `tags` lacks: `keyOf` gives the key a required tag is stored under (Google lower-cases labels), `pathOf` its property path. */
export function tagGaps(tags: Tags, required: readonly string[], pathOf: (key: string) => string, keyOf: (tag: string) => string = tag => tag): TagGap[] {
    return required.flatMap((tag): TagGap[] => {
        const key = keyOf(tag);
        const presence = tagPresence(tags[key]);
        return presence === "present" ? [] : [{ path: pathOf(key), presence }];
    });
}

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
