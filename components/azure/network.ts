// Network: the private network every PHI service is reached through (NETWORK-PRIVATE) — a
// VNet, subnets that each have a network security group and no default outbound access, the
// privatelink DNS zones linked to the VNet, and `privateEndpoint()`, which gives any target a private
// endpoint plus the DNS zone group that registers it in the right zones.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import type * as inputs from "@pulumi/azure-native/types/input";
import { AzureArgs, azureName, envSuffix, tagsOf } from "./common";
import { formatAddress, parseCidr } from "../cidr";
import { assertArgs } from "../problems";

/**
 * Private Link group ids and the private DNS zones each needs (CONTROLS.md §5, from the Private Link
 * DNS table; the SDK types groupIds as free strings). The Synapse ids are spelled as documented.
 */
export const privateLinkZones = {
    blob: ["privatelink.blob.core.windows.net"],
    dfs: ["privatelink.dfs.core.windows.net"],
    vault: ["privatelink.vaultcore.azure.net"],
    Sql: ["privatelink.sql.azuresynapse.net"],
    SqlOnDemand: ["privatelink.sql.azuresynapse.net"],
    Dev: ["privatelink.dev.azuresynapse.net"],
    healthcareworkspace: ["privatelink.workspace.azurehealthcareapis.com", "privatelink.dicom.azurehealthcareapis.com"],
    account: ["privatelink.cognitiveservices.azure.com"],
    azuremonitor: [
        "privatelink.monitor.azure.com", "privatelink.oms.opinsights.azure.com", "privatelink.ods.opinsights.azure.com",
        "privatelink.agentsvc.azure-automation.net", "privatelink.blob.core.windows.net",
    ],
} as const satisfies Record<string, readonly string[]>;
export type PrivateLinkGroup = keyof typeof privateLinkZones;

/** The subnets of the hospital network, in address order. */
export const subnetNames = ["endpoints", "workloads"] as const;
export type SubnetName = typeof subnetNames[number];

export interface NetworkArgs extends AzureArgs {
    /** Address space; default 10.40.0.0/16 (hospital:network.cidr). A /24 per subnet is carved from its start. */
    cidr?: string;
    /** The Private Link group ids that will get endpoints; their DNS zones are created. Default: all of privateLinkZones. */
    groupIds?: readonly PrivateLinkGroup[];
}

/** What privateEndpoint() needs to know about its target. */
export interface PrivateEndpointTarget {
    /** The ARM id of the resource the endpoint connects to. */
    targetId: pulumi.Input<string>;
    /** The Private Link group id (sub-resource), e.g. "blob" or "vault". */
    groupId: PrivateLinkGroup;
}

/**
 * The first `count` /24 subnets of `cidr` (a private /16 to /22). Pure, exported for tests.
 */
export function subnetCidrs(cidr: string, count: number): string[] {
    const problem = subnetCidrsProblem(cidr, count);
    const block = parseCidr(cidr);
    if (problem || !block) throw new Error(problem);
    return Array.from({ length: count }, (_, i) => `${formatAddress(block.address + i * 256)}/24`);
}

