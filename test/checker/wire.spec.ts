// The wire format a program's registrations arrive in, read by the process that judges them.
import assert from "node:assert/strict";
import { decodeProperties, unknownWireValue } from "../../checker/wire";
import { UNKNOWN } from "../../policies/lib/values";

const sig = "4dabf18193072939515e22adb298388d";

describe("checker wire", () => {
    it("reads secrets as their values and names their paths", () => {
        const { value, secrets } = decodeProperties({
            policy: { [sig]: "1b47061264138c4ac30d75fd1eb44270", value: "{\"a\":1}" },
            ingress: [{ description: { [sig]: "1b47061264138c4ac30d75fd1eb44270", value: "x" } }],
            tags: { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: { k: "v" }, secret: true, dependencies: [] },
        });
        assert.deepEqual(value, { policy: "{\"a\":1}", ingress: [{ description: "x" }], tags: { k: "v" } });
        assert.deepEqual(secrets.sort(), ["ingress[0].description", "policy", "tags"]);
    });

    it("reads unknowns, an output value without a value, and a resource reference", () => {
        const { value } = decodeProperties({
            a: unknownWireValue,
            b: { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", dependencies: ["urn:x"] },
            c: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", id: "b-123" },
            d: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", id: "" },
            e: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:s::p::my:Component::c" },
        });
        assert.deepEqual(value, { a: UNKNOWN, b: UNKNOWN, c: "b-123", d: UNKNOWN, e: "urn:pulumi:s::p::my:Component::c" });
    });

    it("keeps a key named __proto__ as a property, never as the object's prototype", () => {
        const wire = JSON.parse("{\"tags\": {\"__proto__\": {\"data-classification\": \"phi\"}}}");
        const { value } = decodeProperties(wire);
        const tags = value.tags as Record<string, unknown>;
        assert.equal((tags as { "data-classification"?: unknown })["data-classification"], undefined);
        assert.deepEqual(Object.keys(tags), ["__proto__"]);
        assert.equal(Object.getPrototypeOf(tags), Object.prototype);
    });
});
