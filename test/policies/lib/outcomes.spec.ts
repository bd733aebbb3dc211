// Outcomes (one per rule and resource it judges) and coverage (which cloud resources no rule judged,
// and why), in-process through policies/lib/evaluate.ts and policies/lib/coverage.ts.
import assert from "node:assert/strict";
import { coverageOf, dynamicResourceType } from "../../../policies/lib/coverage";
import { evaluate, evaluateOutcomes, Outcome, resourceOutcome, stackOutcomes } from "../../../policies/lib/evaluate";
import { expectEqual, notApplicable, notOfKind, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../../../policies/lib/rule";
import { StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../policies/lib/values";
import { rules as pack } from "../../../policies/pack";

const bucketType = "test:index/bucket:Bucket";
const partType = "test:index/bucketPolicy:BucketPolicy";
const meta = { cloud: "any" as const, severity: "high" as const, description: "d.", remediation: "Fix it." };

const encrypted = resourceRule({
    ...meta, name: "test-enc-rest-cmk-bucket", controls: ["ENC-REST-CMK"], types: [bucketType],
    check: r => r.props.kind === "other" ? notOfKind("only buckets of kind data are judged")
        : r.props.skip ? notApplicable("a log bucket") : expectEqual(r.props, "encrypted", true),
});
const tagged = resourceRule({ ...meta, name: "test-tagging-bucket", controls: ["TAGGING"], types: [bucketType, "test:index/queue:Queue"], check: () => [] });

function res(name: string, props: Record<string, unknown> = {}, type = bucketType, deps: Record<string, string[]> = {}): PolicyResource {
    return { type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props, opts: { propertyDependencies: deps } };
}

describe("outcomes", () => {
    it("a resource rule yields one outcome per resource: compliant, violation, not applicable with the reason, unknown, error", () => {
        assert.equal(resourceOutcome(encrypted, res("a", { encrypted: true }))?.outcome, "compliant");
        const v = resourceOutcome(encrypted, res("b", { encrypted: false }))!;
        assert.equal(v.outcome, "violation");
        assert.equal(v.findings.length, 1);
        assert.deepEqual(resourceOutcome(encrypted, res("c", { skip: true })), {
            policy: encrypted.name, controls: ["ENC-REST-CMK"], urn: res("c").urn, type: bucketType, name: "c",
            outcome: "not-applicable", reason: "a log bucket", findings: [],
        });
        const u = resourceOutcome(encrypted, res("d", { encrypted: UNKNOWN }))!;
        assert.equal(u.outcome, "unknown");
        assert.equal(u.findings[0].enforcement, "advisory");
        const throwing = resourceRule({ ...encrypted, name: "test-throws", check: () => { throw new Error("boom"); } });
        const e = resourceOutcome(throwing, res("e"))!;
        assert.equal(e.outcome, "error");
        assert.equal(e.reason, "boom");
        assert.equal(e.findings[0].enforcement, "mandatory");
    });

    it("not of the rule's kind is marked (otherKind), and another type or a disabled rule yields no outcome", () => {
        const o = resourceOutcome(encrypted, res("x", { kind: "other" }))!;
        assert.equal(o.outcome, "not-applicable");
        assert.equal(o.otherKind, true);
        assert.equal(resourceOutcome(encrypted, res("y", {}, "test:index/queue:Queue")), undefined);
        assert.equal(resourceOutcome(encrypted, res("z", { encrypted: false }), { enforcement: "disabled" }), undefined);
    });

    it("a stack rule with `judges` yields compliant for the resources it names no violation on, a violation for those it does, and judges its `reads` parts with them", () => {
        const rule = stackRule({
            ...meta, name: "test-public-access-bucket", controls: ["PUBLIC-ACCESS"], judges: [bucketType], reads: { bucket: [partType] },
            check: stack => stack.ofType(bucketType).filter(b => b.props.public).map(b => ({ property: "public", found: true, wanted: "false", resource: b })),
        });
        const open = res("open", { bucket: "open-1", public: true }), closed = res("closed");
        const partOfOpen = res("p-open", { bucket: "open-1" }, partType);
        const partOfClosed = res("p-closed", { bucket: "x" }, partType, { bucket: [closed.urn] });
        const stray = res("p-stray", { bucket: "someone-elses" }, partType);
        // Its document is built from a judged bucket's ARN, but it is attached to another bucket: not judged.
        const elsewhere = res("p-elsewhere", { bucket: "someone-elses", policy: "{...}" }, partType, { policy: [closed.urn] });
        // By the logical name alone (not the bucket's own input of the same name): not judged.
        const byLogicalName = res("p-logical", { bucket: "closed" }, partType);
        // Built from the open bucket (`${open.bucket}-copy`) but naming another: not its part (a known text decides).
        const copy = res("p-copy", { bucket: "open-1-copy" }, partType, { bucket: [open.urn] });
        const out = stackOutcomes(rule, new StackIndex([open, closed, partOfOpen, partOfClosed, stray, elsewhere, byLogicalName, copy]));
        const of = (r: PolicyResource) => out.find(o => o.urn === r.urn);
        assert.equal(of(open)?.outcome, "violation");
        assert.equal(of(closed)?.outcome, "compliant");
        assert.equal(of(partOfOpen)?.outcome, "violation");
        assert.match(of(partOfOpen)!.reason!, /judged as part of test:index\/bucket:Bucket "open"/);
        assert.deepEqual(of(partOfOpen)?.findings, [], "the finding is the bucket's, not repeated on its part");
        assert.equal(of(partOfClosed)?.outcome, "compliant");
        assert.equal(of(stray), undefined, "a part that names no bucket of the stack is not judged by the rule");
        assert.equal(of(elsewhere), undefined);
        assert.equal(of(byLogicalName), undefined);
        assert.equal(of(copy), undefined);
        assert.equal(out.flatMap(o => o.findings).length, 1);
    });

    it("a stack rule judges its `partsNamedBy` parts with the resource that names them, and no part of an ambiguous name", () => {
        const groupType = "test:index/parameterGroup:ParameterGroup";
        const rule = stackRule({
            ...meta, name: "test-enc-transit-cluster", controls: ["ENC-TRANSIT"], judges: [bucketType], partsNamedBy: { group: [groupType] },
            check: stack => stack.ofType(bucketType).filter(b => b.props.bad).map(b => ({ property: "group", found: b.props.group, wanted: "a safe group", resource: b })),
        });
        const g1 = res("g1", { name: "one" }, groupType), g2 = res("g2", { name: "two" }, groupType);
        const twinA = res("twin-a", { name: "twin" }, groupType), twinB = res("twin-b", { name: "twin" }, groupType);
        const unused = res("unused", { name: "unused" }, groupType);
        const bad = res("bad", { bad: true, group: "one" }, bucketType, { group: [g1.urn] });
        const good = res("good", { group: "two" });
        const ambiguous = res("ambiguous", { group: "twin" });
        const out = stackOutcomes(rule, new StackIndex([g1, g2, twinA, twinB, unused, bad, good, ambiguous]));
        const of = (r: PolicyResource) => out.find(o => o.urn === r.urn);
        assert.equal(of(g1)?.outcome, "violation");
        assert.match(of(g1)!.reason!, /judged as part of test:index\/bucket:Bucket "bad"/);
        assert.deepEqual(of(g1)?.findings, []);
        assert.equal(of(g2)?.outcome, "compliant");
        assert.equal(of(twinA), undefined, "a name two groups share judges neither");
        assert.equal(of(twinB), undefined);
        assert.equal(of(unused), undefined, "a group no judged resource names is not judged");
    });

    it("a stack rule's doesNotApply is a not-applicable outcome with no finding; its notJudged leaves the resource (and its parts) without an outcome", () => {
        const rule = stackRule({
            ...meta, name: "test-retention-part", controls: ["RETENTION"], judges: [bucketType], reads: { bucket: [partType] },
            check: stack => stack.ofType(bucketType).flatMap((b): Violation[] => b.props.kind === "data" ? [{ property: "kind", found: "data", wanted: "", resource: b, doesNotApply: "not a log bucket" }]
                : b.props.kind === "outside" ? [{ property: "kind", found: "outside", wanted: "", resource: b, notJudged: true as const }]
                    : b.props.kind === "both" ? [{ property: "kind", found: 1, wanted: "2", resource: b }, { property: "kind", found: 1, wanted: "", resource: b, doesNotApply: "x" }] : []),
        });
        const data = res("data", { kind: "data" }), outside = res("outside", { kind: "outside" }), both = res("both", { kind: "both" }), logs = res("logs");
        const partOfOutside = res("p", { bucket: "x" }, partType, { bucket: [outside.urn] });
        const out = stackOutcomes(rule, new StackIndex([data, outside, both, logs, partOfOutside]));
        const of = (r: PolicyResource) => out.find(o => o.urn === r.urn);
        assert.deepEqual([of(data)?.outcome, of(data)?.reason], ["not-applicable", "not a log bucket"]);
        assert.equal(of(outside), undefined);
        assert.equal(of(partOfOutside), undefined, "a part of what the rule does not judge is not judged by it");
        assert.equal(of(both)?.outcome, "violation", "a real violation wins over doesNotApply");
        assert.equal(of(logs)?.outcome, "compliant");
        assert.equal(out.flatMap(o => o.findings).length, 1);
    });

    it("a stack rule without `judges` yields outcomes only for what its violations name (and the stack)", () => {
        const rule = stackRule({
            ...meta, name: "test-key-present", controls: ["ENC-REST-CMK"],
            check: () => [{ property: "resources", found: 0, wanted: "a key" }],
        });
        const out = stackOutcomes(rule, new StackIndex([res("a")]));
        assert.deepEqual(out.map(o => [o.urn, o.outcome]), [[null, "violation"]]);
    });

    it("a stack rule that throws: one mandatory finding for the stack, and an error outcome for each resource it judges", () => {
        const rule = stackRule({ ...meta, name: "test-throws", controls: ["AUDIT-LOG"], judges: [bucketType], check: () => { throw "not an Error"; } });
        const out = stackOutcomes(rule, new StackIndex([res("a"), res("b")]));
        assert.deepEqual(out.map(o => [o.urn, o.outcome]), [[null, "error"], [res("a").urn, "error"], [res("b").urn, "error"]]);
        const findings = out.flatMap(o => o.findings);
        assert.equal(findings.length, 1);
        assert.equal(findings[0].enforcement, "mandatory");
        assert.match(findings[0].message, /not an Error/);
    });

    it("findings are derived from the outcomes: evaluate() is evaluateOutcomes().findings", () => {
        const resources = [res("a", { encrypted: false }), res("b", { encrypted: UNKNOWN }), res("c", { encrypted: true })];
        const { outcomes, findings } = evaluateOutcomes([encrypted, tagged], resources);
        assert.deepEqual(findings, outcomes.flatMap(o => o.findings));
        assert.deepEqual(evaluate([encrypted, tagged], resources), findings);
        assert.equal(outcomes.length, 6);
    });
});

describe("coverage", () => {
    const cover = (resources: (PolicyResource & { remote?: boolean })[], rules: readonly Rule[] = pack, settings = () => ({})) => {
        const { outcomes } = evaluateOutcomes(rules, resources.filter(r => !r.remote), settings);
        return coverageOf(resources, outcomes, rules, settings);
    };
    const reasonOf = (c: ReturnType<typeof coverageOf>, name: string) => c.notJudgedResources.find(n => n.name === name)?.reason;

    it("names every cloud resource no rule judges, with why: unknown types, classic azure, a CloudFormation stack, remote, dynamic, an unread CloudControl type", () => {
        const c = cover([
            res("classic", { location: "westeurope" }, "azure:cosmosdb/account:Account"), // a classic type no rule judges (its storage account is judged now)
            res("table", { name: "t", tags: { tenant: "t", "data-classification": "phi" } }, "aws:cloudformation/stack:Stack"),
            { ...res("vpc", {}, "awsx:ec2:Vpc"), remote: true },
            res("dyn", { __provider: "..." }, dynamicResourceType),
            res("cc", { typeName: "AWS::DynamoDB::Table", desiredState: "{}" }, "aws:cloudcontrol/resource:Resource"),
        ]);
        assert.equal(c.resources, 5);
        assert.equal(c.judged, 0);
        assert.equal(c.notJudged, 5);
        assert.match(reasonOf(c, "classic")!, /^no rule knows its type$/);
        assert.match(reasonOf(c, "table")!, /^only TAGGING and RESIDENCY read its type/);
        assert.match(reasonOf(c, "vpc")!, /remote component/);
        assert.match(reasonOf(c, "dyn")!, /dynamic-provider resource/);
        assert.match(reasonOf(c, "cc")!, /not of a kind any rule judges: .*AWS::HealthImaging::Datastore/);
        assert.deepEqual(c.byType["aws:cloudformation/stack:Stack"], { resources: 1, judged: 0, notJudged: 1 });
    });

    it("a CloudControl resource of the type the pack reads (a HealthImaging datastore) is judged", () => {
        const c = cover([res("ds", { typeName: "AWS::HealthImaging::Datastore", desiredState: "{}" }, "aws:cloudcontrol/resource:Resource")]);
        assert.equal(c.judged, 1);
    });

    it("a type that differs only in case from a judged one is not judged, and the reason says which type is; an API version of a judged type is judged (type-tokens.ts)", () => {
        const c = cover([
            res("b", { acl: "public-read" }, "aws:s3/bucket:bucket"),
            res("sa", { allowBlobPublicAccess: true, minimumTlsVersion: "TLS1_0" }, "azure-native:storage/v20230101:StorageAccount"),
        ]);
        assert.equal(c.judged, 1);
        assert.match(reasonOf(c, "b")!, /differs from it in case.*aws:s3\/bucket:Bucket|aws:s3\/bucket:Bucket.*differs from it in case/);
        assert.equal(reasonOf(c, "sa"), undefined, "the versioned storage account is judged");
    });

    it("tags and residency alone do not make a resource judged", () => {
        const c = cover([res("q", {}, "test:index/queue:Queue")], [tagged]);
        assert.equal(c.notJudged, 1);
        assert.match(reasonOf(c, "q")!, /only TAGGING and RESIDENCY/);
    });

    it("a resource whose only judging policy is disabled is not judged, and says so", () => {
        const c = cover([res("a", { encrypted: true })], [encrypted, tagged], () => ({ enforcement: "disabled" as const }));
        assert.equal(c.notJudged, 1);
        assert.match(reasonOf(c, "a")!, /disabled by the policy config/);
    });

    it("a program of lookups only registers no cloud resource: nothing judged, nothing claimed", () => {
        assert.deepEqual(cover([]), { resources: 0, judged: 0, notJudged: 0, byType: {}, notJudgedResources: [] });
    });

    it("a not-applicable outcome that is the rule's judgement (not 'not my kind') makes the resource judged", () => {
        const c = cover([res("log", { skip: true })], [encrypted]);
        assert.equal(c.judged, 1);
        const o: Outcome[] = evaluateOutcomes([encrypted], [res("log", { skip: true })]).outcomes;
        assert.equal(o[0].otherKind, undefined);
    });
});
