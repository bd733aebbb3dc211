// AI-DATA-USE on Azure (issue 16): an AI services account sends images and results only to named hosts.
import { cognitiveAccount } from "../../../policies/azure/ai-data-use";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, res, runOn, withProp } from "./fixtures";

const account = res("azure-native:cognitiveservices:Account", "vision", {
    kind: "ComputerVision", properties: { restrictOutboundNetworkAccess: true, allowedFqdnList: [] },
});

describe("azure AI-DATA-USE", () => {
    describe("azure-ai-data-use-cognitive-account", () => {
        it("passes an account with outbound access restricted to no host, or to named hosts", () => {
            assertPasses(runOn(cognitiveAccount, account));
            assertPasses(runOn(cognitiveAccount, withProp(account, "properties.allowedFqdnList", ["stmaryphi.blob.core.windows.net"])));
            assertPasses(runOn(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", "true")));
        });
        it("reports an account that may send to any host", () => {
            assertFails(runOn(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", false)), "AI-DATA-USE", "restrictOutboundNetworkAccess");
            assertFails(runOn(cognitiveAccount, withProp(account, "properties", undefined)), "AI-DATA-USE", "restrictOutboundNetworkAccess");
            assertFails(runOn(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", 1)), "AI-DATA-USE", "restrictOutboundNetworkAccess");
            assertFails(runOn(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", "yes")), "AI-DATA-USE", "restrictOutboundNetworkAccess");
        });
        it("reports wildcard, blank and non-text hosts in allowedFqdnList", () => {
            for (const host of ["*", "*.blob.core.windows.net", " stmary.blob.core.windows.net", "", 42, "stmary..net"]) {
                assertFails(runOn(cognitiveAccount, withProp(account, "properties.allowedFqdnList", [host])), "AI-DATA-USE", "allowedFqdnList[0]");
            }
            assertFails(runOn(cognitiveAccount, withProp(account, "properties.allowedFqdnList", "*")), "AI-DATA-USE", "allowedFqdnList");
        });
        it("is unknown, never compliant, while the setting is unknown at preview", () => {
            assertUnknown(runOn(cognitiveAccount, withProp(account, "properties.restrictOutboundNetworkAccess", UNKNOWN)), "restrictOutboundNetworkAccess");
            assertUnknown(runOn(cognitiveAccount, withProp(account, "properties.allowedFqdnList", UNKNOWN)), "allowedFqdnList");
        });
    });
});
