import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";

const key = (props: Record<string, unknown>) => resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", ...props });

describe("policies/gcp/key-rotation", () => {
    it("accepts a rotation period above one day and at most one year", () => {
        assertNoFinding(findingsOf("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "7776000s" })]));
        assertNoFinding(findingsOf("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "31536000s" })]));
    });

    it("rejects a key without rotation, with rotation over a year, or at one day or less", () => {
        assertOneViolation(findingsOf("gcp-key-rotation-crypto-key", [key({})]), "rotationPeriod");
        assertOneViolation(findingsOf("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "31536001s" })]), "rotationPeriod");
        assertOneViolation(findingsOf("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "86400s" })]), "rotationPeriod");
    });

    it("reports an unknown period as unknown and skips keys that cannot rotate automatically", () => {
        assertOnlyUnknown(findingsOf("gcp-key-rotation-crypto-key", [key({ rotationPeriod: UNKNOWN })]), "rotationPeriod");
        assertNoFinding(findingsOf("gcp-key-rotation-crypto-key", [key({ purpose: "ASYMMETRIC_SIGN" })]));
    });

    it("judges a key whose purpose Cloud KMS does not name as the symmetric key it may be, never as not applicable", () => {
        for (const purpose of ["", "encrypt_decrypt", "ENCRYPT_DECRYPT ", "SYMMETRIC"]) {
            assertOneViolation(findingsOf("gcp-key-rotation-crypto-key", [key({ purpose })]), "rotationPeriod");
        }
    });
});
