// Values a program marked secret (`pulumi.secret`, `secure:` config, `additionalSecretOutputs`) never
// reach a report: a finding about a secret property shows [secret] where the value would be, and any
// text of a secret value that still appears in a message (a note, a value read out of a secret JSON
// document) is replaced too. Over-hiding costs a detail; showing a secret cannot be undone.
import type { PolicyResource } from "./rule";
import { get, isUnknown, SECRET, show } from "./values";

/** Secret texts shorter than this are hidden only where a message quotes them: bare, they are ordinary words ("on", "1"). */
const shortestBareSecret = 4;

/** The texts of a resource's secret values: each value whole (objects as JSON) and every string or number inside. */
export function secretTexts(r: PolicyResource): string[] {
    const out: string[] = [];
    for (const p of r.secrets ?? []) collect(get(r.props, p), out);
    return out;
}

function collect(v: unknown, out: string[]): void {
    if (v === undefined || v === null || isUnknown(v)) return;
    if (typeof v === "string") {
        out.push(v);
        // A secret JSON document (an IAM policy): each value inside it is secret too.
        if (/^\s*[[{]/.test(v)) collect(parsedOrUndefined(v), out);
        return;
    }
    if (typeof v === "number" || typeof v === "boolean") { out.push(String(v)); return; }
    if (typeof v !== "object") return;
    out.push(JSON.stringify(v));
    for (const x of Object.values(v)) collect(x, out);
}

function parsedOrUndefined(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** Whether showing `found` would show a secret, or a part of one (a value read out of a secret document). */
export function showsSecret(found: unknown, secrets: readonly string[]): boolean {
    if (!secrets.length || found === undefined || isUnknown(found)) return false;
    const text = typeof found === "string" ? found : JSON.stringify(found) ?? String(found);
    return secrets.some(s => s.includes(text) || (text.includes(s) && s.length >= shortestBareSecret));
}

/** `text` with every secret text in it replaced by [secret]: quoted (as messages show strings) always, bare when long enough. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
    const mark = show(SECRET);
    let out = text;
    for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
        if (!s) continue;
        const quoted = JSON.stringify(s);
        out = out.split(quoted).join(mark);
        if (s.length >= shortestBareSecret) {
            out = out.split(s).join(mark);
            // Inside a JSON text a message shows, the secret appears escaped.
            const escaped = quoted.slice(1, -1);
            if (escaped !== s) out = out.split(escaped).join(mark);
        }
    }
    return out;
}

/** The shortest run of a secret's text that hideSecretFragments hides where it stands alone. */
const fragmentLength = 8;

/**
 * `text` with every run of at least 8 characters that also occurs in a secret replaced by [secret]: for
 * text the checker does not write itself, such as the message of an error a rule threw while parsing a
 * secret document (`Unexpected token 'h', "{"Statement": hunter2-no"... is not valid JSON`).
 */
export function hideSecretFragments(text: string, secrets: readonly string[]): string {
    const windows = new Set<string>();
    for (const s of secrets) for (let i = 0; i + fragmentLength <= s.length; i++) windows.add(s.slice(i, i + fragmentLength));
    if (!windows.size) return text;
    const hidden = new Uint8Array(text.length);
    for (let i = 0; i + fragmentLength <= text.length; i++) if (windows.has(text.slice(i, i + fragmentLength))) hidden.fill(1, i, i + fragmentLength);
    let out = "";
    for (let i = 0; i < text.length; i++) {
        if (!hidden[i]) { out += text[i]; continue; }
        if (i === 0 || !hidden[i - 1]) out += show(SECRET);
    }
    return out;
}

