// What to check: a project, a stack name and its config (--stack, --program, --config-file, --config),
// resolved in the process that judges, from files it reads itself. The program's process gets the
// result, never the files' names to read again.
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckError } from "./errors";
import { packageRoot, ownModule } from "./paths";
import { FlatConfig, mergeConfig, parseConfigArgument, Project, readProject, readStackFile, stackNameOfFile } from "./project";

export interface TargetOptions {
    stack?: string;
    program?: string;
    configFile?: string;
    config?: string[];
}

/** What to run: a project, a stack name, and its config. */
export interface Target {
    project: Project;
    stack: string;
    /** The stack file read, if any. */
    stackFile: string | null;
    config: FlatConfig;
}

/** The checker's own project: stacks/ (compiled to dist/stacks/ when the checker runs compiled). */
export function ownProject(): Project {
    return readProject(packageRoot, ownModule("stacks/index"));
}

export function resolveTarget(o: TargetOptions): Target {
    const project = o.program ? readProject(path.resolve(o.program)) : ownProject();
    let stackFile: string | null = null;
    if (o.configFile) {
        stackFile = path.resolve(o.configFile);
        if (!fs.existsSync(stackFile)) throw new CheckError(`--config-file ${o.configFile}: no such file`);
    } else if (o.stack) {
        const candidates = ["yaml", "yml"].map(ext => path.join(project.stackConfigDir, `Pulumi.${o.stack}.${ext}`));
        stackFile = candidates.find(f => fs.existsSync(f)) ?? null;
        if (!stackFile && !o.program) {
            throw new CheckError(`--stack ${o.stack}: no stack file ${path.relative(process.cwd(), candidates[0]) || candidates[0]}` +
                `; stacks here: ${[...fs.readdirSync(project.stackConfigDir)].filter(f => /^Pulumi\..+\.ya?ml$/.test(f)).map(f => f.slice(7).replace(/\.ya?ml$/, "")).join(", ") || "none"}`);
        }
    }
    const stack = o.stack ?? (stackFile ? stackNameOfFile(stackFile) : "check");
    const fromArgs: FlatConfig = { values: Object.fromEntries((o.config ?? []).map(a => parseConfigArgument(a, project.name))), secretKeys: [] };
    const config = mergeConfig(project.defaults, stackFile ? readStackFile(stackFile, project.name) : { values: {}, secretKeys: [] }, fromArgs);
    return { project, stack, stackFile, config };
}
