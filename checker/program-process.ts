// A checked program's own process, seen from the process that judges it. The program runs in a child
// (checker/program-host.ts); this side reads its registrations from the channel and decodes them
// itself, keeps what it prints as a bounded log, kills it at the timeout, and refuses any run that did
// not end as the job it was given: the program exited or was killed before it finished, or the channel
// carried something the host did not send. Policies run in this process, where no program ever ran.
import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import { timeoutMs } from "./args";
import { CheckError } from "./errors";
import { compiled, packageRoot } from "./paths";
import { endOfOutputMark, frameKinds, ProgramJob } from "./program-channel";
import { RecordedResource, recordRegistration } from "./registration";
import type { Target } from "./target";

/**
 * The SDK's decoder of registrations (its protobuf messages: 60 ms to load), loaded after the program's process
 * is started, which is what a check waits for, and before the program runs (cli.ts loadWhatJudges).
 */
export function registrationRequest(): typeof RegisterResourceRequest {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("@pulumi/pulumi/proto/resource_pb") as typeof import("@pulumi/pulumi/proto/resource_pb")).RegisterResourceRequest;
}

/** What one run of a program registered, as this process read it. */
export interface ProgramRun {
    resources: RecordedResource[];
    unknownInvokes: string[];
    /** What the program printed, cut at `logLimitBytes`. */
    log: string[];
}

/** The most of a program's output a report keeps; the rest is counted, not kept. */
export const logLimitBytes = 1024 * 1024;
/** The largest single registration accepted on the channel. */
const frameLimitBytes = 256 * 1024 * 1024;

/**
 * What one run may take. The program's process gets an explicit heap: with the judging process's own
 * share (the records and report of 50,000 resources take a few hundred MB) a check stays under 4 GB, and
 * a program that needs more ends as a refused run saying how far it got, never as node's raw dump in
 * the judging process. The judging process keeps every registration it reads, so it bounds them itself:
 * a program can write registrations to the channel directly, at no cost of its own.
 */
export interface RunLimits {
    /** The program's process's V8 heap (`--max-old-space-size`), in MB. */
    heapMb: number;
    /** Registrations one run may send. */
    registrations: number;
    /** Bytes of registrations one run may send. */
    registrationBytes: number;
}

export const defaultRunLimits: RunLimits = { heapMb: 3072, registrations: 250_000, registrationBytes: 512 * 1024 * 1024 };

const live = new Set<ChildProcess>();
let signalsHandled = false;

/** Ends every program process this process started, and whatever those started (their process groups). */
export function killAllPrograms(): void {
    for (const child of live) killGroup(child);
}

function killGroup(child: ChildProcess): void {
    live.delete(child);
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
        process.kill(-child.pid, "SIGKILL");
    } catch {
        child.kill("SIGKILL");
    }
}

/** SIGINT / SIGTERM to the checker: no program process is left behind. */
function handleSignals(): void {
    if (signalsHandled) return;
    signalsHandled = true;
    process.on("exit", killAllPrograms);
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
        process.on(signal, () => {
            killAllPrograms();
            process.exit(code);
        });
    }
}

/** How to start the host: compiled, or from the sources through ts-node with this package's tsconfig. */
function hostCommand(programDir: string, heapMb: number): { args: string[]; env: NodeJS.ProcessEnv } {
    const host = path.join(__dirname, compiled ? "program-host.js" : "program-host.ts");
    // On the command line, the heap limit wins over one in NODE_OPTIONS. A young generation of 32 MB semi-spaces
    // (node 20's default: 16 MB) lets the SDK's short-lived Outputs and promises of a registration die young instead
    // of being promoted as garbage the old generation keeps until a full collection: at 10,000 resources the
    // program's process peaked at 760-806 MB instead of 995-1,040 MB (three runs each), for the same CPU time
    // (`npm run bench -- --buckets`, section 6; 24 and 32 MB did as well, 4 and 48-64 MB worse).
    const heap = [`--max-old-space-size=${heapMb}`, "--max-semi-space-size=32"];
    // The program's folder on the command line only names the process in `ps`; the host reads its jobs from stdin.
    if (compiled) return { args: [...heap, host, programDir], env: process.env };
    return {
        args: [...heap, "-r", require.resolve("ts-node/register/transpile-only", { paths: [packageRoot] }), host, programDir],
        env: { ...process.env, TS_NODE_PROJECT: path.join(packageRoot, "tsconfig.json") },
    };
}

interface ActiveRun {
    job: ProgramJob;
    resources: RecordedResource[];
    /** Bytes of the registrations read so far. */
    registrationBytes: number;
    unknownInvokes: Set<string>;
    log: LogBuffer;
    /** stdout and stderr, each until the host's end-of-run mark: the log is whole only when both are read. */
    output: [OutputStream, OutputStream];
    /** The end of the run the channel carried: undefined while it runs, else null (done) or the program's error. */
    ended?: CheckError | null;
    resolve(run: ProgramRun): void;
    reject(e: CheckError): void;
}

