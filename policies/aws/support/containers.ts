// ECS task definitions as the rules read them: containerDefinitions is JSON text (or an object a
// hand-written program gives); read once per resource however many rules judge it.
import type { PolicyResource } from "../../lib/rule";
import { asArray, isUnknown, parseJson, Unknown } from "../../lib/values";

export type Container = Record<string, unknown>;

const parsed = new WeakMap<object, Container[] | Unknown>();

/** The container definitions of a task definition; UNKNOWN while they embed values unknown at preview. Unparseable JSON throws (fails closed). */
export function containersOf(r: PolicyResource): Container[] | Unknown {
    let out = parsed.get(r.props);
    if (out === undefined) {
        const doc = parseJson(r.props.containerDefinitions);
        out = isUnknown(doc) ? doc : asArray(doc as Container[]).filter((c): c is Container => !!c && typeof c === "object" && !Array.isArray(c));
        parsed.set(r.props, out);
    }
    return out;
}

/**
 * Every value a container definition gives a field under any capitalisation (`privileged`, `Privileged`,
 * `PRIVILEGED`): the provider decodes the JSON with Go's encoding/json, which matches field names without
 * case and lets the last of several spellings win, so each spelling is one the cloud may take. A rule that
 * read only the exact name would pass `"Privileged": true`.
 */
export function fieldValues(obj: unknown, name: string): unknown[] {
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return [];
    const lower = name.toLowerCase();
    return Object.entries(obj as Record<string, unknown>).filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
}

/**
 * Whether an environment variable's name says it carries a credential (PASSWORD, SECRET, TOKEN, API_KEY,
 * PRIVATE_KEY, CREDENTIALS, in any case and with any separators), or its value holds credentials in a URL
 * (`scheme://user:password@host`). A variable that passes this may still hold one: the name is the program's
 * word for what it is, and the finding, when there is one, names it.
 */
export function credentialIn(name: unknown, value: unknown): string | undefined {
    const key = typeof name === "string" ? name.toLowerCase().replace(/[^a-z0-9]/g, "") : "";
    const word = ["password", "passwd", "pwd", "secret", "token", "apikey", "privatekey", "credential", "accesskey", "authkey"].find(w => key.includes(w));
    if (word && typeof value === "string" && value.trim() !== "") return `its name says it holds a ${word === "pwd" || word === "passwd" ? "password" : word}`;
    if (typeof value === "string" && /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value)) return "its value is a URL with a user name and password";
    return undefined;
}
