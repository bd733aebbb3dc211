// Outputs the cloud computes and programs read back (an endpoint to split, a URL to print, a CA
// certificate for a kubeconfig, a remote component's subnet ids), from the clouds' tables
// (checker/emulation/<cloud>.ts), so programs run on where a mock that only echoes the inputs would
// leave them undefined.
import { tables } from "./emulation/tables";
import type { ComputedOutputs } from "./emulation/table";
import type { MockIdentity } from "./mocks";

const computed: Readonly<Record<string, ComputedOutputs>> = Object.assign({}, ...tables.map(t => t.outputs));

/** The computed outputs of a resource of `type`, to lay over its inputs; none for a type not listed. */
export function computedOutputs(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity): Record<string, unknown> {
    const outputs = computed[type];
    if (!outputs) return {};
    const region = inputs.region ?? config["aws:region"] ?? config["gcp:region"] ?? "us-east-1";
    const values = outputs(name, inputs, region, identity);
    // A value the program set itself stays its own (an explicit port, endpoint or address).
    return Object.fromEntries(Object.entries(values).filter(([k]) => k === "masterAuth" || k === "privateDnsZoneConfigs" || inputs[k] === undefined));
}
