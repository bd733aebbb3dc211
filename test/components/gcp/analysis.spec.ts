import assert from "node:assert/strict";
import { ImageAnalysis, visionService } from "../../../components/gcp/analysis";
import { Keys } from "../../../components/gcp/keys";
import { Network } from "../../../components/gcp/network";
import { rules } from "../../../policies/gcp";
import { evaluate } from "../../../policies/lib/evaluate";
import { record } from "../../support/record";
import { dependsOn, gcpConfig, project, region, tenant } from "./support";

async function analysisStack(capture?: (a: ImageAnalysis) => void) {
    return record(() => {
        const keys = new Keys("k", { tenant, project, region, agents: ["storage"] });
        const a = new ImageAnalysis("a", { tenant, project, region, key: keys.keyId, keyGrant: keys.grants.storage!, accessLogBucket: "mercy-usage-logs" });
        capture?.(a);
    }, { config: gcpConfig });
}
const resolved = <T>(o: { apply: (f: (v: T) => void) => unknown }) => new Promise<T>(resolve => o.apply(v => resolve(v)));

describe("gcp ImageAnalysis", () => {
    it("enables the Vision API (left on at destroy) and turns on its Data Access audit logs", async () => {
        const r = await analysisStack();
        const api = r.one("gcp:projects/service:Service").inputs as any;
        assert.equal(api.service, "vision.googleapis.com");
        assert.equal(api.disableOnDestroy, false);
        const audit = r.one("gcp:projects/iAMAuditConfig:IAMAuditConfig").inputs as any;
        assert.equal(audit.service, visionService);
        assert.deepEqual(audit.auditLogConfigs.map((c: any) => c.logType), ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]);
        assert.ok(audit.auditLogConfigs.every((c: any) => c.exemptedMembers === undefined));
    });

    it("writes results only to a CMEK bucket of the hospital, created after the storage agent's grant", async () => {
        const r = await analysisStack();
        const bucket = r.one("gcp:storage/bucket:Bucket");
        assert.match((bucket.inputs as any).encryption.defaultKmsKeyName, /\/cryptoKeys\/mercy-phi$/);
        assert.equal((bucket.inputs as any).name, "mercy-analysis");
        assert.ok(dependsOn(bucket, r.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "k-storage-agent")));
        assert.equal(bucket.protect, true);
    });

    it("gives the workload service account the API consumer role and object use of the results bucket only", async () => {
        let component: ImageAnalysis | undefined;
        const r = await analysisStack(a => { component = a; });
        const sa = r.one("gcp:serviceaccount/account:Account");
        assert.equal((sa.inputs as any).accountId, "mercy-analysis");
        assert.deepEqual(r.ofType("gcp:projects/iAMMember:IAMMember").map(m => (m.inputs as any).role), ["roles/serviceusage.serviceUsageConsumer"]);
        const grant = r.one("gcp:storage/bucketIAMMember:BucketIAMMember").inputs as any;
        assert.equal(grant.role, "roles/storage.objectUser");
        assert.equal(grant.bucket, "mercy-analysis");
        assert.equal(await resolved(component!.endpoint), "https://vision.googleapis.com");
        assert.equal(await resolved(component!.callerIdentity), await resolved(component!.serviceAccount.email));
    });

    it("has no mandatory finding from the Google Cloud policies on its own resources", async () => {
        const r = await analysisStack();
        // Alone it has no audit sink or other services' audit configs: those are the Audit component's.
        const mine = evaluate(rules, r.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted && f.urn !== null);
        assert.deepEqual(mine.map(f => f.message), []);
    });

    it("adds Vision to the perimeter's restricted services when the network is told to", async () => {
        const r = await record(() => { new Network("n", { tenant, project, region, accessPolicy: "4242", moreRestrictedServices: [visionService] }); }, { config: gcpConfig });
        assert.ok((r.one("gcp:accesscontextmanager/servicePerimeter:ServicePerimeter").inputs as any).status.restrictedServices.includes(visionService));
    });
});
