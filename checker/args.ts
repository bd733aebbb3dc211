// The command line: `hipaa-cloud check ...`, `hipaa-cloud policies ...`, `--help`. Parsing only;
// every mistake is a CheckError (exit 2) that names the argument.
import { CheckError } from "./errors";
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
}

export interface PoliciesArgs { command: "policies"; format: "text" | "json"; out?: string; rules?: string }
export interface HelpArgs { command: "help" | "version" }
export type Args = CheckArgs | PoliciesArgs | HelpArgs;

export const usage = `hipaa-cloud: check a Pulumi program against the HIPAA policy pack, offline (no Pulumi CLI, no credentials).

Usage:
  hipaa-cloud check [--stack NAME | --program DIR] [--config KEY=VALUE ...] [--config-file FILE]
                    [--policy-config FILE] [--format text|json|markdown|sarif|junit|mermaid]
                    [--out FILE] [--all-stacks [--jobs N] [--process-per-stack]] [--timeout SECONDS]
                    [--rules MODULE]
  hipaa-cloud policies [--format text|json] [--out FILE]
  hipaa-cloud --help | --version

check:
  --stack NAME          run stacks/ with stacks/Pulumi.NAME.yaml (with --program: DIR's stack NAME)
  --program DIR         run any Pulumi TypeScript/JavaScript program (DIR holds its Pulumi.yaml)
  --config KEY=VALUE    set a config value; a key without a namespace gets the project's (repeatable)
  --config-file FILE    a stack file (Pulumi.<stack>.yaml) to take the config from
  --policy-config FILE  policy config, as \`pulumi preview --policy-pack-config\` takes it
  --format F            text (default), json, markdown, sarif, junit or mermaid
  --out FILE            write the report to FILE instead of standard output
  --all-stacks          check every stack file, in parallel: up to one process per core (--jobs), each
                        checking stacks in turn, each stack in a fresh Pulumi runtime state
  --jobs N              processes at a time for --all-stacks (default: one per core)
  --process-per-stack   --all-stacks: a new process for every stack (full isolation; the SDK loads
                        once per stack, about 3x slower over many stacks)
  --timeout SECONDS     give up on a program that runs longer (default 120)
  --rules MODULE        a module exporting \`rules\` to run instead of the hipaa pack

Exit status: 0 no mandatory finding; 1 mandatory findings; 2 usage, config or program error.`;

export function parseArgs(argv: string[]): Args {
    if (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv[0] === "help") return { command: "help" };
    if (argv[0] === "--version" || argv[0] === "version") return { command: "version" };
    const [command, ...rest] = argv;
    if (command !== "check" && command !== "policies") throw new CheckError(`unknown command ${JSON.stringify(command)}; commands: check, policies (see --help)`);
    const values = new Map<string, string[]>();
    const flags = new Set<string>();
    const takesValue = command === "check"
        ? ["--stack", "--program", "--config", "--config-file", "--policy-config", "--format", "--out", "--timeout", "--rules", "--jobs"]
        : ["--format", "--out", "--rules"];
    const booleans = command === "check" ? ["--all-stacks", "--process-per-stack"] : [];
    for (let i = 0; i < rest.length; i++) {
        let arg = rest[i];
        let value: string | undefined;
        const eq = arg.indexOf("=");
        if (arg.startsWith("--") && eq > 0) { value = arg.slice(eq + 1); arg = arg.slice(0, eq); }
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
    if (!/^\d+(\.\d+)?$/.test(timeout) || Number(timeout) <= 0) throw new CheckError(`--timeout ${timeout}: expected a number of seconds`);
    const jobs = one("--jobs");
    if (jobs !== undefined && !/^[1-9]\d*$/.test(jobs)) throw new CheckError(`--jobs ${jobs}: expected a whole number, at least 1`);
    const args: CheckArgs = {
        command, stack: one("--stack"), program: one("--program"), config: values.get("--config") ?? [], configFile: one("--config-file"),
        policyConfig: one("--policy-config"), format: format as Format, out: one("--out"), allStacks: flags.has("--all-stacks"),
        timeoutSeconds: Number(timeout), rules: one("--rules"), jobs: jobs === undefined ? undefined : Number(jobs),
        // One worker per core that checks stacks in turn is the default: loading the SDK once per stack
        // alone would put 100 stacks over 30 s on 2 cores (see npm run bench).
        reuseProcesses: !flags.has("--process-per-stack"),
    };
    if (flags.has("--process-per-stack") && !args.allStacks) throw new CheckError("--process-per-stack goes with --all-stacks");
    if (args.allStacks && (args.stack || args.configFile)) throw new CheckError("--all-stacks checks every stack file: leave out --stack and --config-file");
    if (!args.allStacks && !args.stack && !args.program && !args.configFile) {
        throw new CheckError("check: say what to check: --stack NAME, --program DIR, --config-file FILE or --all-stacks (see --help)");
    }
    return args;
}
