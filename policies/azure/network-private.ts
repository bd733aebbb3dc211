// NETWORK-PRIVATE on Azure: PHI services are reached over private endpoints only; subnets are
// guarded by NSGs and have no implicit internet egress; no NSG rule opens admin or SQL ports to the
// internet (CONTROLS.md 1b, section 5 for the private-endpoint group ids).
import { judgeIngress, wantedIngress } from "../lib/network";
import { expect, notApplicable, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { equalsAnyIgnoreCase, foundAmong, isFalse, isSet, isTrue, physicalName, privateEndpointIndex, T } from "./common";
import { unknownReferences } from "../lib/unknowns";

const controls = ["NETWORK-PRIVATE"] as const;

export const privateEndpoint = resourceRule({
    name: "azure-network-private-private-endpoint", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.privateEndpoint],
    description: "A private endpoint sits in a subnet and names its target and the target's sub-resource (groupIds).",
    remediation: "Set subnet.id and privateLinkServiceConnections[] {privateLinkServiceId, groupIds} (e.g. [\"vault\"], [\"blob\"], [\"Sql\"], [\"healthcareworkspace\"]).",
    check: r => {
        const out = expect(r.props, "subnet.id", isSet, "the id of a private subnet");
        const auto = r.props.privateLinkServiceConnections, manual = r.props.manualPrivateLinkServiceConnections;
        if (isUnknown(auto) || isUnknown(manual)) return [...out, { property: "privateLinkServiceConnections", found: auto, wanted: "one connection or more" }];
        const lists = [["privateLinkServiceConnections", asArray(auto as unknown[])], ["manualPrivateLinkServiceConnections", asArray(manual as unknown[])]] as const;
        if (!lists[0][1].length && !lists[1][1].length) return [...out, { property: "privateLinkServiceConnections", found: auto, wanted: "one connection or more" }];
        for (const [prop, conns] of lists) {
            conns.forEach((c, i) => {
                const conn = (c ?? {}) as Record<string, unknown>;
                out.push(...under(`${prop}[${i}].`, [
                    ...expect(conn, "privateLinkServiceId", isSet, "the target's resource id"),
                    ...expect(conn, "groupIds", g => Array.isArray(g) && g.length > 0, "the target's group id, e.g. [\"vault\"]"),
                ]));
            });
        }
        return out;
    },
});

/** Violations of a nested object, their property paths prefixed with where it sits. */
function under(prefix: string, violations: Violation[]): Violation[] {
    return violations.map(v => ({ ...v, property: prefix + v.property }));
}

/** Subnets Azure itself manages: no NSG allowed (gateway, firewall, route server), or not ours to close. */
const platformSubnets = new Set(["gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet", "routeserversubnet"]);

function subnetViolations(subnet: Record<string, unknown>, path: string): Violation[] {
    return under(path, [
        ...expect(subnet, "networkSecurityGroup.id", isSet, "the id of a network security group"),
        // Create-only: false removes the implicit outbound internet access of VMs in the subnet.
        ...expect(subnet, "defaultOutboundAccess", isFalse, "false"),
    ]);
}

export const subnet = resourceRule({
    name: "azure-network-private-subnet", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.subnet],
    description: "A subnet has a network security group and no default outbound internet access.",
    remediation: "Set networkSecurityGroup.id and defaultOutboundAccess false (create-only).",
    check: r => platformSubnets.has(physicalName(r).toLowerCase())
        ? notApplicable(`${physicalName(r)} is an Azure-managed subnet that takes no NSG`)
        : subnetViolations(r.props, ""),
});

export const virtualNetwork = resourceRule({
    name: "azure-network-private-virtual-network", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.virtualNetwork],
    description: "Subnets declared inline in a virtual network have a network security group and no default outbound internet access.",
    remediation: "Set subnets[].networkSecurityGroup.id and subnets[].defaultOutboundAccess false (or declare network.Subnet resources).",
    check: r => {
        const subnets = r.props.subnets;
        if (isUnknown(subnets)) return [{ property: "subnets", found: subnets, wanted: "subnets with an NSG and defaultOutboundAccess false" }];
        if (!Array.isArray(subnets) || !subnets.length) return notApplicable("no inline subnets");
        return subnets.flatMap((s, i) => platformSubnets.has(String(s?.name ?? "").toLowerCase()) ? [] : subnetViolations(s ?? {}, `subnets[${i}].`));
    },
});

