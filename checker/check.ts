// One check: the program run in its own process (program-process.ts), the rules over what it
// registered in this one, the report. The command line checks one target; --all-stacks checks each
// stack of a project in turn in the same way.
import * as path from "node:path";
import { secretTexts, withoutSecrets } from "../policies/lib/secrets";
import type { Rule } from "../policies/lib/rule";
import { coverageOf, isCloudResource, NotJudged, strictPolicy } from "../policies/lib/coverage";
import { enforcementOf, Finding } from "../policies/lib/evaluate";
import { CheckError, messageOf } from "./errors";
import { evaluateResources, PolicyConfig, settingsOf } from "./evaluate";
import { transpileTypeScript } from "./hooks";
import type { ProgramRun } from "./program-process";
import { attachDefaultProviders } from "./providers";
import { policyResourcesOf } from "./registration";
import { buildReport, CheckReport } from "./report/model";
import type { Project } from "./project";
import { sdkStatement } from "./sdk-versions";
import type { Target } from "./target";

/** What judge() reads of a target: a program's (target.ts), or a state file's (state-check.ts), which has no program to run. */
export type JudgeTarget = Pick<Target, "stack" | "stackFile" | "config"> & { project: Pick<Project, "name" | "main"> & { dir?: string } };

/** What was registered (a program's run), or what a state holds (`deployed`: nothing in it waits for a deployment). */
export type JudgeRun = Pick<ProgramRun, "resources" | "unknownInvokes" | "log"> & { deployed?: boolean };

/**
 * How a command runs the programs it checks. The command line's is always a program process of its own
 * (checker/program-process.ts); only a caller of main() in code (the tests) can give another.
 */
export interface ProgramRunner {
    /** Starts what runs the program ahead of the first run (the process loads the SDK meanwhile). */
    start(programDir: string): unknown;
    run(target: Target, timeoutSeconds: number): Promise<ProgramRun>;
    /** Ends it, and everything the program started. */
    stop(): void;
}

/** The pack's rules, or those of `--rules MODULE` (a module exporting `rules`). */
export function loadRules(module: string | undefined): readonly Rule[] {
    /* eslint-disable @typescript-eslint/no-require-imports */
    if (!module) return (require("../policies/pack") as typeof import("../policies/pack")).rules;
    const file = path.resolve(module);
    const restore = file.endsWith(".ts") ? transpileTypeScript() : undefined;
    let loaded: { rules?: unknown };
    try {
        loaded = require(file);
    } catch (e) {
        throw new CheckError(`--rules ${module}: cannot be loaded (${messageOf(e)})`);
    } finally {
        restore?.();
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
    if (!Array.isArray(loaded.rules)) throw new CheckError(`--rules ${module}: exports no \`rules\` array`);
    return loaded.rules as Rule[];
}

/**
 * Judges a run: the rules over the resources the program registered (with the default providers the
 * engine would give them), what they judged and did not (coverage), and the report. `named`: the report
 * names the stack (a stack was asked for). `strict` (--strict): every cloud resource no rule judged is a
 * mandatory finding naming it, its type and why, and so is every provider function the checker could not answer.
 */
export function judge(target: JudgeTarget, run: JudgeRun, rules: readonly Rule[], policyConfig: PolicyConfig,
    named: boolean, strict = false): CheckReport {
    const policyResources = attachDefaultProviders(policyResourcesOf(run.resources), target.config.values, target.project.name, target.stack);
    const evaluation = evaluateResources(rules, policyResources, policyConfig);
    const { exemptions, outcomes } = evaluation;
    const coverage = coverageOf(run.resources.filter(isCloudResource), outcomes, rules, name => settingsOf(policyConfig, name));
    const judged = run.deployed ? evaluation.findings.map(f => asDeployed(f, rules, policyConfig)) : evaluation.findings;
    const findings = strict ? [...judged, ...coverage.notJudgedResources.map(notJudgedFinding), ...run.unknownInvokes.map(unansweredFunctionFinding)] : judged;
    // What the program printed may hold a value it marked secret: no report shows one.
    const secrets = policyResources.flatMap(secretTexts);
    return buildReport({
        stack: named ? target.stack : null, program: target.project.main, stackFile: target.stackFile,
        policyConfig: policyConfig.file, resources: run.resources, findings, exemptions, unknownInvokes: run.unknownInvokes, outcomes, coverage, strict, policyResources,
        log: run.log.map(line => withoutSecrets(line, secrets)),
        source: run.deployed ? "state" : "program",
        // A state file ran no program, and an in-process judgement may have no program folder: no SDKs to name.
        sdk: typeof target.project?.dir === "string" ? sdkStatement(target.project.dir, run.resources.map(r => r.type)) : undefined,
    });
}


/** How violationMessage (policies/lib/rule.ts) says a value is unknown at preview. */
const previewUnknown = "is unknown during preview (it is judged for real at `pulumi up`)";

/**
 * A finding on a deployed state whose value could not be read (a secret the state holds encrypted, or a
 * value the state records as not known). At preview such a finding is advisory, because `pulumi up`
 * judges the real value; a state is what `pulumi up` left, so nothing will judge it later: it keeps its
 * policy's enforcement (mandatory unless the policy is advisory), and says why. Otherwise a program could
 * wrap `publiclyAccessible: true` in pulumi.secret and pass an audit of its encrypted state.
 */
function asDeployed(f: Finding, rules: readonly Rule[], policyConfig: PolicyConfig): Finding {
    if (!f.unknown || f.enforcement === "mandatory") return f;
    const rule = rules.find(r => r.name === f.policy);
    const enforcement = rule ? enforcementOf(rule, settingsOf(policyConfig, f.policy)) : "mandatory";
    const message = f.message.replace(previewUnknown, "cannot be read from the state (it holds the value encrypted, or records it as not known), so it cannot be shown compliant") +
        (rule ? ` ${rule.remediation}` : "");
    return { ...f, enforcement: enforcement === "advisory" ? "advisory" : "mandatory", message };
}

/** --strict: a not-judged cloud resource as a mandatory finding. */
function notJudgedFinding(r: NotJudged): Finding {
    return {
        policy: strictPolicy, controls: [], citation: "", enforcement: "mandatory", severity: "high",
        urn: r.urn, type: r.type, name: r.name,
        message: `${r.type} "${r.name}" is not judged: ${r.reason}. --strict makes every cloud resource no rule judges a mandatory finding.`,
        exempted: false, reason: null, unknown: false,
    };
}

/**
 * --strict: a provider function no emulation table answers as a mandatory finding of the stack. Whatever
 * the program built from its result was guessed, so a rule's verdict on it proves nothing.
 */
function unansweredFunctionFinding(token: string): Finding {
    return {
        policy: strictPolicy, controls: [], citation: "", enforcement: "mandatory", severity: "high",
        urn: null, type: null, name: null,
        message: `provider function ${token} cannot be answered offline: values derived from it were guessed, and what the rules judged of them is not known; ` +
            "a resource the program creates only inside an .apply on its result was not seen. " +
            "--strict makes every provider function the checker cannot answer a mandatory finding.",
        exempted: false, reason: null, unknown: true,
    };
}
