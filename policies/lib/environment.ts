// Which environment a stack is, and so whether the non-production relaxation of DELETION-PROTECTION
// applies (hipaa-cloud components protect stateful resources only in prod: components/naming.ts
// statefulOptions).
//
// The environment comes from the pack config (`environment`, default "prod"), never from a tag or
// label on a resource: tags are written by the program being judged, so an `environment: dev` tag on
// an unprotected bucket of a production stack would switch its check off. Components still tag every
// resource with its environment (useful metadata); no rule reads that tag for a verdict.
//
// Why not the stack's own `hospital:environment`: @pulumi/policy 1.21 cannot read stack config on the
// engine path. The engine sends it (AnalyzerStackConfigureRequest carries `config`), but the SDK's
// `configureStack` (node_modules/@pulumi/policy/server.js) keeps only the stack *tags* and drops the
// config, and ResourceValidationArgs/StackValidationArgs expose only `stackTags` and the policy's own
// `getConfig()`. So both paths take the environment from the pack config (`--policy-pack-config` for
// the engine, `--policy-config` for the checker) and agree; a hospital stack whose
// `hospital:environment` is not prod says so in its policy config too (README.md).
import { Environment, environments, productionEnvironment } from "../../facts/environments";
import type { PackConfig } from "./config";

/**
 * The stack's environment when it is a non-production one, else undefined. Only the exact values of
 * facts/environments.ts other than "prod" relax anything: the engine validates the pack config against
 * the schema's enum, and a value that got past a validator ("DEV", "development", a number, "toString")
 * is judged as prod, the safe side.
 */
export function nonProductionEnvironment(config: Pick<PackConfig, "environment">): Environment | undefined {
    const env: unknown = config.environment;
    return env !== productionEnvironment && (environments as readonly unknown[]).includes(env) ? env as Environment : undefined;
}

/** The words a not-applicable verdict gives for a non-production stack. */
export function nonProductionReason(env: Environment): string {
    return `the pack config says this stack is environment "${env}": deletion protection is asked of prod only`;
}
