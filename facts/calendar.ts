// Calendar days as both sides judge them: the day exemptions and research shares are judged on, what
// a real date is, and "one year ahead". The hospital config (a partner's expiry) and the policy pack
// (an exemption's expiry) must agree on all three, so they live here once.

/** The environment variable with which tests judge exemptions on another day; every report names it when set. */
export const todayVariable = "HIPAA_CLOUD_TODAY";

/**
 * The day exemptions are judged on: the real date (UTC). A policy config cannot set it; only the
 * environment variable HIPAA_CLOUD_TODAY can (tests), and the checker's reports then say so.
 */
export function todayIso(): string {
    const set = process.env[todayVariable];
    if (set === undefined || set === "") return realTodayIso();
    if (!isCalendarDate(set)) throw new Error(`${todayVariable}=${ascii(set)}: expected a real calendar date YYYY-MM-DD (or leave it unset: exemptions are judged on today's date)`);
    return set;
}

/** HIPAA_CLOUD_TODAY when it names another day than the clock's (as set, unchecked); undefined when unset, empty or today. */
export function movedJudgingDay(): string | undefined {
    const set = process.env[todayVariable];
    return set === undefined || set === "" || set === realTodayIso() ? undefined : set;
}

/** A value as JSON with every character outside printable ASCII spelled out (\\u200b): an error message hides nothing. */
export function ascii(s: string): string {
    return JSON.stringify(s).replace(/[^\x20-\x7e]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function realTodayIso(): string {
    return new Date().toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30, 2026-13-45 and 0000-00-00 are not). */
export function isCalendarDate(s: unknown): s is string {
    const m = typeof s === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : null;
    if (!m) return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

function daysIn(year: number, month: number): number {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** The same day a year later (29 February: 28 February, unless that year is a leap year too). */
export function oneYearAfter(day: string): string {
    const [year, month, date] = day.split("-").map(Number);
    const d = Math.min(date, daysIn(year + 1, month));
    return `${String(year + 1).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
