// NETWORK-PRIVATE's one judgement (policies/lib/network.ts), and the three clouds' rules that map their
// shapes into it: every spelling of the internet, unions of ranges, port ranges and protocols, on each cloud.
import assert from "node:assert/strict";
import { securityGroup, securityGroupRule, routeTable } from "../../../policies/aws/network-private";
import { networkSecurityGroup, securityRule } from "../../../policies/azure/network-private";
import { rules as gcpNetwork } from "../../../policies/gcp/network-private";
import { rules as gcpPublic } from "../../../policies/gcp/public-access";
import { Finding, runResourceRule } from "../../../policies/lib/evaluate";
import { admitsInternet, judgeIngress, parseCidr, protocolReach } from "../../../policies/lib/network";
import type { PolicyResource, ResourceRule } from "../../../policies/lib/rule";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";

const res = (type: string, props: Record<string, unknown>): PolicyResource => ({ type, name: "r", urn: `urn:pulumi:s::p::${type}::r`, props, opts: {} });
const run = (rule: ResourceRule, r: PolicyResource): Finding[] => runResourceRule(rule, r, {});
const gcpRule = (name: string) => [...gcpNetwork, ...gcpPublic].find(r => r.name === name) as ResourceRule;

/** Every IPv4 range but one address: the whole internet with a hole in it. */
const allButOne = Array.from({ length: 32 }, (_, i) => {
    // 0.0.0.0/1 is the first half; then the upper half split down to 255.255.255.254/32, leaving 255.255.255.255 out.
    if (i === 0) return "0.0.0.0/1";
    const base = (0xffffffff << (32 - i)) >>> 0;
    return `${[24, 16, 8, 0].map(s => (base >>> s) & 255).join(".")}/${i + 1}`;
});

/** Sources that are the internet, each as a program could write it. */
const world: Record<string, unknown[]> = {
    "0.0.0.0/0": ["0.0.0.0/0"],
    "two halves": ["0.0.0.0/1", "128.0.0.0/1"],
    "four quarters": ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"],
    "overlapping, out of order": ["128.0.0.0/1", "10.0.0.0/8", "0.0.0.0/1", "64.0.0.0/3"],
    "all but one address": allButOne,
    "0.0.0.0/00": ["0.0.0.0/00"],
    "000.0.0.0/0": ["000.0.0.0/0"],
    "leading space": [" 0.0.0.0/0"],
    "0/0": ["0/0"],
    "host bits": ["203.0.113.7/0"],
    "a private range and the world": ["10.0.0.0/16", "0.0.0.0/0"],
    "the public unicast /8s": Array.from({ length: 223 }, (_, i) => `${i + 1}.0.0.0/8`),
    "::/0": ["::/0"],
    "::0/0": ["::0/0"],
    "0::/0": ["0::/0"],
    "0:0:0:0:0:0:0:0/0": ["0:0:0:0:0:0:0:0/0"],
    "::/0 with spaces": ["::/0 ", " :: / 0"],
    "IPv6 halves": ["::/1", "8000::/1"],
    "2000::/3 (all IPv6 global unicast)": ["2000::/3"],
    "an IPv6 /16": ["2600::/16"],
    "upper case": ["2000::/3".toUpperCase(), "::FFFF:0:0/96"],
    "::ffff:0.0.0.0/96 (every IPv4 address, mapped)": ["::ffff:0.0.0.0/96"],
    "a nested list": [["0.0.0.0/1"], ["128.0.0.0/1"]],
};

/** Sources that are not. */
const notWorld: Record<string, unknown[]> = {
    "the private ranges": ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"],
    "a partner's /24": ["203.0.113.0/24"],
    "half a /8 of public addresses": ["52.0.0.0/9"],
    "IPv6 unique local and link local": ["fd00::/8", "fe80::/10", "::1/128"],
    "a partner's IPv6 /48": ["2001:db8:1234::/48"],
    "a whole ISP's IPv6 /32": ["2a00:1450::/32"],
    "nothing": [],
    "not a range": ["sg-123", "pl-456", "0.0.0.0/33", "300.0.0.0/0", "1:2:3/0", "::ffff:1.2.3/0"],
};

