// The checker's command line run in the test's own process: `hipaa-cloud ARGS` exactly as
// checker/cli.ts's main() runs it, except that a checked program runs here too, under an engine
// emulation installed for its run and disposed of after it (checker/emulation/engine.ts), instead of
// in a process of its own. It saves a spawned checker and a spawned program process per check.
//
// Only tests reach it: the command line always runs a program in its own process, nothing under
// checker/ or bin/ imports this file (test/checker/isolation.spec.ts proves both). A test of what only a
// process boundary shows (exit codes as a shell sees them, signals, timeouts, a program that exits or
// forges the channel, start-up cost) spawns the command line (helpers.ts runCli).
import { AsyncLocalStorage } from "node:async_hooks";
import type { ProgramRunner } from "../../checker/check";
import { main } from "../../checker/cli";
import { EngineEmulation } from "../../checker/emulation/engine";
import { Recorder } from "../../checker/mocks";
import type { ProgramRun } from "../../checker/program-process";
import type { Target } from "../../checker/target";
import { CliResult, fixtureArgs } from "./helpers";

type Write = typeof process.stdout.write;

/** Runs `work` after every piece of work queued before it on `queue` has settled. */
function serialized<T>(queue: { tail: Promise<unknown> }, work: () => Promise<T>): Promise<T> {
    const result = queue.tail.then(work, work);
    queue.tail = result.catch(() => undefined);
    return result;
}

// One check at a time, and within a check (--all-stacks runs several stacks at once) one program at a
// time: the SDK's runtime state and the process's streams are the process's.
const checks = { tail: Promise.resolve() as Promise<unknown> };
const runs = { tail: Promise.resolve() as Promise<unknown> };

/** What a program run here prints: its log, kept apart from what the command writes by the run's async context. */
const programOutput = new AsyncLocalStorage<string[]>();

/**
 * What the command writes to standard output and standard error until `stop()`, instead of the streams;
 * what a program running here prints (in its run's async context) goes to that run's log instead.
 */
function captureCommandOutput(): { stdout: string[]; stderr: string[]; stop(): void } {
    const out = { stdout: [] as string[], stderr: [] as string[] };
    const streams = [[process.stdout, out.stdout], [process.stderr, out.stderr]] as const;
    const originals = streams.map(([stream]) => stream.write);
    for (const [stream, texts] of streams) {
        stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
            (programOutput.getStore() ?? texts).push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
            const done = rest.find(r => typeof r === "function") as (() => void) | undefined;
            if (done) queueMicrotask(done);
            return true;
        }) as Write;
    }
    return { ...out, stop: () => streams.forEach(([stream], i) => { stream.write = originals[i]; }) };
}

/** A program's run in this process: what it registered, and what it printed as its log. */
class InProcessRunner implements ProgramRunner {
    start(): void {}
    stop(): void {}

    run(target: Target): Promise<ProgramRun> {
        return serialized(runs, async () => {
            const recorder = new Recorder(target.project.name, target.stack);
            const printed: string[] = [];
            const emulation = new EngineEmulation();
            try {
                emulation.install();
                await programOutput.run(printed, () => emulation.run(target, recorder));
            } finally {
                emulation.dispose();
            }
            const text = printed.join("").replace(/\n$/, "");
            return { resources: recorder.resources, unknownInvokes: [...recorder.unknownInvokes], log: text ? text.split("\n") : [] };
        });
    }
}

/** `hipaa-cloud ARGS` with the program in this process: its exit status, and what it wrote on each stream. */
export function checkInProcess(args: string[]): Promise<CliResult> {
    return serialized(checks, async () => {
        const written = captureCommandOutput();
        let code: number;
        try {
            code = await main(args, () => new InProcessRunner());
        } finally {
            // A command that failed before it awaited its run (a refused policy config) cannot stop a run in
            // this process as it kills a program process: the run ends (and disposes of its emulation) first.
            await runs.tail;
            written.stop();
        }
        return { code, stdout: written.stdout.join(""), stderr: written.stderr.join("") };
    });
}

/** A check of a fixture program with the fixed fixture rules, in this process. */
export function checkFixtureInProcess(program: string, ...args: string[]): Promise<CliResult> {
    return checkInProcess(fixtureArgs(program, ...args));
}
