// KEY-ROTATION on AWS: automatic rotation of customer-managed keys at most every 365 days
// (shared/CONTROLS.md 1b; gotcha G7: neither cdk-nag's HIPAA pack nor AWS Config's checks it).
import { expect, notApplicable, resourceRule, Rule } from "../lib/rule";
import { isUnknown } from "../lib/values";
import { isTrue, toNumber } from "./support/inputs";
import { KMS_KEY } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["KEY-ROTATION" as const];

export const kmsKey = resourceRule({
    name: "aws-key-rotation-kms-key", cloud, controls, severity: "high", types: KMS_KEY,
    description: "A symmetric KMS key rotates automatically, at most every 365 days.",
    remediation: "Set enableKeyRotation true and rotationPeriodInDays between 90 and 365 (or leave it unset: 365).",
    check: r => {
        const spec = r.props.customerMasterKeySpec, usage = r.props.keyUsage;
        // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys are left to ENC-REST-CMK.
        if (!isUnknown(spec) && spec !== undefined && spec !== "SYMMETRIC_DEFAULT") return notApplicable("AWS rotates only symmetric encryption keys");
        if (!isUnknown(usage) && usage !== undefined && usage !== "ENCRYPT_DECRYPT") return notApplicable("AWS rotates only symmetric encryption keys");
        return [
            ...expect(r.props, "enableKeyRotation", isTrue, "true"),
            ...expect(r.props, "rotationPeriodInDays", v => {
                if (v === undefined || v === null) return true;
                const days = toNumber(v);
                return days !== undefined && days >= 90 && days <= 365;
            }, "90 to 365 (unset = 365)"),
        ];
    },
});

export const rules: Rule[] = [kmsKey];
