import assert from "node:assert/strict";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { todayVariable } from "../../../policies/lib/config";
import { evaluate, exemptionTagKey, runResourceRule, runStackRule } from "../../../policies/lib/evaluate";
import { expectEqual, notApplicable, PolicyResource, resourceRule, stackRule } from "../../../policies/lib/rule";
import { StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../policies/lib/values";

const bucketType = "test:index/bucket:Bucket";
const rule = resourceRule({
    name: "test-enc-rest-cmk-bucket", cloud: "any", controls: ["ENC-REST-CMK"], severity: "high",
    description: "Buckets are encrypted.", remediation: "Set encrypted to true.",
    types: [bucketType],
    check: r => r.props.skip ? notApplicable("skipped") : expectEqual(r.props, "encrypted", true),
});
const throwing = resourceRule({ ...rule, name: "test-throws", check: () => { throw new Error("boom"); } });

function bucket(name: string, props: Record<string, unknown>): PolicyResource {
    return { type: bucketType, name, urn: `urn:pulumi:s::p::${bucketType}::${name}`, props, opts: {} };
}

describe("policy evaluation", () => {
    it("passes a compliant resource", () => {
        assert.deepEqual(runResourceRule(rule, bucket("b", { encrypted: true })), []);
    });

    it("reports a violation with the control, citation, URN and a message naming property, found and wanted", () => {
        const [f] = runResourceRule(rule, bucket("b", { encrypted: false }));
        assert.equal(f.policy, "test-enc-rest-cmk-bucket");
        assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
        assert.equal(f.citation, "45 CFR 164.312(a)(2)(iv)");
        assert.equal(f.enforcement, "mandatory");
        assert.equal(f.urn, bucket("b", {}).urn);
        assert.match(f.message, /test:index\/bucket:Bucket "b": encrypted is false; wanted true\. Set encrypted to true\./);
    });

    it("says not applicable out loud by returning no finding, and ignores other types", () => {
        assert.deepEqual(runResourceRule(rule, bucket("b", { skip: true })), []);
        assert.deepEqual(runResourceRule(rule, { ...bucket("b", {}), type: "other" }), []);
    });

    it("reports a value unknown at preview as an advisory unknown finding, never a pass", () => {
        const [f] = runResourceRule(rule, bucket("b", { encrypted: UNKNOWN }));
        assert.equal(f.enforcement, "advisory");
        assert.equal(f.unknown, true);
        assert.match(f.message, /unknown during preview/);
    });

    it("fails closed: a rule that throws is a mandatory finding", () => {
        const [f] = runResourceRule(throwing, bucket("b", { encrypted: true }));
        assert.equal(f.enforcement, "mandatory");
        assert.match(f.message, /failed .*boom.*never a pass/);
    });

    it("honours enforcement from config: advisory and disabled", () => {
        assert.equal(runResourceRule(rule, bucket("b", {}), { enforcement: "advisory" })[0].enforcement, "advisory");
        assert.deepEqual(runResourceRule(rule, bucket("b", {}), { enforcement: "disabled" }), []);
    });

    describe("exemptions", () => {
        const exemption = { control: "ENC-REST-CMK" as const, resource: "legacy-*", reason: "migration ticket 42", expires: "2026-12-31" };
        // The day exemptions are judged on comes from the clock; tests set it through the one variable todayIso reads.
        const judgedOn = (day: string) => { process.env[todayVariable] = day; };
        beforeEach(() => judgedOn("2026-11-25"));
        afterEach(() => { delete process.env[todayVariable]; });
        it("exempts a matching finding with its reason while the exemption holds", () => {
            const [f] = runResourceRule(rule, bucket("legacy-1", {}), { config: { exemptions: [exemption] } });
            assert.equal(f.exempted, true);
            assert.match(String(f.reason), /migration ticket 42 \(until 2026-12-31\)/);
        });
        it("does not exempt after the expiry date, and says the exemption expired", () => {
            judgedOn("2027-01-01");
            const [f] = runResourceRule(rule, bucket("legacy-1", {}), { config: { exemptions: [exemption] } });
            assert.equal(f.exempted, false);
            assert.equal(f.enforcement, "mandatory");
            assert.match(f.message, /expired on 2026-12-31/);
        });
        it("does not exempt without a reason", () => {
            const [f] = runResourceRule(rule, bucket("legacy-1", {}), { config: { exemptions: [{ ...exemption, reason: " " }] } });
            assert.equal(f.exempted, false);
            assert.match(f.message, /reason: got " "; expected visible text/);
        });
        it("does not exempt another control or another resource", () => {
            const other = { ...exemption, control: "TAGGING" as const };
            assert.equal(runResourceRule(rule, bucket("legacy-1", {}), { config: { exemptions: [other] } })[0].exempted, false);
            assert.equal(runResourceRule(rule, bucket("new-1", {}), { config: { exemptions: [exemption] } })[0].exempted, false);
        });
        it("reports a weakening declared on the resource, with its reason and last day, as exempted and declared", () => {
            const lastDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
            const [f] = runResourceRule(rule, bucket("logs", { tags: { [exemptionTagKey("ENC-REST-CMK")]: `until-${lastDay}_legacy import, ticket 42` } }));
            assert.equal(f.exempted, true);
            assert.equal(f.reason, `declared on the resource (tags "hipaa-cloud:exemption:ENC-REST-CMK"): legacy import, ticket 42 (until ${lastDay})`);
            assert.deepEqual(f.declaredExemption, { control: "ENC-REST-CMK", key: "hipaa-cloud:exemption:ENC-REST-CMK", reason: "legacy import, ticket 42", expires: lastDay });
        });
    });

    it("runs stack rules once over an index and puts the resource's URN on the finding", () => {
        const everyBucketNamed = stackRule({
            name: "test-tagging-stack", cloud: "any", controls: ["TAGGING"], severity: "low",
            description: "d", remediation: "r",
            check: stack => stack.ofType(bucketType).filter(b => !b.props.tags).map(b => ({ property: "tags", found: undefined, wanted: "tags", resource: b })),
        });
        const index = new StackIndex([bucket("a", { tags: {} }), bucket("b", {})]);
        const findings = runStackRule(everyBucketNamed, index);
        assert.deepEqual(findings.map(f => f.name), ["b"]);
        assert.equal(findings[0].urn, bucket("b", {}).urn);
        assert.deepEqual(evaluate([everyBucketNamed, rule], [bucket("a", { tags: {}, encrypted: true })]), []);
    });

    it("joins a sub-resource to its target through property dependencies, and by value when written as a plain name", () => {
        const target = bucket("t", { bucket: "phys-t" });
        const byDep: PolicyResource = { type: "sub", name: "s1", urn: "u1", props: { bucket: UNKNOWN }, opts: { propertyDependencies: { bucket: [target.urn] } } };
        const byValue: PolicyResource = { type: "sub", name: "s2", urn: "u2", props: { bucket: "phys-t" }, opts: {} };
        const index = new StackIndex([target, byDep, byValue]);
        assert.deepEqual(index.referrers(target, ["sub"], "bucket").map(r => r.name), ["s1", "s2"]);
        assert.deepEqual(index.targetsOf(byValue, "bucket", [bucketType]).map(r => r.name), ["t"]);
    });
});

describe("the @pulumi/policy adapter", () => {
    const args = (props: Record<string, unknown>) => ({
        type: bucketType, name: "b", urn: "urn:b", props, opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        stackTags: new Map(), getConfig: () => ({}), isType: () => false, asType: () => undefined, notApplicable: () => { throw new Error(); },
    });

    it("reports each violation to the engine with the policy's metadata", () => {
        const policy = toPulumiPolicy(rule) as any;
        assert.equal(policy.name, rule.name);
        assert.equal(policy.enforcementLevel, "mandatory");
        assert.equal(policy.framework.reference, "45 CFR 164.312(a)(2)(iv)");
        const reported: string[] = [];
        policy.validateResource(args({ encrypted: false }), (m: string) => reported.push(m));
        assert.equal(reported.length, 1);
        assert.match(reported[0], /encrypted is false/);
    });

    it("raises the engine's own UnknownValueError for a value unknown at preview", () => {
        const policy = toPulumiPolicy(rule) as any;
        // The engine hands unknown strings over as this sentinel (@pulumi/policy/proxy).
        assert.throws(() => policy.validateResource(args({ encrypted: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }), () => undefined),
            (e: Error) => e.constructor.name === "UnknownValueError");
    });
});
