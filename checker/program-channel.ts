// What the judging process (program-process.ts) and the program's process (program-host.ts) say to
// each other. Jobs go to the program's process as JSON lines on its standard input; on file descriptor
// 3 it answers with frames: a four-byte big-endian length, one byte of kind, the payload.
import type { Target } from "./target";

/** One run: the target to run, and a nonce the end of the run must carry. */
export interface ProgramJob { nonce: string; target: Target }

/**
 * Frame kinds: the host's key (its first frame, sent before any program loads), a registration (the
 * RegisterResourceRequest's bytes), a guessed invoke (its token), the end of a run (JSON {nonce, key,
 * message?}). The end of a run counts only with the key: a program can read a job's nonce (it shares the
 * host's standard input, and a reused host gets the next job there), never the key, which only ever went
 * out on this channel, before the program existed.
 */
export const frameKinds = { hello: 0x48, registration: 0x52, unknownInvoke: 0x49, done: 0x44, failed: 0x45 } as const;

/** The file descriptor of the frames, in the program's process. */
export const channelFd = 3;

/**
 * The mark the host writes on stdout and on stderr after a run (program-host.ts): what came before it
 * is that run's output. It carries the job's nonce, so a program cannot print it early.
 */
export function endOfOutputMark(nonce: string): string {
    return `\n[hipaa-cloud: end of run ${nonce}]\n`;
}
