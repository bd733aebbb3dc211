// Runs the checker's command line in a child process (a fresh Pulumi runtime per run, as the CLI
// has), from the TypeScript sources through ts-node in transpile-only mode.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const root = path.resolve(__dirname, "../..");
export const fixtures = path.join(root, "test/fixtures");
export const fixtureRules = path.join(fixtures, "rules.ts");
const cli = path.join(root, "checker/cli.ts");
const tsNode = require.resolve("ts-node/register/transpile-only", { paths: [root] });

export interface CliResult { code: number | null; stdout: string; stderr: string }

// At most one child per core: the suite shares the machine, and thrashing only makes every run slower.
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
    if (running >= os.availableParallelism()) await new Promise<void>(r => waiting.push(r));
    running++;
    try {
        return await work();
    } finally {
        running--;
        waiting.shift()?.();
    }
}

/** Spawned checks take seconds each (Node, ts-node, the SDK); hooks and tests that spawn allow this long. */
export const spawnTimeout = 300_000;

export function runCli(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
    return slot(() => spawnCli(args, options));
}

function spawnCli(args: string[], options: { cwd?: string }): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", tsNode, cli, ...args], {
            cwd: options.cwd ?? root, stdio: ["ignore", "pipe", "pipe"],
            // ts-node must use this package's tsconfig even when the child runs in another folder.
            env: { ...process.env, TS_NODE_PROJECT: path.join(root, "tsconfig.json") },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", d => { stdout += d; });
        child.stderr.on("data", d => { stderr += d; });
        child.on("error", reject);
        child.on("close", code => resolve({ code, stdout, stderr }));
    });
}

/** The command line that checks a fixture program with the fixed fixture rules. */
export function fixtureArgs(program: string, ...args: string[]): string[] {
    return ["check", "--program", path.join(fixtures, program), "--rules", fixtureRules, ...args];
}

/** A check of a fixture program with the fixed fixture rules, in a spawned command line. */
export function checkFixture(program: string, ...args: string[]): Promise<CliResult> {
    return runCli(fixtureArgs(program, ...args));
}

/** Temporary folders to remove when the test run ends: one exit listener for all (one each passed Node's limit of ten). */
const tempDirs: string[] = [];
process.once("exit", () => { for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true }); });

/** A fresh temporary folder, removed at the end of the test run. */
export function tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hipaa-cloud-${prefix}-`));
    tempDirs.push(dir);
    return dir;
}
