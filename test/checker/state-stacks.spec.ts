// The hospital stacks of stacks/, run under the mocks and exported into the format `pulumi stack export`
// writes (test/support/export-state.ts), then judged as a state: the same verdict as the program's own
// check (0 mandatory), the same findings, and no plain-text secret (the components hold every credential
// as a secret or keep it out of the state).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { judge } from "../../checker/check";
import { emptyPolicyConfig } from "../../checker/evaluate";
import { checkState } from "../../checker/state-check";
import { resolveTarget } from "../../checker/target";
import { rules } from "../../policies/pack";
import * as s3 from "@pulumi/aws/s3";
import { hospitalProgram } from "../../stacks/program";
import { exportState } from "../support/export-state";
import { record } from "../support/record";
import { root, tempDir } from "./helpers";
import { checkInProcess } from "./in-process";

const stacks = fs.readdirSync(path.join(root, "stacks")).map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => !!s).sort();

describe("the hospital stacks, exported as a state and judged from it", function () {
    this.timeout(300_000);
    const dir = tempDir("state-stacks");

    for (const stack of stacks) {
        it(`${stack}: the state's verdict is the program's`, async () => {
            const target = resolveTarget({ stack });
            // As deployed (not a preview): no value is left unknown, as in a real state.
            const run = await record(hospitalProgram, { project: target.project.name, stack, config: target.config.values, secretKeys: target.config.secretKeys });
            const program = judge(target, { resources: run.resources, unknownInvokes: run.unknownInvokes, log: [] }, rules, emptyPolicyConfig, true);
            const file = path.join(dir, `${stack}.json`);
            fs.writeFileSync(file, JSON.stringify(exportState(run.resources, stack, target.project.name, target.config.values), null, 1));
            const state = checkState(file, rules, emptyPolicyConfig);
            assert.equal(program.summary.mandatory, 0, program.findings.filter(f => f.enforcement === "mandatory").map(f => f.message).join("\n"));
            assert.equal(state.summary.mandatory, 0, state.findings.filter(f => f.enforcement === "mandatory").map(f => f.message).join("\n"));
            const key = (f: { policy: string; urn: string | null; enforcement: string; exempted: boolean }) => `${f.policy} ${f.urn} ${f.enforcement} ${f.exempted}`;
            assert.deepEqual(state.findings.map(key).sort(), program.findings.map(key).sort());
            assert.deepEqual(state.coverage, program.coverage);
            assert.equal(state.findings.filter(f => f.policy === "hipaa-cloud-state-plaintext-secret").length, 0);
        });
    }
});

describe("check --state with --stack: drift between the program and its state", function () {
    this.timeout(300_000);

    it("names resources only in one, and a policy whose outcome the deployed properties change", async () => {
        const dir = tempDir("state-drift");
        const target = resolveTarget({ stack: "demo" });
        const run = await record(hospitalProgram, { project: target.project.name, stack: "demo", config: target.config.values, secretKeys: target.config.secretKeys });
        const doc = exportState(run.resources, "demo", target.project.name, target.config.values) as { deployment: { resources: Record<string, any>[] } };
        const resources = doc.deployment.resources;
        const referenced = new Set(resources.flatMap(r => [r.parent, ...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()]));
        const dropped = resources.find(r => r.custom && !r.type.startsWith("pulumi:") && !referenced.has(r.urn))!;
        const cluster = resources.find(r => r.type === "aws:redshift/cluster:Cluster")!;
        cluster.outputs = { ...cluster.outputs, publiclyAccessible: true };
        const extra = { ...resources.find(r => r.type === "aws:s3/bucket:Bucket" || r.type === "aws:s3/bucketV2:BucketV2")! };
        extra.urn = extra.urn.replace(/::[^:]+$/, "::made-in-the-console");
        doc.deployment.resources = [...resources.filter(r => r !== dropped), extra];
        const file = path.join(dir, "demo.json");
        fs.writeFileSync(file, JSON.stringify(doc));
        const result = await checkInProcess(["check", "--state", file, "--stack", "demo", "--format", "json"]);
        assert.equal(result.code, 1, result.stderr);
        const report = JSON.parse(result.stdout);
        const drift = report.findings.filter((f: { policy: string }) => f.policy === "hipaa-cloud-state-drift");
        const text = drift.map((f: { message: string }) => f.message).join("\n");
        assert.ok(drift.every((f: { enforcement: string }) => f.enforcement === "advisory"));
        assert.match(text, new RegExp(`"${dropped.urn.split("::").pop()}" is registered by the program but not in the state`));
        assert.match(text, /"made-in-the-console" is in the state but the program does not register it/);
        assert.match(text, /aws:redshift\/cluster:Cluster "[^"]+": aws-public-access-redshift[\w-]* is compliant for the program but violation as deployed/);
        const unrelated = drift.filter((f: { message: string }) => !/made-in-the-console|is registered by the program|redshift/.test(f.message));
        assert.deepEqual(unrelated.map((f: { message: string }) => f.message), []);
        const refused = await checkInProcess(["check", "--state", dir, "--stack", "demo"]);
        assert.equal(report.summary.mandatory, report.findings.filter((f: { enforcement: string; exempted: boolean }) => f.enforcement === "mandatory" && !f.exempted).length);
        assert.equal(refused.code, 2);
        assert.match(refused.stderr, /a folder of states cannot be compared with one program/);
    });
});

