// NETWORK-PRIVATE on Azure: PHI services are reached over private endpoints only; subnets are
// guarded by NSGs and have no implicit internet egress; no NSG rule opens admin or SQL ports to the
// internet (CONTROLS.md 1b, section 5 for the private-endpoint group ids).
import { armReads, equalsAnyIgnoreCase, isSet } from "../lib/inputs";
import { admitsInternet, judgeIngress, wantedIngress } from "../lib/network";
import { expect, notApplicable, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN, UNKNOWN_STRING } from "../lib/values";
import { inProfile, machineProfile, T } from "./support/tokens";
import { foundAmong, physicalName, privateEndpointIndex } from "./support/relations";
import { unknownReferences } from "../lib/unknowns";
import { C } from "./support/classic";

const controls = ["NETWORK-PRIVATE"] as const;
/** Azure Monitor private link scopes and their links, under azure-native 3's module and azure-native 2's (insights). */
const amplsTypes = ["azure-native:monitor:PrivateLinkScope", "azure-native:insights:PrivateLinkScope"];
const amplsLinkTypes = ["azure-native:monitor:PrivateLinkScopedResource", "azure-native:insights:PrivateLinkScopedResource"];

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
        ...expect(subnet, "defaultOutboundAccess", armReads.off, "false"),
    ]);
}

export const subnet = resourceRule({
    name: "azure-network-private-subnet", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.subnet],
    description: "A subnet has a network security group and no default outbound internet access.",
    remediation: "Set networkSecurityGroup.id and defaultOutboundAccess false (create-only).",
    check: r => platformSubnets.has(physicalName(r)?.toLowerCase() ?? "")
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
    // The azure-native rule and Azure classic's NetworkSecurityRule: the same inputs under the same names.
    types: [T.securityRule, C.securityRule],
    description: "No NSG rule allows inbound traffic from the internet (*, Internet, Any, 0.0.0.0/0, ::/0, or prefixes that together cover it) to administration, database, cache or file-share ports (restrictedPorts, policies/lib/network.ts) or all ports.",
    remediation: "Set sourceAddressPrefix to a private range or service tag (e.g. VirtualNetwork), or deny the traffic.",
    check: r => ruleViolations(r.props, ""),
});

/**
 * A security admin rule of Azure Virtual Network Manager. AlwaysAllow lets traffic in whatever the NSGs of the
 * network say, so an AlwaysAllow from the internet to a guarded port opens it as an NSG rule would; Allow and Deny
 * leave the NSGs (judged above) the last word. Judged as an NSG rule; no source at all reads as any source.
 */
export const adminRule = resourceRule({
    name: "azure-network-private-admin-rule", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:network:AdminRule"],
    description: "No Virtual Network Manager security admin rule always allows inbound traffic from the internet (Internet, *, 0.0.0.0/0, or no source) to administration, database, cache or file-share ports or all ports: AlwaysAllow overrides every NSG.",
    remediation: "Set access \"Allow\" (the NSGs then decide) or \"Deny\", or list private prefixes in sources and narrow destinationPortRanges.",
    check: r => {
        const access = r.props.access;
        if (equalsAnyIgnoreCase(access, "Allow", "Deny")) return [];
        const sources = r.props.sources;
        const prefixes = isUnknown(sources) ? [UNKNOWN] : asArray(sources as unknown[]).map(s => isUnknown(s) ? UNKNOWN : get(s, "addressPrefix"));
        const asNsgRule = {
            direction: r.props.direction, access: isUnknown(access) ? UNKNOWN : "Allow", protocol: r.props.protocol,
            sourceAddressPrefixes: prefixes.length ? prefixes : ["*"], destinationPortRanges: r.props.destinationPortRanges,
        };
        return ruleViolations(asNsgRule, "").map(v => ({ ...v, property: v.property.replace(/^sourceAddressPrefixes/, "sources") }));
    },
});

