// The plan of the Azure SynapseWorkspace, from its arguments alone (components/azure/synapse-plan.ts): no
// mock runtime, no resource registered.
import assert from "node:assert/strict";
import { synapsePlan } from "../../../components/azure/synapse-plan";

const ADMIN = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

describe("components/azure/synapse-plan", () => {
    it("names the workspace and its SQL settings deployment after the tenant and the environment", () => {
        assert.equal(synapsePlan({ tenant: "stlukes" }).workspaceName, "stlukes-prod-syn");
        assert.equal(synapsePlan({ tenant: "stlukes", environment: "dev" }).workspaceName, "stlukes-dev-syn");
        assert.equal(synapsePlan({ tenant: "stlukes" }).sqlSettingsDeploymentName, "stlukes-prod-synapse-sql-settings");
    });

    it("keeps its default storage in a data lake with one filesystem, the one the workspace names", () => {
        const plan = synapsePlan({ tenant: "stlukes" });
        assert.deepEqual(plan.dataLake, { purpose: "dl", dataLake: true, containers: ["synapse"] });
        assert.equal(plan.filesystem, "synapse");
    });

    it("runs in a managed VNet that prevents exfiltration, with no public network and Entra-only authentication (NETWORK-PRIVATE, PUBLIC-ACCESS, IDENTITY-AUTHN)", () => {
        assert.deepEqual(synapsePlan({ tenant: "stlukes" }).settings, {
            managedVirtualNetwork: "default",
            managedVirtualNetworkSettings: { preventDataExfiltration: true, linkedAccessCheckOnTargetResource: true },
            publicNetworkAccess: "Disabled",
            trustedServiceBypassEnabled: false,
            azureADOnlyAuthentication: true,
        });
    });

    it("makes the first admin the workspace and SQL Entra admin, and no admin when none is named", () => {
        assert.deepEqual(synapsePlan({ tenant: "stlukes", admins: [ADMIN, "00000000-0000-0000-0000-000000000002"] }).admin, { objectId: ADMIN, login: "hospital-admin" });
        assert.equal(synapsePlan({ tenant: "stlukes" }).admin, undefined);
        assert.equal(synapsePlan({ tenant: "stlukes", admins: [] }).admin, undefined);
    });

    it("reaches the workspace through private endpoints for Sql, SqlOnDemand and Dev only", () => {
        assert.deepEqual(synapsePlan({ tenant: "stlukes" }).privateEndpointGroups, ["Sql", "SqlOnDemand", "Dev"]);
    });
});
