// `hipaa-cloud`: arguments → run → evaluate → report → exit status (0 no mandatory finding,
// 1 mandatory findings, 2 usage, config or program error). bin/hipaa-cloud.js calls main() of the
// compiled file; `node -r ts-node/register/transpile-only checker/cli.ts ...` runs the sources.
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckArgs, parseArgs, PoliciesArgs, usage } from "./args";
import type { MergeArgs } from "./args";
import type { ProgramRunner } from "./check";
import { onJudgingDay } from "./judging-day";
import { CheckError, messageOf } from "./errors";
import type { PolicyConfig } from "./evaluate";
import { packageRoot, toolVersion } from "./paths";
import type { Rule } from "../policies/lib/rule";
import { loadRenderer, render } from "./report";
import { ProgramProcess, registrationRequest } from "./program-process";
import type { CheckReport, PolicyInfo, RenderInput } from "./report/model";
import { readProject, stackFiles } from "./project";
import { ownProject, resolveTarget } from "./target";
import type { policyConfigStatement } from "./weakening";

/*
 * What judging needs (the rules, their config, the report model: half of what this command loads), loaded
 * when first asked for: a check asks after it has started the program's process, which then starts sooner,
 * and before it has the program run (loadWhatJudges).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const judging = {
    check: () => require("./check") as typeof import("./check"),
    evaluate: () => require("./evaluate") as typeof import("./evaluate"),
    model: () => require("./report/model") as typeof import("./report/model"),
    stateSecrets: () => require("./state-secrets") as typeof import("./state-secrets"),
    weakening: () => require("./weakening") as typeof import("./weakening"),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** `newRunner`: what runs a checked program; the command line (bin/hipaa-cloud.js, the end of this file) always gives none. */
export async function main(argv: string[], newRunner: () => ProgramRunner = () => new ProgramProcess()): Promise<number> {
    watchOutput();
    try {
        const args = parseArgs(argv);
        switch (args.command) {
            case "help": process.stdout.write(usage + "\n"); return 0;
            case "version": process.stdout.write(toolVersion + "\n"); return 0;
            case "policies": return listPolicies(args);
            case "check": return await onJudgingDay(args.judgingDay, () => check(args, newRunner), line => process.stderr.write(line));
            case "merge": return merge(args);
        }
    } catch (e) {
        if (e instanceof CheckError) {
            process.stderr.write(`hipaa-cloud: ${e.message}\n`);
        } else {
            process.stderr.write(`hipaa-cloud: internal error (a bug in hipaa-cloud, please report it): ${messageOf(e)}\n` +
                (process.env.HIPAA_CLOUD_DEBUG ? `${(e as Error)?.stack ?? ""}\n` : ""));
        }
        return 2;
    }
}

/**
 * The first error writing to standard output (ENOSPC on `> /dev/full`, EPIPE when the reader closed the
 * pipe): the report was not delivered, so the command ends with exit 2 naming standard output, never
 * with the 0 or 1 a CI job reads as the verdict. Such errors arrive asynchronously, as the stream's
 * 'error' event and as the callback of a write, so write() records them and finish() decides.
 */
let stdoutError: NodeJS.ErrnoException | undefined;
let watching = false;

/**
 * Listens for errors on standard output and standard error (an 'error' event nobody listens to would
 * end the process as a crash, with whatever exit status that gives). Called by write() and finish(), and
 * first thing by bin/hipaa-cloud.js and main(), before anything is written.
 */
export function watchOutput(): void {
    if (watching) return;
    watching = true;
    process.stdout.on("error", outputFailed);
    // Nowhere left to say that standard error failed; the exit status still tells.
    process.stderr.on("error", () => undefined);
}

function outputFailed(e: Error | null | undefined): void {
    if (!e || stdoutError) return;
    stdoutError = e;
    process.exitCode = 2;
    const reason = stdoutError.code === "EPIPE" ? "the reader closed it before the end" : messageOf(stdoutError);
    process.stderr.write(`hipaa-cloud: standard output: the report could not be written whole (${reason}); exit 2, not a verdict\n`);
}

