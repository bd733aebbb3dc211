// The day a check judges exemptions and expiry dates on. The machine's clock (UTC), unless the command line
// asks for another day with --judging-day. HIPAA_CLOUD_TODAY, the variable the policies read (facts/calendar.ts),
// no longer moves it by itself: left set in a CI environment, or set by whoever controls the job's
// environment, it let an expired exemption hold and the check exit 0 as a plain PASS, with only a line in
// the report to say the day was not today. A check on another day is asked for where the run is
// defined, on its command line, and says so on standard error as well as in every report.
import { CheckError } from "./errors";
import { movedJudgingDay, realTodayIso, todayVariable } from "../facts/calendar";

/** The day --judging-day asked for while its check runs; the reports name the flag, not the variable it is passed on by. */
let askedDay: string | undefined;

/** What set the judging day of the running check: "--judging-day" when the command line moved it off the clock's day, else null. */
export function judgingDayAskedFor(date: string): "--judging-day" | null {
    return askedDay !== undefined && askedDay === date && date !== realTodayIso() ? "--judging-day" : null;
}

/**
 * Runs `check` judged on `asked` (--judging-day), or on the clock's day. The day reaches the policies and the
 * checked program's process through HIPAA_CLOUD_TODAY, set for the run and put back after it. Without the flag,
 * a HIPAA_CLOUD_TODAY that names another day than the clock's is refused (exit 2), never judged.
 */
export async function onJudgingDay<T>(asked: string | undefined, check: () => Promise<T>, say: (line: string) => void): Promise<T> {
    const today = realTodayIso();
    const inherited = process.env[todayVariable];
    if (asked === undefined) {
        if (movedJudgingDay() !== undefined) {
            throw new CheckError(`${todayVariable}=${JSON.stringify(inherited)} is set: it would judge exemptions and expiry dates on another day than today (${today}), ` +
                `and the environment alone may not decide that. Ask for the day on the command line (--judging-day YYYY-MM-DD), or unset ${todayVariable}`);
        }
        return check();
    }
    process.env[todayVariable] = asked;
    askedDay = asked;
    say(`hipaa-cloud: --judging-day ${asked}: exemptions and expiry dates are judged on ${asked}${asked === today ? " (today)" : `, not on today's date (${today})`}\n`);
    try {
        return await check();
    } finally {
        askedDay = undefined;
        if (inherited === undefined) delete process.env[todayVariable]; else process.env[todayVariable] = inherited;
    }
}
