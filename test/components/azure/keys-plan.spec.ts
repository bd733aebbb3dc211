// The plan of the Azure Keys component, from its arguments alone (components/azure/keys-plan.ts): no mock
// runtime, no resource registered.
import assert from "node:assert/strict";
import { keysPlan } from "../../../components/azure/keys-plan";
import { keysProblems } from "../../../components/azure/keys";

describe("components/azure/keys-plan", () => {
    it("holds PHI's key only, and gives each consumer its own identity on it", () => {
        const plan = keysPlan({ tenant: "stlukes", consumers: ["storage", "synapse"] });
        assert.equal(plan.vaultName, "stlukes-prod-kv");
        assert.deepEqual(plan.keys.map(k => k.keyName), ["phi"]);
        assert.deepEqual(plan.consumers.map(c => [c.consumer, c.identityName, c.key.keyName]), [
            ["storage", "stlukes-prod-storage-cmk", "phi"],
            ["synapse", "stlukes-prod-synapse-cmk", "phi"],
        ]);
    });

    it("adds the research zone's own key, and one consumer allowed on that key only", () => {
        const plan = keysPlan({ tenant: "stlukes", environment: "dev", consumers: ["storage"], deidentified: true });
        assert.deepEqual(plan.keys.map(k => [k.keyName, k.resourceSuffix, k.deidentified]), [["phi", "key", false], ["deidentified", "deidentified-key", true]]);
        assert.deepEqual(plan.consumers.map(c => [c.consumer, c.key.keyName]), [["storage", "phi"], ["deidentified", "deidentified"]]);
        assert.equal(plan.vaultName, "stlukes-dev-kv");
    });

    it("makes RSA 3072 keys that rotate every 90 days and expire after two years, or as asked", () => {
        const { keyProperties } = keysPlan({ tenant: "stlukes", consumers: [] });
        assert.equal(keyProperties.keySize, 3072);
        assert.deepEqual(keyProperties.rotationPolicy.lifetimeActions[0], { action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } });
        assert.equal(keyProperties.rotationPolicy.attributes.expiryTime, "P2Y");
        const asked = keysPlan({ tenant: "stlukes", consumers: [], keySize: 2048, rotateAfter: "P30D" }).keyProperties;
        assert.equal(asked.keySize, 2048);
        assert.equal(asked.rotationPolicy.lifetimeActions[0].trigger.timeAfterCreate, "P30D");
    });

    it("refuses a consumer named twice, or named as the research zone's own (one identity and resource name each)", () => {
        assert.match(keysProblems({ consumers: ["storage", "dicom", "storage"] }).join(" "), /'consumers' names "storage" twice/);
        assert.match(keysProblems({ consumers: ["deidentified"], deidentified: true }).join(" "), /'consumers' may not name "deidentified"/);
        assert.deepEqual(keysProblems({ consumers: ["deidentified"] }), []);
    });
});
