// The judging day is the clock's unless the command line asks for another (checker/judging-day.ts). Before,
// HIPAA_CLOUD_TODAY in the environment alone moved it: an exemption that expired months ago held, and the check
// exited 0 as a PASS, with only a line in the report to say the day was not today.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { todayVariable } from "../../policies/lib/config";
import { checkFixtureInProcess } from "./in-process";
import { tempDir } from "./helpers";

describe("checker --judging-day", () => {
    // An exemption of both untagged buckets that held until 2026-07-01: expired on the clock's day (this test was
    // written on 2026-12-07), still holding on the 2026-06-15 a run asks for.
    let policyConfig: string;
    const check = (...args: string[]) => checkFixtureInProcess("program-basic", "--stack", "untagged", "--config", "fixture:withKey=true",
        "--policy-config", policyConfig, ...args);
    before(() => {
        policyConfig = path.join(tempDir("judging-day"), "exempt.json");
        fs.writeFileSync(policyConfig, JSON.stringify({
            "fixture-tagging-bucket": { exemptions: [{ control: "TAGGING", resource: "bucket-*", reason: "migration ticket HC-7", expires: "2026-07-01" }] },
        }));
    });
    afterEach(() => { delete process.env[todayVariable]; });

    it("judges on the clock's day: the expired exemption no longer holds (exit 1)", async () => {
        const run = await check();
        assert.equal(run.code, 1, run.stderr);
    });

    it("refuses HIPAA_CLOUD_TODAY of another day without the flag (exit 2, no report), which used to make it a PASS", async () => {
        process.env[todayVariable] = "2026-06-15";
        const run = await check();
        assert.equal(run.code, 2, run.stdout);
        assert.equal(run.stdout, "");
        assert.match(run.stderr, /HIPAA_CLOUD_TODAY="2026-06-15" is set: it would judge exemptions and expiry dates on another day than today .*--judging-day YYYY-MM-DD/);
    });

    it("judges on the day the command line asks for, says so on standard error and in the report, and puts the environment back", async () => {
        const run = await check("--judging-day", "2026-06-15");
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /^hipaa-cloud: --judging-day 2026-06-15: exemptions and expiry dates are judged on 2026-06-15, not on today's date \(\d{4}-\d{2}-\d{2}\)$/m);
        assert.match(run.stdout, /^Exemptions were judged on 2026-06-15, set by --judging-day, not on today's date\.$/m);
        assert.equal(process.env[todayVariable], undefined);
        // The flag wins over the environment, which it leaves as it found it.
        process.env[todayVariable] = "2026-06-14";
        assert.equal((await check("--judging-day", "2026-06-15")).code, 0);
        assert.equal(process.env[todayVariable], "2026-06-14");
    });

    it("refuses a judging day that is not a real calendar date", async () => {
        const run = await check("--judging-day", "2026-02-30");
        assert.equal(run.code, 2);
        assert.match(run.stderr, /--judging-day "2026-02-30": expected a real calendar date YYYY-MM-DD/);
    });
});
