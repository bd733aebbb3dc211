// KEY-ROTATION on Google Cloud: Cloud KMS rotates every symmetric key automatically, at least yearly.
import { expect, notApplicable, resourceRule, Rule } from "../lib/rule";
import { T, toSeconds } from "./common";

const controls: Rule["controls"] = ["KEY-ROTATION"];
const ONE_DAY = 86_400;
const ONE_YEAR = 31_536_000;

const cryptoKey = resourceRule({
    name: "gcp-key-rotation-crypto-key", cloud: "gcp", controls, severity: "high",
    types: [T.cryptoKey],
    description: "A symmetric Cloud KMS key rotates automatically at least every 365 days (Cloud KMS requires more than one day).",
    remediation: "Set `rotationPeriod` to at most \"31536000s\" and more than \"86400s\", e.g. \"7776000s\" (90 days).",
    check: r => {
        const purpose = r.props.purpose;
        // Cloud KMS rotates only symmetric keys automatically; other purposes are judged by ENC-REST-CMK.
        if (typeof purpose === "string" && purpose !== "ENCRYPT_DECRYPT") return notApplicable(`a ${purpose} key cannot rotate automatically`);
        return expect(r.props, "rotationPeriod", v => {
            const s = toSeconds(v);
            return s > ONE_DAY && s <= ONE_YEAR;
        }, `a period like "7776000s", more than "${ONE_DAY}s" and at most "${ONE_YEAR}s"`);
    },
});

export const rules: Rule[] = [cryptoKey];
