// What to check: a project, a stack name and its config (--stack, --program, --config-file, --config),
// resolved in the process that judges, from files it reads itself. The program's process gets the
// result, never the files' names to read again.
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckError } from "./errors";
import { packageRoot, ownModule } from "./paths";
import { configArguments, FlatConfig, mergeConfig, Project, readProject, readStackFile, stackFileOf, stackFiles, stackNameOfFile } from "./project";

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
        stackFile = stackFileOf(project, o.stack);
        // Also with --program: a mistyped --stack would otherwise check the project's defaults under that name.
        if (!stackFile) {
            const file = path.join(project.stackConfigDir, `Pulumi.${o.stack}.yaml`);
            throw new CheckError(`--stack ${o.stack}: no stack file ${path.relative(process.cwd(), file) || file}` +
                `; stacks here: ${[...stackFiles(project).keys()].join(", ") || "none"}` +
                (o.program ? "; leave out --stack to check the program with its Pulumi.yaml defaults and --config" : ""));
        }
    }
    const stack = o.stack ?? (stackFile ? stackNameOfFile(stackFile) : "check");
    const config = mergeConfig(project.defaults, stackFile ? readStackFile(stackFile, project.name) : { values: {}, secretKeys: [] }, configArguments(o.config ?? [], project.name));
    return { project, stack, stackFile, config };
}
