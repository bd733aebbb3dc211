// The plan of the AWS Warehouse, from its arguments alone (components/aws/warehouse-plan.ts): no mock
// runtime, no resource registered.
import assert from "node:assert/strict";
import { warehousePlan, warehouseSecurityRules } from "../../../components/aws/warehouse-plan";

describe("components/aws/warehouse-plan", () => {
    it("names the cluster, its groups and its final snapshot after the tenant", () => {
        const plan = warehousePlan({ tenant: "stmary" });
        assert.equal(plan.identifier, "stmary-warehouse");
        assert.equal(plan.finalSnapshotIdentifier, "stmary-warehouse-final");
    });

    it("sizes two ra3.xlplus nodes by default, single-node for one", () => {
        assert.equal(warehousePlan({ tenant: "stmary" }).numberOfNodes, 2);
        assert.equal(warehousePlan({ tenant: "stmary" }).clusterType, "multi-node");
        assert.equal(warehousePlan({ tenant: "stmary" }).nodeType, "ra3.xlplus");
        const one = warehousePlan({ tenant: "stmary", nodes: 1, nodeType: "ra3.4xlarge" });
        assert.deepEqual([one.clusterType, one.numberOfNodes, one.nodeType], ["single-node", 1, "ra3.4xlarge"]);
    });

    it("requires TLS and logs user activity (ENC-TRANSIT, AUDIT-LOG)", () => {
        assert.deepEqual(warehousePlan({ tenant: "stmary" }).parameters, [
            { name: "require_ssl", value: "true" },
            { name: "enable_user_activity_logging", value: "true" },
        ]);
    });

    it("declares the three audit log groups Redshift writes into, under the cluster's identifier", () => {
        assert.deepEqual(warehousePlan({ tenant: "stmary" }).logGroups.map(g => g.name), [
            "/aws/redshift/cluster/stmary-warehouse/connectionlog",
            "/aws/redshift/cluster/stmary-warehouse/useractivitylog",
            "/aws/redshift/cluster/stmary-warehouse/userlog",
        ]);
    });

    it("admits SQL from the VPC only and lets out HTTPS to the VPC's endpoints and S3's prefix list only (NETWORK-PRIVATE)", () => {
        const rules = warehouseSecurityRules("10.40.0.0/16", "pl-63a5400a");
        assert.deepEqual(rules.ingress.map(r => [r.fromPort, r.toPort, r.cidrBlocks]), [[5439, 5439, ["10.40.0.0/16"]]]);
        assert.deepEqual(rules.egress.map(r => [r.fromPort, r.cidrBlocks ?? r.prefixListIds]), [[443, ["10.40.0.0/16"]], [443, ["pl-63a5400a"]]]);
        assert.ok(![...rules.ingress, ...rules.egress].some(r => JSON.stringify(r).includes("0.0.0.0/0")));
    });
});
