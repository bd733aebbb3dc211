// The command line: `hipaa-cloud check ...`, `hipaa-cloud policies ...`, `--help`. Parsing only;
// every mistake is a CheckError (exit 2) that names the argument.
import * as path from "node:path";
import { CheckError } from "./errors";
import { isCalendarDate } from "../facts/calendar";
import { stackName } from "./project";
import { Format, formats } from "./report";

export interface CheckArgs {
    command: "check";
    stack?: string;
    program?: string;
    config: string[];
    configFile?: string;
    policyConfig?: string;
    format: Format;
    out?: string;
    allStacks: boolean;
    timeoutSeconds: number;
    rules?: string;
    jobs?: number;
    /** --all-stacks: each worker process checks several stacks in turn (fresh runtime state per stack); default true, --process-per-stack turns it off. */
    reuseProcesses: boolean;
    /** --strict: every cloud resource no rule judges is a mandatory finding. */
    strict: boolean;
    /** --state FILE|DIR: judge a state file (`pulumi stack export`, a checkpoint), or every one in a folder, instead of a program. */
    state?: string;
    /** --shard i/n (with --all-stacks): check only shard i of n of the stacks sorted by name. */
    shard?: { index: number; count: number };
    /** --judging-day YYYY-MM-DD: judge exemptions and expiry dates on that day instead of the clock's (judging-day.ts). */
    judgingDay?: string;
}

export interface PoliciesArgs { command: "policies"; format: "text" | "json"; out?: string; rules?: string }
export interface HelpArgs { command: "help" | "version" }
export type Args = CheckArgs | PoliciesArgs | HelpArgs | MergeArgs;

export const usage = `hipaa-cloud: check a Pulumi program against the HIPAA policy pack, offline (no Pulumi CLI, no credentials).

Usage:
  hipaa-cloud check [--stack NAME | --program DIR] [--config KEY=VALUE ...] [--config-file FILE]
                    [--policy-config FILE] [--format text|json|markdown|sarif|junit|mermaid|oscal]
                    [--out FILE] [--all-stacks [--jobs N] [--process-per-stack]] [--timeout SECONDS]
                    [--rules MODULE] [--strict] [--shard I/N] [--judging-day YYYY-MM-DD]
  hipaa-cloud check --state FILE|DIR [--policy-config FILE] [--format F] [--out FILE] [--strict]
                    [--judging-day YYYY-MM-DD]
  hipaa-cloud merge REPORT.json ... [--format F] [--out FILE] [--rules MODULE] [--program DIR | --own-stacks]
  hipaa-cloud policies [--format text|json] [--out FILE]
  hipaa-cloud --help | --version

check:
  --stack NAME          run stacks/ with stacks/Pulumi.NAME.yaml (with --program: DIR's stack NAME);
                        NAME is letters, digits, -, _ and . (not org/project/stack, never a path)
  --program DIR         run any Pulumi TypeScript/JavaScript program (DIR holds its Pulumi.yaml)
  --config KEY=VALUE    set a config value; a key without a namespace gets the project's (repeatable,
                        each key once); it wins over the stack file's value; with --all-stacks it is
                        set in every stack
  --config-file FILE    a stack file (Pulumi.<stack>.yaml) to take the config from, instead of --stack
  --policy-config FILE  policy config, as \`pulumi preview --policy-pack-config\` takes it
  --format F            text (default), json, markdown, sarif, junit, mermaid or oscal (OSCAL 1.1.3
                        assessment results)
  --out FILE            write the report to FILE instead of standard output
  --all-stacks          check every stack file, in parallel: up to one process per core (--jobs), each
                        checking stacks in turn, each stack in a fresh Pulumi runtime state
  --jobs N              processes at a time for --all-stacks, 1 to 256 (default: one per core)
  --shard I/N           --all-stacks: check shard I of N (1 ≤ I ≤ N ≤ 1000): the stacks sorted by name,
                        every N-th from the I-th; the JSON report says which shard it is, for merge
  --process-per-stack   --all-stacks: a new process for every stack (full isolation; the SDK loads
                        once per stack, about 3x slower over many stacks)
  --timeout SECONDS     give up on a program that runs longer (default 120; at least 0.001; above
                        2147483 s, about 24.8 days, it waits that long)
  --rules MODULE        a module exporting \`rules\` to run instead of the hipaa pack
  --strict              for CI: every cloud resource no rule judges (no rule knows its type, a remote
                        component, a dynamic-provider resource, a CloudControl type the pack does not
                        read) is a mandatory finding naming it, its type and why. Without it, such
                        resources are listed as "not judged" beside the verdict, which stays a PASS
  --state FILE|DIR      judge what is deployed: a state file (\`pulumi stack export\` output or a file-backend
                        checkpoint, version 3), or every *.json state file in DIR; no program runs. Adds
                        hipaa-cloud-state-plaintext-secret (IDENTITY-AUTHN): a credential the state holds
                        in plain text, named by resource and property, never shown. With --stack, --program
                        or --config-file, the program runs too and the drift between the two is reported
                        (advisory findings of hipaa-cloud-state-drift)
  --judging-day DAY     judge exemptions and expiry dates on DAY (YYYY-MM-DD) instead of today (UTC); the
                        run says so on standard error and in every report. HIPAA_CLOUD_TODAY set to another
                        day than today, without this flag, is refused (exit 2)

merge:
  joins the JSON reports of check --all-stacks --shard I/N --format json (every shard 1..N of one split,
  once) into the fleet report one unsharded run gives, in any --format. It recomputes every verdict from
  the findings and refuses (exit 2) a file that is not such a report, another hipaa-cloud version's, a
  missing or repeated shard or stack, shards judged under different --policy-config, --strict or --rules,
  and a report whose summary or outcomes disagree with its findings. With --program DIR (--own-stacks:
  this package's stacks/) the fleet must be exactly that project's stack files. Exit status as
  check --all-stacks.

Files read (Pulumi.yaml, stack files, --config-file, --policy-config) must be regular UTF-8 files of at
most 1 MiB (YAML) or 4 MiB (policy config).

Exit status: 0 no mandatory finding; 1 mandatory findings; 2 usage, config or program error, or a report
that could not be written whole (a full disk, a closed standard output).`;

