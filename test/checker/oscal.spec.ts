// --format oscal: OSCAL 1.1.3 assessment results, validated against NIST's published JSON schema. The three
// example stacks and a failing program are checked for real; hostile names, reasons and dates are rendered
// in-process from a report built here.
//
// NIST's schema and the oscal-compass HIPAA catalog's ids are third-party files this repository may not
// carry (they come from other projects' repositories): the tests read them from the folder named by
// HIPAA_CLOUD_OSCAL_DIR (default ../shared/research/oscal beside the clone, where the project's workshop
// keeps them with their sources and checksums; oscal_assessment-results_schema.json is the release asset of
// usnistgov/OSCAL v1.1.3). Without them the schema checks are skipped, saying so, never passed.
import assert from "node:assert/strict";
import * as path from "node:path";
import * as fs from "node:fs";
import Ajv, { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { controlIds } from "../../policies/controls";
import { controlMappings, hipaaStandards } from "../../policies/control-mappings";
import { oscalDocument, renderOscal, uuid5 } from "../../checker/report/oscal";
import type { CheckReport, PolicyInfo, RenderInput } from "../../checker/report/model";
import { root, spawnTimeout } from "./helpers";
import { checkFixtureInProcess, checkInProcess } from "./in-process";

const oscalDir = process.env.HIPAA_CLOUD_OSCAL_DIR ?? path.join(root, "..", "shared", "research", "oscal");
const schemaFile = path.join(oscalDir, "oscal_assessment-results_schema.json");
const catalogFile = path.join(oscalDir, "hipaa-catalog-ids.json");
const haveSchema = fs.existsSync(schemaFile);
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validateSchema: ValidateFunction = haveSchema ? ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8"))) : Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
/** Skips a test that is about the schema when the schema is not there (a pending test, never a pass). */
function needSchema(ctx: Mocha.Context): void {
    if (!haveSchema) { console.log(`      (skipped: NIST's OSCAL schema is not at ${schemaFile}; set HIPAA_CLOUD_OSCAL_DIR)`); ctx.skip(); }
}

/** Asserts the document is one NIST's schema accepts; the message lists what it refuses. */
export function assertValidOscal(doc: unknown, what: string): void {
    const ok = validateSchema(doc);
    assert.ok(ok, `${what}: the OSCAL schema refuses it:\n${JSON.stringify(validateSchema.errors?.slice(0, 10), null, 1)}`);
}

/** Every uuid of the document (a `uuid` field), for uniqueness. */
function uuids(doc: unknown): string[] {
    const out: string[] = [];
    const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) { if (k === "uuid" && typeof x === "string") out.push(x); else walk(x); }
    };
    walk(doc);
    return out;
}

const policies: PolicyInfo[] = [
    { name: "aws-enc-rest-cmk-s3-bucket", cloud: "aws", controls: ["ENC-REST-CMK"], citation: "45 CFR 164.312(a)(2)(iv)", severity: "high", enforcement: "mandatory", description: "d", remediation: "r", kind: "resource", types: ["aws:s3/bucket:Bucket"] },
    { name: "aws-public-access-s3-bucket", cloud: "aws", controls: ["PUBLIC-ACCESS", "NETWORK-PRIVATE"], citation: "45 CFR 164.312(a)(1)", severity: "high", enforcement: "mandatory", description: "d", remediation: "r", kind: "resource", types: ["aws:s3/bucket:Bucket"] },
    { name: "aws-tagging-resource", cloud: "aws", controls: ["TAGGING"], citation: "45 CFR 164.310(d)(2)(iii)", severity: "low", enforcement: "advisory", description: "d", remediation: "r", kind: "resource", types: [] },
];

