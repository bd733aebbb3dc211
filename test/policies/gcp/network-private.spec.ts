import { advises, cmekBucket, fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";
import { perimeterServices } from "../../../policies/gcp/network-private";

describe("policies/gcp/network-private", () => {
    it("requires a custom-mode network (the default is auto mode)", () => {
        passes("gcp-network-private-network", [res("gcp:compute/network:Network", { autoCreateSubnetworks: false })]);
        passes("gcp-network-private-network", [res("gcp:compute/network:Network", { autoCreateSubnetworks: "false" })]);
        fails("gcp-network-private-network", [res("gcp:compute/network:Network", {})], "autoCreateSubnetworks");
    });

    it("requires Private Google Access on a subnetwork and skips proxy-only subnetworks", () => {
        passes("gcp-network-private-subnetwork", [res("gcp:compute/subnetwork:Subnetwork", { network: "n", privateIpGoogleAccess: true })]);
        fails("gcp-network-private-subnetwork", [res("gcp:compute/subnetwork:Subnetwork", { network: "n" })], "privateIpGoogleAccess");
        passes("gcp-network-private-subnetwork", [res("gcp:compute/subnetwork:Subnetwork", { network: "n", purpose: "REGIONAL_MANAGED_PROXY" })]);
    });

    it("rejects an ingress allow rule from 0.0.0.0/0, explicit or by having no source, and accepts deny rules and private ranges", () => {
        const fw = (props: Record<string, unknown>) => res("gcp:compute/firewall:Firewall", { network: "n", allows: [{ protocol: "tcp", ports: ["22"] }], ...props });
        passes("gcp-network-private-firewall", [fw({ sourceRanges: ["10.0.0.0/16"] })]);
        passes("gcp-network-private-firewall", [fw({ sourceTags: ["dataproc"] })]);
        passes("gcp-network-private-firewall", [res("gcp:compute/firewall:Firewall", { network: "n", denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"] })]);
        passes("gcp-network-private-firewall", [fw({ direction: "EGRESS", destinationRanges: ["0.0.0.0/0"] })]);
        fails("gcp-network-private-firewall", [fw({ sourceRanges: ["10.0.0.0/16", "0.0.0.0/0"] })], "sourceRanges[1]");
        fails("gcp-network-private-firewall", [fw({})], "sourceRanges");
        unknownFinding("gcp-network-private-firewall", [fw({ sourceRanges: UNKNOWN })], "sourceRanges");
    });

    it("requires a Dataproc cluster in a chosen subnetwork", () => {
        passes("gcp-network-private-dataproc-cluster", [res("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: { subnetwork: "projects/p/regions/r/subnetworks/s" } } })]);
        fails("gcp-network-private-dataproc-cluster", [res("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: {} } })], "clusterConfig.gceClusterConfig.subnetwork");
    });

    it("requires a perimeter to restrict every PHI service", () => {
        const perimeter = (services: string[]) => res("gcp:accesscontextmanager/servicePerimeter:ServicePerimeter",
            { parent: "accessPolicies/1", title: "phi", status: { resources: ["projects/123"], restrictedServices: services } });
        passes("gcp-network-private-service-perimeter", [perimeter(perimeterServices)]);
        fails("gcp-network-private-service-perimeter", [perimeter(["storage.googleapis.com"])], "status.restrictedServices");
    });

    it("advises a perimeter for a stack with PHI stores, and is silent when one encloses the project", () => {
        advises("gcp-network-private-perimeter-present", [cmekBucket()], "servicePerimeter");
        passes("gcp-network-private-perimeter-present", [cmekBucket(), res("gcp:accesscontextmanager/servicePerimeterResource:ServicePerimeterResource",
            { perimeterName: "accessPolicies/1/servicePerimeters/phi", resource: "projects/123" })]);
        passes("gcp-network-private-perimeter-present", [res("gcp:compute/network:Network", { autoCreateSubnetworks: false })]);
    });

    it("counts a perimeter whose resources are unknown at preview as unknown, not as enclosing the project", () => {
        const perimeter = (resources: unknown) => res("gcp:accesscontextmanager/servicePerimeter:ServicePerimeter", { parent: "accessPolicies/1", title: "phi", status: { resources } });
        unknownFinding("gcp-network-private-perimeter-present", [cmekBucket(), perimeter(UNKNOWN)], "status.resources");
        passes("gcp-network-private-perimeter-present", [cmekBucket(), perimeter(["projects/123"])]);
        advises("gcp-network-private-perimeter-present", [cmekBucket(), perimeter([])], "servicePerimeter");
    });
});
