import assert from "node:assert/strict";
import { Network, restrictedServices } from "../../../components/gcp/network";
import { defaultIdentity } from "../../../checker/mocks";
import { record } from "../../support/record";
import { gcpConfig, project, region, tenant } from "./support";

const perimeterType = "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter";

describe("gcp Network", () => {
    it("creates a custom-mode VPC with no automatic subnets", async () => {
        const r = await record(() => { new Network("n", { tenant, project, region }); }, { config: gcpConfig });
        assert.equal(r.one("gcp:compute/network:Network").inputs.autoCreateSubnetworks, false);
    });

    it("gives the subnet Private Google Access and full flow logs, in the region and range asked for", async () => {
        const r = await record(() => { new Network("n", { tenant, project, region, cidr: "10.60.0.0/20" }); }, { config: gcpConfig });
        const subnet = r.one("gcp:compute/subnetwork:Subnetwork").inputs as any;
        assert.equal(subnet.privateIpGoogleAccess, true);
        assert.deepEqual(subnet.logConfig, { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" });
        assert.equal(subnet.region, region);
        assert.equal(subnet.ipCidrRange, "10.60.0.0/20");
    });

    it("denies all ingress by default and logs what it denies", async () => {
        const r = await record(() => { new Network("n", { tenant, project, region }); }, { config: gcpConfig });
        const rule = r.one("gcp:compute/firewall:Firewall").inputs as any;
        assert.equal(rule.direction, "INGRESS");
        assert.deepEqual(rule.denies, [{ protocol: "all" }]);
        assert.equal(rule.allows, undefined);
        assert.equal(rule.logConfig.metadata, "INCLUDE_ALL_METADATA");
    });

    it("creates no service perimeter without an access policy", async () => {
        const r = await record(() => { new Network("n", { tenant, project, region }); }, { config: gcpConfig });
        assert.deepEqual(r.ofType(perimeterType), []);
    });

    it("puts the project in a perimeter that restricts the PHI services when an access policy is given", async () => {
        const r = await record(() => { new Network("n", { tenant, project, region, accessPolicy: "4242" }); }, { config: gcpConfig });
        const perimeter = r.one(perimeterType).inputs as any;
        assert.equal(perimeter.parent, "accessPolicies/4242");
        assert.equal(perimeter.name, "accessPolicies/4242/servicePerimeters/mercy_phi");
        assert.deepEqual(perimeter.status.resources, [`projects/${defaultIdentity.gcpProjectNumber}`]);
        assert.deepEqual(perimeter.status.restrictedServices, [...restrictedServices]);
        // The list itself: the perimeter restricts every PHI service of the platform.
        for (const service of ["storage", "bigquery", "healthcare", "dataproc", "cloudkms"]) assert.ok(restrictedServices.includes(`${service}.googleapis.com` as never), service);
        assert.equal(perimeter.status.vpcAccessibleServices.enableRestriction, true);
    });
});
