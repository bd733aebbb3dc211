// Reading a file the user names (Pulumi.yaml, stack files, --config-file, --policy-config, a program's
// package.json), with a size limit: one place that opens, checks what was opened and reads at most the
// limit, so `--config-file /dev/zero`, a FIFO, a directory or a 100 MB file is refused by name instead
// of hanging or exhausting memory.
import * as fs from "node:fs";
import { CheckError, messageOf } from "./errors";

const MiB = 1024 * 1024;

/**
 * The limits, by kind of file. A real stack file or Pulumi.yaml is a few KiB; 1 MiB leaves two orders of
 * magnitude. A policy config with a long exemption list stays well under 4 MiB.
 */
export const fileLimits = { yaml: MiB, policyConfig: 4 * MiB, packageJson: MiB } as const;

/** "1 MiB", "512 bytes": a limit as the messages state it. */
export function sizeText(bytes: number): string {
    return bytes % MiB === 0 ? `${bytes / MiB} MiB` : `${bytes} bytes`;
}

function kindOf(st: fs.Stats): string {
    if (st.isDirectory()) return "a directory";
    if (st.isFIFO()) return "a FIFO (named pipe)";
    if (st.isCharacterDevice()) return "a character device";
    if (st.isBlockDevice()) return "a block device";
    if (st.isSocket()) return "a socket";
    return "not a regular file";
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The text of `file`, UTF-8 (a leading byte-order mark dropped), at most `limit` bytes. `what` starts every
 * message ("--config-file x.yaml", or the file's path). Refused: a missing or unreadable file, anything
 * but a regular file (checked on the opened descriptor, so a symlink or a swap between a check and the
 * open changes nothing), a file over the limit (reading stops at limit + 1 bytes, so a file that grows
 * while it is read cannot exceed it either), and bytes that are not UTF-8 (Pulumi refuses those too).
 */
export function readBoundedFile(file: string, what: string, limit: number): string {
    let fd: number;
    try {
        // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever; on a regular file it changes nothing.
        fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new CheckError(`${what}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${messageOf(e)})`}`);
    }
    try {
        const st = fs.fstatSync(fd);
        if (!st.isFile()) throw new CheckError(`${what}: is ${kindOf(st)}; expected a regular file`);
        const tooLarge = () => new CheckError(`${what}: larger than ${sizeText(limit)}, the limit for this file`);
        if (st.size > limit) throw tooLarge();
        // Sized by fstat, grown (up to limit + 1 bytes) only if the file grows while it is read.
        let buffer = Buffer.alloc(st.size + 1);
        let length = 0;
        for (;;) {
            if (length > limit) throw tooLarge();
            if (length === buffer.length) {
                const bigger = Buffer.alloc(Math.min(buffer.length * 2, limit + 1));
                buffer.copy(bigger);
                buffer = bigger;
            }
            const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
            if (n === 0) break;
            length += n;
        }
        return decode(buffer.subarray(0, length), what);
    } catch (e) {
        if (e instanceof CheckError) throw e;
        throw new CheckError(`${what}: cannot be read (${messageOf(e)})`);
    } finally {
        fs.closeSync(fd);
    }
}

function decode(bytes: Uint8Array, what: string): string {
    try {
        return utf8.decode(bytes);
    } catch {
        throw new CheckError(`${what}: is not UTF-8 text`);
    }
}
