import assert from "node:assert/strict";
import { kmsKey } from "../../../policies/aws/key-rotation";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run } from "./fixtures";

const KEY = "aws:kms/key:Key";

describe("aws KEY-ROTATION", () => {
    it("passes rotation on with the default or a 90-day period", () => {
        assert.deepEqual(run(kmsKey, res(KEY, "k", { enableKeyRotation: true })), []);
        assert.deepEqual(run(kmsKey, res(KEY, "k", { enableKeyRotation: "true", rotationPeriodInDays: "90" })), []);
    });
    it("reports rotation off and a period over a year", () => {
        const findings = run(kmsKey, res(KEY, "k", { enableKeyRotation: false, rotationPeriodInDays: 730 }));
        assert.deepEqual(findings[0].controls, ["KEY-ROTATION"]);
        assert.match(findings[0].message, /enableKeyRotation is false; wanted true/);
        assert.match(findings[1].message, /rotationPeriodInDays is 730; wanted 90 to 365/);
    });
    it("does not judge asymmetric keys, which AWS cannot rotate", () => {
        assert.deepEqual(run(kmsKey, res(KEY, "k", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })), []);
    });
    it("reports an unknown rotation flag as unknown", () => assert.equal(run(kmsKey, res(KEY, "k", { enableKeyRotation: UNKNOWN }))[0].unknown, true));
});
