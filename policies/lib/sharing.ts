// What the research-sharing rules of the three clouds share (policies/<cloud>/share-deidentified.ts): how a
// store says it holds de-identified data, how a grant's end is read out of an IAM condition, and how far
// ahead an end may lie. A grant to a principal outside the hospital is a disclosure: under 45 CFR
// 164.514(b) and 164.502(d) only de-identified data may go out that way, so every rule here fails closed —
// a store it cannot read as de-identified, a condition it cannot read as ending, is not compliant.
import { isCalendarDate, oneYearAfter } from "../../facts/calendar";
import { classificationTag, deidentified } from "../../facts/tags";
import type { PolicyResource, Violation } from "./rule";
import { isUnknown, show, UNKNOWN } from "./values";

/** The tag (label) that says what a store holds, and the one value a partner may be granted. */
export const classificationKey = classificationTag;
export const deidentifiedValue = deidentified;

/** A store's data classification as its own tags (AWS, Azure) or labels (Google Cloud) say: exact key, exact value. */
export function classificationOf(store: PolicyResource): unknown {
    const own = store.props.tags ?? store.props.labels;
    if (isUnknown(own)) return UNKNOWN;
    if (!own || typeof own !== "object") return undefined;
    return (own as Record<string, unknown>)[classificationKey];
}

/**
 * The violation of `grant` that reaches `store` unless the store is tagged de-identified (none when it is).
 * A PHI-tagged or untagged store (or any other value, a near miss such as "De-identified" included) is a
 * violation; tags unknown at preview are unknown.
 */
export function notDeidentified(grant: PolicyResource, property: string, store: PolicyResource): Violation[] {
    const value = classificationOf(store);
    if (value === deidentifiedValue) return [];
    const what = value === undefined ? "has no data-classification tag" : isUnknown(value) ? "" : `is tagged data-classification=${show(value)}`;
    return [{
        resource: grant, property, found: isUnknown(value) ? UNKNOWN : `${store.type} "${store.name}"`,
        wanted: `a store tagged ${classificationKey}=${deidentifiedValue}: only de-identified data may be granted outside the hospital (45 CFR 164.514(b), 164.502(d))`,
        note: what ? `It reaches ${store.type} "${store.name}", which ${what}.` : undefined,
    }];
}

/** A grant whose target is not in the stack: what it reaches cannot be shown to be de-identified. */
export function targetNotInStack(grant: PolicyResource, property: string, found: unknown): Violation {
    return {
        resource: grant, property, found,
        wanted: `a store of this stack tagged ${classificationKey}=${deidentifiedValue}`,
        note: isUnknown(found) ? undefined : "What it grants is not a store of this stack, so it cannot be shown to hold de-identified data only.",
    };
}