/** The longest delay Node's timers take (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const maxTimerMs = 2 ** 31 - 1;

/** --timeout's seconds as a timer's milliseconds: at least 1 ms, at most maxTimerMs (a longer timeout waits that long). */
export function timeoutMs(seconds: number): number {
    return Math.min(maxTimerMs, Math.max(1, Math.ceil(seconds * 1000)));
}

/** --jobs above this is refused: more processes than any machine this runs on has cores, each a Node with the SDK loaded. */
export const maxJobs = 256;

export function parseArgs(argv: string[]): Args {
    const isHelp = (a: string) => a === "--help" || a === "-h";
    // Help where an option may stand, never as an option's value: `--config -h` once printed usage and
    // exited 0, which a CI job reads as a passed check of nothing.
    if (argv.length === 0 || isHelp(argv[0]) || argv[0] === "help") return { command: "help" };
    if (argv[0] === "--version" || argv[0] === "version") return { command: "version" };
    const [command, ...rest] = argv;
    if (command === "merge") return rest.some(isHelp) ? { command: "help" } : parseMergeArgs(rest);
    if (command !== "check" && command !== "policies") throw new CheckError(`unknown command ${JSON.stringify(command)}; commands: check, policies, merge (see --help)`);
    const values = new Map<string, string[]>();
    const flags = new Set<string>();
    const takesValue = command === "check"
        ? ["--stack", "--program", "--config", "--config-file", "--policy-config", "--format", "--out", "--timeout", "--rules", "--jobs", "--state", "--shard", "--judging-day"]
        : ["--format", "--out", "--rules"];
    const booleans = command === "check" ? ["--all-stacks", "--process-per-stack", "--strict"] : [];
    for (let i = 0; i < rest.length; i++) {
        let arg = rest[i];
        let value: string | undefined;
        const eq = arg.indexOf("=");
        if (arg.startsWith("--") && eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
        if (isHelp(arg) && value === undefined) return { command: "help" };
        if (booleans.includes(arg)) {
            if (value !== undefined) throw new CheckError(`${arg} takes no value`);
            flags.add(arg);
            continue;
        }
        if (!takesValue.includes(arg)) throw new CheckError(`${command}: unknown argument ${JSON.stringify(rest[i])} (see --help)`);
        if (value === undefined) {
            value = rest[++i];
            if (value === undefined || (value.startsWith("--") && arg !== "--config")) throw new CheckError(`${arg} needs a value`);
        }
        if (arg !== "--config" && values.has(arg)) throw new CheckError(`${arg} given twice`);
        // An empty value is never meant: `--out ""` would write to standard output, `--stack ""` check nothing named.
        if (value === "") throw new CheckError(`${arg} needs a value; got an empty one`);
        values.set(arg, [...(values.get(arg) ?? []), value]);
    }
    const one = (k: string) => values.get(k)?.[0];
    const format = one("--format") ?? "text";
    if (command === "policies") {
        if (format !== "text" && format !== "json") throw new CheckError(`--format ${format}: policies are listed as text or json`);
        return { command, format, out: one("--out"), rules: one("--rules") };
    }
    if (!formats.includes(format as Format)) throw new CheckError(`--format ${format}: not a format; use one of ${formats.join(", ")}`);
    const timeout = one("--timeout") ?? "120";
    // Digits only (no 1e9999, Infinity, NaN), and finite: 400 digits are Infinity to Number.
    // At least 1 ms: a shorter limit cannot be kept (and String() of it would be 1e-7, which a worker given it refuses).
    if (!/^\d+(\.\d+)?$/.test(timeout) || !(Number(timeout) >= 0.001) || !Number.isFinite(Number(timeout))) {
        throw new CheckError(`--timeout ${timeout.length > 40 ? timeout.slice(0, 40) + "..." : timeout}: expected a number of seconds, at least 0.001, in digits (e.g. 120 or 0.5)`);
    }
    const jobs = one("--jobs");
    if (jobs !== undefined && (!/^[1-9]\d*$/.test(jobs) || Number(jobs) > maxJobs)) throw new CheckError(`--jobs ${jobs}: expected a whole number from 1 to ${maxJobs}`);
    // KEY=VALUE is checked here (a malformed one is a usage error before anything loads); the key's namespace once the project is known.
    for (const c of values.get("--config") ?? []) {
        if (c.indexOf("=") <= 0) throw new CheckError(`--config ${JSON.stringify(c)}: expected KEY=VALUE, e.g. --config aws:region=us-east-1`);
    }
    const stack = one("--stack");
    if (stack !== undefined) stackName(stack);
    const args: CheckArgs = {
        command, stack, program: one("--program"), config: values.get("--config") ?? [], configFile: one("--config-file"),
        policyConfig: one("--policy-config"), format: format as Format, out: one("--out"), allStacks: flags.has("--all-stacks"),
        // Held to what a timer can wait (about 24.8 days), so that it also reads back from String() as digits (1e+21 would not).
        timeoutSeconds: Math.min(Number(timeout), maxTimerMs / 1000), rules: one("--rules"), jobs: jobs === undefined ? undefined : Number(jobs),
        // One worker per core that checks stacks in turn is the default: loading the SDK once per stack
        // alone would put 100 stacks over 30 s on 2 cores (see npm run bench).
        reuseProcesses: !flags.has("--process-per-stack"),
        strict: flags.has("--strict"),
        state: one("--state"),
        // The fleet report's module, loaded only for --shard: it is most of what parsing would load otherwise.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        shard: one("--shard") === undefined ? undefined : (require("./report/fleet") as typeof import("./report/fleet")).parseShard(one("--shard")!),
        judgingDay: one("--judging-day"),
    };
    if (args.judgingDay !== undefined && !isCalendarDate(args.judgingDay)) {
        throw new CheckError(`--judging-day ${JSON.stringify(args.judgingDay)}: expected a real calendar date YYYY-MM-DD`);
    }
    if (args.shard && !args.allStacks) throw new CheckError("--shard goes with --all-stacks");
    if (args.state !== undefined) {
        // With --stack, --program or --config-file the program runs too, and the report adds the drift between the two.
        const others = ["--all-stacks", "--jobs", "--process-per-stack"].filter(k => values.has(k) || flags.has(k));
        if (others.length) throw new CheckError(`--state ${args.state} judges state files, not every stack's program: leave out ${others.join(", ")}`);
        const program = args.stack !== undefined || args.program !== undefined || args.configFile !== undefined;
        const needsProgram = ["--config", "--timeout"].filter(k => values.has(k));
        if (!program && needsProgram.length) throw new CheckError(`--state ${args.state}: ${needsProgram.join(", ")} go with a program to compare it with (--stack, --program or --config-file)`);
        if (!(args.stack && args.configFile)) return args;
    }
    if (flags.has("--process-per-stack") && !args.allStacks) throw new CheckError("--process-per-stack goes with --all-stacks");
    if (jobs !== undefined && !args.allStacks) throw new CheckError("--jobs goes with --all-stacks");
    if (args.allStacks && (args.stack || args.configFile)) throw new CheckError("--all-stacks checks every stack file: leave out --stack and --config-file");
    // Refused rather than one silently winning: the stack's name is also what the program sees
    // (pulumi.getStack()), so `--stack prod --config-file dev.yaml` would check prod's name with dev's config.
    if (args.stack && args.configFile) {
        throw new CheckError(`--stack ${args.stack} and --config-file ${args.configFile}: give one; --stack reads Pulumi.${args.stack}.yaml, ` +
            "--config-file reads that file as the stack named after it");
    }
    if (!args.allStacks && !args.stack && !args.program && !args.configFile) {
        throw new CheckError("check: say what to check: --stack NAME, --program DIR, --config-file FILE or --all-stacks (see --help)");
    }
    return args;
}

// `merge`'s arguments are parsed here, with the others: checker/merge.ts is loaded only when merge runs,
// not at the start of every check.
export interface MergeArgs {
    command: "merge"; files: string[]; format: Format; out?: string; rules?: string;
    /** --program DIR (or --stacks-of-own-project): the fleet must be exactly that project's stack files. */
    program?: string; ownProject?: boolean;
}

export function parseMergeArgs(rest: readonly string[]): MergeArgs {
    const files: string[] = [];
    const values = new Map<string, string>();
    for (let i = 0; i < rest.length; i++) {
        let arg = rest[i];
        let value: string | undefined;
        const eq = arg.indexOf("=");
        if (arg.startsWith("--") && eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
        if (!arg.startsWith("-")) { files.push(arg); continue; }
        if (arg === "--own-stacks" && value === undefined) { values.set(arg, ""); continue; }
        if (!["--format", "--out", "--rules", "--program"].includes(arg)) throw new CheckError(`merge: unknown argument ${JSON.stringify(rest[i])} (see --help)`);
        value ??= rest[++i];
        if (value === undefined || value === "" || value.startsWith("--")) throw new CheckError(`${arg} needs a value`);
        if (values.has(arg)) throw new CheckError(`${arg} given twice`);
        values.set(arg, value);
    }
    const format = values.get("--format") ?? "text";
    if (!formats.includes(format as Format)) throw new CheckError(`--format ${format}: not a format; use one of ${formats.join(", ")}`);
    if (!files.length) throw new CheckError("merge: name the JSON reports to merge (check --all-stacks --shard i/n --format json --out FILE, one per shard)");
    const seen = new Map<string, string>();
    for (const f of files) {
        const key = path.resolve(f);
        if (seen.has(key)) throw new CheckError(`merge: ${f} given twice${seen.get(key) !== f ? ` (as ${seen.get(key)})` : ""}: each shard's report once`);
        seen.set(key, f);
    }
    if (values.has("--program") && values.has("--own-stacks")) throw new CheckError("merge: --program DIR and --own-stacks name the fleet twice; give one");
    return {
        command: "merge", files, format: format as Format, out: values.get("--out"), rules: values.get("--rules"),
        program: values.get("--program"), ownProject: values.has("--own-stacks"),
    };
}
