// `check --state FILE --stack NAME` (or `--program DIR`, `--config-file FILE`): the drift between what the
// program would register and what the state holds, added to the state's report as advisory findings of
// `hipaa-cloud-state-drift` (no control: drift is not itself a failure of a safeguard; the state's own
// findings carry the verdict, and a program's check carries the program's):
// - a cloud resource only the program registers (the next `pulumi up` would create it),
// - a cloud resource only the state holds (the next `pulumi up` would delete it, unless retained),
// - a resource both hold whose outcome under a policy differs (compliant for the program, a violation as
//   deployed, or the other way round): the properties that policy reads differ between the two.
// Resources are matched by URN without its stack and project, since `--program` checks a stack of its own name.
import type { Rule } from "../policies/lib/rule";
import type { CheckArgs } from "./args";
import { judge, ProgramRunner } from "./check";
import { CheckError } from "./errors";
import type { PolicyConfig } from "./evaluate";
import { CheckReport, ReportFinding, standing } from "./report/model";
import { parseUrn, stateFiles } from "./state";
import { resolveTarget } from "./target";

export const driftPolicy = "hipaa-cloud-state-drift";

/** Drift compares one state with one program: a folder of states is refused before the program runs. */
export function oneStateFile(target: string): void {
    const files = stateFiles(target);
    if (files.length !== 1 || files[0] !== target) throw new CheckError(`--state ${target}: a folder of states cannot be compared with one program; give one state file`);
}

/** The program's own check (as `check --stack`/`--program` runs it), to compare a state with. */
export async function programReport(args: CheckArgs, rules: readonly Rule[], policyConfig: PolicyConfig, programs: ProgramRunner): Promise<CheckReport> {
    try {
        const target = resolveTarget(args);
        return judge(target, await programs.run(target, args.timeoutSeconds), rules, policyConfig, true, args.strict);
    } finally {
        programs.stop();
    }
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` → `<type>::<name>`: the same resource in a program and its state (parseUrn; not a URN: itself). */
function tail(urn: string): string {
    const u = parseUrn(urn);
    return u ? `${u.qualifiedType}::${u.name}` : urn;
}

function finding(urn: string | null, type: string | null, name: string | null, message: string): ReportFinding {
    return { policy: driftPolicy, controls: [], citation: "", enforcement: "advisory", urn, type, message, exempted: false, reason: null, severity: "medium", name, unknown: false };
}

/**
 * The state's report with the drift from the program's as advisory findings, and the program's own mandatory
 * findings the state lacks, still mandatory (the summary counts both).
 */
export function withDrift(state: CheckReport, program: CheckReport): CheckReport {
    // Cloud resources: those coverage counts (custom, not a provider, not `pulumi:*`), by type.
    const cloud = (r: CheckReport) => new Map(r.resources.filter(x => Object.hasOwn(r.coverage.byType, x.type)).map(x => [tail(x.urn), x]));
    const inProgram = cloud(program);
    const inState = cloud(state);
    const drift: ReportFinding[] = [];
    for (const [key, r] of inProgram) {
        if (!inState.has(key)) drift.push(finding(r.urn, r.type, r.name, `${r.type} "${r.name}" is registered by the program but not in the state: the next \`pulumi up\` would create it.`));
    }
    for (const [key, r] of inState) {
        if (!inProgram.has(key)) drift.push(finding(r.urn, r.type, r.name, `${r.type} "${r.name}" is in the state but the program does not register it: the next \`pulumi up\` would delete it (unless it is retained on delete).`));
    }
    const outcomes = (r: CheckReport) => new Map(r.outcomes.filter(o => o.urn).map(o => [tail(o.urn!), o]));
    const programOutcomes = outcomes(program);
    for (const [key, s] of outcomes(state)) {
        const p = programOutcomes.get(key);
        if (!p || !inProgram.has(key)) continue;
        for (const policy of new Set([...Object.keys(p.policies), ...Object.keys(s.policies)])) {
            const was = p.policies[policy]?.outcome ?? "not judged";
            const is = s.policies[policy]?.outcome ?? "not judged";
            // Unknown at preview is not drift: the program cannot say, and the state does.
            if (was === is || was === "unknown") continue;
            drift.push(finding(s.urn, s.type, s.name, `${s.type} "${s.name}": ${policy} is ${was} for the program but ${is} as deployed: ` +
                "the properties it reads differ between the program and the state (see that policy's findings on each)."));
        }
    }
    // What the program would deploy is judged too: its mandatory findings that the state does not already
    // have (a new public bucket, a setting the next `pulumi up` would weaken) keep their enforcement, so a
    // compliant state never hides a non-compliant program from the verdict.
    // Only a finding the state's verdict counts stands for the program's: one the state exempts (a tag on the
    // deployed resource the program no longer declares) or holds advisory would hide it.
    const inStateFindings = new Set(state.findings.filter(f => standing(f) === "mandatory").map(f => `${f.policy} ${f.urn ? tail(f.urn) : ""}`));
    const programOnly = program.findings.filter(f => f.enforcement === "mandatory" && !f.exempted && !inStateFindings.has(`${f.policy} ${f.urn ? tail(f.urn) : ""}`))
        .map(f => ({ ...f, message: `In the program (the next \`pulumi up\` would deploy it): ${f.message}` }));
    return { ...state, findings: [...state.findings, ...programOnly, ...drift],
        summary: { ...state.summary, mandatory: state.summary.mandatory + programOnly.length, advisory: state.summary.advisory + drift.length } };
}
