// One component vocabulary on three clouds (issue 13): the same exported name per role, the old names kept
// as deprecated aliases of the very same classes, and the type tokens — the part of a URN a name reaches —
// unchanged. test/stacks/stacks.spec.ts pins every URN of the example stacks; this spec says which token
// each role registers, so that a rename that changes a token fails here, naming it.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "../../components/aws/exports";
import * as azure from "../../components/azure/exports";
import * as gcp from "../../components/gcp/exports";
import { record } from "../support/record";

/** The roles every cloud has, and the one name each has on every cloud. */
const roles = ["Keys", "Audit", "Storage", "Processing", "Network", "Imaging", "Warehouse", "ImageAnalysis", "ResearchShare"] as const;

/** The token each role registers per cloud: the old class name where the class was renamed (components/aws/deprecated.ts says why). */
const tokens: Record<"aws" | "azure" | "gcp", Record<typeof roles[number], string>> = {
    aws: { Keys: "Keys", Audit: "Audit", Storage: "EncryptedBucket", Processing: "ProcessingCluster", Network: "Network", Imaging: "Imaging", Warehouse: "Warehouse", ImageAnalysis: "ImageAnalysis", ResearchShare: "ResearchShare" },
    azure: { Keys: "HospitalKeys", Audit: "AuditLog", Storage: "EncryptedStorage", Processing: "SparkPool", Network: "HospitalNetwork", Imaging: "DicomImaging", Warehouse: "DedicatedSqlPool", ImageAnalysis: "ImageAnalysis", ResearchShare: "ResearchShare" },
    gcp: { Keys: "Keys", Audit: "Audit", Storage: "Storage", Processing: "Processing", Network: "Network", Imaging: "Imaging", Warehouse: "Warehouse", ImageAnalysis: "ImageAnalysis", ResearchShare: "ResearchShare" },
};

const modules: Record<keyof typeof tokens, Record<string, unknown>> = { aws, azure, gcp };
const exampleStack = { aws: "demo", azure: "stlukes-azure", gcp: "mercy-gcp" } as const;

describe("one component vocabulary on three clouds", () => {
    for (const cloud of Object.keys(tokens) as (keyof typeof tokens)[]) {
        describe(cloud, () => {
            it("exports a class for every role under the same name", () => {
                const missing = roles.filter(role => typeof modules[cloud][role] !== "function");
                assert.deepEqual(missing, []);
            });

            it("keeps each old name as an alias of the same class", () => {
                for (const [role, token] of Object.entries(tokens[cloud])) {
                    if (token === role) continue;
                    assert.equal(modules[cloud][token], modules[cloud][role], `${token} is not ${role}`);
                }
            });

            // The pinned URNs of the example stack hold each component's token; with the table above this
            // says that the new class names reached no URN (stacks.spec.ts compares every URN).
            it("registers the tokens the example stack's pinned URNs hold", () => {
                const urns = fs.readFileSync(path.join(__dirname, "..", "stacks", "urns", `${exampleStack[cloud]}.txt`), "utf8");
                const pinned = new Set([...urns.matchAll(new RegExp(`hipaa-cloud:${cloud}:(\\w+)`, "g"))].map(m => m[1]));
                for (const role of roles) assert.ok(pinned.has(tokens[cloud][role]), `${role}: no pinned URN holds hipaa-cloud:${cloud}:${tokens[cloud][role]}`);
                for (const role of roles.filter(r => tokens[cloud][r] !== r)) assert.ok(!pinned.has(role), `${role}: a pinned URN holds the new name as a token`);
            });
        });
    }

    it("a renamed class and its old name register the same URNs (read from a real registration)", async () => {
        // One registration per cloud is enough to tie the class to the token: the platform specs record the rest.
        const r = await record(() => { new aws.Storage("phi", { tenant: "stmary", purpose: "phi", key: "alias/stmary-phi", accessLogBucket: "stmary-logs" }); });
        assert.ok(r.resources.some(x => x.type === "hipaa-cloud:aws:EncryptedBucket" && x.name === "phi"));
        const old = await record(() => { new aws.EncryptedBucket("phi", { tenant: "stmary", purpose: "phi", key: "alias/stmary-phi", accessLogBucket: "stmary-logs" }); });
        assert.deepEqual(old.resources.map(x => x.urn), r.resources.map(x => x.urn));
        // What makes the two registrations the same: each old name is the new class itself, never a subclass
        // or a copy that could register another token (the recording above alone cannot tell them apart).
        for (const [old, now] of [[aws.EncryptedBucket, aws.Storage], [aws.ProcessingCluster, aws.Processing], [azure.HospitalKeys, azure.Keys],
            [azure.AuditLog, azure.Audit], [azure.EncryptedStorage, azure.Storage]] as const) assert.equal(old, now, `${old.name} is ${now.name}`);
    });
});