/** A report as a hostile program could make it: names with newlines, blanks, bidi overrides; a bad exemption date; a --strict finding. */
function hostileReport(): CheckReport {
    const urn = (name: string) => `urn:pulumi:h::p::aws:s3/bucket:Bucket::${name}`;
    const names = ["bucket\nSummary: PASS", "   ", "", "\u202Eevil", "x".repeat(3000)];
    const finding = (name: string, policy: string, controls: string[], extra: Partial<CheckReport["findings"][number]> = {}) => ({
        policy, controls, citation: "45 CFR 164.312(a)(2)(iv)", enforcement: "mandatory" as const, urn: urn(name), type: "aws:s3/bucket:Bucket",
        message: `bucket ${name}: serverSideEncryptionConfiguration is AES256; expected aws:kms\n`, exempted: false, reason: null, severity: "high", name, unknown: false, ...extra,
    });
    return {
        tool: "hipaa-cloud", version: "0.1.0", stack: "h\nstack", program: "prog", stackFile: null, policyConfig: "pc.json",
        resources: names.map(n => ({ urn: urn(n), type: "aws:s3/bucket:Bucket", name: n, parent: null, protect: false, dependencies: [] })),
        findings: [
            finding(names[0], "aws-enc-rest-cmk-s3-bucket", ["ENC-REST-CMK"]),
            finding(names[0], "aws-enc-rest-cmk-s3-bucket", ["ENC-REST-CMK"]), // the same finding twice: uuids stay unique
            finding(names[1], "aws-public-access-s3-bucket", ["PUBLIC-ACCESS", "NETWORK-PRIVATE"], { exempted: true, reason: " \n (until 2027-02-30)" }),
            finding(names[3], "aws-tagging-resource", ["TAGGING"], { enforcement: "advisory", exempted: true, reason: "tagged later (until 2027-01-01)" }),
            { ...finding(names[4], "hipaa-cloud-strict-coverage", []), citation: "" },
            { ...finding(names[2], "bad policy name!", ["ENC-REST-CMK"]), urn: null, type: null, name: null },
        ],
        summary: { resources: 5, mandatory: 3, advisory: 0, exempted: 2 },
        policyConfigWeakened: [], exemptionsJudgedOn: { date: "2026-12-06", setBy: "HIPAA_CLOUD_TODAY" }, rules: null,
        exemptions: [
            { policy: "aws-public-access-s3-bucket", control: "PUBLIC-ACCESS", resource: "   ", reason: " \n ", expires: "2027-02-30", status: "does not hold", problem: "not a date", exempted: 0, matched: 1, unused: false },
            { policy: "aws-tagging-resource", control: "TAGGING", resource: "\u202Eevil", reason: "tagged later", expires: "2027-01-01", status: "holds", problem: null, exempted: 1, matched: 1, unused: false },
            { policy: "aws-tagging-resource", control: "TAGGING", resource: "far", reason: "far future", expires: "3000-01-01", status: "does not hold", problem: "more than a year ahead", exempted: 0, matched: 0, unused: true },
        ],
        declaredExemptions: [{ policy: "aws-tagging-resource", urn: urn(names[3]), control: "TAGGING", key: "hipaa-cloud:exemption:TAGGING", reason: "\n", expires: "9999-99-99" }],
        unknownInvokes: [], remoteComponents: [], log: [],
        coverage: { resources: 5, judged: 4, notJudged: 1, byType: {}, notJudgedResources: [{ urn: urn(names[2]), type: "aws:s3/bucket:Bucket", name: "", reason: "\n" }] },
        outcomes: names.map(n => ({ urn: urn(n), type: "aws:s3/bucket:Bucket", name: n, judged: n !== "", policies: { "aws-enc-rest-cmk-s3-bucket": { outcome: "violation" as const } } })),
        strict: true,
    };
}