/** Azure's words for any source (compared without spaces, in lower case); a bare 0.0.0.0 is read as any, as it always was here. */
const anySource: ReadonlySet<string> = new Set(["*", "internet", "any", "0.0.0.0"]);

/** The open-to-the-internet findings of one security rule (resource or inline); lib/network.ts judges it. */
function ruleViolations(rule: Record<string, unknown>, path: string): Violation[] {
    const { direction, access } = rule;
    // Only what Azure reads as outbound or deny is let off: a value it would not accept (" Inbound", "Both") is judged, never skipped.
    const word = (v: unknown) => typeof v === "string" ? v.replace(/\s+/g, "") : v;
    if (equalsAnyIgnoreCase(word(direction), "Outbound") || equalsAnyIgnoreCase(word(access), "Deny")) return [];
    if (isUnknown(direction) || isUnknown(access)) {
        return [{ property: `${path}${isUnknown(direction) ? "direction" : "access"}`, found: UNKNOWN, wanted: "judged at deployment" }];
    }
    const sources = [rule.sourceAddressPrefix, rule.sourceAddressPrefixes];
    // No port at all (both left out) is read as every port: the rule cannot be narrower than what it says.
    const ports = [rule.destinationPortRange, ...(isUnknown(rule.destinationPortRanges) ? [UNKNOWN] : asArray(rule.destinationPortRanges as unknown[]))]
        .filter(p => p !== undefined && p !== null);
    const judged = judgeIngress({ sources, protocol: rule.protocol, ports, worldWords: anySource });
    if (judged.verdict === "closed") return [];
    const found = rule.sourceAddressPrefixes !== undefined && rule.sourceAddressPrefix === undefined ? rule.sourceAddressPrefixes : rule.sourceAddressPrefix;
    const property = `${path}${found === rule.sourceAddressPrefixes ? "sourceAddressPrefixes" : "sourceAddressPrefix"}`;
    if (judged.verdict === "unknown") return [{ property, found: UNKNOWN, wanted: "a private source (judged at deployment)" }];
    return [{
        property, found,
        wanted: `a private address range or service tag (${wantedIngress})`,
        note: `The rule allows ${judged.reaches} (${JSON.stringify(rule.protocol)} ${JSON.stringify(ports.length ? ports : "*")}) from ${JSON.stringify(sources.flat().filter(x => x !== undefined))}.`,
    }];
}

export const securityRule = resourceRule({
    name: "azure-network-private-security-rule", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.securityRule],
    description: "No NSG rule allows inbound traffic from the internet (*, Internet, Any, 0.0.0.0/0, ::/0, or prefixes that together cover it) to administration, database, cache or file-share ports (policies/lib/ports.ts) or all ports.",
    remediation: "Set sourceAddressPrefix to a private range or service tag (e.g. VirtualNetwork), or deny the traffic.",
    check: r => ruleViolations(r.props, ""),
});

export const networkSecurityGroup = resourceRule({
    name: "azure-network-private-network-security-group", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.nsg],
    description: "No inline NSG rule allows inbound traffic from the internet (*, Internet, Any, 0.0.0.0/0, ::/0, or prefixes that together cover it) to administration, database, cache or file-share ports (policies/lib/ports.ts) or all ports.",
    remediation: "Set securityRules[].sourceAddressPrefix to a private range or service tag (e.g. VirtualNetwork), or deny the traffic.",
    check: r => {
        const list = r.props.securityRules;
        if (isUnknown(list)) return [{ property: "securityRules", found: list, wanted: "no inbound Allow from the internet" }];
        return asArray(list as Record<string, unknown>[]).flatMap((rule, i) => isUnknown(rule)
            ? [{ property: `securityRules[${i}]`, found: rule, wanted: "no inbound Allow from the internet" }]
            : ruleViolations(rule ?? {}, `securityRules[${i}].`));
    },
});

