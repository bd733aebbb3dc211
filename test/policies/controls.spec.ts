import assert from "node:assert/strict";
import { controlIds, controls } from "../../policies/controls";

describe("the control catalogue (policies/controls.ts)", () => {
    it("holds 16 controls, each with its id, a citation and an intent", () => {
        assert.equal(controlIds.length, 16);
        for (const id of controlIds) {
            assert.equal(controls[id].id, id);
            assert.match(controls[id].citation, /^45 CFR 164\.\d{3}/);
            assert.ok(controls[id].intent.length > 20, id);
        }
    });

    it("has AI-DATA-USE citing 164.502(a) (uses and disclosures) and 164.308(b)(1) (business associate contracts)", () => {
        assert.equal(controls["AI-DATA-USE"].citation, "45 CFR 164.502(a); 45 CFR 164.308(b)(1)");
    });
});
