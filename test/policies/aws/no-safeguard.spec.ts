// The AWS no-safeguard table: not applicable, with the reason, to a resource that has only the inputs the
// table read; not judged (not a pass) as soon as it has another.
import assert from "node:assert/strict";
import { noSafeguardTypes, rules } from "../../../policies/aws/no-safeguard";
import { resourceOutcome } from "../../../policies/lib/evaluate";
import { judgesResource } from "../../../policies/lib/coverage";
import { UNKNOWN } from "../../../policies/lib/values";
import { resource } from "../../support/policies";

describe("aws no-safeguard table (policies/aws/no-safeguard.ts)", () => {
    it("has one rule per entry, each naming its type and control", () => {
        assert.equal(rules.length, noSafeguardTypes.length);
        noSafeguardTypes.forEach((entry, i) => {
            assert.equal(rules[i].name, `aws-${entry.control.toLowerCase()}-${entry.slug}`);
            assert.ok(entry.reason.length > 40, entry.type);
        });
    });

    for (const [i, entry] of noSafeguardTypes.entries()) {
        it(`${entry.type}: not applicable with every input it read (even unknown), not judged with another`, () => {
            const rule = rules[i];
            if (rule.kind !== "resource") throw new Error("resource rule expected");
            const all = Object.fromEntries(entry.inputs.map(k => [k, "x"]));
            const na = resourceOutcome(rule, resource(entry.type, all, { name: "r" }))!;
            assert.equal(na.outcome, "not-applicable");
            assert.equal(na.reason, entry.reason);
            assert.ok(judgesResource(na), "a not-applicable answer judges the resource");
            assert.equal(resourceOutcome(rule, resource(entry.type, { [entry.inputs[0]]: UNKNOWN }, { name: "r" }))!.outcome, "not-applicable");
            const other = resourceOutcome(rule, resource(entry.type, { ...all, somethingElse: true }, { name: "r" }))!;
            assert.equal(other.outcome, "not-applicable");
            assert.equal(other.otherKind, true);
            assert.ok(!judgesResource(other), "an input beyond the table leaves it not judged");
            assert.match(other.reason!, /"somethingElse"/);
            // The engine's own bookkeeping keys are not inputs.
            assert.equal(resourceOutcome(rule, resource(entry.type, { __defaults: [] }, { name: "r" }))!.otherKind, undefined);
        });
    }

    it("leaves an EventBridge target that starts an ECS task or calls an HTTP endpoint not judged", () => {
        const rule = rules[noSafeguardTypes.findIndex(e => e.type === "aws:cloudwatch/eventTarget:EventTarget")];
        if (rule.kind !== "resource") throw new Error("resource rule expected");
        for (const extra of [{ ecsTarget: { taskDefinitionArn: "t", networkConfiguration: { assignPublicIp: true, subnets: ["s"] } } }, { httpTarget: {} }]) {
            assert.equal(resourceOutcome(rule, resource("aws:cloudwatch/eventTarget:EventTarget", { arn: "a", rule: "r", ...extra }, { name: "t" }))!.otherKind, true);
        }
    });
});
