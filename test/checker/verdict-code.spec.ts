// A checked program runs as the user who checks it: it can write any file they can, the checker's own code
// and its libraries' included. What it cannot do is change the code that judges it in the run that judges
// it: the judging process has loaded all of that code (rules, judging, the SDK's decoder of registrations,
// the report's renderer) before the program starts running, and loads none after (cli.ts loadWhatJudges),
// on each path that runs programs: one check, --all-stacks, and --state with a program.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fixtures, root, spawnTimeout, tempDir } from "./helpers";

const cli = path.join(root, "checker/cli.ts");
const tsNode = require.resolve("ts-node/register/transpile-only", { paths: [root] });
const program = path.join(fixtures, "program-verdict-code");

/** Records, in every process it is loaded into, each module compiled (CommonJS and JSON) and when, written at exit per process. */
const recorder = `
const Module = require("module"), fs = require("fs");
const loads = [];
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename, ...rest) { loads.push([Date.now(), filename]); return compile.call(this, content, filename, ...rest); };
const json = Module._extensions[".json"];
Module._extensions[".json"] = function (module, filename) { loads.push([Date.now(), filename]); return json(module, filename); };
process.on("exit", () => fs.writeFileSync(process.env.HIPAA_CLOUD_TEST_LOADS + "." + process.pid, JSON.stringify(loads)));
`;

/** The modules the check's own process loaded after the program first started running, by a check with `args`. */
async function loadedAfterTheProgramRan(args: string[]): Promise<{ late: string[]; loads: number; code: number | null; stderr: string }> {
    const dir = tempDir("verdict-code");
    const hook = path.join(dir, "recorder.js");
    fs.writeFileSync(hook, recorder);
    const marker = path.join(dir, "marker");
    const records = path.join(dir, "loads");
    const child = spawn(process.execPath, ["-r", tsNode, "-r", hook, cli, ...args], {
        cwd: root, stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json"), HIPAA_CLOUD_TEST_MARKER: marker, HIPAA_CLOUD_TEST_LOADS: records },
    });
    let stderr = "";
    child.stdout.resume();
    child.stderr.on("data", d => { stderr += d; });
    const code = await new Promise<number | null>(resolve => child.on("close", resolve));
    const started = Math.min(...fs.readFileSync(marker, "utf8").trim().split("\n").map(Number));
    const own: [number, string][] = JSON.parse(fs.readFileSync(`${records}.${child.pid}`, "utf8"));
    return { late: own.filter(([t]) => t >= started).map(([, f]) => path.relative(root, f)), loads: own.length, code, stderr };
}

describe("the code that judges a program is loaded before the program runs", function () {
    this.timeout(spawnTimeout);

    for (const [name, args] of [
        ["one check, text", ["check", "--program", program, "--stack", "a"]],
        ["one check, JUnit", ["check", "--program", program, "--stack", "a", "--format", "junit"]],
        ["one check, OSCAL", ["check", "--program", program, "--stack", "a", "--format", "oscal"]],
        ["--all-stacks, SARIF", ["check", "--program", program, "--all-stacks", "--format", "sarif"]],
    ] as const) {
        it(`loads no module once the program runs: ${name}`, async () => {
            const { late, loads, code, stderr } = await loadedAfterTheProgramRan([...args]);
            assert.equal(code, 1, `the unencrypted bucket is a mandatory finding: ${stderr}`);
            assert.ok(loads > 100, "the recorder saw the check's own loads");
            assert.deepEqual(late, []);
        });
    }
});
