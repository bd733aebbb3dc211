// The identifiers a mocked resource hands back (ids, ARNs, names, URLs): deterministic, plausible,
// and of the shape programs read back (a bucket's `bucket`, a key's `arn`, an Azure resource `id`),
// from its package's table (checker/emulation/<cloud>.ts); `<name>-id` where no table says more.
import { tableOf } from "./emulation/tables";
import type { MockIdentity } from "./mocks";

export function identifiersFor(type: string, name: string, inputs: Record<string, any>, config: Record<string, string>,
    identity: MockIdentity): Record<string, unknown> {
    const identifiers = tableOf(type)?.identifiers;
    return identifiers ? identifiers(type, name, inputs, config, identity) : { id: `${name}-id` };
}
