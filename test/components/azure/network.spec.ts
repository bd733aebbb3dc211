import assert from "node:assert/strict";
import { Network, privateLinkZones, subnetCidrs } from "../../../components/azure/network";
import { record, Recorded } from "../../support/record";
import { scope } from "./harness";

const T = {
    vnet: "azure-native:network:VirtualNetwork",
    subnet: "azure-native:network:Subnet",
    nsg: "azure-native:network:NetworkSecurityGroup",
    zone: "azure-native:privatedns:PrivateZone",
    link: "azure-native:privatedns:VirtualNetworkLink",
    endpoint: "azure-native:network:PrivateEndpoint",
    zoneGroup: "azure-native:network:PrivateDnsZoneGroup",
};

describe("azure Network", () => {
    let r: Recorded;
    before(async () => {
        r = await record(() => {
            const net = new Network("net", { ...scope, cidr: "10.60.0.0/16", groupIds: ["vault", "healthcareworkspace"] });
            net.privateEndpoint(net, "target", { targetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.HealthcareApis/workspaces/w", groupId: "healthcareworkspace" });
        });
    });

    it("places the VNet in the hospital's address space, region and resource group", () => {
        const vnet = r.one(T.vnet).inputs as any;
        assert.deepEqual(vnet.addressSpace.addressPrefixes, ["10.60.0.0/16"]);
        assert.equal(vnet.location, "eastus2");
        assert.equal(vnet.resourceGroupName, "stlukes-rg");
    });

    it("gives every subnet its own NSG and no default outbound access", () => {
        const subnets = r.ofType(T.subnet);
        assert.equal(subnets.length, 2);
        const nsgIds = new Set<string>();
        for (const s of subnets) {
            const inputs = s.inputs as any;
            assert.equal(inputs.defaultOutboundAccess, false, s.name);
            assert.ok(typeof inputs.networkSecurityGroup?.id === "string" && inputs.networkSecurityGroup.id.includes("NetworkSecurityGroup"), s.name);
            nsgIds.add(inputs.networkSecurityGroup.id);
        }
        assert.equal(nsgIds.size, 2);
        assert.deepEqual(subnets.map(s => (s.inputs as any).addressPrefix), ["10.60.0.0/24", "10.60.1.0/24"]);
    });

    it("denies inbound traffic from anywhere but the VNet and outbound traffic to the internet", () => {
        for (const nsg of r.ofType(T.nsg)) {
            const rules = (nsg.inputs as any).securityRules as any[];
            const allows = rules.filter(x => x.access === "Allow");
            assert.ok(allows.every(x => x.sourceAddressPrefix === "10.60.0.0/16"), nsg.name);
            assert.ok(rules.some(x => x.direction === "Inbound" && x.access === "Deny" && x.sourceAddressPrefix === "*"));
            assert.ok(rules.some(x => x.direction === "Outbound" && x.access === "Deny" && x.destinationAddressPrefix === "Internet"));
        }
    });

    it("creates and links to the VNet exactly the DNS zones of the requested group ids", () => {
        const zones = r.ofType(T.zone).map(z => (z.inputs as any).privateZoneName).sort();
        assert.deepEqual(zones, [...privateLinkZones.vault, ...privateLinkZones.healthcareworkspace].sort());
        const links = r.ofType(T.link);
        assert.equal(links.length, zones.length);
        const vnetName = (r.one(T.vnet).inputs as any).virtualNetworkName;
        for (const link of links) {
            assert.ok((link.inputs as any).virtualNetwork.id.endsWith(`/${vnetName}`), link.name);
            assert.equal((link.inputs as any).registrationEnabled, false);
        }
    });

    it("puts a private endpoint in the endpoints subnet with a DNS zone group over every zone of its group id", () => {
        const pe = r.one(T.endpoint).inputs as any;
        assert.match(pe.subnet.id, /endpoints$/);
        assert.deepEqual(pe.privateLinkServiceConnections[0].groupIds, ["healthcareworkspace"]);
        assert.match(pe.privateLinkServiceConnections[0].privateLinkServiceId, /workspaces\/w$/);
        const group = r.one(T.zoneGroup).inputs as any;
        assert.equal(group.privateEndpointName, "target-pe");
        assert.equal(group.privateDnsZoneConfigs.length, 2);
        for (const zone of privateLinkZones.healthcareworkspace) {
            assert.ok(group.privateDnsZoneConfigs.some((c: any) => c.privateDnsZoneId.endsWith(`/${zone}`)), zone);
        }
    });

    it("refuses a private endpoint whose DNS zones the network does not have", async () => {
        await assert.rejects(record(() => {
            const net = new Network("net", { ...scope, groupIds: ["vault"] });
            net.privateEndpoint(net, "x", { targetId: "id", groupId: "blob" });
        }), /no private DNS zone privatelink\.blob\.core\.windows\.net/);
    });

    it("carves consecutive /24 subnets from the start of the range", () => {
        assert.deepEqual(subnetCidrs("10.40.0.0/16", 2), ["10.40.0.0/24", "10.40.1.0/24"]);
        assert.deepEqual(subnetCidrs("192.168.4.0/22", 3), ["192.168.4.0/24", "192.168.5.0/24", "192.168.6.0/24"]);
        assert.throws(() => subnetCidrs("10.0.0.0/24", 2), /too small/);
    });
});