describe("policies/lib/network (the internet, ports and protocols, judged once for three clouds)", () => {
    it("parses every IPv4 and IPv6 spelling of an address range, and nothing else", () => {
        assert.deepEqual(parseCidr("0/0"), parseCidr("0.0.0.0/0"));
        assert.deepEqual(parseCidr("000.000.000.000/00"), parseCidr("0.0.0.0/0"));
        assert.deepEqual(parseCidr("0:0:0:0:0:0:0:0/0"), parseCidr("::/0"));
        assert.deepEqual(parseCidr("::ffff:10.0.0.1"), parseCidr("::FFFF:a00:1/128"));
        assert.equal(parseCidr("10.0.0.1")!.range.first, parseCidr("10.0.0.1")!.range.last, "a bare address is one host");
        for (const bad of ["", "/0", "a.b.c.d/0", "1.2.3.4/", "1.2.3.4.5/8", "::1::/0", "1:2:3:4:5:6:7:8:9/0", "::/129", "0.0.0.0/-1", "0x0/0"]) {
            assert.equal(parseCidr(bad), undefined, bad);
        }
    });

    for (const [what, sources] of Object.entries(world)) {
        it(`counts ${what} as the internet`, () => assert.equal(admitsInternet(sources), "yes"));
    }
    for (const [what, sources] of Object.entries(notWorld)) {
        it(`does not count ${what} as the internet`, () => assert.equal(admitsInternet(sources), "no"));
    }

    it("is unknown when an unknown source could make the internet, and yes when the known ones already do", () => {
        assert.equal(admitsInternet(["10.0.0.0/8", UNKNOWN]), "unknown");
        assert.equal(admitsInternet([`${UNKNOWN_STRING}/0`]), "unknown");
        assert.equal(admitsInternet(["0.0.0.0/0", UNKNOWN]), "yes");
    });

    it("reads Azure's words for any source only when a cloud gives them", () => {
        const azure = new Set(["*", "internet", "any"]);
        for (const w of ["*", "Internet", "INTERNET", " Any "]) assert.equal(admitsInternet([w], azure), "yes", w);
        assert.equal(admitsInternet(["*"]), "no");
        assert.equal(admitsInternet(["VirtualNetwork", "AzureLoadBalancer"], azure), "no");
    });

    it("knows which protocols reach ports, and counts an unknown protocol name as every protocol", () => {
        for (const p of ["-1", -1, "all", "ALL", "*", "Any", undefined, "bogus"]) assert.equal(protocolReach(p), "all", String(p));
        for (const p of ["tcp", "Tcp", "UDP", "6", 17, "sctp", "132"]) assert.equal(protocolReach(p), "ports", String(p));
        for (const p of ["icmp", "Icmp", "icmpv6", "1", "58", "esp", "ah", "50"]) assert.equal(protocolReach(p), "none", String(p));
        assert.equal(protocolReach(UNKNOWN), "unknown");
    });

    it("finds a guarded port in every spelling of a port range, and no port where there is none", () => {
        const open = (ports: unknown[], protocol: unknown = "tcp") => judgeIngress({ sources: ["0.0.0.0/0"], protocol, ports });
        for (const ports of [["22"], ["0-65535"], ["*"], ["1-65535"], [" 20 - 30 "], ["443", "20-30"], [{ from: -1, to: -1 }], [{ from: 0, to: 65535 }],
            [{ from: 22, to: UNKNOWN }], [{ from: UNKNOWN, to: 3389 }], [{ from: 0 }], [{ from: "5000", to: "6000" }], [{ from: "ssh", to: "ssh" }], [], [22], ["65535-0"], [{ from: 23, to: 21 }]]) {
            assert.equal(open(ports).verdict, "open", JSON.stringify(ports));
        }
        assert.equal(open([{ from: 22, to: UNKNOWN }]).verdict === "open" && (open([{ from: 22, to: UNKNOWN }]) as { reaches: string }).reaches, "port 22");
        for (const ports of [["443"], ["80", "443", "8080"], [{ from: 443, to: 443 }], ["23000-24000"]]) assert.equal(open(ports).verdict, "closed", JSON.stringify(ports));
        assert.equal(open([{ from: 443, to: UNKNOWN }]).verdict, "unknown");
        assert.equal(open(["22"], "icmp").verdict, "closed");
        assert.equal(open(["443"], "-1").verdict, "open", "every protocol reaches every port whatever ports say");
    });
});

