// An unset property whose ARM default changed between API versions is judged by the version the resource is
// created with: the registered token's (azure-native:storage/v20180701:StorageAccount) or apiVersionOverride.
import assert from "node:assert/strict";
import * as transit from "../../../policies/azure/enc-transit";
import * as publicAccess from "../../../policies/azure/public-access";
import { azureApiVersionOf } from "../../../policies/azure/support/api-versions";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, withProp } from "../../support/policies";
import { atApiVersion, storageAccount } from "./baselines";

describe("azure API versions (policies/azure/support/api-versions.ts)", () => {
    it("reads the version from the registered token, or from apiVersionOverride, and none for the SDK's own", () => {
        const urn = (type: string) => `urn:pulumi:dev::hospital::hipaa-cloud:azure:Storage$${type}::phi`;
        assert.equal(azureApiVersionOf({ urn: urn("azure-native:storage/v20180701:StorageAccount"), props: {} }), "2018-07-01");
        assert.equal(azureApiVersionOf({ urn: urn("azure-native:storage/v20150501preview:StorageAccount"), props: {} }), "2015-05-01-preview");
        assert.equal(azureApiVersionOf({ urn: urn("azure-native:storage:StorageAccount"), props: {} }), undefined);
        assert.equal(azureApiVersionOf({ urn: urn("azure-native:storage:StorageAccount"), props: { apiVersionOverride: "2018-02-01" } }), "2018-02-01");
        assert.equal(azureApiVersionOf({ urn: urn("azure-native:storage:StorageAccount"), props: { apiVersionOverride: UNKNOWN } }), UNKNOWN);
    });

    it("fails HTTPS-only and anonymous access left unset under an API version where unset is the insecure value", () => {
        const unset = (r: ReturnType<typeof storageAccount>) => withProp(withProp(r, "enableHttpsTrafficOnly", undefined), "allowBlobPublicAccess", undefined);
        const old = unset(atApiVersion(storageAccount(), "v20180701"));
        assert.match(assertOneViolation(findingsOf(transit.storageAccount, old), "enableHttpsTrafficOnly")[0].message, /unset is false under API 2018-07-01/);
        assert.match(assertOneViolation(findingsOf(publicAccess.storageAccount, old), "allowBlobPublicAccess")[0].message, /unset is true under API 2018-07-01/);
        const overridden = unset(withProp(storageAccount(), "apiVersionOverride", "2022-09-01"));
        assertNoFinding(findingsOf(transit.storageAccount, overridden));
        assertOneViolation(findingsOf(publicAccess.storageAccount, overridden), "allowBlobPublicAccess");
        assertOnlyUnknown(findingsOf(publicAccess.storageAccount, withProp(unset(storageAccount()), "apiVersionOverride", UNKNOWN)), "apiVersionOverride");
    });

    it("passes them unset from the version where unset became the secure value, and written out under any version", () => {
        const unset = (r: ReturnType<typeof storageAccount>) => withProp(withProp(r, "enableHttpsTrafficOnly", undefined), "allowBlobPublicAccess", undefined);
        for (const r of [unset(atApiVersion(storageAccount(), "v20230101")), unset(withProp(storageAccount(), "apiVersionOverride", "2024-01-01")), atApiVersion(storageAccount(), "v20150501preview")]) {
            assertNoFinding(findingsOf(transit.storageAccount, r));
            assertNoFinding(findingsOf(publicAccess.storageAccount, r));
        }
    });
});