/**
 * One program process, which may run several jobs in turn (the --all-stacks default: the SDK loads once
 * per process). After a run that failed, the process is ended: the next run gets a new one.
 */
export class ProgramProcess {
    private child?: ChildProcess;
    private active?: ActiveRun;
    private pending: Buffer = Buffer.alloc(0);
    /** The host's key, from its first frame: the end of a run must carry it. */
    private key?: string;

    /** `limits`: the defaults, smaller in tests. */
    constructor(private readonly limits: RunLimits = defaultRunLimits) {}

    run(target: Target, timeoutSeconds: number): Promise<ProgramRun> {
        handleSignals();
        const child = this.start(target.project.dir);
        const job: ProgramJob = { nonce: randomBytes(16).toString("hex"), target };
        const main = target.project.main;
        return new Promise<ProgramRun>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.fail(new CheckError(`${main}: the program did not finish within ${timeoutSeconds} s ` +
                    "(a promise that never settles, an endless loop, or an endless loop of resources); raise --timeout if it is only slow"));
            }, timeoutMs(timeoutSeconds));
            const log = new LogBuffer();
            const mark = Buffer.from(endOfOutputMark(job.nonce));
            this.active = {
                job, resources: [], registrationBytes: 0, unknownInvokes: new Set(), log, output: [new OutputStream(mark, log), new OutputStream(mark, log)],
                resolve: run => { clearTimeout(timer); resolve(run); },
                reject: e => { clearTimeout(timer); reject(e); },
            };
            child.stdin!.write(JSON.stringify(job) + "\n");
        });
    }

    /** Ends the process (and everything the program started). */
    stop(): void {
        if (this.child) {
            killGroup(this.child);
            this.child = undefined;
        }
    }

    /**
     * Starts the process now, if it is not running: it loads the SDK while the caller prepares the first
     * run. `programDir` only names the process (in `ps`).
     */
    start(programDir: string): ChildProcess {
        if (this.child) return this.child;
        const { args, env } = hostCommand(programDir, this.limits.heapMb);
        // Its own process group: killing it takes along anything the program started.
        const child = spawn(process.execPath, args, { env, detached: true, stdio: ["pipe", "pipe", "pipe", "pipe"] });
        live.add(child);
        this.child = child;
        this.pending = Buffer.alloc(0);
        this.key = undefined;
        child.stdout!.on("data", (d: Buffer) => this.output(0, d));
        child.stderr!.on("data", (d: Buffer) => this.output(1, d));
        (child.stdio[3] as NodeJS.ReadableStream).on("data", (d: Buffer) => this.receive(d));
        child.stdin!.on("error", () => undefined); // a child that died: its exit is reported below
        child.on("error", e => this.fail(new CheckError(`could not start the program's process: ${e.message}`)));
        child.on("exit", (code, signal) => {
            live.delete(child);
            // A process this object ended itself (stop) is no news; the next run may already be under way in a new one.
            if (this.child !== child) return;
            this.child = undefined;
            const active = this.active;
            if (!active) return;
            const main = active.job.target.project.main;
            const how = signal ? `was killed by ${signal}` : `exited (code ${code})`;
            const oom = /heap out of memory|Allocation failed/.test(active.log.tail());
            this.fail(new CheckError(oom
                ? `${main}: the program ran out of memory after ${progress(active)}: its process's heap limit is ${this.limits.heapMb} MB ` +
                  "(check the stack in parts, or a smaller one)"
                : `${main}: the program ${how} before it finished (after ${progress(active)})`));
        });
        return child;
    }

    /** Frames from the channel: registrations, guessed invokes, and the end of the run. */
    private receive(data: Buffer): void {
        this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
        while (this.pending.length >= 5) {
            const length = this.pending.readUInt32BE(0);
            if (length > frameLimitBytes) return this.tampered(`a message of ${length} bytes`);
            if (this.pending.length < 5 + length) return;
            const kind = this.pending[4];
            const payload = this.pending.subarray(5, 5 + length);
            this.pending = this.pending.subarray(5 + length);
            if (this.key === undefined) {
                // The host's first frame, written before any program could run.
                if (kind !== frameKinds.hello) return this.tampered("a message before the host's first one");
                this.key = payload.toString("utf8");
                continue;
            }
            const active = this.active;
            if (!active) return this.tampered("a message between runs");
            try {
                this.frame(active, kind, payload);
            } catch (e) {
                return this.tampered(`a message that could not be read (${(e as Error).message})`);
            }
            if (this.active !== active) return; // the frame ended the run (a limit)
        }
    }

    private frame(active: ActiveRun, kind: number, payload: Buffer): void {
        const { target } = active.job;
        switch (kind) {
            case frameKinds.registration: {
                const { registrations, registrationBytes } = this.limits;
                if (active.resources.length >= registrations || active.registrationBytes + payload.length > registrationBytes) {
                    const limit = active.resources.length >= registrations ? `${registrations} registrations` : `${megabytes(registrationBytes)} of registrations`;
                    return this.fail(new CheckError(`${target.project.main}: the check stopped after ${progress(active)}: ` +
                        `the program sent more than ${limit}, the most one check reads (check the stack in parts)`));
                }
                active.registrationBytes += payload.length;
                active.resources.push(recordRegistration(registrationRequest().deserializeBinary(payload), target.stack, target.project.name));
                return;
            }
            case frameKinds.unknownInvoke:
                active.unknownInvokes.add(payload.toString("utf8"));
                return;
            case frameKinds.done:
            case frameKinds.failed: {
                const end = JSON.parse(payload.toString("utf8")) as { nonce?: unknown; key?: unknown; message?: unknown };
                if (end.key !== this.key || end.nonce !== active.job.nonce || active.ended !== undefined) throw new Error("the end of a run that is not this one");
                active.ended = kind === frameKinds.failed ? new CheckError(String(end.message)) : null;
                this.settle(active);
                return;
            }
            default:
                throw new Error(`kind ${kind}`);
        }
    }

    /** What the program printed, up to the end-of-run mark of its stream. */
    private output(stream: 0 | 1, data: Buffer): void {
        const active = this.active;
        if (active && active.output[stream].add(data)) this.settle(active);
    }

    /** A run is over when the channel said so and both output streams reached their end-of-run mark. */
    private settle(active: ActiveRun): void {
        if (active.ended === undefined || !active.output.every(o => o.ended) || this.active !== active) return;
        this.active = undefined;
        if (active.ended) {
            // A failed program may leave work behind: the next run gets a new process.
            this.stop();
            active.reject(active.ended);
            return;
        }
        active.resolve({ resources: active.resources, unknownInvokes: [...active.unknownInvokes], log: active.log.lines() });
    }

    private tampered(what: string): void {
        const main = this.active?.job.target.project.main ?? "the program";
        this.fail(new CheckError(`${main}: the checker's channel carried ${what}, which the checker did not send: ` +
            "the program wrote to it itself, so its run cannot be judged"));
    }

    /** Ends the active run with `e` and the process with it. */
    private fail(e: CheckError): void {
        const active = this.active;
        this.active = undefined;
        this.stop();
        active?.reject(e);
    }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** How far a run got, for a message that ends it. */
