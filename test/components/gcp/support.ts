// Shared by the Google Cloud component tests: the mock config, the example stack's config, a dependency check.
import * as path from "node:path";
import type { RecordedResource } from "../../../checker/mocks";
import { readStackFile } from "../../../checker/project";

export const project = "mercy-phi-prod";
export const region = "us-central1";
export const gcpConfig = { "gcp:project": project, "gcp:region": region };
export const tenant = "mercy";

/** The stack file's `config:` as the runtime holds it: `ns:key` → string, structured values as JSON. */
export function stackConfig(stack: string): Record<string, string> {
    return readStackFile(path.join(__dirname, "../../../stacks", `Pulumi.${stack}.yaml`), "hospital").values;
}

/** Whether `resource` waits for `dependency` (its recorded dependencies include the URN). */
export function dependsOn(resource: RecordedResource, dependency: RecordedResource): boolean {
    return resource.dependencies.includes(dependency.urn);
}
