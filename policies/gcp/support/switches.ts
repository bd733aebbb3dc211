// The provider's on/off switches as the Google provider reads them. Its booleans go through Terraform's value
// conversion, which takes "1" as true and "0" as false (cty: a string "1"/"0" converts to a bool), so a check
// written "not true" passes "1", and "not false" passes "0". A switch is judged by the values that certainly
// mean the wanted state; any other spelling is a finding the user can fix, never a pass.
import { isFalse, isTrue } from "../../lib/inputs";

/** Off: unset (where the provider's default is off), false or "false". Not "1", 1, "t" or a typo. */
export function offOrUnset(v: unknown): boolean {
    return v === undefined || v === null || isFalse(v);
}

/** On: unset (where the provider's default is on), true or "true". Not "0", 0, "f" or a typo. */
export function onOrUnset(v: unknown): boolean {
    return v === undefined || v === null || isTrue(v);
}
