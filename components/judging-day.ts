// The day the components judge hospital:sharing's expiry on (config.ts sharingProblems), the day the pack
// judges exemptions on. Under a real engine (`pulumi up`, `pulumi preview`) it is the clock's day: a
// HIPAA_CLOUD_TODAY naming another day, left in a CI job's environment or set by whoever controls it, would let a
// deploy keep an expired research share or grant one for years; the components refuse it, as the pack refuses
// to start (policies/lib/config.ts refuseMovedJudgingDay). The documented ways to judge another day both run
// under the mock runtime: the checker's --judging-day (passed on to the checked program by that variable) and
// tests; there, and outside any Pulumi program (validating a config by hand), the variable's day holds.
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { ascii, movedJudgingDay, realTodayIso, todayIso, todayVariable } from "../facts/calendar";

/** The day expiry dates are judged on; throws when HIPAA_CLOUD_TODAY moves it under a real engine. */
export function componentsJudgingDay(underEngine = runsUnderEngine()): string {
    const moved = movedJudgingDay();
    if (moved !== undefined && underEngine) {
        throw new Error(`hipaa-cloud: ${todayVariable}=${ascii(moved)} is set, which would judge hospital:sharing expiry dates on another day than today ` +
            `(${realTodayIso()}). A deployment judges on today's date: unset ${todayVariable} (\`hipaa-cloud check --judging-day\` judges another day offline)`);
    }
    return todayIso();
}

/** Whether the program talks to a real Pulumi engine: a resource monitor that is not the mock runtime's. */
export function runsUnderEngine(): boolean {
    const monitor = settings.getMonitor();
    return monitor !== undefined && !(monitor instanceof MockMonitor);
}
