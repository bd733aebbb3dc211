// Runs a piece of a Pulumi program under the checker's mock runtime and returns what it registered.
import assert from "node:assert/strict";
import { installMocks, MockOptions, RecordedResource, runInStack } from "../../checker/mocks";
import type { PolicyResource } from "../../policies/lib/rule";

export interface Recorded {
    resources: RecordedResource[];
    outputs: Record<string, unknown>;
    unknownInvokes: string[];
    policyResources: PolicyResource[];
    /** Resources of a type (a type token), in registration order. */
    ofType(type: string): RecordedResource[];
    /** The one resource of a type (and name, when given); fails the test if there is not exactly one. */
    one(type: string, name?: string): RecordedResource;
}

export async function record(program: () => unknown, options: Partial<MockOptions> = {}): Promise<Recorded> {
    const recorder = installMocks({ project: "hospital", stack: "test", ...options });
    const outputs = await runInStack(program);
    const ofType = (type: string) => recorder.resources.filter(r => r.type === type);
    return {
        resources: recorder.resources,
        outputs,
        unknownInvokes: [...recorder.unknownInvokes],
        policyResources: recorder.policyResources(),
        ofType,
        one(type, name) {
            const found = ofType(type).filter(r => name === undefined || r.name === name);
            assert.equal(found.length, 1, `exactly one ${type}${name ? ` named ${name}` : ""}; registered: ${recorder.resources.map(r => r.name).join(", ")}`);
            return found[0];
        },
    };
}
