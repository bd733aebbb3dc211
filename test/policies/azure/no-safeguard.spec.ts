// The Azure no-safeguard table is judged by the same builder as the other clouds' (policies/lib/no-safeguard.ts):
// not applicable with its reason, and not judged when the resource has an input the table did not read
// (before, any Azure entry was not applicable whatever its inputs: a newer SDK's input that opens a path passed).
import assert from "node:assert/strict";
import { coverageOf } from "../../../policies/lib/coverage";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { resource, ruleNamed } from "../../support/policies";

describe("policies/azure/no-safeguard", () => {
    const rule = ruleNamed("azure-network-private-private-dns-zone");
    const zone = (props: Record<string, unknown>) => resource("azure-native:privatedns:PrivateZone", props, { name: "zone" });

    it("says not applicable, with the reason, for a private DNS zone of the listed inputs", () => {
        const r = zone({ location: "Global", privateZoneName: "privatelink.blob.core.windows.net", resourceGroupName: "rg", tags: {} });
        const { outcomes, findings } = evaluateOutcomes([rule], [r]);
        assert.deepEqual(findings, []);
        assert.equal(outcomes[0].outcome, "not-applicable");
        assert.match(outcomes[0].reason ?? "", /answers only the virtual networks linked to it/);
        assert.equal(coverageOf([r], outcomes, [rule]).notJudged, 0);
    });

    it("leaves a zone with an input the table did not read not judged, naming it", () => {
        const r = zone({ location: "Global", privateZoneName: "z", resourceGroupName: "rg", registrationEnabled: true });
        const { outcomes } = evaluateOutcomes([rule], [r]);
        assert.equal(outcomes[0].otherKind, true);
        const coverage = coverageOf([r], outcomes, [rule]);
        assert.equal(coverage.notJudged, 1);
        assert.match(coverage.notJudgedResources[0].reason, /"registrationEnabled"/);
    });
});