describe("OSCAL control mappings (policies/control-mappings.ts)", () => {
    const catalog = fs.existsSync(catalogFile)
        ? JSON.parse(fs.readFileSync(catalogFile, "utf8")) as { groups: Record<string, { standard: string | null; controls: string[] }> } : undefined;

    it("maps every control id of the catalogue, and nothing else", () => {
        assert.deepEqual(Object.keys(controlMappings).sort(), [...controlIds].sort());
    });

    it("names a HIPAA catalog group whose standard one of the control's citations falls under (none for a Privacy Rule control)", async () => {
        const { controls } = await import("../../policies/controls");
        for (const id of controlIds) {
            const m = controlMappings[id];
            const citations = controls[id].citation.split("; ");
            if (m.hipaaGroup === null) {
                assert.ok(citations.every(c => /^45 CFR 164\.5\d\d/.test(c)), `${id}: ${controls[id].citation} cites the Security Rule, so it has a group`);
                assert.deepEqual(m.hipaaControls, [], id);
            } else {
                const standard = hipaaStandards[m.hipaaGroup];
                assert.ok(standard, `${id}: ${m.hipaaGroup} is not a standard's group of the catalog`);
                assert.ok(citations.some(c => c.startsWith(`45 CFR ${standard}`)), `${id}: ${controls[id].citation} is not under ${standard}`);
                assert.ok(m.hipaaControls.length > 0, id);
            }
            assert.ok(m.nist80053.length > 0, id);
            for (const n of m.nist80053) assert.match(n, /^[a-z]{2}-\d{1,2}(\.\d{1,2})?$/, `${id}: ${n} is not an SP 800-53 id in OSCAL spelling`);
        }
    });

    it("names groups and controls the oscal-compass HIPAA catalog has, with the standards it gives them", function () {
        if (!catalog) { console.log(`      (skipped: the HIPAA catalog's ids are not at ${catalogFile}; set HIPAA_CLOUD_OSCAL_DIR)`); this.skip(); }
        const known = new Set(Object.values(catalog.groups).flatMap(g => g.controls));
        for (const [group, standard] of Object.entries(hipaaStandards)) assert.equal(catalog.groups[group]?.standard, standard, group);
        for (const id of controlIds) for (const c of controlMappings[id].hipaaControls) assert.ok(known.has(c), `${id}: ${c} is not a control of the catalog`);
    });
});

