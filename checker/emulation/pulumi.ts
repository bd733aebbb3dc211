// The identifiers of resources that are Pulumi's own rather than a cloud's under the checker's mocks: a
// generated secret, and a reference to another stack.
import type { EmulationTable } from "./table";

export const pulumi: EmulationTable = {
    packages: ["random", "pulumi"],
    identifiers: (type, name, inputs) => {
        // A generated secret (e.g. a Kerberos KDC password) exists after `up`; a placeholder of the asked length stands in for it.
        if (type === "random:index/randomPassword:RandomPassword" || type === "random:index/randomString:RandomString") {
            return { id: `${name}-id`, result: `mock-${name}`.padEnd(Number(inputs.length) || 16, "0").slice(0, Number(inputs.length) || 16) };
        }
        // A preview of a new stack knows no outputs of the stacks it references.
        if (type === "pulumi:pulumi:StackReference") return { id: inputs.name ?? name, outputs: {}, secretOutputNames: [] };
        return { id: `${name}-id` };
    },
    invokes: {},
    outputs: {},
};
