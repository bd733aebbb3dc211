// `check --state FILE|DIR`: a state file judged by judge() (check.ts), as a program's run is, with the
// checker's plain-text secret rule beside the pack's; a folder of state files is a fleet run, one
// report per file, as --all-stacks gives one per stack.
import * as path from "node:path";
import { judgesType, Rule } from "../policies/lib/rule";
import { judge, JudgeTarget } from "./check";
import { CheckError, messageOf } from "./errors";
import type { PolicyConfig } from "./evaluate";
import type { CheckReport, StackError } from "./report/model";
import { readState, stateFiles } from "./state";
import { plaintextSecrets, stateRules } from "./state-secrets";

/** One state file judged: the pack's rules (`rules`) and the plain-text secret rule over its resources. */
export function checkState(file: string, rules: readonly Rule[], policyConfig: PolicyConfig, strict = false): CheckReport {
    const state = readState(file);
    // A resource of a type the rules judge as a cloud resource cannot be a component: `custom: false` on it would hide it.
    const hidden = state.resources.find(r => !r.custom && rules.some(rule => rule.kind === "resource" && judgesType(rule, r.type)));
    if (hidden) throw new CheckError(`--state ${file}: ${JSON.stringify(hidden.urn)} says custom: false (a component), but ${hidden.type} is a provider's resource type the rules judge; a component of that type does not exist`);
    const found = plaintextSecrets(state.resources);
    // A state has no program and no config: each resource names its provider, with that provider's inputs
    // (region, default tags) as the engine recorded them; the report names the file as its program.
    const target: JudgeTarget = { stack: state.stack, stackFile: null, config: { values: {}, secretKeys: [] }, project: { name: state.project, main: path.resolve(file) } };
    return judge(target, { resources: state.resources, unknownInvokes: [], log: [], deployed: true }, [...rules, ...stateRules(found)], policyConfig, true, strict);
}

/**
 * `--state DIR`: every `*.json` of the folder, in name order; a file that cannot be read is an error entry naming it, the others are judged.
 * `progress` receives a line per file and a last one (standard error by default: the report may be standard output).
 */
export function checkStates(target: string, rules: readonly Rule[], policyConfig: PolicyConfig, strict = false,
    progress: (line: string) => void = line => process.stderr.write(line + "\n")): { reports: CheckReport[]; errors: StackError[]; fleet: boolean } {
    const files = stateFiles(target);
    const fleet = files.length !== 1 || files[0] !== target;
    const reports: CheckReport[] = [];
    const errors: StackError[] = [];
    const started = performance.now();
    for (const [i, file] of files.entries()) {
        if (!fleet) { reports.push(checkState(file, rules, policyConfig, strict)); break; }
        const t0 = performance.now();
        try {
            const r = checkState(file, rules, policyConfig, strict);
            reports.push(r);
            progress(`[${i + 1}/${files.length}] ${file}: ${r.summary.mandatory ? "FAIL" : "pass"}  ${r.summary.resources} resources, ${r.summary.mandatory} mandatory, ` +
                `${r.summary.advisory} advisory, ${r.summary.exempted} exempted, ${r.coverage.notJudged} of ${r.coverage.resources} cloud resources not judged (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
        } catch (e) {
            const message = e instanceof CheckError ? e.message : `internal error (a bug in hipaa-cloud): ${messageOf(e)}`;
            errors.push({ stack: file, message });
            progress(`[${i + 1}/${files.length}] ${file}: ERROR ${message.split("\n")[0]}`);
        }
    }
    if (fleet) progress(`checked ${files.length} state files in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { reports, errors, fleet };
}