function progress(run: ActiveRun): string {
    return `${run.resources.length} registrations (${megabytes(run.registrationBytes)})`;
}

/** One output stream of a run: its bytes go to the log until the end-of-run mark, found even across chunks. */
class OutputStream {
    ended = false;
    private carry: Buffer = Buffer.alloc(0);

    constructor(private readonly mark: Buffer, private readonly log: LogBuffer) {}

    /** Takes a chunk; true when it holds the end-of-run mark. */
    add(data: Buffer): boolean {
        if (this.ended) return false;
        const text = this.carry.length ? Buffer.concat([this.carry, data]) : data;
        const at = text.indexOf(this.mark);
        if (at >= 0) {
            this.log.add(text.subarray(0, at));
            this.ended = true;
            return true;
        }
        // Keep back what could be the start of a mark split across chunks.
        const keep = Math.min(text.length, this.mark.length - 1);
        this.log.add(text.subarray(0, text.length - keep));
        this.carry = Buffer.from(text.subarray(text.length - keep));
        return false;
    }
}

/** What a program prints, kept up to `logLimitBytes` and counted beyond. */
class LogBuffer {
    private chunks: Buffer[] = [];
    private kept = 0;
    private dropped = 0;
    private last = Buffer.alloc(0);

    add(d: Buffer): void {
        const room = logLimitBytes - this.kept;
        if (room > 0) {
            const part = d.length > room ? d.subarray(0, room) : d;
            this.chunks.push(part);
            this.kept += part.length;
        }
        this.dropped += Math.max(0, d.length - Math.max(room, 0));
        this.last = Buffer.concat([this.last, d]).subarray(-4096);
    }

    /** The last few KiB, kept even past the limit (an out-of-memory message comes last). */
    tail(): string {
        return this.last.toString("utf8");
    }

    lines(): string[] {
        const text = Buffer.concat(this.chunks).toString("utf8").replace(/\n$/, "");
        const lines = text ? text.split("\n") : [];
        if (this.dropped) lines.push(`[log truncated: ${this.dropped} more bytes the program printed are not kept (the limit is ${logLimitBytes} bytes)]`);
        return lines;
    }
}