export const networkSecurityGroup = resourceRule({
    name: "azure-network-private-network-security-group", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.nsg, C.nsg],
    description: "No inline NSG rule allows inbound traffic from the internet (*, Internet, Any, 0.0.0.0/0, ::/0, or prefixes that together cover it) to administration, database, cache or file-share ports (restrictedPorts, policies/lib/network.ts) or all ports.",
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
        ...expect(r.props, "managedVirtualNetworkSettings.preventDataExfiltration", armReads.on, "true"),
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

/**
 * A private endpoint's DNS zone group registers the endpoint's private address in privatelink zones,
 * which take precedence over the service's public name only for the virtual networks linked to them.
 * Without a zone, or with a zone not named privatelink.*, clients resolve the service's public address
 * and reach it over the internet (or not at all).
 */
export const privateDnsZoneGroup = resourceRule({
    name: "azure-network-private-private-dns-zone-group", cloud: "azure", controls: [...controls], severity: "medium",
    types: ["azure-native:network:PrivateDnsZoneGroup"],
    description: "A private endpoint's DNS zone group registers its address in one private DNS zone or more, each a privatelink.* zone.",
    remediation: "Set privateDnsZoneConfigs[] {name, privateDnsZoneId} to the ids of the privatelink zones of the endpoint's group id (e.g. privatelink.vaultcore.azure.net).",
    check: r => {
        const configs = r.props.privateDnsZoneConfigs;
        if (isUnknown(configs)) return [{ property: "privateDnsZoneConfigs", found: configs, wanted: "one private DNS zone or more" }];
        const list = asArray(configs as unknown[]);
        if (!Array.isArray(configs) || !list.length) return [{ property: "privateDnsZoneConfigs", found: configs, wanted: "one private DNS zone or more" }];
        return list.flatMap((c, i) => {
            const config = isObject(c) ? c : {};
            // An id that embeds a value unknown at preview is judged at deployment, like an unknown one.
            const id = typeof config.privateDnsZoneId === "string" && config.privateDnsZoneId.includes(UNKNOWN_STRING) ? UNKNOWN : config.privateDnsZoneId;
            return expect({ privateDnsZoneId: id }, "privateDnsZoneId", isPrivateLinkZoneId, "the id of a privatelink.* private DNS zone")
                .map(v => ({ ...v, property: `privateDnsZoneConfigs[${i}].${v.property}` }));
        });
    },
});

function isObject(v: unknown): v is Record<string, unknown> {
    return !!v && typeof v === "object" && !Array.isArray(v);
}

/**
 * A resource id whose last segment, the zone's name, has a label starting "privatelink" (privatelink.x,
 * privatelink-global.x). The type segments are not read: Azure refuses an id of anything but a private DNS zone.
 */
function isPrivateLinkZoneId(v: unknown): boolean {
    if (typeof v !== "string" || !v.startsWith("/") || v.includes(UNKNOWN_STRING)) return false;
    const zone = v.replace(/\/+$/, "").split("/").pop() ?? "";
    return zone.toLowerCase().split(".").some(label => label.startsWith("privatelink"));
}

/**
 * A private DNS zone's virtual-network link. With resolutionPolicy NxDomainRedirect, a name the
 * privatelink zone does not hold is resolved publicly: a PHI service without a record here is reached
 * at its public address instead of failing closed.
 */
export const privateDnsZoneLink = resourceRule({
    name: "azure-network-private-private-dns-zone-link", cloud: "azure", controls: [...controls], severity: "medium",
    types: ["azure-native:privatedns:VirtualNetworkLink", "azure-native:network:VirtualNetworkLink"],
    description: "A private DNS zone's virtual-network link does not fall back to public DNS resolution (resolutionPolicy Default, the default).",
    remediation: "Leave resolutionPolicy unset or set \"Default\" (not \"NxDomainRedirect\").",
    check: r => expect(r.props, "resolutionPolicy", v => v === undefined || v === null || equalsAnyIgnoreCase(v, "Default"), "\"Default\" (or unset)"),
});

/**
 * An Azure Monitor private link scope (AMPLS): with access mode PrivateOnly, the networks connected to
 * it reach only the Log Analytics workspaces and other resources linked into it (no exfiltration to
 * another workspace) for ingestion and for queries; Open (the default) lets them reach any. The rule
 * decides the access to every resource linked into the scope, so it reads the scope's links
 * (PrivateLinkScopedResource, by its scopeName) as parts of the scope.
 */
export const monitorPrivateLinkScope = stackRule({
    name: "azure-network-private-monitor-private-link-scope", cloud: "azure", controls: [...controls], severity: "high",
    judges: amplsTypes,
    reads: { scopeName: amplsLinkTypes },
    description: "An Azure Monitor private link scope allows ingestion and queries only to the resources linked into it (access modes PrivateOnly, no Open exclusion), and each link names the resource it links.",
    remediation: "Set accessModeSettings {ingestionAccessMode: \"PrivateOnly\", queryAccessMode: \"PrivateOnly\"} with no exclusion that sets \"Open\", and linkedResourceId on each PrivateLinkScopedResource.",
    check: stack => {
        const out: Violation[] = [];
        const private_ = (v: unknown) => equalsAnyIgnoreCase(v, "PrivateOnly");
        for (const scope of stack.ofType(...amplsTypes)) {
            for (const mode of ["ingestionAccessMode", "queryAccessMode"]) {
                out.push(...expect(scope.props, `accessModeSettings.${mode}`, private_, "\"PrivateOnly\" (unset is Open)", scope));
            }
            const exclusions = get(scope.props, "accessModeSettings.exclusions");
            if (isUnknown(exclusions)) { out.push({ resource: scope, property: "accessModeSettings.exclusions", found: exclusions, wanted: "no exclusion that sets Open" }); continue; }
            asArray(exclusions as unknown[]).forEach((e, i) => {
                for (const mode of ["ingestionAccessMode", "queryAccessMode"]) {
                    // Unset in an exclusion keeps the scope's mode; anything set must be PrivateOnly.
                    out.push(...expect(isObject(e) ? e : {}, mode, v => v === undefined || private_(v), "\"PrivateOnly\" (or unset)", scope)
                        .map(v => ({ ...v, property: `accessModeSettings.exclusions[${i}].${v.property}` })));
                }
            });
        }
        // A link names the resource it puts behind the scope (a link to nothing is a mistake the scope carries).
        const scopes = stack.ofType(...amplsTypes);
        for (const link of stack.ofType(...amplsLinkTypes)) {
            const deps = link.opts.propertyDependencies?.scopeName ?? [];
            const scope = scopes.find(s => deps.includes(s.urn)) ?? scopes.find(s => isSet(link.props.scopeName) && s.props.scopeName === link.props.scopeName);
            if (!scope) continue;
            out.push(...expect(link.props, "linkedResourceId", isSet, `the id of the resource linked into ${scope.name}`, scope)
                .map(v => ({ ...v, property: `PrivateLinkScopedResource "${link.name}".${v.property}` })));
        }
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
export const cognitiveAccountEndpoint = endpointRule("azure-network-private-cognitive-account-endpoint", T.cognitiveAccount, "AI services account", ["account"]);
export const synapseWorkspaceEndpoint = endpointRule("azure-network-private-synapse-workspace-endpoint", T.synapseWorkspace, "Synapse workspace", ["Sql", "SqlOnDemand", "Dev"]);

/**
 * A network interface with a public IP address puts its VM on the internet, whatever the NSG says today (an
 * NSG rule is one edit away; the first unreported case). azure-native names the address by
 * ipConfigurations[].publicIPAddress {id}, Azure classic by ipConfigurations[].publicIpAddressId.
 */
export const networkInterface = resourceRule({
    name: "azure-network-private-network-interface", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.networkInterface, C.networkInterface],
    description: "A network interface has no public IP address: its VM is reached through a private network, Bastion or a load balancer.",
    remediation: "Remove ipConfigurations[].publicIPAddress (publicIpAddressId on Azure classic); reach the VM through Azure Bastion, a VPN or a private load balancer.",
    check: r => {
        const configs = r.props.ipConfigurations;
        const prop = r.type === C.networkInterface ? "publicIpAddressId" : "publicIPAddress";
        if (isUnknown(configs)) return [{ property: "ipConfigurations", found: configs, wanted: "no public IP address" }];
        return asArray(configs as unknown[]).flatMap((c, i) => {
            if (isUnknown(c)) return [{ property: `ipConfigurations[${i}]`, found: c, wanted: "no public IP address" }];
            const value = isObject(c) ? c[prop] : undefined;
            // Any value but unset is a public address (an object without an id, a blank id: Azure refuses or ignores it; fail closed).
            if (value === undefined || value === null) return [];
            return [{ property: `ipConfigurations[${i}].${prop}`, found: isUnknown(value) ? UNKNOWN : value, wanted: "unset (no public IP address)" }];
        });
    },
});

/** A VM's inline network interface configurations (scale-set style) may create a public IP for each NIC. */
export const virtualMachine = resourceRule({
    name: "azure-network-private-virtual-machine", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.virtualMachine, T.vmScaleSet],
    description: "A virtual machine's (or scale set's) inline network interface configurations create no public IP address (its separate network interfaces are judged by azure-network-private-network-interface).",
    remediation: "Remove networkProfile.networkInterfaceConfigurations[].ipConfigurations[].publicIPAddressConfiguration (under virtualMachineProfile for a scale set).",
    check: r => {
        const m = machineProfile(r);
        if (m === UNKNOWN) return [{ property: "virtualMachineProfile", found: UNKNOWN, wanted: "no public IP address" }];
        return inProfile(m.prefix, inlineNicViolations(m.props));
    },
});

/** The public IPs a machine profile's inline network interface configurations would create. */
function inlineNicViolations(props: Record<string, unknown>): Violation[] {
    const nics = get(props, "networkProfile.networkInterfaceConfigurations");
    if (isUnknown(nics)) return [{ property: "networkProfile.networkInterfaceConfigurations", found: nics, wanted: "no public IP address" }];
    return asArray(nics as unknown[]).flatMap((nic, i) => {
        const ips = isObject(nic) ? nic.ipConfigurations : undefined;
        if (isUnknown(nic) || isUnknown(ips)) return [{ property: `networkProfile.networkInterfaceConfigurations[${i}]`, found: UNKNOWN, wanted: "no public IP address" }];
        return asArray(ips as unknown[]).flatMap((ip, j) => {
            const pip = isObject(ip) ? ip.publicIPAddressConfiguration : isUnknown(ip) ? UNKNOWN : undefined;
            return pip === undefined || pip === null ? [] : [{
                property: `networkProfile.networkInterfaceConfigurations[${i}].ipConfigurations[${j}].publicIPAddressConfiguration`,
                found: pip, wanted: "unset (no public IP address)",
            }];
        });
    });
}

/**
 * An App Service plan is the compute its apps run on; each app is judged itself. Its one input that opens a
 * path is rdpEnabled (Managed Instance plans): RDP into the workers that run the PHI apps.
 */
export const appServicePlan = resourceRule({
    name: "azure-network-private-app-service-plan", cloud: "azure", controls: [...controls], severity: "medium",
    types: [T.appServicePlan],
    description: "An App Service plan does not open RDP to its workers (rdpEnabled, Managed Instance plans).",
    remediation: "Leave rdpEnabled unset or false; reach workers through Bastion if you must.",
    check: r => expect(r.props, "rdpEnabled", armReads.offOrUnset, "false (or unset)"),
});

/**
 * An AKS API server is private (private cluster, or public access Disabled), or its public endpoint admits only
 * authorized ranges none of which, together, is the internet (lib/network.ts); and no node pool gives its nodes
 * public IP addresses (the "public API servers and node IPs").
 */
export const aksCluster = resourceRule({
    name: "azure-network-private-aks-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.aksCluster],
    description: "An AKS cluster's API server is private or limited to authorized IP ranges that are not the internet, and no node pool has node public IPs.",
    remediation: "Set apiServerAccessProfile.enablePrivateCluster true (or authorizedIPRanges to your networks), and leave agentPoolProfiles[].enableNodePublicIP unset or false.",
    check: r => {
        const out: Violation[] = [];
        const privateCluster = get(r.props, "apiServerAccessProfile.enablePrivateCluster"), pna = r.props.publicNetworkAccess;
        const ranges = get(r.props, "apiServerAccessProfile.authorizedIPRanges");
        if (!armReads.on(privateCluster) && !equalsAnyIgnoreCase(pna, "Disabled")) {
            const list = Array.isArray(ranges) ? ranges : [];
            const world = admitsInternet(list);
            if (isUnknown(privateCluster) || isUnknown(pna) || isUnknown(ranges) || (list.length && world === "unknown")) {
                out.push({ property: "apiServerAccessProfile", found: UNKNOWN, wanted: "a private cluster or authorized IP ranges" });
            } else if (!list.length || world === "yes") {
                out.push({
                    property: "apiServerAccessProfile.authorizedIPRanges", found: ranges,
                    wanted: "enablePrivateCluster true, or ranges of your own networks (not the internet)",
                    note: list.length ? "The ranges together admit the internet." : "Without them the API server answers the whole internet.",
                });
            }
        }
        const pools = r.props.agentPoolProfiles;
        if (isUnknown(pools)) return [...out, { property: "agentPoolProfiles", found: pools, wanted: "node pools without public IPs" }];
        asArray(pools as unknown[]).forEach((p, i) => out.push(...expect(isObject(p) ? p : {}, "enableNodePublicIP", armReads.offOrUnset, "false (the default)")
            .map(v => ({ ...v, property: `agentPoolProfiles[${i}].enableNodePublicIP` }))));
        return out;
    },
});

/** A Container Apps environment: internal (no public address in its VNet), or public network access Disabled. */
export const containerAppEnvironment = resourceRule({
    name: "azure-network-private-container-app-environment", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.containerAppEnvironment],
    description: "A Container Apps environment has no public entry: it is internal to a virtual network, or its public network access is Disabled.",
    remediation: "Set vnetConfiguration {infrastructureSubnetId, internal: true}, or publicNetworkAccess \"Disabled\" with a private endpoint.",
    check: r => {
        const internal = get(r.props, "vnetConfiguration.internal"), pna = r.props.publicNetworkAccess;
        if (armReads.on(internal) || equalsAnyIgnoreCase(pna, "Disabled")) return [];
        if (isUnknown(internal) || isUnknown(pna)) return [{ property: "vnetConfiguration.internal", found: UNKNOWN, wanted: "true (or publicNetworkAccess \"Disabled\")" }];
        return [{ property: "vnetConfiguration.internal", found: internal, wanted: "true (or publicNetworkAccess \"Disabled\")" }];
    },
});

/** A container instance group with a public IP address answers the internet on its ports. */
export const containerGroup = resourceRule({
    name: "azure-network-private-container-group", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.containerGroup],
    description: "A container instance group has no public IP address (it runs in a subnet, ipAddress.type Private).",
    remediation: "Set ipAddress.type \"Private\" with subnetIds, or leave ipAddress unset.",
    check: r => {
        const ip = r.props.ipAddress;
        if (ip === undefined || ip === null) return [];
        return expect(r.props, "ipAddress.type", v => equalsAnyIgnoreCase(v, "Private"), "\"Private\"");
    },
});

