// The command line always runs a checked program in a process of its own: the in-process check the
// tests use (test/checker/in-process.ts) is reachable from no flag, variable or file, because nothing
// the command line loads imports it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fixtureArgs, root, spawnTimeout } from "./helpers";

/** The files the command line and the package are built from (what `npm run build` compiles, and bin/). */
function shippedSources(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(file);
            else if (/\.(ts|js)$/.test(entry.name)) files.push(file);
        }
    };
    for (const dir of ["bin", "checker", "components", "policies", "stacks"]) walk(path.join(root, dir));
    return files;
}

describe("checker isolation: the command line runs a program in its own process", function () {
    this.timeout(spawnTimeout);

    it("runs the program in a child process of the command's, whatever the environment says", async () => {
        const tsNode = require.resolve("ts-node/register/transpile-only", { paths: [root] });
        // Variables a test or a user might set, in the hope of a shortcut: none exists.
        const env = { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json"), HIPAA_CLOUD_IN_PROCESS: "1", HIPAA_CLOUD_DEBUG: "1" };
        const child = spawn(process.execPath, ["-r", tsNode, path.join(root, "checker/cli.ts"), ...fixtureArgs("program-whereami", "--format", "json")],
            { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", d => { stdout += d; });
        child.stderr.on("data", d => { stderr += d; });
        const code = await new Promise<number | null>(resolve => child.on("close", resolve));
        assert.ok(code === 0 || code === 1, `a report, not exit ${code}: ${stderr}`);
        const line = (JSON.parse(stdout).log as string[]).find(l => l.startsWith("whereami "));
        assert.ok(line, `the program's line is in the log: ${stdout}`);
        const where = JSON.parse(line.slice("whereami ".length)) as { pid: number; ppid: number };
        assert.notEqual(where.pid, child.pid, "not the command's process");
        assert.equal(where.ppid, child.pid, "a process the command started");
    });

    it("ships no file that imports the tests' in-process check, or anything else of test/", () => {
        const offenders = shippedSources().filter(file => /(from\s+|require\()["'][^"']*(\btest\/|in-process)/.test(fs.readFileSync(file, "utf8")));
        assert.deepEqual(offenders, []);
    });
});
