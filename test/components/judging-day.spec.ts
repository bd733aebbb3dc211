// The day the components judge hospital:sharing's expiry on: the clock's under a real engine, where a moved
// HIPAA_CLOUD_TODAY is refused (a deploy must not move its own expiry day), the variable's under the mock runtime
// (the checker's --judging-day, tests). The real engine is stood in for by what the language host gives a
// program, PULUMI_NODEJS_MONITOR, in a process of its own (no connection is made).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { componentsJudgingDay, runsUnderEngine } from "../../components/judging-day";
import { realTodayIso, todayVariable } from "../../facts/calendar";
import { record } from "../support/record";

const root = path.join(__dirname, "../..");
const moved = "2020-01-02";

/** Validates an AWS config with a partner whose share ended in 2020 (valid only if judged on `moved`), in a fresh Node process. */
function validateIn(env: Record<string, string>): string {
    const script = `require("ts-node/register/transpile-only");
const { validateHospitalConfig } = require("./components/config");
try {
    validateHospitalConfig({ tenant: "stmary", cloud: "aws", region: "us-east-1", admins: ["arn:aws:iam::123456789012:role/phi-admin"],
        sharing: [{ id: "uni", principal: { account: "210987654321" }, dataset: "cohort2020", expires: "2020-06-30" }] });
    console.log("accepted");
} catch (e) { console.log(e.message); }`;
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== todayVariable && !k.startsWith("PULUMI_NODEJS_")));
    return execFileSync(process.execPath, ["-e", script], { cwd: root, env: { ...clean, ...env }, encoding: "utf8" });
}

describe("components/judging-day: the day hospital:sharing expiry dates are judged on", function () {
    this.timeout(120_000);
    afterEach(() => { delete process.env[todayVariable]; });

    it("under a real engine, refuses a HIPAA_CLOUD_TODAY that names another day, and takes one that names today", () => {
        process.env[todayVariable] = moved;
        assert.throws(() => componentsJudgingDay(true), /HIPAA_CLOUD_TODAY="2020-01-02" is set.*A deployment judges on today's date/);
        assert.equal(componentsJudgingDay(false), moved);
        process.env[todayVariable] = realTodayIso();
        assert.equal(componentsJudgingDay(true), realTodayIso());
        delete process.env[todayVariable];
        assert.equal(componentsJudgingDay(true), realTodayIso());
    });

    it("tells a program the engine runs from one under the checker's mock runtime", async () => {
        let underMocks: boolean | undefined;
        await record(() => { underMocks = runsUnderEngine(); });
        assert.equal(underMocks, false);
    });

    it("a deployment cannot keep an expired share by moving the day; a config validated outside Pulumi still can be judged on it", () => {
        assert.match(validateIn({ [todayVariable]: moved, PULUMI_NODEJS_MONITOR: "127.0.0.1:9" }), /HIPAA_CLOUD_TODAY="2020-01-02" is set/);
        assert.equal(validateIn({ [todayVariable]: moved }).trim(), "accepted");
        // Without the variable the share has long ended, engine or not.
        assert.match(validateIn({ PULUMI_NODEJS_MONITOR: "127.0.0.1:9" }), /hospital:sharing\[0\]\.expires/);
    });
});
