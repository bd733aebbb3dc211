// Versioned azure-native tokens (`azure-native:storage/v20230101:StorageAccount`, as azure-native 2.x's
// versioned modules register them) are judged as their module's unversioned token, on both paths.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { rules as azureRules } from "../../../policies/azure";
import { rules as pack } from "../../../policies/pack";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { evaluate } from "../../../policies/lib/evaluate";
import { judgesType, PolicyResource } from "../../../policies/lib/rule";
import { StackIndex } from "../../../policies/lib/stack-index";
import { canonicalType } from "../../../policies/lib/type-tokens";
import { exemptionTagKey } from "../../../policies/lib/declared-exemption";
import { engineResource } from "../../support/engine";
import { record } from "../../support/record";
import { withProp } from "../../support/policies";
import { privateEndpoint, storageAccount, vault } from "../azure/baselines";

/** A resource registered under any token, as a class of an SDK's versioned module would register it. */
class Raw extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs) { super(type, name, props); }
}

const versioned = (t: string, v = "v20230101") => t.replace(/^azure-native:([a-z0-9]+):/, `azure-native:$1/${v}:`);

/** Every versioned token the installed SDK's classes still carry as aliases, by the class's own token. */
function sdkVersionedAliases(): Map<string, string[]> {
    const root = path.dirname(require.resolve("@pulumi/azure-native/package.json"));
    const out = new Map<string, string[]>();
    for (const m of fs.readdirSync(root)) {
        const dir = path.join(root, m);
        if (!fs.statSync(dir).isDirectory() || m === "types" || m === "node_modules") continue;
        for (const f of fs.readdirSync(dir).filter(f => f.endsWith(".js") && f !== "index.js")) {
            const js = fs.readFileSync(path.join(dir, f), "utf8");
            const own = /__pulumiType = '([^']+)'/.exec(js)?.[1];
            if (!own) continue;
            out.set(own, [...js.matchAll(/\{ type: "(azure-native:[a-z0-9]+\/v[^"]+)" \}/g)].map(a => a[1]));
        }
    }
    return out;
}

