// KEY-ROTATION on Azure: Key Vault rotates customer-managed keys by policy, and consumers follow the
// newest version (CONTROLS.md 1b). G16: an ARM key PUT may only apply on the first version, so a
// rotation policy added to an existing key may need a replace; the rule judges the declared policy.
import { equalsAnyIgnoreCase, readsAsAny } from "../lib/inputs";
import { expect, notApplicable, resourceRule, Rule, Violation } from "../lib/rule";
import { asArray, get, isUnknown } from "../lib/values";
import { T } from "./support/tokens";
import { todayIso } from "../lib/config";

const controls = ["KEY-ROTATION"] as const;
const minimumDays = 90, maximumDays = 365;

const isoDuration = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/** An ISO 8601 duration ("P90D", "P3M", "P1Y") in days (a month as 30, a year as 365); NaN if not one as written (" P90D" is none: Azure does not trim). */
export function durationDays(v: unknown): number {
    const m = typeof v === "string" ? isoDuration.exec(v) : null;
    if (!m || v === "P" || /T$/i.test(String(v))) return NaN;
    const [y, mo, w, d, h, mi, s] = m.slice(1).map(x => Number(x ?? 0));
    return y * 365 + mo * 30 + w * 7 + d + h / 24 + mi / 1440 + s / 86400;
}

export const keyVaultKey = resourceRule({
    name: "azure-key-rotation-key-vault-key", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.vaultKey],
    description: "A Key Vault key rotates automatically between every 90 days and every year, and its versions expire after the rotation period.",
    remediation: "Set properties.rotationPolicy {lifetimeActions: [{action: {type: \"rotate\"}, trigger: {timeAfterCreate: \"P90D\"}}], attributes: {expiryTime: \"P2Y\"}}.",
    check: r => {
        const actions = get(r.props, "properties.rotationPolicy.lifetimeActions");
        const wanted = "an action {type: \"rotate\"} triggered at timeAfterCreate P90D to P1Y";
        if (isUnknown(actions)) return [{ property: "properties.rotationPolicy.lifetimeActions", found: actions, wanted }];
        const rotate = asArray(actions as Record<string, unknown>[]).find(a => equalsAnyIgnoreCase(get(a, "action.type"), "rotate"));
        const out: Violation[] = [];
        if (!rotate) return [{ property: "properties.rotationPolicy.lifetimeActions", found: actions, wanted }];
        const after = get(rotate, "trigger.timeAfterCreate");
        const days = durationDays(after);
        if (isUnknown(after) || !(days >= minimumDays && days <= maximumDays)) {
            out.push({ property: "properties.rotationPolicy.lifetimeActions[rotate].trigger.timeAfterCreate", found: after, wanted: "an ISO 8601 duration from P90D to P1Y" });
        }
        out.push(...expect(r.props, "properties.rotationPolicy.attributes.expiryTime", v => durationDays(v) > (days || 0),
            "an ISO 8601 duration longer than the rotation period, e.g. \"P2Y\""));
        return out;
    },
});

export const storageAccount = resourceRule({
    name: "azure-key-rotation-storage-account", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.storageAccount],
    description: "A storage account on a Key Vault key follows the key's newest version (no version pinned).",
    remediation: "Leave encryption.keyVaultProperties.keyVersion unset so that the account picks up rotated versions.",
    check: r => {
        const source = get(r.props, "encryption.keySource");
        if (!isUnknown(source) && !readsAsAny(source, "Microsoft.Keyvault")) return notApplicable("not encrypted with a Key Vault key (ENC-REST-CMK reports it)");
        return expect(r.props, "encryption.keyVaultProperties.keyVersion", v => v === undefined || v === null || v === "", "unset (versionless)");
    },
});

/**
 * A Key Vault secret (a password, a connection string) expires within a year, as keys rotate within a year:
 * an expiry forces the rotation the vault cannot do itself. `expires` is seconds since 1970 (the SDK's number);
 * the year is counted from the day the pack judges on (lib/config.ts todayIso, the exemptions' day).
 */
export const keyVaultSecret = resourceRule({
    name: "azure-key-rotation-key-vault-secret", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.vaultSecret],
    description: `A Key Vault secret has an expiry date at most ${maximumDays} days ahead.`,
    remediation: `Set properties.attributes.expires (seconds since 1970, UTC) to at most ${maximumDays} days ahead, and rotate the secret before it.`,
    check: r => {
        const latest = (Date.parse(todayIso()) + (maximumDays + 1) * 86_400_000) / 1000;
        return expect(r.props, "properties.attributes.expires", v => {
            const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
            return Number.isFinite(n) && n > 0 && n <= latest;
        }, `a date at most ${maximumDays} days ahead, in seconds since 1970`);
    },
});

export const rules: Rule[] = [keyVaultKey, storageAccount, keyVaultSecret];