/** Why `count` /24 subnets cannot be cut from `cidr` (subnetCidrs), or undefined. */
export function subnetCidrsProblem(cidr: string, count: number): string | undefined {
    const block = typeof cidr === "string" ? parseCidr(cidr) : undefined;
    if (!block) return `'cidr' must be an IPv4 CIDR such as 10.40.0.0/16 (no leading zeros, no host bits); got ${JSON.stringify(cidr)}.`;
    if (block.prefix > 24 - Math.ceil(Math.log2(count))) return `'cidr' ${cidr} is too small for ${count} /24 subnets.`;
    return undefined;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function networkProblems(args: Pick<NetworkArgs, "cidr" | "groupIds">): string[] {
    const unknown = (args.groupIds ?? []).filter(g => !Object.hasOwn(privateLinkZones, g));
    return [
        subnetCidrsProblem(args.cidr ?? "10.40.0.0/16", subnetNames.length),
        unknown.length ? `'groupIds' must be Private Link group ids of ${Object.keys(privateLinkZones).join(", ")}; got ${unknown.map(g => JSON.stringify(g)).join(", ")}.` : undefined,
    ].filter((p): p is string => p !== undefined);
}

export class Network extends pulumi.ComponentResource {
    public readonly vnet: network.VirtualNetwork;
    public readonly subnets: Record<SubnetName, network.Subnet>;
    public readonly securityGroups: Record<SubnetName, network.NetworkSecurityGroup>;
    /** Private DNS zones by zone name. */
    public readonly zones: Record<string, privatedns.PrivateZone>;
    public readonly vnetId: pulumi.Output<string>;
    private readonly args: NetworkArgs;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:azure:HospitalNetwork", name, {}, opts);
        assertArgs("Network", name, args, networkProblems(args));
        this.args = args;
        const tags = tagsOf(args);
        const where = { resourceGroupName: args.resourceGroupName, location: args.location, tags };
        const cidr = args.cidr ?? "10.40.0.0/16";
        const env = envSuffix(args.environment);

        this.vnet = new network.VirtualNetwork(`${name}-vnet`, {
            ...where,
            virtualNetworkName: azureName(args.tenant, `${env}-vnet`, 64),
            addressSpace: { addressPrefixes: [cidr] },
        }, { parent: this, ignoreChanges: ["subnets"] }); // subnets are their own resources below
        this.vnetId = this.vnet.id;

        const cidrs = subnetCidrs(cidr, subnetNames.length);
        const nsgs = {} as Record<SubnetName, network.NetworkSecurityGroup>;
        const subnets = {} as Record<SubnetName, network.Subnet>;
        subnetNames.forEach((subnet, i) => {
            nsgs[subnet] = new network.NetworkSecurityGroup(`${name}-${subnet}-nsg`, {
                ...where,
                networkSecurityGroupName: azureName(args.tenant, `${env}-${subnet}-nsg`, 80),
                securityRules: securityRules(cidr),
            }, { parent: this });
            // NETWORK-PRIVATE: an NSG on every subnet; no implicit internet egress (defaultOutboundAccess is create-only).
            subnets[subnet] = new network.Subnet(`${name}-${subnet}`, {
                resourceGroupName: args.resourceGroupName,
                virtualNetworkName: this.vnet.name,
                subnetName: subnet,
                addressPrefix: cidrs[i],
                networkSecurityGroup: { id: nsgs[subnet].id },
                defaultOutboundAccess: false,
                // NSG rules also apply to the private endpoints in the subnet.
                privateEndpointNetworkPolicies: "Enabled",
            }, { parent: this, dependsOn: i > 0 ? [subnets[subnetNames[i - 1]]] : [] }); // Azure serialises subnet writes
        });
        this.subnets = subnets;
        this.securityGroups = nsgs;

        const groups = args.groupIds ?? (Object.keys(privateLinkZones) as PrivateLinkGroup[]);
        const zoneNames = [...new Set(groups.flatMap(g => privateLinkZones[g]))].sort();
        this.zones = {};
        for (const zoneName of zoneNames) {
            const zone = new privatedns.PrivateZone(`${name}-${zoneName}`, {
                resourceGroupName: args.resourceGroupName,
                privateZoneName: zoneName,
                location: "Global", // private DNS zones are global resources
                tags,
            }, { parent: this });
            new privatedns.VirtualNetworkLink(`${name}-${zoneName}-link`, {
                resourceGroupName: args.resourceGroupName,
                privateZoneName: zone.name,
                virtualNetworkLinkName: azureName(args.tenant, `${env}-vnet-link`, 80),
                location: "Global",
                virtualNetwork: { id: this.vnet.id },
                registrationEnabled: false,
                tags,
            }, { parent: this });
            this.zones[zoneName] = zone;
        }

        this.registerOutputs({ vnetId: this.vnetId });
    }

    /**
     * A private endpoint in the endpoints subnet for `target`, plus the DNS zone group that registers
     * its addresses in the group's privatelink zones (NETWORK-PRIVATE). Created as children of `owner`
     * so they sit beside the resource they serve.
     */
    privateEndpoint(owner: pulumi.Resource, name: string, target: PrivateEndpointTarget,
        opts: pulumi.CustomResourceOptions = {}): network.PrivateEndpoint {
        const zoneNames = privateLinkZones[target.groupId];
        const missing = zoneNames.filter(z => !this.zones[z]);
        if (missing.length) {
            throw new Error(`private endpoint ${name}: the network has no private DNS zone ${missing.join(", ")}; ` +
                `add '${target.groupId}' to the network's 'groupIds'.`);
        }
        const endpoint = new network.PrivateEndpoint(`${name}-pe`, {
            resourceGroupName: this.args.resourceGroupName,
            location: this.args.location,
            tags: tagsOf(this.args),
            subnet: { id: this.subnets.endpoints.id },
            privateLinkServiceConnections: [{
                name: `${name}-${target.groupId}`,
                privateLinkServiceId: target.targetId,
                groupIds: [target.groupId],
            }],
        }, { ...opts, parent: owner });
        new network.PrivateDnsZoneGroup(`${name}-pe-dns`, {
            resourceGroupName: this.args.resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "default",
            privateDnsZoneConfigs: zoneNames.map(z => ({ name: z.replace(/\./g, "-"), privateDnsZoneId: this.zones[z].id })),
        }, { parent: owner });
        return endpoint;
    }
}

/**
 * Deny by default: HTTPS (443) and Synapse SQL (1433) only from inside the VNet; nothing from the
 * internet; no egress to the internet (PHI leaves only through private endpoints).
 */
function securityRules(cidr: string): inputs.network.SecurityRuleArgs[] {
    return [
        { name: "allow-vnet-https-sql", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp",
            sourceAddressPrefix: cidr, sourcePortRange: "*", destinationAddressPrefix: cidr, destinationPortRanges: ["443", "1433"] },
        { name: "deny-all-inbound", priority: 4096, direction: "Inbound", access: "Deny", protocol: "*",
            sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "*" },
        { name: "deny-internet-outbound", priority: 4096, direction: "Outbound", access: "Deny", protocol: "*",
            sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "Internet", destinationPortRange: "*" },
    ];
}
