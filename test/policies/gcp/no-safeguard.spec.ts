import assert from "node:assert/strict";
import { coverageOf } from "../../../policies/lib/coverage";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { noSafeguardTypes } from "../../../policies/gcp/no-safeguard";
import { resource, ruleNamed } from "../../support/policies";

describe("policies/gcp/no-safeguard", () => {
    const name = "gcp-enc-rest-cmk-kms-key-ring";
    const ring = (props: Record<string, unknown>) => resource("gcp:kms/keyRing:KeyRing", props);

    it("says not applicable, with the reason, for a key ring of the documented inputs: judged, never compliant", () => {
        const r = ring({ name: "phi-keys", location: "us-central1", project: "p" });
        const { outcomes, findings } = evaluateOutcomes([ruleNamed(name)], [r]);
        assert.deepEqual(findings, []);
        assert.equal(outcomes.length, 1);
        assert.equal(outcomes[0].outcome, "not-applicable");
        assert.match(outcomes[0].reason ?? "", /cannot delete a key ring/);
        assert.deepEqual(outcomes[0].controls, ["ENC-REST-CMK"]);
        assert.equal(coverageOf([r], outcomes, [ruleNamed(name)]).notJudged, 0);
    });

    it("leaves a key ring with an input the table did not read not judged, naming it", () => {
        const r = ring({ name: "phi-keys", location: "us-central1", project: "p", keyEncryption: "none" });
        const { outcomes } = evaluateOutcomes([ruleNamed(name)], [r]);
        assert.equal(outcomes[0].otherKind, true);
        const coverage = coverageOf([r], outcomes, [ruleNamed(name)]);
        assert.equal(coverage.notJudged, 1);
        assert.match(coverage.notJudgedResources[0].reason, /"keyEncryption"/);
        // The engine's own bookkeeping is not an input.
        assert.equal(evaluateOutcomes([ruleNamed(name)], [ring({ name: "k", location: "us", __defaults: ["project"] })]).outcomes[0].outcome, "not-applicable");
    });

    it("says not applicable for enabling an API and for a VPC connector, and not judged with an unread input", () => {
        const api = resource("gcp:projects/service:Service", { project: "p", service: "run.googleapis.com", disableOnDestroy: false });
        const connector = resource("gcp:vpcaccess/connector:Connector", { name: "c", region: "us-central1", ipCidrRange: "10.8.0.0/28", network: "n" });
        const { outcomes } = evaluateOutcomes([ruleNamed("gcp-audit-log-project-service"), ruleNamed("gcp-network-private-vpc-access-connector")], [api, connector]);
        assert.deepEqual(outcomes.map(o => o.outcome), ["not-applicable", "not-applicable"]);
        const odd = resource("gcp:projects/service:Service", { project: "p", service: "s", serviceAccount: "x" });
        assert.equal(evaluateOutcomes([ruleNamed("gcp-audit-log-project-service")], [odd]).outcomes[0].otherKind, true);
    });

    it("lists, for each type, exactly the inputs the installed SDK declares", () => {
        for (const entry of noSafeguardTypes) {
            const [, module, cls] = /^gcp:([^/]+)\/([^:]+):/.exec(entry.type)!;
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const sdk = require(`@pulumi/gcp/${module}/${cls}`);
            const resource = Object.values(sdk).find((c: any) => c?.__pulumiType === entry.type) as any;
            assert.ok(resource, entry.type);
            // The constructor sets every input on `resourceInputs`: read them from its source.
            const source = String(resource.prototype.constructor);
            const inputs = [...source.matchAll(/resourceInputs\["(\w+)"\] = args\?\./g)].map(m => m[1]).sort();
            assert.deepEqual(inputs, [...entry.inputs].sort(), entry.type);
        }
    });
});
