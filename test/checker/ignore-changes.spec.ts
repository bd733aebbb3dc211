// End to end: safeguards written in the program but put under ignoreChanges (test/fixtures/program-ignore-changes).
// Once the resource exists the engine keeps the old (or, on an import, the cloud's) value there: offline that is
// unknown, never the program's value judged compliant. And the path parsing and copying of checker/ignore-changes.ts.
import assert from "node:assert/strict";
import * as path from "node:path";
import { propertyPathSteps, withIgnoredChangesUnknown } from "../../checker/ignore-changes";
import { UNKNOWN } from "../../policies/lib/values";
import { fixtures, spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

describe("a safeguard under ignoreChanges", function () {
    this.timeout(spawnTimeout);
    let outcomes: { name: string; policies: Record<string, { outcome: string }> }[];
    let findings: { policy: string; name: string; unknown?: boolean; message: string }[];
    before(async () => {
        const r = await checkInProcess(["check", "--program", path.join(fixtures, "program-ignore-changes"), "--format", "json"]);
        ({ outcomes, findings } = JSON.parse(r.stdout));
    });
    const outcome = (name: string, policy: string) => outcomes.find(o => o.name === name)?.policies[policy]?.outcome;
    const unknownOn = (name: string, policy: string) => findings.filter(f => f.name === name && f.policy === policy && f.unknown).map(f => f.message);

    it("an adopted bucket's SSE-KMS rules under ignoreChanges are unknown, not compliant (AWS)", () => {
        assert.equal(outcome("adopted", "aws-enc-rest-cmk-s3-bucket"), "unknown");
        assert.match(unknownOn("adopted", "aws-enc-rest-cmk-s3-bucket")[0] ?? "", /rules is unknown/);
    });

    it("HTTPS-only and TLS 1.2 under ignoreChanges are unknown, not compliant (Azure)", () => {
        assert.equal(outcome("records", "azure-enc-transit-storage-account"), "unknown");
        assert.deepEqual(unknownOn("records", "azure-enc-transit-storage-account").map(m => m.split(" is ")[0].split(": ")[1]), ["enableHttpsTrafficOnly", "minimumTlsVersion"]);
    });

    it("an adopted bucket under ignoreChanges [\"*\"] has its public access prevention unknown, not compliant (Google Cloud)", () => {
        assert.equal(outcome("scans", "gcp-public-access-storage-bucket"), "unknown");
    });

    it("a virtual network ignoring the subnets it does not declare is no finding", () => {
        assert.equal(outcome("vnet", "azure-network-private-virtual-network"), "not-applicable");
    });
});

describe("checker/ignore-changes.ts", () => {
    it("reads Pulumi property paths", () => {
        assert.deepEqual(propertyPathSteps("rules[0].applyServerSideEncryptionByDefault"), ["rules", 0, "applyServerSideEncryptionByDefault"]);
        assert.deepEqual(propertyPathSteps('tags["cost.center"]'), ["tags", "cost.center"]);
        assert.deepEqual(propertyPathSteps("ingress[*].cidrBlocks"), ["ingress", "*", "cidrBlocks"]);
        assert.equal(propertyPathSteps(".rules"), undefined);
    });

    it("makes a set path unknown, leaves an unset one unset unless imported, and copies instead of changing the inputs", () => {
        const inputs = { ingress: [{ cidrBlocks: ["10.0.0.0/8"] }, { cidrBlocks: ["0.0.0.0/0"] }], tags: { a: "1" } };
        const out = withIgnoredChangesUnknown(inputs, ["ingress[*].cidrBlocks", "versioning"], false);
        assert.deepEqual(out, { ingress: [{ cidrBlocks: UNKNOWN }, { cidrBlocks: UNKNOWN }], tags: { a: "1" } });
        assert.deepEqual(inputs.ingress[1].cidrBlocks, ["0.0.0.0/0"]);
        assert.equal(withIgnoredChangesUnknown(inputs, ["versioning"], true).versioning, UNKNOWN);
        assert.deepEqual(withIgnoredChangesUnknown(inputs, ["tags.b"], true).tags, { a: "1", b: UNKNOWN });
        assert.deepEqual(withIgnoredChangesUnknown(inputs, ["tags..a"], false).tags, UNKNOWN, "a path it cannot read: its first property");
    });
});
