// AI-DATA-USE on Azure (issue 16): an AI services account sends images and results only to named hosts.
import { cognitiveAccount } from "../../../policies/azure/ai-data-use";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource, withProp } from "../../support/policies";

const account = resource("azure-native:cognitiveservices:Account", {
    kind: "ComputerVision", properties: { restrictOutboundNetworkAccess: true, allowedFqdnList: [] },
}, { name: "vision" });

describe("azure AI-DATA-USE", () => {
    describe("azure-ai-data-use-cognitive-account", () => {
        it("passes an account with outbound access restricted to no host, or to named hosts", () => {
            assertNoFinding(findingsOf(cognitiveAccount, account));
            assertNoFinding(findingsOf(cognitiveAccount, withProp(account, "properties.allowedFqdnList", ["stmaryphi.blob.core.windows.net"])));
            assertNoFinding(findingsOf(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", "true")));
        });
        it("reports an account that may send to any host", () => {
            assertOneViolation(findingsOf(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", false)), "restrictOutboundNetworkAccess", { control: "AI-DATA-USE" });
            assertOneViolation(findingsOf(cognitiveAccount, withProp(account, "properties", undefined)), "restrictOutboundNetworkAccess", { control: "AI-DATA-USE" });
            assertOneViolation(findingsOf(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", 1)), "restrictOutboundNetworkAccess", { control: "AI-DATA-USE" });
            assertOneViolation(findingsOf(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", "yes")), "restrictOutboundNetworkAccess", { control: "AI-DATA-USE" });
        });
        it("reports wildcard, blank and non-text hosts in allowedFqdnList", () => {
            for (const host of ["*", "*.blob.core.windows.net", " stmary.blob.core.windows.net", "", 42, "stmary..net"]) {
                assertOneViolation(findingsOf(cognitiveAccount, withProp(account, "properties.allowedFqdnList", [host])), "allowedFqdnList[0]", { control: "AI-DATA-USE" });
            }
            assertOneViolation(findingsOf(cognitiveAccount, withProp(account, "properties.allowedFqdnList", "*")), "allowedFqdnList", { control: "AI-DATA-USE" });
        });
        it("is unknown, never compliant, while the setting is unknown at preview", () => {
            assertOnlyUnknown(findingsOf(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", UNKNOWN)), "restrictOutboundNetworkAccess");
            assertOnlyUnknown(findingsOf(cognitiveAccount, withProp(account, "properties.allowedFqdnList", UNKNOWN)), "allowedFqdnList");
        });
    });
});
