// Every hospital stack shipped in stacks/, checked end to end as CI and `npm start` check them: the
// real program under the mocks, the whole policy pack, the JSON report. Its URNs are pinned: a
// refactor that would rename or replace a resource of a real stack fails here (add an alias instead;
// if the change is meant, write the new list to test/stacks/urns/<stack>.txt).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { root, spawnTimeout } from "../checker/helpers";
import { checkInProcess } from "../checker/in-process";

const stacks = fs.readdirSync(path.join(root, "stacks"))
    .map(f => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1]).filter((s): s is string => !!s).sort();

describe("the hospital stacks in stacks/", function () {
    this.timeout(spawnTimeout);
    let reports: Map<string, any>;

    before(async () => {
        const result = await checkInProcess(["check", "--all-stacks", "--format", "json"]);
        assert.equal(result.code, 0, result.stderr);
        reports = new Map(JSON.parse(result.stdout).stacks.map((r: any) => [r.stack, r]));
    });

    it("ships a stack for every cloud, each enabling all five services", () => {
        const clouds = stacks.map(stack => {
            const text = fs.readFileSync(path.join(root, "stacks", `Pulumi.${stack}.yaml`), "utf8");
            assert.match(text, /hospital:services:\s*\[storage, processing, warehouse, imaging, analysis\]/, stack);
            return /hospital:cloud:\s*(\w+)/.exec(text)?.[1];
        });
        assert.deepEqual([...new Set(clouds)].sort(), ["aws", "azure", "gcp"]);
    });

    for (const stack of stacks) {
        describe(stack, () => {
            it("has no mandatory finding from the whole policy pack", () => {
                const report = reports.get(stack);
                assert.ok(report, `no report for ${stack}`);
                const mandatory = report.findings.filter((f: any) => f.enforcement === "mandatory" && !f.exempted);
                assert.deepEqual(mandatory.map((f: any) => f.message), []);
                assert.equal(report.summary.mandatory, 0);
            });

            // Coverage: every cloud resource judged, or its type listed in test/stacks/not-judged/<stack>.txt
            // ("type count" per line): a change that leaves more unjudged fails here; one that judges more
            // shortens the list (write the new list there).
            it("judges every cloud resource but the pinned not-judged types", () => {
                const report = reports.get(stack);
                const counts = new Map<string, number>();
                for (const n of report.coverage.notJudgedResources) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
                const actual = [...counts].map(([t, n]) => `${t} ${n}`).sort();
                const file = path.join(__dirname, "not-judged", `${stack}.txt`);
                const expected = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean) : [];
                assert.deepEqual(actual, expected);
                assert.equal(report.coverage.judged + report.coverage.notJudged, report.coverage.resources);
            });

            it("registers exactly the pinned URNs", () => {
                const expected = fs.readFileSync(path.join(__dirname, "urns", `${stack}.txt`), "utf8").trim().split("\n");
                const actual = reports.get(stack).resources.map((r: any) => r.urn).sort();
                assert.deepEqual(actual, expected);
            });

            it("protects every stateful resource it registers in prod", () => {
                const report = reports.get(stack);
                const stateful = /:(kms\/key:Key|s3\/bucket:Bucket|redshift\/cluster:Cluster|keyvault:Vault|storage:StorageAccount|synapse:SqlPool|storage\/bucket:Bucket|bigquery\/dataset:Dataset|healthcare\/dataset:Dataset)$/;
                const unprotected = report.resources.filter((r: any) => stateful.test(r.type) && !r.protect).map((r: any) => r.urn);
                assert.deepEqual(unprotected, []);
            });
        });
    }

    it("each stack composes its cloud's ImageAnalysis (analysis is on in all three)", () => {
        for (const [stack, cloud] of [["demo", "aws"], ["mercy-gcp", "gcp"], ["stlukes-azure", "azure"]]) {
            assert.ok(reports.get(stack).resources.some((r: any) => r.type === `hipaa-cloud:${cloud}:ImageAnalysis`), stack);
        }
    });

    it("each shares its de-identified zone with one research partner (issue 17)", () => {
        for (const stack of stacks) {
            const types = reports.get(stack).resources.map((r: any) => r.type);
            assert.equal(types.filter((t: string) => /^hipaa-cloud:(aws|azure|gcp):ResearchShare$/.test(t)).length, 1, stack);
            const grants = types.filter((t: string) => ["aws:lakeformation/permissions:Permissions", "gcp:bigqueryanalyticshub/listingIamMember:ListingIamMember"].includes(t)).length
                + reports.get(stack).resources.filter((r: any) => r.type === "azure-native:authorization:RoleAssignment" && /research-share/.test(r.urn)).length;
            assert.equal(grants, 1, stack);
        }
    });

    it("the AWS demo registers every AWS component", () => {
        const types = new Set(reports.get("demo").resources.map((r: any) => r.type));
        for (const component of ["Keys", "Network", "Audit", "EncryptedBucket", "ProcessingCluster", "Warehouse", "Imaging", "ImageAnalysis"]) {
            assert.ok(types.has(`hipaa-cloud:aws:${component}`), component);
        }
    });
});
