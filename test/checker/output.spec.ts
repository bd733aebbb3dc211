// Through the command line: hostile files and names refused with exit 2 (not a crash, not a hang), and a
// report that cannot be delivered (a full disk, a closed pipe, a place that cannot be written) is exit 2
// naming where it was going, never the 0 or 1 a CI job reads as the verdict.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CliResult, fixtureRules, fixtures, root, runCli, spawnTimeout, tempDir } from "./helpers";

const tsNode = require.resolve("ts-node/register/transpile-only", { paths: [root] });

/**
 * The CLI with its standard output on `stdout`: a file descriptor (of /dev/full), or "closed" for a pipe
 * whose reader has gone before the report is written (as `| head -c 10` leaves it).
 */
function runCliTo(args: string[], stdout: number | "closed"): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", tsNode, path.join(root, "checker/cli.ts"), ...args], {
            cwd: root, stdio: ["ignore", stdout === "closed" ? "pipe" : stdout, "pipe"],
            env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") },
        });
        child.stdout?.destroy(); // the reader is gone before the child writes a byte
        let stderr = "";
        child.stderr!.on("data", d => { stderr += d; });
        child.on("error", reject);
        child.on("close", code => resolve({ code, stdout: "", stderr }));
    });
}

describe("checker command line: inputs and outputs that cannot hurt", function () {
    this.timeout(spawnTimeout);
    const dir = tempDir("output");

    it("exits 2 naming standard output when a report does not fit (> /dev/full), whatever the verdict", async () => {
        const full = fs.openSync("/dev/full", "w");
        try {
            // program-basic's untagged stack has mandatory findings (exit 1); the text report is not delivered.
            const [check, policies] = await Promise.all([
                runCliTo(["check", "--program", path.join(fixtures, "program-basic"), "--rules", fixtureRules, "--stack", "untagged"], full),
                runCliTo(["policies", "--rules", fixtureRules, "--format", "json"], full),
            ]);
            for (const r of [check, policies]) {
                assert.equal(r.code, 2, r.stderr);
                assert.match(r.stderr, /standard output: the report could not be written whole \(ENOSPC/);
            }
        } finally {
            fs.closeSync(full);
        }
    });

    it("exits 2 when the reader of standard output has closed it (EPIPE)", async () => {
        const r = await runCliTo(["policies", "--rules", fixtureRules, "--format", "json"], "closed");
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /standard output: the report could not be written whole \(the reader closed it before the end\)/);
    });

    it("exits 2 naming --out when the report cannot be written there (a full device, under a file, read-only, a directory)", async () => {
        const file = path.join(dir, "a-file");
        fs.writeFileSync(file, "");
        const targets = ["/dev/full", path.join(file, "report.json"), "/proc/version", dir];
        const results = await Promise.all(targets.map(out => runCli(["policies", "--rules", fixtureRules, "--out", out])));
        results.forEach((r, i) => {
            assert.equal(r.code, 2, `${targets[i]}: ${r.stderr}`);
            assert.ok(r.stderr.includes(`--out ${targets[i]}: the report cannot be written`), r.stderr);
        });
    });

    it("leaves no cut-off --out report behind, nor an earlier one, when the disk fills mid-write", () => {
        // A file size limit stands in for a full disk: writes past 1 KiB fail with EFBIG (SIGXFSZ ignored).
        const out = path.join(dir, "cut.json");
        fs.writeFileSync(out, '{"summary": {"mandatory": 0}}'); // an earlier run's report, which must not be read as this run's
        let code = 0;
        let stderr = "";
        try {
            execFileSync("bash", ["-c", `trap '' XFSZ; ulimit -f 1; exec "${process.execPath}" -r "${tsNode}" checker/cli.ts policies --format json --out "${out}"`],
                { cwd: root, encoding: "utf8", stdio: "pipe", env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") } });
        } catch (e) {
            code = (e as { status: number }).status;
            stderr = (e as { stderr: string }).stderr;
        }
        assert.equal(code, 2, stderr);
        assert.match(stderr, /--out .*cut\.json: the report cannot be written \(EFBIG/);
        assert.equal(fs.existsSync(out), false);
    });

    it("refuses /dev/zero, a FIFO, a directory and a symlink to /dev/zero as --config-file or --policy-config, exit 2, quickly", async () => {
        const fifo = path.join(dir, "Pulumi.fifo.yaml");
        execFileSync("mkfifo", [fifo]);
        const link = path.join(dir, "Pulumi.zero.yaml");
        fs.symlinkSync("/dev/zero", link);
        const program = ["check", "--program", path.join(fixtures, "program-basic"), "--rules", fixtureRules];
        const cases: [string[], string][] = [
            [[...program, "--config-file", "/dev/zero"], "/dev/zero: is a character device"],
            [[...program, "--config-file", fifo], `${fifo}: is a FIFO`],
            [[...program, "--config-file", link], `${link}: is a character device`],
            [[...program, "--config-file", dir], `${dir}: is a directory`],
            [[...program, "--policy-config", "/dev/zero"], "--policy-config /dev/zero: is a character device"],
            [[...program, "--policy-config", fifo], `--policy-config ${fifo}: is a FIFO`],
        ];
        const started = Date.now();
        const results = await Promise.all(cases.map(([args]) => runCli(args)));
        results.forEach((r, i) => {
            assert.equal(r.code, 2, r.stderr);
            assert.ok(r.stderr.includes(cases[i][1]), `${r.stderr} does not include ${cases[i][1]}`);
            assert.doesNotMatch(r.stderr, /internal error|bad_alloc/);
        });
        assert.ok(Date.now() - started < 120_000);
    });

    it("refuses a --stack that is a path and an alias-bomb stack file, exit 2 naming them", async () => {
        let bomb = "config:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (let i = 1; i < 10; i++) bomb += `  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]\n`;
        const bombFile = path.join(dir, "Pulumi.bomb.yaml");
        fs.writeFileSync(bombFile, bomb);
        const [traversal, bombed] = await Promise.all([
            runCli(["check", "--stack", "a/../../../../tmp/x"]),
            runCli(["check", "--program", path.join(fixtures, "program-basic"), "--rules", fixtureRules, "--config-file", bombFile]),
        ]);
        assert.equal(traversal.code, 2);
        assert.match(traversal.stderr, /--stack "a\/\.\.\/\.\.\/\.\.\/\.\.\/tmp\/x": give the stack's own name/);
        assert.equal(bombed.code, 2, bombed.stderr);
        assert.ok(bombed.stderr.includes(`${bombFile}: is not valid YAML (Excessive alias count`), bombed.stderr);
    });
});
