// Shared by the Google Cloud component tests: the mock config, the example stack's config, a dependency check.
import * as path from "node:path";
import * as fs from "node:fs";
import type { RecordedResource } from "../../../checker/mocks";

export const project = "mercy-phi-prod";
export const region = "us-central1";
export const gcpConfig = { "gcp:project": project, "gcp:region": region };
export const tenant = "mercy";

/** The stack file's `config:` as the runtime holds it: `ns:key` → string, structured values as JSON. */
export function stackConfig(stack: string): Record<string, string> {
    const file = path.join(__dirname, "../../../stacks", `Pulumi.${stack}.yaml`);
    const yamlPath = require.resolve("js-yaml", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require(yamlPath) as { load(text: string): unknown };
    const doc = yaml.load(fs.readFileSync(file, "utf8")) as { config: Record<string, unknown> };
    return Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** Whether `resource` waits for `dependency` (its recorded dependencies include the URN). */
export function dependsOn(resource: RecordedResource, dependency: RecordedResource): boolean {
    return resource.dependencies.includes(dependency.urn);
}