function write(text: string, out: string | undefined): void {
    watchOutput();
    if (out === undefined) { process.stdout.write(text, outputFailed); return; }
    let fd: number | undefined;
    try {
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fd = fs.openSync(out, "w");
        const bytes = Buffer.from(text);
        for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done);
        fs.closeSync(fd);
    } catch (e) {
        // A report cut off (a full disk) must not be left behind to be read as whole: a text report cut
        // before its findings reads as a pass. Only a regular file is removed (never /dev/full or a pipe).
        if (fd !== undefined) {
            try {
                if (fs.fstatSync(fd).isFile()) fs.unlinkSync(out);
                fs.closeSync(fd);
            } catch { /* the error below is the one to report */ }
        }
        throw new CheckError(`--out ${out}: the report cannot be written (${messageOf(e)}); exit 2, not a verdict`);
    }
}

async function check(args: CheckArgs, newRunner: () => ProgramRunner): Promise<number> {
    if (args.state !== undefined) {
        const pack = loadPack(args);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { checkStates } = require("./state-check") as typeof import("./state-check");
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const drift = require("./state-drift") as typeof import("./state-drift");
        loadWhatJudges(args);
        const withProgram = args.stack !== undefined || args.program !== undefined || args.configFile !== undefined;
        if (withProgram) drift.oneStateFile(args.state);
        // The state is read and judged before the program runs: the program could rewrite the file.
        const { reports, errors, fleet } = checkStates(args.state, pack.rules, pack.policyConfig, args.strict);
        const program = withProgram ? await drift.programReport(args, pack.rules, pack.policyConfig, newRunner()) : undefined;
        if (program && reports.length) reports[0] = drift.withDrift(reports[0], program);
        const input: RenderInput = { reports: reports.map(r => judging.model().withPolicyConfigStatement(r, pack.statement)), errors, allStacks: fleet, policies: pack.policies };
        write(render(args.format, input), args.out);
        return exitCodeOf(input);
    }
    if (args.allStacks) {
        const pack = loadPack(args);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { checkAllStacks } = require("./all-stacks") as typeof import("./all-stacks");
        loadWhatJudges(args);
        const { reports, errors, shard } = await checkAllStacks(args, pack.rules, pack.policyConfig, newRunner);
        const input: RenderInput = { reports: reports.map(r => judging.model().withPolicyConfigStatement(r, pack.statement)), errors, allStacks: true, policies: pack.policies, shard };
        write(render(args.format, input), args.out);
        return exitCodeOf(input);
    }
    const programs = newRunner();
    let report: CheckReport;
    let pack: Pack;
    try {
        // The program's process starts first: it loads the SDK while this one reads the stack and the rules.
        programs.start(args.program ? path.resolve(args.program) : packageRoot);
        const target = resolveTarget(args);
        pack = loadPack(args);
        loadWhatJudges(args);
        const running = programs.run(target, args.timeoutSeconds);
        const named = target.stackFile !== null || args.stack !== undefined;
        const run = await running;
        // One run per check: its process is done, and ending it now frees its memory before the judging takes its own.
        programs.stop();
        report = judging.model().withPolicyConfigStatement(judging.check().judge(target, run, pack.rules, pack.policyConfig, named, args.strict), pack.statement);
    } finally {
        programs.stop();
    }
    const input: RenderInput = { reports: [report], errors: [], allStacks: false, policies: pack.policies };
    write(render(args.format, input), args.out);
    return exitCodeOf(input);
}

/** The exit status of what was rendered: 2 when a stack could not be checked, 1 for a mandatory finding, else 0. */
function exitCodeOf(input: RenderInput): number {
    return input.errors.length ? 2 : input.reports.some(r => r.summary.mandatory > 0) ? 1 : 0;
}

