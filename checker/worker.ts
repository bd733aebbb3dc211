// An --all-stacks worker (the default; not with --process-per-stack): loads the SDK once, then checks the stacks the parent
// sends one after another, each in a fresh Pulumi runtime state (run.ts `fresh`), and answers with
// the report or the error message.
import type { CheckArgs } from "./args";
import { checkOne, loadRules } from "./check";
import { CheckError, messageOf } from "./errors";
import { emptyPolicyConfig, PolicyConfig, readPolicyConfig } from "./evaluate";
import type { CheckReport } from "./report/model";

export interface WorkerJob { args: CheckArgs }
export type WorkerAnswer = { report: CheckReport } | { error: string };

let runs = 0;
let loaded: { rules: ReturnType<typeof loadRules>; policyConfig: PolicyConfig } | undefined;

process.on("message", async (job: WorkerJob) => {
    let answer: WorkerAnswer;
    try {
        loaded ??= (() => {
            const rules = loadRules(job.args.rules);
            return { rules, policyConfig: job.args.policyConfig ? readPolicyConfig(job.args.policyConfig, rules) : emptyPolicyConfig };
        })();
        answer = { report: await checkOne(job.args, loaded.rules, loaded.policyConfig, runs++ > 0) };
    } catch (e) {
        answer = { error: e instanceof CheckError ? e.message : `internal error (a bug in hipaa-cloud): ${messageOf(e)}` };
    }
    process.send!(answer);
});
