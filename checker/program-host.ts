// The process a checked program runs in. The process that judges (checker/program-process.ts) starts
// it, sends it jobs as JSON lines on standard input ({nonce, target}), and reads what it sends
// back on file descriptor 3: every registration as the bytes the SDK would send to the engine, every
// invoke the mocks could only guess, and the end of each run (done, or the program's error) carrying
// the job's nonce. What the program prints stays on this process's stdout and stderr, which the judging
// process keeps as the program's log.
//
// The program shares this process, so it can patch builtins, replace modules or exit at will. That is
// why nothing here decides anything: the judging process reads the registrations itself, and treats a
// run that did not end with this host's key and this job's nonce (the program exited, was killed, or wrote to the channel
// itself) as a refused run. The few functions this file needs are taken before any program loads.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import { Worker } from "node:worker_threads";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { messageOf } from "./errors";
import type { RegistrationSink } from "./mocks";
import { channelFd, endOfOutputMark, frameKinds, ProgramJob } from "./program-channel";

const writeSync = fs.writeSync;
const parseJson = JSON.parse;
const stringify = JSON.stringify;
const encoder = new TextEncoder();
const encode = encoder.encode.bind(encoder);
// The program's output streams, as they are before it runs (it may replace process.stdout).
const outputs = [process.stdout, process.stderr].map(stream => stream.write.bind(stream) as (chunk: Uint8Array, done: () => void) => boolean);
const waitBuffer = new Int32Array(new SharedArrayBuffer(4));
const wait = Atomics.wait;

function writeFully(bytes: Uint8Array): void {
    for (let offset = 0; offset < bytes.length;) {
        try {
            offset += writeSync(channelFd, bytes, offset, bytes.length - offset);
        } catch (e) {
            // The channel is blocking, but a full one may still say so: let the reader catch up.
            if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
            wait(waitBuffer, 0, 0, 5);
        }
    }
}

const exit = process.exit.bind(process);

/** Sends one frame. A channel that fails (the program closed it) ends the process: the judging one then refuses the run. */
function send(kind: number, payload: Uint8Array): void {
    try {
        sendFrame(kind, payload);
    } catch {
        exit(70);
    }
}

function sendFrame(kind: number, payload: Uint8Array): void {
    const n = payload.length;
    writeFully(new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, kind]));
    writeFully(payload);
}

const sink: RegistrationSink = {
    registration: (req: resproto.RegisterResourceRequest) => send(frameKinds.registration, req.serializeBinary()),
    unknownInvoke: (token: string) => send(frameKinds.unknownInvoke, encode(token)),
};

/**
 * If the judging process dies (killed with SIGKILL, so it could not stop this one), end this process
 * and everything the program started (this process leads its own process group). A worker thread does
 * it: it runs even while the program keeps the main thread in an endless loop.
 */
function watchParent(): void {
    const watchdog = new Worker(`
        const { workerData } = require("node:worker_threads");
        setInterval(() => { if (process.ppid !== workerData.ppid) process.kill(-workerData.pid, "SIGKILL"); }, 500);
    `, { eval: true, workerData: { ppid: process.ppid, pid: process.pid } });
    watchdog.unref();
}

/** The host's key: made and sent before any program loads, kept only in this module's scope. */
const key = randomBytes(16).toString("hex");

async function main(): Promise<void> {
    send(frameKinds.hello, encode(key));
    watchParent();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EngineEmulation } = require("./emulation/engine") as typeof import("./emulation/engine");
    const emulation = new EngineEmulation();
    let pending = "";
    let queue = Promise.resolve();
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
        pending += chunk;
        for (let nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n")) {
            const job = parseJson(pending.slice(0, nl)) as ProgramJob;
            pending = pending.slice(nl + 1);
            queue = queue.then(() => runJob(job, emulation));
        }
    });
    // The judging process closed our input: it is done with us.
    process.stdin.on("end", () => process.exit(0));
    // The SDK loads now, while the judging process still reads the stack and the rules; jobs that
    // arrive meanwhile wait in the pipe. The emulation stays installed until the process ends.
    emulation.install();
}

async function runJob(job: ProgramJob, emulation: import("./emulation/engine").EngineEmulation): Promise<void> {
    let end: { nonce: string; key: string; message?: string } = { nonce: job.nonce, key };
    try {
        await emulation.run(job.target, sink);
    } catch (e) {
        let message: string;
        try {
            message = messageOf(e);
        } catch {
            message = "the program failed with a value that cannot be shown";
        }
        end = { nonce: job.nonce, key, message };
    }
    // Through the streams the program printed to, so the mark comes after everything it printed (a
    // write to a full pipe is queued), and the end of the run only once both marks are out.
    const mark = encode(endOfOutputMark(job.nonce));
    await Promise.all(outputs.map(write => new Promise<void>(resolve => write(mark, resolve))));
    send(end.message === undefined ? frameKinds.done : frameKinds.failed, encode(stringify(end)));
}

void main();
