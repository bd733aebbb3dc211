// One check in this process: a program under the mocks, the rules over what it registered, the
// report. The command line runs it once per process; --all-stacks workers run it
// once per stack, each time in a fresh Pulumi runtime state.
import * as path from "node:path";
import type { Rule } from "../policies/lib/rule";
import type { CheckArgs } from "./args";
import { CheckError, messageOf } from "./errors";
import { evaluateResources, PolicyConfig } from "./evaluate";
import { transpileTypeScript } from "./hooks";
import { buildReport, CheckReport } from "./report/model";
import { resolveTarget, runTarget } from "./run";

/** The pack's rules, or those of `--rules MODULE` (a module exporting `rules`). */
export function loadRules(module: string | undefined): readonly Rule[] {
    /* eslint-disable @typescript-eslint/no-require-imports */
    if (!module) return (require("../policies/pack") as typeof import("../policies/pack")).rules;
    const file = path.resolve(module);
    if (file.endsWith(".ts")) transpileTypeScript();
    let loaded: { rules?: unknown };
    try {
        loaded = require(file);
    } catch (e) {
        throw new CheckError(`--rules ${module}: cannot be loaded (${messageOf(e)})`);
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
    if (!Array.isArray(loaded.rules)) throw new CheckError(`--rules ${module}: exports no \`rules\` array`);
    return loaded.rules as Rule[];
}

/** Runs the target of `args` and judges it. `fresh`: run in a new Pulumi runtime state (a reused process). */
export async function checkOne(args: CheckArgs, rules: readonly Rule[], policyConfig: PolicyConfig, fresh = false): Promise<CheckReport> {
    const target = resolveTarget(args);
    // The SDK captures a stack trace for every Output; a short one keeps the program's own frame
    // for error messages at a fraction of the cost (DESIGN.md "Performance rules").
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 3;
    let run;
    try {
        run = await runTarget(target, args.timeoutSeconds * 1000, fresh);
    } finally {
        Error.stackTraceLimit = limit;
    }
    const { findings, exemptions } = evaluateResources(rules, run.policyResources, policyConfig);
    return buildReport({
        stack: target.stackFile || args.stack ? target.stack : null, program: target.project.main, stackFile: target.stackFile,
        policyConfig: policyConfig.file, resources: run.resources, findings, exemptions, unknownInvokes: run.unknownInvokes, log: run.log,
    });
}
