// An ElastiCache cluster that names a replication group is a node of that group, with the group's at-rest and
// in-transit encryption: the rules judge the group, and the node only through it. A node of a group the stack
// does not declare is judged by nothing, so it is a finding ("cannot verify"), never "not applicable".
import { isText } from "../../lib/inputs";
import { notInStack, PolicyResource, Violation } from "../../lib/rule";
import { Lookup, StackIndex } from "../../lib/stack-index";
import { isUnknown, UNKNOWN } from "../../lib/values";
import { T } from "./tokens";

/**
 * The stack's replication groups by id, without regard to case: ElastiCache keeps ids in lower case and reads a
 * reference in any. The stack's own lookup, built once for the two rules that read it (enc-transit, enc-rest-cmk).
 */
export function replicationGroups(stack: StackIndex): Lookup {
    return stack.lookup(T.elasticacheReplicationGroup, ["replicationGroupId"], true);
}

/**
 * The verdict on `cluster` as a node of a replication group (`judgedThere`: the rule that judges the group), or
 * undefined for a standalone cluster (replicationGroupId unset or blank), which the caller judges itself: not
 * applicable for a node of a group of this stack, unknown while the group is unknown at preview, else a finding.
 */
export function nodeVerdict(groups: Lookup, cluster: PolicyResource, judgedThere: string, wanted: string): Violation[] | undefined {
    const id = cluster.props.replicationGroupId;
    if (!isText(id) && !isUnknown(id) && !groups.builtFrom(cluster, "replicationGroupId").length) return undefined;
    const found = groups.refer(cluster, "replicationGroupId");
    if (isUnknown(found)) return [{ property: "replicationGroupId", found: UNKNOWN, wanted, resource: cluster }];
    if (!found.length) return [notInStack(cluster, "replicationGroupId", wanted, "No replication group of this stack has that id, so the encryption of the group this node joins cannot be checked.")];
    const names = found.map(g => `${g.type} "${g.name}"`).join(", ");
    return [{ property: "replicationGroupId", found: id, wanted, resource: cluster, doesNotApply: `a node of ${names}, encrypted as the group is (${judgedThere} judges it)` }];
}
