// --all-stacks: every stack file of the project, each checked in a child process of its own (the
// Pulumi runtime's state is per process), at most --jobs at a time (default one per core), with a
// progress line per stack on standard error.
import { ChildProcess, fork, spawn } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import type { CheckArgs } from "./args";
import { CheckError } from "./errors";
import { compiled, packageRoot } from "./paths";
import { readProject, stackFiles } from "./project";
import type { CheckReport, StackError } from "./report/model";
import { ownProject } from "./run";
import type { WorkerAnswer, WorkerJob } from "./worker";

export interface AllStacksResult { reports: CheckReport[]; errors: StackError[] }

/** How to start this checker in a child: the compiled CLI, or the sources through ts-node. */
function childCommand(): string[] {
    const cli = path.join(__dirname, compiled ? "cli.js" : "cli.ts");
    return compiled ? [cli] : ["-r", require.resolve("ts-node/register/transpile-only", { paths: [packageRoot] }), cli];
}

function childArgs(args: CheckArgs, stack: string): string[] {
    const out = ["check", "--stack", stack, "--format", "json", "--timeout", String(args.timeoutSeconds)];
    if (args.program) out.push("--program", path.resolve(args.program));
    if (args.policyConfig) out.push("--policy-config", path.resolve(args.policyConfig));
    if (args.rules) out.push("--rules", path.resolve(args.rules));
    for (const c of args.config) out.push("--config", c);
    return out;
}

export async function checkAllStacks(args: CheckArgs): Promise<AllStacksResult> {
    const project = args.program ? readProject(path.resolve(args.program)) : ownProject();
    const stacks = [...stackFiles(project).keys()];
    if (!stacks.length) throw new CheckError(`--all-stacks: no stack files (Pulumi.<stack>.yaml) in ${project.stackConfigDir}`);
    const jobs = Math.min(args.jobs ?? os.availableParallelism(), stacks.length);
    const results = new Array<CheckReport | StackError>(stacks.length);
    let next = 0;
    let done = 0;
    const started = performance.now();
    const worker = async () => {
        const reused = args.reuseProcesses ? new ReusedWorker() : undefined;
        while (next < stacks.length) {
            const i = next++;
            const t0 = performance.now();
            results[i] = reused ? await reused.check(args, stacks[i]) : await checkInChild(args, stacks[i]);
            const r = results[i];
            const secs = ((performance.now() - t0) / 1000).toFixed(1);
            const line = "summary" in r
                ? `${r.summary.mandatory ? "FAIL" : "pass"}  ${r.summary.resources} resources, ${r.summary.mandatory} mandatory, ${r.summary.advisory} advisory, ${r.summary.exempted} exempted`
                : `ERROR ${r.message.split("\n")[0]}`;
            process.stderr.write(`[${++done}/${stacks.length}] ${stacks[i]}: ${line} (${secs} s)\n`);
        }
        reused?.stop();
    };
    await Promise.all(Array.from({ length: jobs }, worker));
    process.stderr.write(`checked ${stacks.length} stacks in ${((performance.now() - started) / 1000).toFixed(1)} s, ${jobs} at a time` +
        `${args.reuseProcesses ? " (reused processes)" : " (a process per stack)"}\n`);
    return {
        reports: results.filter((r): r is CheckReport => "summary" in r),
        errors: results.filter((r): r is StackError => !("summary" in r)),
    };
}

/** Node options and module for a child: the sources need ts-node (with this package's tsconfig). */
function childEnv(): NodeJS.ProcessEnv {
    return compiled ? process.env : { ...process.env, TS_NODE_PROJECT: path.join(packageRoot, "tsconfig.json") };
}

/**
 * The default (--process-per-stack turns it off): one process checks several stacks one after another, each in a fresh Pulumi
 * runtime state with the program's modules loaded anew, so the SDK loads once per process instead of
 * once per stack. A process whose stack failed is replaced (a failed program may leave work behind).
 */
class ReusedWorker {
    private child?: ChildProcess;

    check(args: CheckArgs, stack: string): Promise<CheckReport | StackError> {
        const child = this.child ??= fork(path.join(__dirname, compiled ? "worker.js" : "worker.ts"), [], {
            execArgv: compiled ? [] : ["-r", require.resolve("ts-node/register/transpile-only", { paths: [packageRoot] })],
            env: childEnv(), stdio: ["ignore", "ignore", "pipe", "ipc"],
        });
        const job: WorkerJob = { args: { ...args, allStacks: false, stack, format: "json", out: undefined } };
        return new Promise(resolve => {
            const onExit = (code: number | null) => { this.child = undefined; resolve({ stack, message: `the checker process exited (${code}) while checking this stack` }); };
            child.once("exit", onExit);
            child.once("message", (answer: WorkerAnswer) => {
                child.off("exit", onExit);
                if ("report" in answer) { resolve(answer.report); return; }
                this.stop();
                resolve({ stack, message: answer.error });
            });
            child.send(job);
        });
    }

    stop(): void {
        this.child?.kill();
        this.child = undefined;
    }
}

function checkInChild(args: CheckArgs, stack: string): Promise<CheckReport | StackError> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [...childCommand(), ...childArgs(args, stack)], {
            stdio: ["ignore", "pipe", "pipe"],
            // From the sources, ts-node must use this package's tsconfig whatever the working folder.
            env: childEnv(),
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", d => out.push(d));
        child.stderr.on("data", d => err.push(d));
        child.on("error", e => resolve({ stack, message: `could not start a checker process: ${e.message}` }));
        child.on("close", code => {
            const stderr = Buffer.concat(err).toString().trim().replace(/^hipaa-cloud: /, "");
            if (code === 0 || code === 1) {
                try {
                    resolve(JSON.parse(Buffer.concat(out).toString()) as CheckReport);
                } catch (e) {
                    resolve({ stack, message: `the checker's report could not be read: ${(e as Error).message}` });
                }
            } else {
                resolve({ stack, message: stderr || `the checker exited with status ${code}` });
            }
        });
    });
}
