// A Redshift cluster's parameter group (joined by `clusterParameterGroupName`) and its parameters.
import type { PolicyResource, Violation } from "../../lib/rule";
import { isUnknown } from "../../lib/values";
import { isTrue } from "./inputs";
import { Lookup, StackIndex } from "../../lib/stack-index";
import { REDSHIFT_PARAMETER_GROUP } from "./tokens";

const cache = new WeakMap<StackIndex, Lookup>();

function groups(stack: StackIndex): Lookup {
    let lookup = cache.get(stack);
    if (!lookup) cache.set(stack, lookup = new Lookup(stack.ofType(...REDSHIFT_PARAMETER_GROUP), ["name", "id"]));
    return lookup;
}

/**
 * Whether a cluster's parameter group sets `parameter` to "true". Without a group the cluster gets
 * AWS's default group, whose values the stack does not show and AWS has changed over time (require_ssl
 * became true in the default group of clusters created from 2025 on); like a group that is not in this
 * stack, it cannot be read, so it does not count as compliant: the setting must be declared.
 */
export function parameterViolations(stack: StackIndex, cluster: PolicyResource, parameter: string): Violation[] {
    const name = cluster.props.clusterParameterGroupName;
    const wanted = `a parameter group in this stack with {name: "${parameter}", value: "true"}`;
    const [group] = groups(stack).resolve(cluster, "clusterParameterGroupName");
    if (!group) {
        if (isUnknown(name)) return [{ property: "clusterParameterGroupName", found: name, wanted, resource: cluster }];
        return [{
            property: "clusterParameterGroupName", found: name, wanted, resource: cluster,
            note: name === undefined ? `Without one the cluster gets AWS's default parameter group, which is not in the stack: its ${parameter} cannot be verified.` : `No aws:redshift/parameterGroup in this stack is named so; its ${parameter} cannot be verified.`,
        }];
    }
    const parameters = group.props.parameters;
    if (isUnknown(parameters)) return [{ property: "parameters", found: parameters, wanted, resource: cluster, note: `(on ${group.type} "${group.name}")` }];
    const list = Array.isArray(parameters) ? parameters as Record<string, unknown>[] : [];
    const at = list.findIndex(p => typeof p?.name === "string" && p.name.toLowerCase() === parameter);
    const where = `(on ${group.type} "${group.name}", the cluster's parameter group)`;
    if (at < 0) return [{ property: "parameters", found: undefined, wanted, resource: cluster, note: `${where} has no ${parameter} parameter.` }];
    const value = list[at].value;
    if (isTrue(value)) return [];
    return [{ property: `parameters[${at}].value`, found: value, wanted: "\"true\"", resource: cluster, note: isUnknown(value) ? undefined : where }];
}
