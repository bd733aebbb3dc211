// A database's parameter group (Redshift clusters, RDS instances, Aurora clusters), joined by the
// resource's group-name input, and the value of one parameter in it.
import { equalsAnyIgnoreCase } from "../../lib/inputs";
import type { PolicyResource, Violation } from "../../lib/rule";
import { isUnknown } from "../../lib/values";
import type { StackIndex } from "../../lib/stack-index";
import { T } from "./tokens";

/** Which input of a resource names its parameter group, and the group types it may name. */
export interface GroupJoin { prop: string; types: readonly string[] }
export const redshiftGroup: GroupJoin = { prop: "clusterParameterGroupName", types: T.redshiftParameterGroup };
export const rdsInstanceGroup: GroupJoin = { prop: "parameterGroupName", types: T.rdsParameterGroup };
export const rdsClusterGroup: GroupJoin = { prop: "dbClusterParameterGroupName", types: T.rdsClusterParameterGroup };

/** A parameter that is on: Redshift writes "true", RDS engines "1" or "ON" (the engines read the words in any case, but not padded). */
export const isOn = (v: unknown) => v === true || v === 1 || equalsAnyIgnoreCase(v, "true", "1", "on");

/**
 * Whether a resource's parameter group turns `parameter` on. Without a group AWS's default group applies,
 * whose values the stack does not show and AWS has changed over time (Redshift's require_ssl in 2025,
 * PostgreSQL 15's rds.force_ssl); like a group that is not in this stack, it cannot be read, so it does not
 * count as compliant: the setting must be declared.
 */
export function parameterViolations(stack: StackIndex, resource: PolicyResource, join: GroupJoin, parameter: string, on = "\"true\""): Violation[] {
    const name = resource.props[join.prop];
    const wanted = `a parameter group in this stack with {name: "${parameter}", value: ${on}}`;
    // RDS and Redshift read a group's name in any case (they keep it in lower case): "Strict-Group" names "strict-group".
    const groups = stack.lookup(join.types, ["name", "id"], true).resolve(resource, join.prop);
    if (!groups.length) {
        if (isUnknown(name)) return [{ property: join.prop, found: name, wanted, resource }];
        return [{
            property: join.prop, found: name, wanted, resource,
            note: name === undefined ? `Without one AWS's default parameter group applies, which is not in the stack: its ${parameter} cannot be verified.`
                : `No ${join.types[0]} in this stack is named so; its ${parameter} cannot be verified.`,
        }];
    }
    return groups.flatMap(group => groupViolations(resource, group, parameter, wanted, on));
}

/** `group`'s `parameter` is on: every entry of that name (one that is off is not outvoted by another that is on). */
function groupViolations(resource: PolicyResource, group: PolicyResource, parameter: string, wanted: string, on: string): Violation[] {
    const parameters = group.props.parameters;
    if (isUnknown(parameters)) return [{ property: "parameters", found: parameters, wanted, resource, note: `(on ${group.type} "${group.name}")` }];
    const list = Array.isArray(parameters) ? parameters as Record<string, unknown>[] : [];
    const where = `(on ${group.type} "${group.name}", its parameter group)`;
    const entries = list.flatMap((p, at) => typeof p?.name === "string" && p.name.toLowerCase() === parameter ? [at] : []);
    if (!entries.length) return [{ property: "parameters", found: undefined, wanted, resource, note: `${where} has no ${parameter} parameter.` }];
    return entries.filter(at => !isOn(list[at].value)).map(at => {
        const value = list[at].value;
        return { property: `parameters[${at}].value`, found: value, wanted: on, resource, note: isUnknown(value) ? undefined : where };
    });
}