/** Each cloud's inbound allow from `sources` over `protocol` to `ports`, judged by its rule; true when a mandatory finding results. */
const clouds: Record<string, (sources: unknown[], protocol: string, ports: string[]) => Finding[]> = {
    "aws security group": (sources, protocol, ports) => {
        const [from, to = from] = (ports[0] ?? "*") === "*" ? ["-1"] : ports[0].split("-");
        const v6 = sources.flat().filter(s => typeof s === "string" && s.includes(":")), v4 = sources.flat().filter(s => !v6.includes(s));
        return run(securityGroup, res("aws:ec2/securityGroup:SecurityGroup", { ingress: [{ protocol, fromPort: Number(from), toPort: Number(to), cidrBlocks: v4, ipv6CidrBlocks: v6 }] }));
    },
    "aws security group rule": (sources, protocol, ports) => {
        const [from, to = from] = (ports[0] ?? "*") === "*" ? ["-1"] : ports[0].split("-");
        return run(securityGroupRule, res("aws:ec2/securityGroupRule:SecurityGroupRule", { type: "ingress", protocol, fromPort: from, toPort: to, cidrBlocks: sources }));
    },
    "azure security rule": (sources, protocol, ports) => run(securityRule, res("azure-native:network:SecurityRule", {
        direction: "Inbound", access: "Allow", protocol: protocol === "-1" ? "*" : protocol, sourceAddressPrefixes: sources, destinationPortRanges: ports,
    })),
    "azure NSG": (sources, protocol, ports) => run(networkSecurityGroup, res("azure-native:network:NetworkSecurityGroup", {
        securityRules: [{ direction: "Inbound", access: "Allow", protocol: protocol === "-1" ? "*" : protocol, sourceAddressPrefixes: sources, destinationPortRanges: ports }],
    })),
    "gcp firewall": (sources, protocol, ports) => run(gcpRule("gcp-network-private-firewall"), res("gcp:compute/firewall:Firewall", {
        network: "n", sourceRanges: sources, allows: [{ protocol: protocol === "-1" ? "all" : protocol, ...(ports[0] === "*" ? {} : { ports }) }],
    })),
};
const mandatory = (fs: Finding[]) => fs.filter(f => f.enforcement === "mandatory");

