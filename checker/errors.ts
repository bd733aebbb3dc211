// The one error the checker turns into exit status 2: a usage, config or program problem, with a
// message that names the key or file and says why. Anything else that escapes is a checker bug.

export class CheckError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "CheckError";
    }
}

/** An error's message without a stack trace (errors from a program may come from another realm). */
export function messageOf(e: unknown): string {
    if (e instanceof Error) return e.message;
    if (e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string") return (e as { message: string }).message;
    return String(e);
}
