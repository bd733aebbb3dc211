// A verdict the program cannot decide: it runs in a process of its own and is judged in the
// command's, so patching builtins changes no finding; exiting early, looping, forging the channel or
// throwing an unprintable value is a refusal (exit 2), never a report; what it prints stays in a
// bounded log and off the report's stream; no process it started outlives the check; and no value
// it marked secret appears in any report format.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkFixture, CliResult, fixtures, root, runCli, spawnTimeout, tempDir } from "./helpers";
import { checkFixtureInProcess, checkInProcess } from "./in-process";

const hostile = (how: string, ...args: string[]) => checkFixture("program-hostile", "--config", `how=${how}`, ...args);
/** The same, in-process, for what does not need the program's own process (test/checker/in-process.ts). */
const hostileHere = (how: string, ...args: string[]) => checkFixtureInProcess("program-hostile", "--config", `how=${how}`, ...args);
const findingsOf = (r: CliResult) => JSON.parse(r.stdout).findings.map((f: any) => [f.policy, f.urn, f.enforcement, f.message]);

/** Processes whose command line contains `text` (not this test's own). */
function processesWith(text: string): string[] {
    return execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" }).split("\n").filter(l => l.includes(text) && !l.includes("ps -eo"));
}

describe("checker verdict: the program cannot decide it", function () {
    this.timeout(spawnTimeout);

    it("judges a program that patches Array.prototype.push, JSON.stringify and Map.prototype.get exactly as one that does not", async () => {
        const [patched, plain] = await Promise.all([hostile("patch", "--format", "json"), hostile("none", "--format", "json")]);
        assert.equal(plain.code, 1, plain.stderr);
        assert.equal(patched.code, 1, patched.stderr);
        assert.ok(findingsOf(plain).some((f: string[]) => f[1]?.endsWith("::untagged") && f[2] === "mandatory"));
        assert.deepEqual(findingsOf(patched), findingsOf(plain));
    });

    it("judges a resource the program registers from a timer after its stack's outputs, as `pulumi up` would deploy it", async () => {
        const r = await hostileHere("late", "--format", "json");
        assert.equal(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout);
        assert.ok(report.resources.some((x: any) => x.name === "untagged"), "the late bucket is recorded");
        assert.ok(findingsOf(r).some((f: string[]) => f[1]?.endsWith("::untagged") && f[2] === "mandatory"));
    });

    it("judges a resource a 'beforeExit' handler registers (as @pulumi/aws registers bucket notifications)", async () => {
        const r = await hostile("before-exit", "--format", "json");
        assert.equal(r.code, 1, r.stderr);
        assert.ok(JSON.parse(r.stdout).resources.some((x: any) => x.name === "untagged"), "the bucket registered at beforeExit is recorded");
        assert.ok(findingsOf(r).some((f: string[]) => f[1]?.endsWith("::untagged") && f[2] === "mandatory"));
    });

    it("refuses a program that exits (code 0) before it finished, at once or after its first registrations", async () => {
        for (const r of await Promise.all([hostile("exit-early", "--format", "json"), hostile("exit-later", "--format", "json")])) {
            assert.equal(r.code, 2, r.stderr);
            assert.equal(r.stdout, "", "no report");
            assert.match(r.stderr, /program-hostile\/index\.ts: the program exited \(code 0\) before it finished/);
        }
    });

    it("refuses a run whose end the program forged on the checker's channel", async () => {
        const r = await hostile("forge", "--format", "json");
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stdout, "");
        assert.match(r.stderr, /the checker's channel carried .* the program wrote to it itself/);
    });

    it("refuses a stack whose run a program ended early from the stack before it (it read the next job on a reused process's stdin)", async () => {
        const dir = tempDir("steal");
        fs.cpSync(path.join(fixtures, "program-hostile"), dir, { recursive: true });
        for (const s of ["a", "b"]) fs.writeFileSync(path.join(dir, `Pulumi.${s}.yaml`), "config:\n  hostile:how: steal-next-job\n");
        const r = await runCli(["check", "--program", dir, "--rules", path.join(fixtures, "rules.ts"), "--all-stacks", "--jobs", "1", "--format", "json"]);
        assert.equal(r.code, 2, r.stderr);
        const out = JSON.parse(r.stdout);
        assert.deepEqual(out.stacks.map((s: any) => s.stack), ["a"], "stack b is not reported as checked");
        assert.deepEqual(out.summary.errors.map((e: any) => e.stack), ["b"]);
        assert.match(out.summary.errors[0].message, /the program wrote to it itself/);
    });

    it("refuses a run whose channel the program closed", async () => {
        const r = await hostile("close-channel", "--timeout", "60");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /the program exited \(code 70\) before it finished/);
    });

    it("refuses a thrown value whose toString and message throw, naming the program", async () => {
        const r = await hostileHere("throw-object");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /program-hostile\/index\.ts: the program failed: it threw a value that cannot be shown/);
        assert.doesNotMatch(r.stderr, /internal error/);
    });

    it("kills an endless loop at --timeout in single-stack, --all-stacks and --process-per-stack mode", async () => {
        const dir = tempDir("busy");
        fs.cpSync(path.join(fixtures, "program-hostile"), dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "Pulumi.a.yaml"), "config:\n  hostile:how: busy\n");
        fs.writeFileSync(path.join(dir, "Pulumi.b.yaml"), "config:\n  hostile:how: busy\n");
        const rules = path.join(fixtures, "rules.ts");
        const started = Date.now();
        const [single, reused, perStack] = await Promise.all([
            hostile("busy", "--timeout", "3"),
            runCli(["check", "--program", dir, "--rules", rules, "--all-stacks", "--timeout", "3", "--format", "json"]),
            runCli(["check", "--program", dir, "--rules", rules, "--all-stacks", "--process-per-stack", "--timeout", "3", "--format", "json"]),
        ]);
        assert.ok(Date.now() - started < 120_000, "well before the test's own timeout");
        assert.equal(single.code, 2, single.stderr);
        assert.match(single.stderr, /the program did not finish within 3 s/);
        for (const r of [reused, perStack]) {
            assert.equal(r.code, 2, r.stderr);
            const errors = JSON.parse(r.stdout).summary.errors;
            assert.deepEqual(errors.map((e: any) => e.stack).sort(), ["a", "b"]);
            for (const e of errors) assert.match(e.message, /did not finish within 3 s/);
        }
    });

    it("does not let a huge --timeout overflow the timer", async () => {
        const r = await checkFixture("program-basic", "--timeout", "3000000", "--format", "json");
        assert.equal(r.code, 0, r.stderr);
    });

    it("leaves no program process or process it started behind after a timeout", async () => {
        const marker = "987.111";
        const r = await hostile("grandchild", "--config", `sleep=${marker}`, "--timeout", "3");
        assert.equal(r.code, 2, r.stderr);
        await new Promise(resolve => setTimeout(resolve, 300));
        assert.deepEqual(processesWith(`sleep ${marker}`), []);
    });

    it("leaves no program process or process it started behind when the command gets SIGTERM (--all-stacks)", async () => {
        const dir = tempDir("signal");
        fs.cpSync(path.join(fixtures, "program-hostile"), dir, { recursive: true });
        const marker = "987.222";
        for (const s of ["a", "b"]) fs.writeFileSync(path.join(dir, `Pulumi.${s}.yaml`), `config:\n  hostile:how: grandchild\n  hostile:sleep: "${marker}"\n`);
        const tsNode = require.resolve("ts-node/register/transpile-only", { paths: [root] });
        const child = spawn(process.execPath, ["-r", tsNode, path.join(root, "checker/cli.ts"), "check", "--program", dir, "--rules", path.join(fixtures, "rules.ts"),
            "--all-stacks", "--jobs", "2", "--timeout", "600"], { stdio: "ignore", env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") } });
        const exited = new Promise<number | null>(resolve => child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
        // Both programs are looping and each has started its sleep.
        for (let i = 0; i < 600 && processesWith(`sleep ${marker}`).length < 2; i++) await new Promise(resolve => setTimeout(resolve, 100));
        assert.equal(processesWith(`sleep ${marker}`).length, 2, "the programs started");
        assert.ok(processesWith(dir).some(l => l.includes("program-host")), "the program processes run");
        child.kill("SIGTERM");
        assert.equal(await exited, 143);
        await new Promise(resolve => setTimeout(resolve, 300));
        assert.deepEqual(processesWith(`sleep ${marker}`), []);
        assert.deepEqual(processesWith(dir), []);
    });

    it("keeps what the program prints off the report's stream, in a log cut at 1 MiB with a note", async () => {
        const r = await hostile("print", "--format", "json");
        assert.equal(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout); // the program's own "report" line did not reach stdout
        assert.equal(report.summary.mandatory > 0, true);
        assert.equal(report.log[0], JSON.stringify({ tool: "hipaa-cloud", summary: { mandatory: 0 } }));
        assert.equal(report.log[1], "PASS (no mandatory finding)");
        const kept = report.log.slice(0, -1).join("\n").length;
        assert.ok(kept <= 1024 * 1024, `kept ${kept} bytes`);
        assert.match(report.log.at(-1), /^\[log truncated: \d+ more bytes the program printed are not kept/);
        const text = await hostile("print");
        assert.doesNotMatch(text.stdout, /^PASS/m);
        assert.match(text.stdout, /FAIL \(mandatory findings\)/);
    });

    it("never shows a value the program marked secret, in any report format", async () => {
        const formats = ["text", "json", "markdown", "sarif", "junit", "mermaid", "oscal"];
        const runs = await Promise.all(formats.map(f => checkInProcess(["check", "--program", path.join(fixtures, "program-secrets"), "--format", f])));
        runs.forEach((r, i) => {
            assert.equal(r.code, 1, `${formats[i]}: ${r.stderr}`);
            assert.doesNotMatch(r.stdout + r.stderr, /hunter2/i, formats[i]);
        });
        const json = JSON.parse(runs[1].stdout);
        const about = (type: string) => json.findings.filter((f: any) => f.type === type).map((f: any) => f.message).join("\n");
        // The findings are still there, with [secret] where the value would be.
        assert.match(about("aws:iam/policy:Policy"), /policy\.Statement\[0\] is \[secret\]/);
        assert.match(about("aws:ec2/securityGroup:SecurityGroup"), /ingress\[0\] is \[secret\]/);
        assert.deepEqual(json.log, ["holding [secret] and [secret]"]);
        assert.equal(json.rules, null, "the hipaa pack judged");
    });

    it("says in every report that --rules replaced the hipaa pack, beside the verdict", async () => {
        const [text, json, markdown, sarif, junit, oscal] = await Promise.all(["text", "json", "markdown", "sarif", "junit", "oscal"].map(f => checkFixtureInProcess("program-basic", "--format", f)));
        const said = /Judged by the \d+ rules of --rules \S*test\/fixtures\/rules\.ts, not by the hipaa pack: this verdict is not the pack's\./;
        assert.match(text.stdout.trimEnd().split("\n").slice(-3).join("\n"), said);
        assert.match(JSON.parse(json.stdout).rules.module, /test\/fixtures\/rules\.ts$/);
        for (const r of [markdown, sarif, junit, oscal]) assert.match(r.stdout, said);
    });
});