/** An Azure classic scale set gives each instance a public IP through networkInterfaces[].ipConfigurations[].publicIpAddresses. */
export const classicScaleSet = resourceRule({
    name: "azure-network-private-classic-scale-set", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.linuxVmss, C.windowsVmss],
    description: "A virtual machine scale set (Azure classic) gives its instances no public IP addresses.",
    remediation: "Remove networkInterfaces[].ipConfigurations[].publicIpAddresses; reach instances through a load balancer or Bastion.",
    check: r => {
        const nics = r.props.networkInterfaces;
        if (isUnknown(nics)) return [{ property: "networkInterfaces", found: nics, wanted: "no public IP addresses" }];
        return asArray(nics as unknown[]).flatMap((nic, i) => {
            const ips = isObject(nic) ? nic.ipConfigurations : isUnknown(nic) ? UNKNOWN : undefined;
            if (isUnknown(ips)) return [{ property: `networkInterfaces[${i}]`, found: UNKNOWN, wanted: "no public IP addresses" }];
            return asArray(ips as unknown[]).flatMap((ip, j) => {
                const pips = isObject(ip) ? ip.publicIpAddresses : isUnknown(ip) ? UNKNOWN : undefined;
                const property = `networkInterfaces[${i}].ipConfigurations[${j}].publicIpAddresses`;
                if (isUnknown(pips)) return [{ property, found: UNKNOWN, wanted: "unset (no public IP addresses)" }];
                return asArray(pips as unknown[]).length ? [{ property, found: pips, wanted: "unset (no public IP addresses)" }] : [];
            });
        });
    },
});

export const rules: Rule[] = [adminRule, privateEndpoint, subnet, virtualNetwork, securityRule, networkSecurityGroup, synapseWorkspace,
    hdinsightCluster, keyVaultEndpoint, storageAccountEndpoint, synapseWorkspaceEndpoint, privateDnsZoneGroup, privateDnsZoneLink,
    monitorPrivateLinkScope, networkInterface, virtualMachine, appServicePlan, aksCluster, containerAppEnvironment, containerGroup, classicScaleSet,
    cognitiveAccountEndpoint];