describe("NETWORK-PRIVATE on the three clouds: one judgement", () => {
    for (const [cloud, allow] of Object.entries(clouds)) {
        describe(cloud, () => {
            it("finds SSH reached from every spelling of the internet", () => {
                for (const [what, sources] of Object.entries(world)) {
                    if (cloud === "aws security group rule" && sources.flat().some(s => String(s).includes(":"))) continue; // ipv6CidrBlocks, below
                    const found = mandatory(allow(sources, "tcp", ["22"]));
                    assert.equal(found.length, 1, `${what}: ${JSON.stringify(found.map(f => f.message))}`);
                    assert.match(found[0].message, /wanted .*no source admitting the internet/);
                }
            });
            it("finds every port, all protocols, and a range holding a guarded port; not a web port, ICMP or a private source", () => {
                for (const [protocol, ports] of [["tcp", ["0-65535"]], ["tcp", ["1-65535"]], ["-1", ["*"]], ["tcp", ["20-30"]], ["udp", ["2049"]]] as const) {
                    assert.equal(mandatory(allow(["0.0.0.0/0"], protocol, [...ports])).length, 1, `${protocol} ${ports}`);
                }
                assert.deepEqual(allow(["0.0.0.0/0"], "tcp", ["443"]), []);
                assert.deepEqual(allow(["0.0.0.0/0"], "icmp", ["*"]), []);
                for (const sources of Object.values(notWorld)) {
                    if (!sources.length && cloud === "gcp firewall") continue; // Google reads no source as 0.0.0.0/0 (below)
                    assert.deepEqual(allow(sources, "tcp", ["22"]).map(f => f.message), [], JSON.stringify(sources));
                }
            });
        });
    }

    it("names the property, the value and the port in every cloud's message", () => {
        const [aws] = run(securityGroup, res("aws:ec2/securityGroup:SecurityGroup", { ingress: [{ protocol: "tcp", fromPort: 22, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }] }));
        assert.equal(aws.enforcement, "mandatory", "fromPort 22 with toPort unknown still opens port 22");
        assert.match(aws.message, /ingress\[0\] is .*0\.0\.0\.0\/1.*It admits the internet to port 22\./);
        const [azure] = run(securityRule, res("azure-native:network:SecurityRule", { direction: "Inbound", access: "Allow", protocol: "Tcp",
            sourceAddressPrefix: "Internet", destinationPortRanges: ["443", "20-30"] }));
        assert.match(azure.message, /sourceAddressPrefix is "Internet"; wanted a private address range .* allows port 20 /);
        const [gcp] = run(gcpRule("gcp-network-private-firewall"), res("gcp:compute/firewall:Firewall", { network: "n", sourceRanges: ["10.0.0.0/8", "0/0"], allows: [{ protocol: "all" }] }));
        assert.match(gcp.message, /sourceRanges\[1\] is "0\/0".* allows\[0\] \("all" "every port"\) lets the internet reach all ports\./);
    });

    it("reads an AWS ingress rule with a port or source left out or unreadable as widest, never as closed", () => {
        const sg = (rule: Record<string, unknown>) => mandatory(run(securityGroup, res("aws:ec2/securityGroup:SecurityGroup", { ingress: [rule] })));
        assert.equal(sg({ protocol: "tcp", fromPort: 0, cidrBlocks: ["0.0.0.0/0"] }).length, 1, "toPort left out");
        assert.equal(sg({ protocol: "tcp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }).length, 1, "-1: every port");
        assert.equal(sg({ protocol: "all", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }).length, 1, "all protocols ignore ports");
        assert.equal(sg({ protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlocks: ["0:0:0:0:0:0:0:0/0"] }).length, 1);
        const rule = mandatory(run(securityGroupRule, res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { ipProtocol: "-1", cidrIpv6: "::0/0" })));
        assert.equal(rule.length, 1, "an ingress rule of every protocol from ::0/0");
    });

    it("counts Google's firewall with no source at all as 0.0.0.0/0, and judges its ports like the others", () => {
        const fw = (props: Record<string, unknown>) => run(gcpRule("gcp-network-private-firewall"), res("gcp:compute/firewall:Firewall", { network: "n", ...props }));
        assert.equal(mandatory(fw({ allows: [{ protocol: "tcp", ports: ["5432"] }] })).length, 1);
        assert.deepEqual(fw({ allows: [{ protocol: "tcp", ports: ["443"] }], sourceRanges: ["0.0.0.0/0"] }), [], "a public web port is not NETWORK-PRIVATE's");
        // An allow open for certain is reported even when another allow of the rule is unknown.
        assert.equal(mandatory(fw({ sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: UNKNOWN }, { protocol: "tcp", ports: ["3389"] }] })).length, 1);
        const unknown = fw({ sourceRanges: ["0.0.0.0/0"], allows: [{ protocol: "tcp", ports: [UNKNOWN] }] });
        assert.ok(unknown.length === 1 && unknown[0].unknown);
        // Tags unknown at preview may be none, and then Google applies 0.0.0.0/0: unknown, not closed.
        const tags = fw({ sourceTags: UNKNOWN, allows: [{ protocol: "tcp", ports: ["22"] }] });
        assert.ok(tags.length === 1 && tags[0].unknown, JSON.stringify(tags.map(f => f.message)));
        assert.deepEqual(fw({ sourceTags: ["bastion"], allows: [{ protocol: "tcp", ports: ["22"] }] }), []);
    });

    it("counts Azure's *, Internet, Any and lists of prefixes, and judges the protocol", () => {
        const rule = (props: Record<string, unknown>) => mandatory(run(securityRule, res("azure-native:network:SecurityRule", { direction: "Inbound", access: "Allow", protocol: "*", ...props })));
        for (const source of ["*", "Internet", "any", "0.0.0.0/0", " 0.0.0.0/0", "::/0"]) assert.equal(rule({ sourceAddressPrefix: source, destinationPortRange: "22" }).length, 1, source);
        assert.equal(rule({ sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"], destinationPortRange: "*" }).length, 1);
        assert.equal(rule({ sourceAddressPrefix: "*" }).length, 1, "no destination port at all is read as every port");
        assert.deepEqual(rule({ sourceAddressPrefix: "*", destinationPortRange: "*", protocol: "Icmp" }), []);
        assert.deepEqual(rule({ sourceAddressPrefix: "VirtualNetwork", destinationPortRange: "22" }), []);
        // Only outbound or deny is let off, in any case or spacing; a direction or access Azure would not read as either is judged.
        for (const [direction, access] of [[" Inbound", "Allow"], ["inbound", " allow "], ["Both", "Allow"], [undefined, "Allow"], ["Inbound", undefined]]) {
            assert.equal(rule({ direction, access, sourceAddressPrefix: "*", destinationPortRange: "22" }).length, 1, `${direction} ${access}`);
        }
        for (const [direction, access] of [["outbound", "Allow"], ["Inbound", "deny"], [" Outbound ", "Allow"]]) {
            assert.deepEqual(rule({ direction, access, sourceAddressPrefix: "*", destinationPortRange: "22" }), [], `${direction} ${access}`);
        }
    });

    it("reports a rule of a list that is unknown at preview as unknown, never as closed", () => {
        const [aws] = run(securityGroup, res("aws:ec2/securityGroup:SecurityGroup", { ingress: [UNKNOWN] }));
        assert.ok(aws?.unknown, "aws ingress[0] unknown");
        const [azure] = run(networkSecurityGroup, res("azure-native:network:NetworkSecurityGroup", { securityRules: [UNKNOWN] }));
        assert.ok(azure?.unknown, "azure securityRules[0] unknown");
        const [gcp] = run(gcpRule("gcp-network-private-firewall"), res("gcp:compute/firewall:Firewall", { network: "n", sourceRanges: ["0.0.0.0/0"], allows: [UNKNOWN] }));
        assert.ok(gcp?.unknown, "gcp allows[0] unknown");
    });

    it("judges an AWS route to an internet gateway by the same reading of the internet", () => {
        const route = (cidr: string) => run(routeTable, res("aws:ec2/route:Route", { routeTableId: "rtb", destinationCidrBlock: cidr, gatewayId: "igw-1" }));
        for (const cidr of ["0.0.0.0/0", "0/0", "0.0.0.0/1", "::0/0"]) assert.equal(route(cidr).length, 1, cidr);
        assert.deepEqual(route("10.1.0.0/16"), []);
    });

    it("judges Cloud SQL authorized networks by the union of their ranges", () => {
        const sql = (values: unknown[]) => run(gcpRule("gcp-public-access-sql-instance"), res("gcp:sql/databaseInstance:DatabaseInstance", {
            settings: { ipConfiguration: { ipv4Enabled: false, privateNetwork: "n", authorizedNetworks: values.map(value => ({ value })) } },
        }));
        assert.equal(mandatory(sql(["0.0.0.0/1", "128.0.0.0/1"])).length, 1);
        assert.equal(mandatory(sql(["0/0"])).length, 1);
        assert.deepEqual(sql(["203.0.113.0/24"]), []);
        assert.ok(sql([UNKNOWN])[0].unknown);
    });
});
