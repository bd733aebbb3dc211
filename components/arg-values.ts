// How a component reads an argument's value before it judges it: deferred (an Output or a promise), quoted in a
// problem, or given under a new name or its deprecated one. It imports nothing of ours: aws/existing.ts uses it,
// and config.ts imports aws/existing.ts, so a module here that reached config.ts would make a cycle in which
// config.ts read aws/existing.ts half-loaded (importing aws/storage.ts first threw "reading 'kmsKey'").
import * as pulumi from "@pulumi/pulumi";

/** A value only known at deployment: an Output or a promise. Judged by the pack (as unknown when it stays so), not here. */
export function isDeferred(v: unknown): boolean {
    return pulumi.Output.isInstance(v) || (typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function");
}

/** A value as a problem quotes it: strings quoted, numbers as written (NaN too), anything else as JSON. */
export function shown(value: unknown): string {
    return typeof value === "number" ? String(value) : JSON.stringify(value) ?? String(value);
}

/**
 * A renamed argument (one vocabulary on three clouds): its value and the name the caller gave it — the
 * new name, else the deprecated one — so that a problem names what the caller wrote. Both at once is a
 * problem, whatever the two values are: a null or an empty string is a value someone wrote, never "unset".
 */
export function renamedArg<T>(args: object, name: string, deprecated: string): { value: T | undefined; argName: string; problem?: string } {
    const given = args as Record<string, unknown>;
    const old = given[name] === undefined && given[deprecated] !== undefined;
    return {
        value: (old ? given[deprecated] : given[name]) as T | undefined,
        argName: old ? deprecated : name,
        problem: given[name] !== undefined && given[deprecated] !== undefined
            ? `Only one of '${name}', '${deprecated}' is allowed: '${deprecated}' is the deprecated name of '${name}'.` : undefined,
    };
}

/**
 * A renamed argument judged by `problemOf` under the name the caller wrote: its value — `fallback` only
 * when neither name is given (a null stays null, and is judged) — and its problems, "both at once" first.
 */
export function checkedRenamedArg<T>(args: object, name: string, deprecated: string,
    problemOf: (argName: string, value: unknown) => string | undefined, fallback?: T): { value: T; problems: (string | undefined)[] } {
    const arg = renamedArg<T>(args, name, deprecated);
    const value = (arg.value === undefined ? fallback : arg.value) as T;
    return { value, problems: [arg.problem, problemOf(arg.argName, value)] };
}

/** What a component reads of its customer-managed key argument: the key, and the problems of that argument. */
export type KeyArgReading<K> = { key: K; problems: (string | undefined)[] };

/**
 * The reader of a cloud's customer-managed key argument: `key` on the three clouds, or the cloud's older name
 * (`deprecated`; both at once is refused), judged by the cloud's own `problemOf` (an ARN, a crypto key id,
 * the hospital's Keys). One reading; each cloud gives only what differs.
 */
export function keyArgReader<Args extends object, K>(deprecated: string & keyof Args,
    problemOf: (argName: string, value: unknown) => string | undefined): (args: Args) => KeyArgReading<K> {
    return args => {
        const arg = checkedRenamedArg<K>(args, "key", deprecated, problemOf);
        return { key: arg.value, problems: arg.problems };
    };
}
