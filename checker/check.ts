// One check: the program run in its own process (program-process.ts), the rules over what it
// registered in this one, the report. The command line checks one target; --all-stacks checks each
// stack of a project in turn in the same way.
import * as path from "node:path";
import { secretTexts, withoutSecrets } from "../policies/lib/secrets";
import type { Rule } from "../policies/lib/rule";
import { coverageOf, isCloudResource, NotJudged, strictPolicy } from "../policies/lib/coverage";
import type { Finding } from "../policies/lib/evaluate";
import { CheckError, messageOf } from "./errors";
import { evaluateResources, PolicyConfig, settingsOf } from "./evaluate";
import { transpileTypeScript } from "./hooks";
import type { ProgramRun } from "./program-process";
import { attachDefaultProviders } from "./providers";
import { policyResourcesOf } from "./registration";
import { buildReport, CheckReport } from "./report/model";
import { sdkStatement } from "./sdk-versions";
import type { Target } from "./target";

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

/**
 * Judges a run: the rules over the resources the program registered (with the default providers the
 * engine would give them), what they judged and did not (coverage), and the report. `named`: the report
 * names the stack (a stack was asked for). `strict` (--strict): every cloud resource no rule judged is a
 * mandatory finding naming it, its type and why.
 */
export function judge(target: Target, run: Pick<ProgramRun, "resources" | "unknownInvokes" | "log">, rules: readonly Rule[], policyConfig: PolicyConfig,
    named: boolean, strict = false): CheckReport {
    const policyResources = attachDefaultProviders(policyResourcesOf(run.resources), target.config.values, target.project.name, target.stack);
    const evaluation = evaluateResources(rules, policyResources, policyConfig);
    const { exemptions, outcomes } = evaluation;
    const coverage = coverageOf(run.resources.filter(isCloudResource), outcomes, rules, name => settingsOf(policyConfig, name));
    const findings = strict ? [...evaluation.findings, ...coverage.notJudgedResources.map(notJudgedFinding)] : evaluation.findings;
    // What the program printed may hold a value it marked secret: no report shows one.
    const secrets = policyResources.flatMap(secretTexts);
    return buildReport({
        stack: named ? target.stack : null, program: target.project.main, stackFile: target.stackFile,
        policyConfig: policyConfig.file, resources: run.resources, findings, exemptions, unknownInvokes: run.unknownInvokes, outcomes, coverage, strict,
        log: run.log.map(line => withoutSecrets(line, secrets)),
        // A target built without a program folder (an in-process judgement) has no SDKs to name.
        sdk: typeof target.project?.dir === "string" ? sdkStatement(target.project.dir, run.resources.map(r => r.type)) : undefined,
    });
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
