import assert from "node:assert/strict";
import { T } from "../../../policies/azure/support/tokens";
import { nameInId, physicalName } from "../../../policies/azure/support/relations";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { resource } from "../../support/policies";
import { storageAccount, vault } from "./baselines";

describe("azure policy helpers", () => {
    it("reads the resource name out of an Azure id, lower-cased", () =>
        assert.equal(nameInId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/StMary-KV"), "stmary-kv"));
    it("reads a storage service's id as its account's name", () =>
        assert.equal(nameInId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmaryphi/blobServices/default"), "stmaryphi"));
    it("takes a plain name as the name", () => assert.equal(nameInId("stmarydw"), "stmarydw"));
    it("says an id that embeds an unknown output is unknown", () => {
        assert.equal(nameInId(UNKNOWN), UNKNOWN);
        assert.equal(nameInId(`${UNKNOWN_STRING}/blobServices/default`), UNKNOWN);
    });
    it("knows a resource by its physical name input, else its name", () => {
        assert.equal(physicalName(vault()), "stmary-kv");
        assert.equal(physicalName(storageAccount()), "stmaryphi");
        assert.equal(physicalName(resource(T.sqlPool, {}, { name: "dw" })), "dw");
    });
});
