// KEY-ROTATION on Google Cloud: Cloud KMS rotates every symmetric key automatically, at least yearly.
import { expect, notApplicable, resourceRule, Rule } from "../lib/rule";
import { T, toSeconds } from "./support/tokens";

const controls: Rule["controls"] = ["KEY-ROTATION"];
const ONE_DAY = 86_400;
const ONE_YEAR = 31_536_000;
/** The Cloud KMS key purposes that never rotate automatically (CryptoKeyPurpose; only ENCRYPT_DECRYPT does). */
const otherPurposes: ReadonlySet<string> = new Set(["ASYMMETRIC_SIGN", "ASYMMETRIC_DECRYPT", "RAW_ENCRYPT_DECRYPT", "MAC", "KEY_ENCAPSULATION"]);

const cryptoKey = resourceRule({
    name: "gcp-key-rotation-crypto-key", cloud: "gcp", controls, severity: "high",
    types: [T.cryptoKey],
    description: "A symmetric Cloud KMS key rotates automatically at least every 365 days (Cloud KMS requires more than one day).",
    remediation: "Set `rotationPeriod` to at most \"31536000s\" and more than \"86400s\", e.g. \"7776000s\" (90 days).",
    check: r => {
        const purpose = r.props.purpose;
        // Cloud KMS rotates only symmetric keys automatically; other purposes are judged by ENC-REST-CMK. Only a
        // purpose Cloud KMS names is another kind of key: "" or "encrypt_decrypt" may be the symmetric default.
        if (typeof purpose === "string" && otherPurposes.has(purpose)) return notApplicable(`a ${purpose} key cannot rotate automatically`);
        return expect(r.props, "rotationPeriod", v => {
            const s = toSeconds(v);
            return s > ONE_DAY && s <= ONE_YEAR;
        }, `a period like "7776000s", more than "${ONE_DAY}s" and at most "${ONE_YEAR}s"`);
    },
});

const secret = resourceRule({
    name: "gcp-key-rotation-secret", cloud: "gcp", controls, severity: "medium",
    // Advisory: Secret Manager only notifies a topic on the schedule; the rotation itself is the program's own code.
    enforcement: "advisory",
    types: [T.secret, T.regionalSecret],
    description: "A Secret Manager secret has a rotation schedule of at most 365 days, notifying a topic that rotates it.",
    remediation: "Set `rotation: { rotationPeriod: \"7776000s\", nextRotationTime }` and `topics` to the Pub/Sub topic your rotation function listens on.",
    check: r => [
        ...expect(r.props, "rotation.rotationPeriod", v => {
            const s = toSeconds(v);
            return s >= 3600 && s <= ONE_YEAR;
        }, `a period like "7776000s", at most "${ONE_YEAR}s"`),
        ...expect(r.props, "topics", v => Array.isArray(v) && v.length > 0, "a topic to notify on rotation (Secret Manager requires one for a schedule)"),
    ],
});

export const rules: Rule[] = [cryptoKey, secret];
