// AI-DATA-USE on AWS (issue 16): a stack that grants Rekognition declares an attached AI services opt-out
// that opts every service out and locks child policies, or the absence is reported (advisory) on every run.
import assert from "node:assert/strict";
import { aiOptOutContent as optOutContent } from "../../../facts/aws";
import { optOut } from "../../../policies/aws/ai-data-use";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource, stackOutcomesByName } from "../../support/policies";

const ORG_POLICY = "aws:organizations/policy:Policy";
const ATTACHMENT = "aws:organizations/policyAttachment:PolicyAttachment";
const grant = (actions: unknown, name = "workload") => resource("aws:iam/policy:Policy", {
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }),
}, { name: name });
const policy = (content: unknown, type: unknown = "AISERVICES_OPT_OUT_POLICY", name = "opt-out") => resource(ORG_POLICY, { type, content }, { name: name });
const attach = (p: ReturnType<typeof policy>) => resource(ATTACHMENT, { policyId: `${p.name}-id`, targetId: "r-ab12" }, { name: `${p.name}-root`, deps: { policyId: [p] } });
const good = JSON.stringify(optOutContent);

describe("aws AI-DATA-USE", () => {
    describe("aws-ai-data-use-opt-out", () => {
        it("judges an attached opt-out policy of every service, locked for child policies, compliant, and says nothing of the grants then", () => {
            const p = policy(good);
            const stack = [grant("rekognition:DetectLabels"), p, attach(p)];
            assert.deepEqual(findingsOf(optOut, stack), []);
            assert.equal(stackOutcomesByName(optOut, stack)["opt-out"], "compliant");
        });

        it("reports (advisory, AI-DATA-USE) every policy that grants Rekognition when the stack declares no opt-out", () => {
            for (const actions of ["rekognition:DetectLabels", ["s3:GetObject", "Rekognition:Detect*"], "rek*:*", "rekognition:*"]) {
                const findings = findingsOf(optOut, [grant(actions)]);
                assert.equal(findings.length, 1, JSON.stringify(actions));
                assert.deepEqual(findings[0].controls, ["AI-DATA-USE"]);
                assert.equal(findings[0].enforcement, "advisory");
                assert.equal(findings[0].name, "workload");
                assert.match(findings[0].message, /AISERVICES_OPT_OUT_POLICY/);
            }
        });

        it("says nothing of a stack that grants no Rekognition call (an admin \"*\" is LEAST-PRIVILEGE's finding)", () => {
            assert.deepEqual(findingsOf(optOut, [grant(["s3:GetObject"]), grant("*", "admin"), grant("*:*", "admin2")]), []);
        });

        const broken: [string, unknown][] = [
            ["opts in by default", { services: { default: { opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "optIn" } } } }],
            ["lets child policies opt back in", { services: { default: { opt_out_policy: { "@@assign": "optOut" } } } }],
            ["opts Rekognition back in", { services: { default: optOutContent.services.default, rekognition: { opt_out_policy: { "@@assign": "optIn" } } } }],
            ["spells optOut in lower case", { services: { default: { opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "optout" } } } }],
            ["spells services with a capital", { Services: optOutContent.services }],
            ["opts out Rekognition only", { services: { rekognition: { opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@none"], "@@assign": "optOut" } } } }],
            ["re-opens Rekognition to child policies", { services: { default: optOutContent.services.default, rekognition: { opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@all"], "@@assign": "optOut" } } } }],
            ["allows child operators besides @@none", { services: { default: { opt_out_policy: { "@@operators_allowed_for_child_policies": ["@@none", "@@assign"], "@@assign": "optOut" } } } }],
        ];
        for (const [what, content] of broken) {
            it(`reports an opt-out policy that ${what}, and the grant beside it`, () => {
                const p = policy(JSON.stringify(content));
                const findings = findingsOf(optOut, [grant("rekognition:DetectLabels"), p, attach(p)]);
                assert.deepEqual(findings.map(f => f.name).sort(), ["opt-out", "workload"]);
                assert.ok(findings.every(f => f.controls[0] === "AI-DATA-USE" && !f.unknown));
            });
        }

        it("refuses content with a key given twice (JSON keeps the last; AWS may read the first)", () => {
            const text = `{"services":{"default":{"opt_out_policy":{"@@operators_allowed_for_child_policies":["@@none"],"@@assign":"optIn","@@assign":"optOut"}}}}`;
            const p = policy(text);
            const [f] = findingsOf(optOut, [p, attach(p)]);
            assert.match(f.message, /given twice/);
        });

        it("reports an opt-out policy that is attached to nothing, and content that is not text", () => {
            const loose = policy(good);
            assert.match(findingsOf(optOut, [loose])[0].message, /opts nobody out/);
            const object = policy(optOutContent, undefined, "object");
            assert.match(findingsOf(optOut, [object, attach(object)])[0].message, /not a JSON text/);
        });

        it("does not count an opt-out of another type (an SCP spelled like one) and leaves such policies not judged", () => {
            for (const type of ["SERVICE_CONTROL_POLICY", "aiservices_opt_out_policy", undefined, 7]) {
                const p = resource(ORG_POLICY, type === undefined ? { content: good } : { type, content: good }, { name: "opt-out" });
                const stack = [grant("rekognition:DetectLabels"), p, attach(p)];
                assert.deepEqual(findingsOf(optOut, stack).map(f => f.name), ["workload"], String(type));
                assert.equal(stackOutcomesByName(optOut, stack)["opt-out"], undefined);
            }
        });

        it("is unknown, never compliant, while the policy's content or type is unknown at preview", () => {
            for (const p of [policy(UNKNOWN), policy(good, UNKNOWN)]) {
                const findings = findingsOf(optOut, [grant("rekognition:DetectLabels"), p, attach(p)]);
                assert.ok(findings.length >= 2 && findings.every(f => f.unknown), JSON.stringify(findings.map(f => f.message)));
                assert.equal(stackOutcomesByName(optOut, [p])["opt-out"], "unknown");
            }
        });
    });
});