/** `YYYY-MM-DDT00:00:00Z`-style instant → its UTC date, or undefined unless it is a real, whole instant in UTC. */
function instantDate(text: string): string | undefined {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/.exec(text);
    if (!m || !isCalendarDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return undefined;
    return m[1];
}

/**
 * Splits an expression into its quoted literals and a skeleton where each literal is `$<n>`, so that the
 * structure is judged without text hidden in a string (`a == 'x && request.time < ...'`). `quotes`: the
 * quote characters of the language. Undefined when a literal is not closed or uses an escape.
 */
function skeleton(expression: string, quotes: string): { skeleton: string; literals: string[] } | undefined {
    if (expression.includes("\\")) return undefined;
    const literals: string[] = [];
    let out = "";
    for (let i = 0; i < expression.length; i++) {
        const c = expression[i];
        if (!quotes.includes(c)) { out += c; continue; }
        const end = expression.indexOf(c, i + 1);
        if (end < 0) return undefined;
        literals.push(expression.slice(i + 1, end));
        out += `$${literals.length - 1}`;
        i = end;
    }
    return { skeleton: out.replace(/\s+/g, " ").trim(), literals };
}

/** Strips parentheses that enclose the whole text. */
function unwrap(text: string): string {
    let t = text.trim();
    while (t.startsWith("(") && t.endsWith(")") && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
    return t;
}

function balanced(text: string): boolean {
    let depth = 0;
    for (const c of text) {
        if (c === "(") depth++;
        if (c === ")" && --depth < 0) return false;
    }
    return depth === 0;
}

/** What an IAM condition says about a grant's end: the last instant's UTC date, or why none can be read. */
export type ConditionEnd = { end: string } | { problem: string } | typeof UNKNOWN;

/**
 * The end of a Google IAM condition (CEL): a conjunction (`&&` only: no `||`, `!`, `?:`) one of whose
 * terms is `request.time < timestamp("<instant>")`, with no other string literal in which a term could
 * hide. Anything else cannot be read as ending.
 */
export function gcpConditionEnd(expression: unknown): ConditionEnd {
    if (isUnknown(expression)) return UNKNOWN;
    if (typeof expression !== "string" || !expression.trim()) return { problem: "no condition: the grant never ends" };
    const parsed = skeleton(expression, "\"'");
    const shape = 'request.time < timestamp("YYYY-MM-DDT00:00:00Z"), alone or joined by && only';
    if (!parsed || /\|\||!|\?/.test(parsed.skeleton) || !balanced(parsed.skeleton)) return { problem: `a condition that is not ${shape}` };
    const ends: string[] = [];
    for (const term of unwrap(parsed.skeleton).split("&&").map(unwrap)) {
        // Literals are out of the skeleton, so its blanks carry no meaning.
        const m = /^request\.time(<|<=)timestamp\(\$(\d+)\)$/.exec(term.replace(/\s+/g, ""));
        if (m) {
            const day = instantDate(parsed.literals[Number(m[2])]);
            if (!day) return { problem: `a timestamp that is not a real instant in UTC (YYYY-MM-DDTHH:MM:SSZ): ${show(parsed.literals[Number(m[2])])}` };
            ends.push(day);
        }
    }
    // The other terms' literals are allowed (they only narrow the grant); the end is the earliest bound.
    return ends.length ? { end: ends.sort()[0] } : { problem: `no end in the condition: wanted ${shape}` };
}

/**
 * The end of an Azure role assignment condition (ABAC, version 2.0) on blob reads: exactly
 * `((!(ActionMatches{'<action>'})) OR (<conjunction>))` where the action is `action` and one term of the
 * conjunction (AND only) is `@Environment[UtcNow] DateTimeLessThan '<instant>'`.
 */
export function azureConditionEnd(condition: unknown, action: string): ConditionEnd {
    if (isUnknown(condition)) return UNKNOWN;
    if (typeof condition !== "string" || !condition.trim()) return { problem: "no condition: the grant never ends" };
    const shape = `((!(ActionMatches{'${action}'})) OR (... AND @Environment[UtcNow] DateTimeLessThan 'YYYY-MM-DDT00:00:00Z'))`;
    const parsed = skeleton(condition, "'");
    const m = parsed && /^\( ?\( ?! ?\( ?ActionMatches ?\{ ?\$(\d+) ?\} ?\) ?\) ?OR ?\((.*)\) ?\)$/i.exec(parsed.skeleton);
    if (!parsed || !m || parsed.literals[Number(m[1])].toLowerCase() !== action.toLowerCase()) return { problem: `a condition that is not ${shape}` };
    const body = unwrap(m[2]);
    if (!balanced(body) || /\bOR\b|\|\||\bNOT\b|!/i.test(body)) return { problem: `a condition that is not ${shape}` };
    const ends: string[] = [];
    for (const term of body.split(/\bAND\b|&&/i).map(unwrap)) {
        const t = /^@Environment\[UtcNow\] DateTimeLessThan \$(\d+)$/i.exec(term);
        if (!t) continue;
        const day = instantDate(parsed.literals[Number(t[1])]);
        if (!day) return { problem: `a time that is not a real instant in UTC (YYYY-MM-DDTHH:MM:SSZ): ${show(parsed.literals[Number(t[1])])}` };
        ends.push(day);
    }
    return ends.length ? { end: ends.sort()[0] } : { problem: `no end in the condition: wanted ${shape}` };
}

/** The day after `day` (YYYY-MM-DD). */
export function dayAfter(day: string): string {
    const [y, m, d] = day.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * Why a grant's end (`endDay`: the first day it no longer holds) is too far ahead on `today`, or
 * undefined: a share runs at most one year, as hospital:sharing allows, and is renewed after review.
 */
export function endTooLate(endDay: string, today: string): string | undefined {
    const latest = dayAfter(oneYearAfter(today));
    return endDay > latest ? `an end at most one year ahead (on ${latest} at the latest, judged on ${today}): a share is reviewed and renewed yearly` : undefined;
}