interface Pack {
    rules: readonly Rule[];
    policyConfig: PolicyConfig;
    /** What the config weakens, and the day exemptions are judged on: stated in every report. */
    statement: ReturnType<typeof policyConfigStatement>;
    policies: PolicyInfo[];
}

/**
 * Loads all the code that decides or writes this check's verdict: the judging, the SDK's decoder of
 * registrations, the report's renderer. Called before the program runs: a program runs as the user who checks
 * it and can write any file they can, the checker's own and its libraries' too, so once it runs this process
 * loads no more code (test/checker/verdict-code.spec.ts), and it reads no compiled-code cache (bin/hipaa-cloud.js).
 */
function loadWhatJudges(args: CheckArgs): void {
    for (const load of Object.values(judging)) load();
    registrationRequest();
    loadRenderer(args.format);
}

function loadPack(args: CheckArgs): Pack {
    const { emptyPolicyConfig, readPolicyConfig } = judging.evaluate();
    const rules = judging.check().loadRules(args.rules);
    // The state rule's name is known to every run's policy config (one config serves a program and its state);
    // a state run judges with it (state-check.ts adds it per state file).
    const withState = [...rules, ...judging.stateSecrets().stateRules()];
    const policyConfig = args.policyConfig ? readPolicyConfig(args.policyConfig, withState) : emptyPolicyConfig;
    const judged = args.state !== undefined ? withState : rules;
    return { rules, policyConfig, statement: judging.weakening().policyConfigStatement(policyConfig, judged, args.rules), policies: judged.map(judging.model().policyInfo) };
}

/** `hipaa-cloud merge`: the shards' JSON reports as one fleet report (checker/merge.ts). */
function merge(args: MergeArgs): number {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { mergeReports } = require("./merge") as typeof import("./merge");
    const project = args.program ? readProject(path.resolve(args.program)) : args.ownProject ? ownProject() : undefined;
    const expected = project && { stacks: [...stackFiles(project).keys()], where: project.stackConfigDir };
    const input = mergeReports(args.files, judging.check().loadRules(args.rules).map(judging.model().policyInfo), args.rules, expected);
    write(render(args.format, input), args.out);
    return exitCodeOf(input);
}

function listPolicies(args: PoliciesArgs): number {
    const policies = judging.check().loadRules(args.rules).map(judging.model().policyInfo);
    if (args.format === "json") {
        const list = policies.map(p => ({ name: p.name, cloud: p.cloud, controls: p.controls, citation: p.citation, severity: p.severity, enforcement: p.enforcement, description: p.description }));
        write(JSON.stringify(list, null, 2) + "\n", args.out);
        return 0;
    }
    const rows = [["POLICY", "CLOUD", "CONTROLS", "SEVERITY", "ENFORCEMENT", "CITATION"],
        ...policies.map(p => [p.name, p.cloud, p.controls.join(","), p.severity, p.enforcement, p.citation])];
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
    const lines = rows.map(r => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
    write(lines.join("\n") + `\n${policies.length} polic${policies.length === 1 ? "y" : "ies"}.\n`, args.out);
    return 0;
}

/**
 * Ends the command with `code`. A checked program may leave timers or handles behind (or never settle), so
 * the process does not wait for them; it does wait until stdout and stderr have handed everything written
 * to the pipe: exiting first cut a piped report off at 64 KiB when the reader was slower than 50 ms.
 * A report that standard output did not take whole (ENOSPC, EPIPE) turns the exit status into 2.
 */
export function finish(code: number): void {
    watchOutput();
    process.exitCode = stdoutError ? 2 : code;
    let streams = 2;
    const flushed = () => {
        if (--streams > 0) return;
        setTimeout(() => process.exit(stdoutError ? 2 : code), 50).unref();
    };
    process.stdout.write("", e => { outputFailed(e); flushed(); });
    process.stderr.write("", flushed);
}

if (require.main === module) main(process.argv.slice(2)).then(finish);
