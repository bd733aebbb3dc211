// The human reports list what fails the check first, then by severity, then by resource (issue 21: in a
// small VM template, twelve tagging lines came before the public subnet).
import assert from "node:assert/strict";
import { renderMarkdown } from "../../checker/report/markdown";
import type { CheckReport, ReportFinding } from "../../checker/report/model";
import { compareFindings } from "../../checker/report/order";
import { renderText } from "../../checker/report/text";

const urn = (type: string, name: string) => `urn:pulumi:s::p::${type}::${name}`;
function finding(policy: string, severity: string, type: string, name: string, extra: Partial<ReportFinding> = {}): ReportFinding {
    return { policy, controls: [policy.startsWith("tag") ? "TAGGING" : "NETWORK-PRIVATE"], citation: "45 CFR 164.312(e)(1)", enforcement: "mandatory",
        urn: urn(type, name), type, name, message: `${type} "${name}": ${policy} is wrong; wanted right. Fix it.`, exempted: false, reason: null,
        severity, unknown: false, ...extra };
}

const VM = "azure-native:compute:VirtualMachine", VNET = "azure-native:network:VirtualNetwork", RG = "azure-native:resources:ResourceGroup";
// Registration order: the tagging findings first, as the rules ran.
const findings: ReportFinding[] = [
    finding("tag-a", "low", RG, "rg"), finding("tag-a", "low", VNET, "net"), finding("tag-a", "low", VM, "vm"),
    finding("exempt-x", "critical", VM, "vm", { exempted: true, reason: "not applicable: a limit of the cloud" }),
    finding("advice", "critical", VM, "vm", { enforcement: "advisory" }),
    finding("public-subnet", "medium", VNET, "net"),
    finding("stack-wide", "medium", "", "", { urn: null, type: null, name: null, message: "the stack: no key" }),
    finding("public-ip", "high", VM, "vm"),
];
const report: CheckReport = {
    tool: "hipaa-cloud", version: "0.1.0", stack: null, program: "p", stackFile: null, policyConfig: null,
    resources: [], findings, summary: { resources: 3, mandatory: 6, advisory: 1, exempted: 1 },
    policyConfigWeakened: [], exemptionsJudgedOn: { date: "2026-06-15", setBy: null }, exemptions: [], unknownInvokes: [], remoteComponents: [], log: [],
    coverage: { resources: 3, judged: 3, notJudged: 0, byType: {}, notJudgedResources: [] }, outcomes: [], strict: false,
};
const input = { reports: [report], errors: [], allStacks: false, policies: [] };
const expected = ["public-ip vm", "stack-wide stack", "public-subnet net", "tag-a net", "tag-a rg", "tag-a vm", "advice vm", "exempt-x vm"];

describe("report order (text, Markdown)", () => {
    it("sorts by standing, severity (critical to low), resource (the stack first), then policy", () => {
        assert.deepEqual([...findings].sort(compareFindings).map(f => `${f.policy} ${f.name ?? "stack"}`), expected);
    });

    it("text: one heading per standing and severity, each finding's control, and the message without the resource it repeats", () => {
        const text = renderText(input);
        const lines = text.split("\n").filter(l => /^ {2}(MANDATORY|ADVISORY|EXEMPTED) /.test(l));
        assert.deepEqual(lines.map(l => l.trim().split(/\s+/)[1]), expected.map(e => e.split(" ")[0]));
        assert.match(text, /^MANDATORY, high severity \(1\)\n {2}MANDATORY public-ip {2}azure-native:compute:VirtualMachine "vm"\n {12}NETWORK-PRIVATE \(Private networking; 45 CFR 164\.312\(e\)\(1\)\): public-ip is wrong; wanted right\. Fix it\.$/m);
        assert.match(text, /^MANDATORY, low severity \(3\)$/m);
        assert.match(text, /^EXEMPTED, critical severity \(1\)\n.*\n.*\n {12}exempted: not applicable: a limit of the cloud$/m);
        assert.ok(text.indexOf("public-subnet") < text.indexOf("tag-a"));
    });

    it("markdown: matrix rows and the findings list in the same order", () => {
        const md = renderMarkdown(input);
        const list = md.split("\n").filter(l => l.startsWith("- ")).map(l => /\*\*([^*]+)\*\*/.exec(l)![1]);
        assert.deepEqual(list, expected.map(e => e.split(" ")[0]));
        const rows = md.split("\n").filter(l => /^\| (`|the stack)/.test(l)).map(l => l.split("|")[1].trim());
        assert.deepEqual(rows, ["`vm` (azure-native:compute:VirtualMachine)", "the stack", "`net` (azure-native:network:VirtualNetwork)", "`rg` (azure-native:resources:ResourceGroup)"]);
    });
});
