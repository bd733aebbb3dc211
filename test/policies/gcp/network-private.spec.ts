import { UNKNOWN, assertNoFinding, assertOneAdvice, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { cmekBucket } from "./baselines";
import { perimeterServices } from "../../../policies/gcp/network-private";

describe("policies/gcp/network-private", () => {
    it("requires a custom-mode network (the default is auto mode)", () => {
        assertNoFinding(findingsOf("gcp-network-private-network", [resource("gcp:compute/network:Network", { autoCreateSubnetworks: false })]));
        assertNoFinding(findingsOf("gcp-network-private-network", [resource("gcp:compute/network:Network", { autoCreateSubnetworks: "false" })]));
        assertOneViolation(findingsOf("gcp-network-private-network", [resource("gcp:compute/network:Network", {})]), "autoCreateSubnetworks");
    });

    it("requires Private Google Access on a subnetwork and skips proxy-only subnetworks", () => {
        assertNoFinding(findingsOf("gcp-network-private-subnetwork", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n", privateIpGoogleAccess: true })]));
        assertOneViolation(findingsOf("gcp-network-private-subnetwork", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n" })]), "privateIpGoogleAccess");
        assertNoFinding(findingsOf("gcp-network-private-subnetwork", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n", purpose: "REGIONAL_MANAGED_PROXY" })]));
    });

    it("judges a subnetwork whose purpose Compute Engine does not name (\"\" is the default PRIVATE) for flow logs and Private Google Access, never as not applicable", () => {
        for (const purpose of ["", "private", "PRIVATE_RFC_1918", "PROXY"]) {
            const subnet = resource("gcp:compute/subnetwork:Subnetwork", { network: "n", purpose });
            assertOneViolation(findingsOf("gcp-network-private-subnetwork", [subnet]), "privateIpGoogleAccess");
            assertOneViolation(findingsOf("gcp-audit-log-subnetwork", [subnet]), "logConfig");
        }
        assertNoFinding(findingsOf("gcp-audit-log-subnetwork", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n", purpose: "PRIVATE_SERVICE_CONNECT" })]));
    });

    it("gcp-network-private-firewall-policy-rule judges firewall policy rules (standalone and inline) as it does VPC firewall rules", () => {
        const name = "gcp-network-private-firewall-policy-rule";
        const rule = (props: Record<string, unknown>, match: Record<string, unknown> = {}) => resource("gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule",
            { firewallPolicy: "fp", priority: 1000, action: "allow", direction: "INGRESS", match: { layer4Configs: [{ ipProtocol: "tcp", ports: ["22"] }], ...match }, ...props });
        assertOneViolation(findingsOf(name, [rule({}, { srcIpRanges: ["0.0.0.0/0"] })]), "match.layer4Configs[0]");
        assertOneViolation(findingsOf(name, [rule({}, {})]), "match.layer4Configs[0]");
        assertOneViolation(findingsOf(name, [rule({}, { srcRegionCodes: ["US"] })]), "match.layer4Configs[0]");
        assertOneViolation(findingsOf(name, [rule({ action: "apply_security_profile_group" }, { srcNetworkScope: "INTERNET" })]), "match.layer4Configs[0]");
        assertNoFinding(findingsOf(name, [rule({}, { srcIpRanges: ["10.0.0.0/8"] })]));
        assertNoFinding(findingsOf(name, [rule({ action: "deny" }, { srcIpRanges: ["0.0.0.0/0"] })]));
        assertNoFinding(findingsOf(name, [rule({ direction: "EGRESS" }, { srcIpRanges: ["0.0.0.0/0"] })]));
        assertNoFinding(findingsOf(name, [rule({}, { srcIpRanges: ["0.0.0.0/0"], layer4Configs: [{ ipProtocol: "tcp", ports: ["443"] }] })]));
        assertOnlyUnknown(findingsOf(name, [rule({}, { srcIpRanges: UNKNOWN })]), "match.layer4Configs[0]");
        const inline = resource("gcp:compute/regionNetworkFirewallPolicyWithRules:RegionNetworkFirewallPolicyWithRules", { region: "us-central1", rules: [
            { priority: 1, action: "allow", match: { srcIpRanges: ["10.0.0.0/8"], layer4Configs: [{ ipProtocol: "all" }] } },
            { priority: 2, action: "allow", direction: "INGRESS", match: { srcIpRanges: ["0.0.0.0/1", "128.0.0.0/1"], layer4Configs: [{ ipProtocol: "tcp", ports: ["3389"] }] } },
        ] });
        assertOneViolation(findingsOf(name, [inline]), "rules[1].match.layer4Configs[0]");
    });

    it("rejects an ingress allow rule from 0.0.0.0/0, explicit or by having no source, and accepts deny rules and private ranges", () => {
        const fw = (props: Record<string, unknown>) => resource("gcp:compute/firewall:Firewall", { network: "n", allows: [{ protocol: "tcp", ports: ["22"] }], ...props });
        assertNoFinding(findingsOf("gcp-network-private-firewall", [fw({ sourceRanges: ["10.0.0.0/16"] })]));
        assertNoFinding(findingsOf("gcp-network-private-firewall", [fw({ sourceTags: ["dataproc"] })]));
        assertNoFinding(findingsOf("gcp-network-private-firewall", [resource("gcp:compute/firewall:Firewall", { network: "n", denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"] })]));
        assertNoFinding(findingsOf("gcp-network-private-firewall", [fw({ direction: "EGRESS", destinationRanges: ["0.0.0.0/0"] })]));
        assertOneViolation(findingsOf("gcp-network-private-firewall", [fw({ sourceRanges: ["10.0.0.0/16", "0.0.0.0/0"] })]), "sourceRanges[1]");
        assertOneViolation(findingsOf("gcp-network-private-firewall", [fw({})]), "sourceRanges");
        assertOnlyUnknown(findingsOf("gcp-network-private-firewall", [fw({ sourceRanges: UNKNOWN })]), "sourceRanges");
    });

    it("requires a Dataproc cluster in a chosen subnetwork", () => {
        assertNoFinding(findingsOf("gcp-network-private-dataproc-cluster", [resource("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: { subnetwork: "projects/p/regions/r/subnetworks/s" } } })]));
        assertOneViolation(findingsOf("gcp-network-private-dataproc-cluster", [resource("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: {} } })]), "clusterConfig.gceClusterConfig.subnetwork");
    });

    it("requires a perimeter to restrict every PHI service", () => {
        const perimeter = (services: string[]) => resource("gcp:accesscontextmanager/servicePerimeter:ServicePerimeter", { parent: "accessPolicies/1", title: "phi", status: { resources: ["projects/123"], restrictedServices: services } });
        assertNoFinding(findingsOf("gcp-network-private-service-perimeter", [perimeter(perimeterServices)]));
        assertOneViolation(findingsOf("gcp-network-private-service-perimeter", [perimeter(["storage.googleapis.com"])]), "status.restrictedServices");
    });

    it("advises a perimeter for a stack with PHI stores, and is silent when one encloses the project", () => {
        assertOneAdvice(findingsOf("gcp-network-private-perimeter-present", [cmekBucket()]), "servicePerimeter");
        assertNoFinding(findingsOf("gcp-network-private-perimeter-present", [cmekBucket(), resource("gcp:accesscontextmanager/servicePerimeterResource:ServicePerimeterResource", { perimeterName: "accessPolicies/1/servicePerimeters/phi", resource: "projects/123" })]));
        assertNoFinding(findingsOf("gcp-network-private-perimeter-present", [resource("gcp:compute/network:Network", { autoCreateSubnetworks: false })]));
    });

    it("counts a perimeter whose resources are unknown at preview as unknown, not as enclosing the project", () => {
        const perimeter = (resources: unknown) => resource("gcp:accesscontextmanager/servicePerimeter:ServicePerimeter", { parent: "accessPolicies/1", title: "phi", status: { resources } });
        assertOnlyUnknown(findingsOf("gcp-network-private-perimeter-present", [cmekBucket(), perimeter(UNKNOWN)]), "status.resources");
        assertNoFinding(findingsOf("gcp-network-private-perimeter-present", [cmekBucket(), perimeter(["projects/123"])]));
        assertOneAdvice(findingsOf("gcp-network-private-perimeter-present", [cmekBucket(), perimeter([])]), "servicePerimeter");
    });
});