describe("policies/lib/type-tokens (versioned azure-native tokens)", () => {
    it("reads any API version of a module as the module's unversioned token, and leaves every other token alone", () => {
        for (const [given, wanted] of [
            ["azure-native:storage/v20230101:StorageAccount", "azure-native:storage:StorageAccount"],
            ["azure-native:dbforpostgresql/v20221201:Server", "azure-native:dbforpostgresql:Server"],
            ["azure-native:storage/v20150501preview:StorageAccount", "azure-native:storage:StorageAccount"],
            ["azure-native:network/v20240101privatepreview:SecurityRule", "azure-native:network:SecurityRule"],
            ["azure-native:network/v20180901:PrivateZone", "azure-native:network:PrivateZone"],
            // A version no SDK has yet: a program may bring its own.
            ["azure-native:keyvault/v20991231:Vault", "azure-native:keyvault:Vault"],
            ["azure-native:storage:StorageAccount", "azure-native:storage:StorageAccount"],
            ["aws:s3/bucket:Bucket", "aws:s3/bucket:Bucket"],
            ["gcp:compute/firewall:Firewall", "gcp:compute/firewall:Firewall"],
            ["kubernetes:core/v1:Service", "kubernetes:core/v1:Service"],
            ["google-native:compute/v1:Firewall", "google-native:compute/v1:Firewall"],
            ["azure-native:storage/latest:StorageAccount", "azure-native:storage/latest:StorageAccount"],
        ]) assert.equal(canonicalType(given), wanted, given);
    });

    it("judges every versioned alias the installed SDK declares for a type a rule lists, by that rule", () => {
        const aliases = sdkVersionedAliases();
        let checked = 0;
        const missed: string[] = [];
        for (const rule of pack) {
            if (rule.kind !== "resource") continue;
            for (const t of rule.types.filter(t => t.startsWith("azure-native:"))) {
                const kind = t.split(":")[2];
                for (const a of aliases.get(t) ?? []) {
                    // Versions of this kind under this module or the one it moved from (network/v20200601:PrivateZone for
                    // privatedns:PrivateZone, documentdb/... for cosmosdb:...); an alias of another kind is another resource's.
                    if (!a.endsWith(`:${kind}`)) continue;
                    checked++;
                    if (!judgesType(rule, a)) missed.push(`${rule.name}: ${a}`);
                }
            }
        }
        assert.deepEqual(missed.slice(0, 10), []);
        assert.ok(checked > 1000, `versioned aliases checked: ${checked}`);
    });

    it("indexes a versioned resource under its unversioned type for stack rules", () => {
        const account = { ...storageAccount(), type: versioned(storageAccount().type) };
        assert.deepEqual(new StackIndex([account]).ofType("azure-native:storage:StorageAccount"), [account]);
    });

    // The case: a public, TLS 1.0 storage account in West Europe declared through a versioned module.
    const badAccount = {
        resourceGroupName: "rg", accountName: "openphi", location: "westeurope", kind: "StorageV2", sku: { name: "Standard_LRS" },
        minimumTlsVersion: "TLS1_0", allowBlobPublicAccess: true, publicNetworkAccess: "Enabled",
    };
    const program = (token: (t: string) => string) => () => {
        const account = new Raw(token("azure-native:storage:StorageAccount"), "open", badAccount);
        new Raw(token("azure-native:keyvault:Vault"), "kv", { resourceGroupName: "rg", location: "westeurope",
            properties: { tenantId: "t", sku: { family: "A", name: "standard" } } });
        new Raw(token("azure-native:network:PrivateEndpoint"), "st-pe", {
            resourceGroupName: "rg", subnet: { id: "s" },
            privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: account.id, groupIds: ["blob"] }],
        });
    };
    const judged = (findings: ReturnType<typeof evaluate>) => findings.filter(f => f.enforcement === "mandatory").map(f => `${f.policy} ${f.name}`).sort();

    it("finds in a program of versioned tokens (the checker's path) exactly what it finds in the unversioned program", async () => {
        const plain = judged(evaluate(pack, (await record(program(t => t))).policyResources));
        const rec = await record(program(t => versioned(t)));
        assert.ok(rec.resources.some(r => r.type === "azure-native:storage/v20230101:StorageAccount"), "registered under the versioned token");
        const found = judged(evaluate(pack, rec.policyResources));
        for (const p of ["azure-enc-transit-storage-account open", "azure-public-access-storage-account open", "azure-residency-location open",
            "azure-residency-location kv", "azure-network-private-key-vault-endpoint kv"]) assert.ok(found.includes(p), `${p} among ${found.join(", ")}`);
        // The private endpoint (versioned too) still covers the account: relations hold across versioned tokens.
        assert.ok(!found.includes("azure-network-private-storage-account-endpoint open"));
        assert.deepEqual(found, plain);
        // The finding's URN keeps the token the program registered.
        const f = evaluate(pack, rec.policyResources).find(x => x.policy === "azure-enc-transit-storage-account")!;
        assert.match(f.urn!, /azure-native:storage\/v20230101:StorageAccount::open$/);
    });

    it("judges versioned tokens through the @pulumi/policy adapter (the real engine's path), resource and stack policies", () => {
        const policy = toPulumiPolicy(azureRules.find(r => r.name === "azure-enc-transit-storage-account")!) as ResourceValidationPolicy;
        const reports: string[] = [];
        const bad = withProp(storageAccount(), "minimumTlsVersion", "TLS1_0");
        (policy.validateResource as any)({ ...bad, type: versioned(bad.type), opts: { protect: true }, getConfig: () => ({}) },
            (m: string) => reports.push(m));
        assert.equal(reports.length, 1);
        assert.ok(reports[0].includes("minimumTlsVersion"), reports[0]);

        const stackPolicy = toPulumiPolicy(azureRules.find(r => r.name === "azure-network-private-key-vault-endpoint")!) as StackValidationPolicy;
        const run = (stack: PolicyResource[]) => {
            const out: string[] = [];
            (stackPolicy.validateStack as any)({ resources: stack.map(r => engineResource(r, stack)), getConfig: () => ({}) }, (m: string) => out.push(m));
            return out;
        };
        const kv = { ...vault(), type: versioned(vault().type, "v20230701") };
        assert.equal(run([kv]).length, 1, "a versioned vault without an endpoint is found");
        const pe = privateEndpoint("pe", vault(), ["vault"]);
        assert.deepEqual(run([kv, { ...pe, type: versioned(pe.type) }]), []);
    });

    it("gives a versioned resource its unversioned type's outputs in the checker's mock runtime (a vault's vaultUri)", async () => {
        const uris: Record<string, unknown> = {};
        for (const type of ["azure-native:keyvault:Vault", "azure-native:keyvault/v20230701:Vault"]) {
            await record(() => {
                const kv = new Raw(type, "kv", { resourceGroupName: "rg", vaultName: "stmary-kv", properties: { tenantId: "t" } });
                (kv as unknown as { properties: pulumi.Output<{ vaultUri?: string }> }).properties.apply(p => { uris[type] = p.vaultUri; });
            });
        }
        assert.equal(uris["azure-native:keyvault/v20230701:Vault"], "https://stmary-kv.vault.azure.net/");
        assert.equal(uris["azure-native:keyvault:Vault"], uris["azure-native:keyvault/v20230701:Vault"]);
    });

    it("never lets a tag exempt a data store declared through a versioned module", async () => {
        const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        const rec = await record(() => {
            new Raw("azure-native:storage/v20230101:StorageAccount", "open",
                { ...badAccount, tags: { [exemptionTagKey("ENC-TRANSIT")]: `until-${until}_legacy-import` } });
        });
        const f = evaluate(azureRules, rec.policyResources).filter(x => x.policy === "azure-enc-transit-storage-account");
        assert.ok(f.length >= 1);
        assert.ok(f.every(x => !x.exempted && x.enforcement === "mandatory"), JSON.stringify(f.map(x => x.message)));
    });
});