export const synapseWorkspace = resourceRule({
    name: "azure-network-private-synapse-workspace", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.synapseWorkspace],
    description: "A Synapse workspace runs its compute in a managed virtual network that prevents data exfiltration (both create-only).",
    remediation: "Set managedVirtualNetwork \"default\" and managedVirtualNetworkSettings.preventDataExfiltration true when the workspace is created.",
    check: r => [
        ...expect(r.props, "managedVirtualNetwork", v => equalsAnyIgnoreCase(v, "default"), "\"default\""),
        ...expect(r.props, "managedVirtualNetworkSettings.preventDataExfiltration", isTrue, "true"),
    ],
});

export const hdinsightCluster = resourceRule({
    name: "azure-network-private-hdinsight-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.hdinsightCluster],
    description: "An HDInsight cluster sits in a virtual network, with outbound resource-provider connection and Private Link on.",
    remediation: "Set properties.networkProperties {resourceProviderConnection: \"Outbound\", privateLink: \"Enabled\"} and every computeProfile.roles[].virtualNetworkProfile {id, subnet}.",
    check: r => {
        const out = [
            ...expect(r.props, "properties.networkProperties.resourceProviderConnection", v => equalsAnyIgnoreCase(v, "Outbound"), "\"Outbound\""),
            ...expect(r.props, "properties.networkProperties.privateLink", v => equalsAnyIgnoreCase(v, "Enabled"), "\"Enabled\""),
        ];
        const roles = get(r.props, "properties.computeProfile.roles");
        if (isUnknown(roles)) return [...out, { property: "properties.computeProfile.roles", found: roles, wanted: "roles in a virtual network" }];
        const list = asArray(roles as Record<string, unknown>[]);
        if (!list.length) out.push({ property: "properties.computeProfile.roles", found: roles, wanted: "roles, each with a virtualNetworkProfile" });
        list.forEach((role, i) => {
            for (const p of ["id", "subnet"]) {
                out.push(...under(`properties.computeProfile.roles[${i}].`, expect(role ?? {}, `virtualNetworkProfile.${p}`, isSet, "set")));
            }
        });
        return out;
    },
});

/** A stack rule: every resource of `type` has a private endpoint with one of `groupIds`. */
function endpointRule(name: string, type: string, what: string, groupIds: string[]) {
    const wanted = groupIds.map(g => JSON.stringify(g)).join(" or ");
    return stackRule({
        name, cloud: "azure", controls: [...controls], severity: "high",
        judges: [type],
        description: `Every ${what} has a private endpoint (groupIds ${wanted}).`,
        remediation: `Add a network PrivateEndpoint whose privateLinkServiceConnections target the ${what} with groupIds [${groupIds.map(g => JSON.stringify(g)).join("] or [")}], plus its private DNS zone group.`,
        check: stack => {
            const index = privateEndpointIndex(stack, [type]);
            const lower = groupIds.map(g => g.toLowerCase());
            const excuse = unknownReferences(index.unresolved.length);
            const out: Violation[] = [];
            for (const target of stack.ofType(type)) {
                const groups = index.groups.get(target.urn);
                if (groups && lower.some(g => groups.has(g))) continue;
                out.push({
                    resource: target, property: `PrivateEndpoint.privateLinkServiceConnections[].groupIds (→ this ${what})`,
                    found: foundAmong(groups ? [...groups] : [], excuse), wanted: `a private endpoint with groupIds ${wanted}`,
                });
            }
            return out;
        },
    });
}

export const keyVaultEndpoint = endpointRule("azure-network-private-key-vault-endpoint", T.vault, "Key Vault", ["vault"]);
export const storageAccountEndpoint = endpointRule("azure-network-private-storage-account-endpoint", T.storageAccount, "storage account", ["blob", "dfs"]);
export const synapseWorkspaceEndpoint = endpointRule("azure-network-private-synapse-workspace-endpoint", T.synapseWorkspace, "Synapse workspace", ["Sql", "SqlOnDemand", "Dev"]);

export const rules: Rule[] = [privateEndpoint, subnet, virtualNetwork, securityRule, networkSecurityGroup, synapseWorkspace,
    hdinsightCluster, keyVaultEndpoint, storageAccountEndpoint, synapseWorkspaceEndpoint];

