// Physical names: two tenants never share a globally unique name, even where a cloud's naming rules
// force the tenant to be altered (hyphens dropped, cut to fit), and tenants whose names fit unaltered
// keep exactly the names they had (no replacement of existing deployments).
import assert from "node:assert/strict";
import { Cloud, HospitalConfigInput, validateHospitalConfig } from "../../components/config";
import { baseTags, labels, physicalName, tenantHash } from "../../components/naming";
import { HospitalPlatform } from "../../components/platform";
import { azureName } from "../../components/azure/common";
import { record } from "../support/record";

describe("components/naming physicalName", () => {
    it("keeps the names of tenants that fit unaltered, as they were before the hash", () => {
        assert.equal(azureName("stmary", "prod-kv", 24), "stmary-prod-kv");
        assert.equal(azureName("stmary", "prodphi", 24, ""), "stmaryprodphi");
        assert.equal(azureName("stlukes", "prodahds", 24, ""), "stlukesprodahds");
        assert.equal(physicalName("mercy", "phi"), "mercy-phi");
        assert.equal(physicalName("mercy-gcp", "dataproc", 30), "mercy-gcp-dataproc");
    });

    it("gives st-mary and stmary different letters-and-digits names (hyphens dropped)", () => {
        for (const suffix of ["prodphi", "prodahds", "devphi"]) {
            const a = azureName("st-mary", suffix, 24, "");
            const b = azureName("stmary", suffix, 24, "");
            assert.notEqual(a, b, suffix);
            assert.match(a, /^[a-z0-9]{3,24}$/);
            assert.ok(a.includes(tenantHash("st-mary")), a);
        }
    });

    it("gives two long tenants sharing a prefix different names, within the length, keeping the suffix", () => {
        const [one, two] = ["aaaaaaaaaaaaaaaaaaaaaaaa-one", "aaaaaaaaaaaaaaaaaaaaaaaa-two"];
        const [x, y] = ["abcdefghijklmnopqrst-northwest", "abcdefghijklmnopqrst-southeast"]; // 30 characters, 20 shared
        for (const [max, sep, suffix] of [[24, "-", "prod-kv"], [24, "", "prodphi"], [24, "", "stagingahds"], [30, "-", "dataproc"], [63, "-", "dataproc-intra-cluster"], [36, "-", "access-logs"]] as const) {
            for (const [a, b] of [[one, two], [x, y]]) {
                const na = physicalName(a, suffix, max, sep);
                const nb = physicalName(b, suffix, max, sep);
                assert.notEqual(na, nb, `${a} / ${b} → ${na}`);
                assert.ok(na.length <= max, na);
                assert.ok(na.endsWith(sep === "" ? suffix.replace(/-/g, "") : suffix), na);
                assert.doesNotMatch(na, /--|-$/);
            }
        }
    });

    it("tells a tenant with a trailing hyphen from the one without", () => {
        assert.notEqual(azureName("stmary-", "prod-kv", 24), azureName("stmary", "prod-kv", 24));
        assert.doesNotMatch(azureName("stmary-", "prod-kv", 24), /--/);
    });
});

describe("components/naming tags", () => {
    it("lets the platform's tags win over hospital:tags, in any spelling, even unvalidated", () => {
        const tags = baseTags({ tenant: "stmary", environment: "prod", tags: {
            tenant: "other", TENANT: "x", "data-classification": "public", Environment: "dev", "managed-by": "me",
            "hipaa-cloud:exemption:ENC-REST-CMK": "x", " Hipaa-Cloud:exemption:X": "x", "cost-center": "42",
        } });
        assert.deepEqual(tags, { "cost-center": "42", tenant: "stmary", environment: "prod", "data-classification": "phi", "managed-by": "hipaa-cloud" });
        assert.deepEqual(labels({ tenant: "stmary", tags: { "hipaa-cloud-exemption-x": "x", "Data_Classification": "none" } }),
            { tenant: "stmary", environment: "prod", "data-classification": "phi", "managed-by": "hipaa-cloud" });
    });
});

// The whole platform of each cloud, recorded for several tenants: every input that depends on the
// tenant (differs between two unrelated tenants) must differ between tenants a cloud could confuse.
const configs: Record<Cloud, (tenant: string) => HospitalConfigInput> = {
    aws: tenant => ({ tenant, cloud: "aws", region: "us-east-1", admins: ["arn:aws:iam::123456789012:role/phi-admin"] }),
    azure: tenant => ({ tenant, cloud: "azure", region: "eastus2", admins: ["00000000-0000-0000-0000-000000000001"] }),
    gcp: tenant => ({ tenant, cloud: "gcp", region: "us-central1", admins: ["group:phi@hospital.org"], gcp: { project: "hospital-project" } }),
};

async function inputsOf(cloud: Cloud, tenant: string): Promise<Map<string, string>> {
    const recorded = await record(() => { new HospitalPlatform(tenant, { config: validateHospitalConfig({ ...configs[cloud](tenant) }) }); });
    const out = new Map<string, string>();
    for (const r of recorded.resources) {
        if (!r.name.startsWith(tenant)) continue;
        const logical = `${r.type}::T${r.name.slice(tenant.length)}`;
        for (const [prop, value] of Object.entries(r.inputs)) out.set(`${logical}.${prop}`, JSON.stringify(value));
    }
    return out;
}

// One test per pair (two platform recordings each, the unrelated tenant's once per cloud): seven recordings
// in one test outlasted the timeout on a loaded machine.
describe("every cloud's physical names, across tenants a cloud could confuse", function () {
    this.timeout(60_000);
    const pairs = [["st-mary", "stmary"], ["aaaaaaaaaaaaaaaaaaaaaaaa-one", "aaaaaaaaaaaaaaaaaaaaaaaa-two"], ["abcdefghijklmnopqrst-northwest", "abcdefghijklmnopqrst-southeast"]];
    for (const cloud of ["aws", "azure", "gcp"] as const) {
        describe(cloud, () => {
            let unrelated: Map<string, string>;
            before(async () => { unrelated = await inputsOf(cloud, "zz"); });
            for (const [a, b] of pairs) {
                it(`no tenant-derived input is shared by ${a} and ${b}`, async () => {
                    const [ia, ib] = [await inputsOf(cloud, a), await inputsOf(cloud, b)];
                    assert.ok(ia.size > 20, `${cloud} ${a}: ${ia.size} inputs`);
                    const shared = [...ia].filter(([key, value]) => ib.get(key) === value && unrelated.has(key) && unrelated.get(key) !== value);
                    assert.deepEqual(shared.map(([key, value]) => `${key} = ${value}`), []);
                });
            }
        });
    }
});

describe("components/naming: the README's example", () => {
    it("names st-mary's prod PHI storage account stmary103a93prodphi", () => assert.equal(azureName("st-mary", "prodphi", 24, ""), "stmary103a93prodphi"));
});