describe("check --state with --program: what the program would deploy still decides the verdict", function () {
    this.timeout(300_000);

    it("fails a clean state beside a program that would deploy violations: the program's mandatory findings are kept, mandatory", async () => {
        const dir = tempDir("state-clean");
        const file = path.join(dir, "empty.json");
        fs.writeFileSync(file, JSON.stringify(exportState([], "dev", "insecure", {})));
        const program = path.join(root, "test/fixtures/program-analysis-insecure-aws");
        const result = await checkInProcess(["check", "--state", file, "--program", program, "--format", "json"]);
        assert.equal(result.code, 1, result.stdout + result.stderr);
        const report = JSON.parse(result.stdout);
        const fromProgram = report.findings.filter((f: { message: string; enforcement: string }) => f.enforcement === "mandatory" && f.message.startsWith("In the program"));
        assert.ok(fromProgram.length > 0, "the program's violations are in the report");
        assert.equal(report.summary.mandatory, fromProgram.length);
    });
});

describe("check --state with --program: the state is judged as it was before the program ran", function () {
    this.timeout(300_000);

    it("keeps the deployed state's violation when the program overwrites the state file with a clean one", async () => {
        const dir = tempDir("state-rewritten");
        const run = await record(() => { new s3.Bucket("records", { tags: { "data-classification": "phi" } }); }, { project: "rewrites-state", config: { "aws:region": "us-east-1" }, stack: "dev" });
        const file = path.join(dir, "dev.json");
        fs.writeFileSync(file, JSON.stringify(exportState(run.resources, "dev", "rewrites-state", {})));
        const clean = path.join(dir, "clean.json");
        fs.writeFileSync(clean, JSON.stringify(exportState([], "dev", "rewrites-state", {})));
        process.env.HIPAA_CLOUD_TEST_STATE = file;
        process.env.HIPAA_CLOUD_TEST_CLEAN_STATE = clean;
        try {
            const result = await checkInProcess(["check", "--state", file, "--program", path.join(root, "test/fixtures/program-rewrites-state"), "--format", "json"]);
            assert.equal(fs.readFileSync(file, "utf8"), fs.readFileSync(clean, "utf8"), `the program did overwrite the state: ${result.stderr}`);
            assert.equal(result.code, 1, result.stdout + result.stderr);
            assert.ok(JSON.parse(result.stdout).findings.some((f: { urn: string | null; enforcement: string }) => f.urn?.endsWith("::records") && f.enforcement === "mandatory"));
        } finally {
            delete process.env.HIPAA_CLOUD_TEST_STATE;
            delete process.env.HIPAA_CLOUD_TEST_CLEAN_STATE;
        }
    });
});
