import { fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const key = (props: Record<string, unknown>) => res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", ...props });

describe("policies/gcp/key-rotation", () => {
    it("accepts a rotation period above one day and at most one year", () => {
        passes("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "7776000s" })]);
        passes("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "31536000s" })]);
    });

    it("rejects a key without rotation, with rotation over a year, or at one day or less", () => {
        fails("gcp-key-rotation-crypto-key", [key({})], "rotationPeriod");
        fails("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "31536001s" })], "rotationPeriod");
        fails("gcp-key-rotation-crypto-key", [key({ rotationPeriod: "86400s" })], "rotationPeriod");
    });

    it("reports an unknown period as unknown and skips keys that cannot rotate automatically", () => {
        unknownFinding("gcp-key-rotation-crypto-key", [key({ rotationPeriod: UNKNOWN })], "rotationPeriod");
        passes("gcp-key-rotation-crypto-key", [key({ purpose: "ASYMMETRIC_SIGN" })]);
    });
});
