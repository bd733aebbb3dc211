// --all-stacks: every stack file of the project, at most --jobs programs running at a time (default
// one per core), a progress line per stack on standard error. Each stack's program runs in a program
// process (reused for the next stack by default, a new one per stack with --process-per-stack); every
// stack is judged here, in the command's own process.
import * as os from "node:os";
import * as path from "node:path";
import type { Rule } from "../policies/lib/rule";
import type { CheckArgs } from "./args";
import { judge, ProgramRunner } from "./check";
import { CheckError, messageOf } from "./errors";
import type { PolicyConfig } from "./evaluate";
import { readProject, stackFiles } from "./project";
import { ShardInfo, shardStacks, sortedNames } from "./report/fleet";
import type { CheckReport, StackError } from "./report/model";
import { ownProject, resolveTarget } from "./target";

export interface AllStacksResult { reports: CheckReport[]; errors: StackError[]; shard: ShardInfo | null }

export async function checkAllStacks(args: CheckArgs, rules: readonly Rule[], policyConfig: PolicyConfig, newRunner: () => ProgramRunner): Promise<AllStacksResult> {
    const project = args.program ? readProject(path.resolve(args.program)) : ownProject();
    // Sorted by name (fleet.ts): the order of every report, and the order --shard splits.
    const all = sortedNames(stackFiles(project).keys());
    if (!all.length) throw new CheckError(`--all-stacks: no stack files (Pulumi.<stack>.yaml) in ${project.stackConfigDir}`);
    const shard: ShardInfo | null = args.shard ? { ...args.shard, stacks: all } : null;
    if (shard && shard.count > all.length) {
        throw new CheckError(`--shard ${shard.index}/${shard.count}: there are ${all.length} stacks in ${project.stackConfigDir}, so a shard would check none; split them into at most ${all.length} shards`);
    }
    const stacks = shard ? shardStacks(all, shard.index, shard.count) : all;
    const jobs = Math.min(args.jobs ?? os.availableParallelism(), stacks.length);
    const results = new Array<CheckReport | StackError>(stacks.length);
    let next = 0;
    let done = 0;
    const started = performance.now();
    const checkStack = async (programs: ProgramRunner, stack: string): Promise<CheckReport | StackError> => {
        try {
            const target = resolveTarget({ stack, program: args.program, config: args.config });
            return judge(target, await programs.run(target, args.timeoutSeconds), rules, policyConfig, true, args.strict);
        } catch (e) {
            return { stack, message: e instanceof CheckError ? e.message : `internal error (a bug in hipaa-cloud): ${messageOf(e)}` };
        }
    };
    const worker = async () => {
        const programs = newRunner();
        try {
            while (next < stacks.length) {
                const i = next++;
                const t0 = performance.now();
                results[i] = await checkStack(programs, stacks[i]);
                // One stack per process: the next one starts from a new process.
                if (!args.reuseProcesses) programs.stop();
                const r = results[i];
                const secs = ((performance.now() - t0) / 1000).toFixed(1);
                const line = "summary" in r
                    ? `${r.summary.mandatory ? "FAIL" : "pass"}  ${r.summary.resources} resources, ${r.summary.mandatory} mandatory, ${r.summary.advisory} advisory, ${r.summary.exempted} exempted, ${r.coverage.notJudged} of ${r.coverage.resources} cloud resources not judged`
                    : `ERROR ${r.message.split("\n")[0]}`;
                process.stderr.write(`[${++done}/${stacks.length}] ${stacks[i]}: ${line} (${secs} s)\n`);
            }
        } finally {
            programs.stop();
        }
    };
    await Promise.all(Array.from({ length: jobs }, worker));
    process.stderr.write(`checked ${stacks.length} stacks${shard ? ` (shard ${shard.index}/${shard.count} of ${all.length})` : ""} in ${((performance.now() - started) / 1000).toFixed(1)} s, ${jobs} at a time` +
        `${args.reuseProcesses ? " (reused processes)" : " (a process per stack)"}\n`);
    return {
        reports: results.filter((r): r is CheckReport => "summary" in r),
        errors: results.filter((r): r is StackError => !("summary" in r)),
        shard,
    };
}
