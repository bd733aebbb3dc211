// The customer-managed key a Google Cloud input names: a CryptoKey, never one of its versions. A service
// encrypting with a pinned version (`…/cryptoKeys/KEY/cryptoKeyVersions/N`) never moves to the key's new
// versions, so the key's rotation does not reach its data (KEY-ROTATION), and most services refuse a version
// at `pulumi up` only. One judgement for every rule that reads a key name (ENC-REST-CMK, IDENTITY-AUTHN).
import { isText, looseForm, nearMiss } from "../../lib/inputs";
import { nearMissNote, PolicyResource, Violation } from "../../lib/rule";
import { holdsUnknown } from "../../lib/unknowns";
import { get, UNKNOWN, UNKNOWN_STRING } from "../../lib/values";

export const keyWanted = "a Cloud KMS key name (projects/…/locations/…/keyRings/…/cryptoKeys/…)";

const versionType = "gcp:kms/cryptoKeyVersion:CryptoKeyVersion";

/** A CryptoKey's resource name as Cloud KMS writes it (case and all): every service takes a key by this name. */
const cryptoKeyName = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** How a key name is wrong: the value to show (UNKNOWN when it may yet be a version) and why. */
export interface KeyNameProblem { found: unknown; note?: string }

/** The input at `path` of `r` names a CryptoKey (keyNameProblem), or unknown at preview: the rule's own key input. */
export function expectKeyName(r: PolicyResource, path: string, wanted = keyWanted): Violation[] {
    const problem = keyNameProblem(r, path);
    return problem ? [{ property: path, wanted, ...problem }] : [];
}

/**
 * Why the key name at `path` of `holder` is not a CryptoKey name, or undefined when it is one: unset, blank,
 * not a text, unknown at preview, a near-miss spelling, a key version (however its letters are spelt), a
 * text unknown in part that was built from a CryptoKeyVersion (it may turn out to be that version's name) or whose
 * known parts fit in no CryptoKey name, or
 * a known text that is no CryptoKey name (`"x"`, a key ring): it names no customer-managed key.
 */
export function keyNameProblem(holder: PolicyResource, path: string): KeyNameProblem | undefined {
    return keyTextProblem(holder, get(holder.props, path), path);
}

/** keyNameProblem of a value read elsewhere (an annotation): `found`, read from the input `path` lies in. */
export function keyTextProblem(holder: PolicyResource, found: unknown, path: string): KeyNameProblem | undefined {
    if (!isText(found)) return { found };
    const text = found as string;
    if (nearMiss(text)) return { found, note: nearMissNote(text) };
    if (looseForm(text).includes("/cryptokeyversions/")) {
        return { found, note: "It names a key version: a pinned version is never rotated; name its CryptoKey (drop `/cryptoKeyVersions/…`)." };
    }
    // A text unknown in part passes only where its known parts can stand in a CryptoKey's name (`${ring.id}/cryptoKeys/k`
    // can; `projects/p/keyRings/${r}` and `${ring.id}/cryptoKeys/` cannot: unknown, never a pass).
    if (holdsUnknown(text)) return builtFromVersion(holder, path) || !mayBeKeyName(text) ? { found: UNKNOWN } : undefined;
    if (!cryptoKeyName.test(text)) return { found, note: "It is no CryptoKey name: a key is named `projects/P/locations/L/keyRings/R/cryptoKeys/K`." };
    return undefined;
}

/** Whether the top-level input `path` lies in was built from a CryptoKeyVersion (its URN names the type). */
function builtFromVersion(holder: PolicyResource, path: string): boolean {
    const input = path.split(/[.[]/)[0];
    return (holder.opts.propertyDependencies?.[input] ?? []).some(urn => typeOfUrn(urn) === versionType);
}

/** The type of a URN, `urn:pulumi:STACK::PROJECT::PARENT$TYPE::NAME`: its qualified type's last part. */
function typeOfUrn(urn: string): string | undefined {
    return urn.split("::")[2]?.split("$").pop();
}

/**
 * Whether a text whose unknown parts may each be any text can be a CryptoKey's name (cryptoKeyName): it is read
 * through the name's template, `projects/#/locations/#/keyRings/#/cryptoKeys/#` (# one character or more, no
 * slash), as a set of places in it; an unknown part may move on to any later place.
 */
function mayBeKeyName(text: string): boolean {
    // Each place: a literal character, a name's first character ("#"), or more of its characters ("*", may be skipped).
    const template = "projects/#*/locations/#*/keyRings/#*/cryptoKeys/#*";
    const skip = (at: Set<number>) => { for (const i of at) if (template[i] === "*") at.add(i + 1); return at; };
    let at = skip(new Set([0]));
    for (const [n, known] of text.split(UNKNOWN_STRING).entries()) {
        if (!at.size) return false;
        const from = Math.min(...at);
        if (n > 0) at = new Set(Array.from({ length: template.length + 1 - from }, (_, k) => from + k));
        for (const ch of known) {
            const next = new Set<number>();
            for (const i of at) {
                const place = template[i];
                if (place === "*" || place === "#") { if (ch !== "/") next.add(place === "#" ? i + 1 : i); }
                else if (place === ch) next.add(i + 1);
            }
            at = skip(next);
        }
    }
    return at.has(template.length);
}
