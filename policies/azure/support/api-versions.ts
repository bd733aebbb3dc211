// The ARM API version a resource is created with, where ARM's default for an unset property changed between
// versions. canonicalType (lib/type-tokens.ts) judges azure-native:storage/v20180701:StorageAccount as the
// unversioned token, so a rule that passes an unset value as "the default" must ask which default: the version
// is the registered token's (its URN keeps it, on the engine path too) or the `apiVersionOverride` input of newer
// azure-native 3 SDKs; neither means the SDK's own version, where the current default holds.
import { armReads } from "../../lib/inputs";
import { expect, PolicyResource, Violation } from "../../lib/rule";
import { get, isUnknown, UNKNOWN, Unknown } from "../../lib/values";

/** The API version (`2018-07-01`, `2015-05-01-preview`) `r` is created with; undefined for the SDK's own version. */
export function azureApiVersionOf(r: Pick<PolicyResource, "urn" | "props">): string | Unknown | undefined {
    const override = r.props.apiVersionOverride;
    if (isUnknown(override)) return UNKNOWN;
    if (typeof override === "string" && override.trim()) return override.trim();
    const type = r.urn.split("::")[2]?.split("$").pop() ?? "";
    const m = /^azure-native:[^/:]+\/v(\d{4})(\d{2})(\d{2})([a-z]*):/.exec(type);
    return m ? `${m[1]}-${m[2]}-${m[3]}${m[4] ? `-${m[4]}` : ""}` : undefined;
}

/**
 * The violations of an ARM switch at `path` that is secure when `secure` ("on" or "off") and whose unset value became
 * secure at API version `since` (YYYY-MM-DD): from `since` on unset passes; under an older version only the explicit
 * value does; under a version unknown at preview an unset value is unknown.
 */
export function expectSwitchDefaultSince(r: PolicyResource, path: string, secure: "on" | "off", since: string, wanted: string): Violation[] {
    const version = azureApiVersionOf(r);
    const explicit = secure === "on" ? armReads.on : armReads.off;
    if (version === undefined || (!isUnknown(version) && version.slice(0, 10) >= since)) {
        return expect(r.props, path, secure === "on" ? armReads.onOrUnset : armReads.offOrUnset, `${wanted} (the default since API ${since})`);
    }
    const found = get(r.props, path);
    if (isUnknown(version) && (found === undefined || found === null)) {
        return [{ property: "apiVersionOverride", found: UNKNOWN, wanted: `an API version from ${since} on, or ${path} ${wanted} written out (unset is ${wanted} only from ${since} on)` }];
    }
    const under = isUnknown(version) ? "an API version unknown at preview" : `API ${version}, the version the resource is created with`;
    return expect(r.props, path, explicit, `${wanted} (unset is ${secure === "on" ? "false" : "true"} under ${under})`);
}