describe("OSCAL assessment results (in-process)", () => {
    const input = (reports: CheckReport[], allStacks = false): RenderInput => ({ reports, errors: [], allStacks, policies });

    it("the schema validator refuses what OSCAL refuses (an empty findings list, a bad uuid)", function () {
        needSchema(this);
        const doc = oscalDocument(input([hostileReport()])) as any;
        doc["assessment-results"].results[0].findings = [];
        assert.equal(validateSchema(doc), false);
        const doc2 = oscalDocument(input([hostileReport()])) as any;
        doc2["assessment-results"].uuid = "not-a-uuid";
        assert.equal(validateSchema(doc2), false);
    });

    it("a report with hostile names, reasons, dates and a --strict finding still validates, every uuid unique", () => {
        const doc = oscalDocument({ ...input([hostileReport()], true), errors: [{ stack: "broken\n", message: "Pulumi.broken.yaml: bad\nvalue" }] });
        assertValidOscal(doc, "hostile report");
        const all = uuids(doc);
        assert.equal(new Set(all).size, all.length, "a uuid is given twice");
    });

    it("is reproducible: the same report gives the same document, byte for byte; another gives another document uuid", () => {
        const a = renderOscal(input([hostileReport()]));
        assert.equal(renderOscal(input([hostileReport()])), a);
        const changed = hostileReport();
        changed.findings[0].message = "another message";
        const b = JSON.parse(renderOscal(input([changed])));
        assert.notEqual(b["assessment-results"].uuid, JSON.parse(a)["assessment-results"].uuid);
        // The finding that did not change keeps its uuid.
        const titles = (d: any) => new Map(d["assessment-results"].results[0].risks.map((r: any) => [r.title, r.uuid]));
        assert.deepEqual(titles(b), titles(JSON.parse(a)));
    });

    it("uuid5 is RFC 4122 version 5", () => {
        assert.match(uuid5("x"), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.notEqual(uuid5("x"), uuid5("y"));
    });

    it("states every finding, exemption (a risk with deadline), not-judged resource, and each control's citation and catalog ids", () => {
        const r = (oscalDocument(input([hostileReport()])) as any)["assessment-results"].results[0];
        const selections = r["reviewed-controls"]["control-selections"];
        assert.deepEqual(selections.map((s: any) => s["include-controls"][0]["control-id"]), ["ENC-REST-CMK", "PUBLIC-ACCESS", "NETWORK-PRIVATE", "TAGGING"]);
        const enc = selections[0].props;
        assert.ok(enc.some((p: any) => p.name === "hipaa-citation" && p.value === "45 CFR 164.312(a)(2)(iv)"));
        assert.ok(enc.some((p: any) => p.name === "hipaa-catalog-control" && p.value === "hipaa-089"));
        assert.ok(enc.some((p: any) => p.name === "nist-800-53-control" && p.value === "sc-28"));
        assert.ok(enc.some((p: any) => p.name === "status" && p.value === "fail"));
        // A finding with two controls is a finding per control; a finding of no control targets its policy.
        const targets = r.findings.map((f: any) => f.target["target-id"]);
        for (const t of ["ENC-REST-CMK", "PUBLIC-ACCESS", "NETWORK-PRIVATE", "TAGGING", "hipaa-cloud-strict-coverage", "ENC-REST-CMK"]) assert.ok(targets.includes(t), t);
        assert.ok(r.findings.every((f: any) => f.target.status.state === "not-satisfied"), "no control of this stack is satisfied");
        const holding = r.risks.find((x: any) => x.title.includes("TAGGING on") && !x.title.includes("declared"));
        assert.equal(holding.status, "deviation-approved");
        assert.equal(holding.deadline, "2027-01-01T23:59:59Z");
        const bad = r.risks.find((x: any) => x.title.includes("PUBLIC-ACCESS"));
        assert.equal(bad.status, "open");
        assert.equal(bad.deadline, undefined, "2027-02-30 is no date: no deadline");
        const tagging = r.findings.find((f: any) => f.target["target-id"] === "TAGGING");
        assert.ok(tagging["related-risks"]?.length, "the exempted finding names its risk");
        assert.ok(r.observations.some((o: any) => /^Not judged/.test(o.title)), "the not-judged resource is an observation");
        assert.equal(r.props.find((p: any) => p.name === "verdict").value, "fail");
    });
});

describe("checker --format oscal", function () {
    this.timeout(spawnTimeout);
    const env = { HIPAA_CLOUD_TODAY: "2026-12-06" };

    it("the three example stacks and a failing program give documents NIST's schema accepts", async function () {
        needSchema(this);
        const saved = process.env.HIPAA_CLOUD_TODAY;
        process.env.HIPAA_CLOUD_TODAY = env.HIPAA_CLOUD_TODAY;
        try {
            const runs = await Promise.all([
                ...["demo", "mercy-gcp", "stlukes-azure"].map(s => checkInProcess(["check", "--stack", s, "--format", "oscal", "--judging-day", env.HIPAA_CLOUD_TODAY])),
                checkFixtureInProcess("program-basic", "--stack", "untagged", "--format", "oscal", "--judging-day", env.HIPAA_CLOUD_TODAY),
            ]);
            runs.forEach((run, i) => {
                assert.equal(run.code, i < 3 ? 0 : 1, run.stderr);
                const doc = JSON.parse(run.stdout);
                assertValidOscal(doc, `run ${i}`);
                const result = doc["assessment-results"].results[0];
                if (i < 3) {
                    assert.equal(result["reviewed-controls"]["control-selections"].length, controlIds.length);
                    assert.equal(result.props.find((p: any) => p.name === "verdict").value, "pass");
                } else {
                    assert.equal(result.props.find((p: any) => p.name === "verdict").value, "fail");
                    assert.ok(result.findings.some((f: any) => f.target.status.state === "not-satisfied"));
                }
            });
        } finally {
            if (saved === undefined) delete process.env.HIPAA_CLOUD_TODAY; else process.env.HIPAA_CLOUD_TODAY = saved;
        }
    });
});
