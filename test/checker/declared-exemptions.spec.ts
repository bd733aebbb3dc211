// The report lists the exemptions declared on resources (tags/labels) as a list of their own, beside
// the findings they exempted (which say "declared on the resource" in their reason). In-process.
import assert from "node:assert/strict";
import { buildReport } from "../../checker/report/model";
import { exemptionTagKey, exemptionTagValue, runResourceRule } from "../../policies/lib/evaluate";
import { expectEqual, resourceRule } from "../../policies/lib/rule";

const rule = resourceRule({
    name: "test-enc-rest-cmk-cluster", cloud: "any", controls: ["ENC-REST-CMK"], severity: "high", description: "d", remediation: "r",
    types: ["aws:emr/cluster:Cluster"], check: r => expectEqual(r.props, "encrypted", true),
});
const cluster = (name: string, tags: Record<string, string>) => ({
    type: "aws:emr/cluster:Cluster", name, urn: `urn:pulumi:s::p::aws:emr/cluster:Cluster::${name}`, props: { tags }, opts: {},
});

describe("report: exemptions declared on resources", () => {
    it("lists each declared exemption that exempted a finding, and none that did not hold", () => {
        const config = {};
        const lastDay = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
        const findings = [
            ...runResourceRule(rule, cluster("a", { [exemptionTagKey("ENC-REST-CMK")]: exemptionTagValue(lastDay, "transient cluster, ticket 7") }), config),
            ...runResourceRule(rule, cluster("b", { [exemptionTagKey("ENC-REST-CMK")]: "no date" }), config),
        ];
        const report = buildReport({ stack: null, program: "p", stackFile: null, policyConfig: null, resources: [], findings, exemptions: [], unknownInvokes: [], log: [] });
        assert.deepEqual(report.declaredExemptions, [{
            policy: "test-enc-rest-cmk-cluster", urn: "urn:pulumi:s::p::aws:emr/cluster:Cluster::a", control: "ENC-REST-CMK",
            key: "hipaa-cloud:exemption:ENC-REST-CMK", reason: "transient cluster, ticket 7", expires: lastDay,
        }]);
        assert.deepEqual(report.findings.map(f => [f.exempted, /declared on the resource/.test(f.reason ?? "")]), [[true, true], [false, false]]);
        assert.deepEqual(report.summary, { resources: 0, mandatory: 1, advisory: 0, exempted: 1 });
    });
});
