// The stack's environment in the policy config (`environment`, policies/lib/environment.ts): the
// checker refuses what the engine's schema refuses, and a dev stack relaxes DELETION-PROTECTION only
// when its policy config says so. In-process: readPolicyConfig and evaluateResources, no program run.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluateResources, readPolicyConfig } from "../../checker/evaluate";
import { rules } from "../../policies/pack";
import type { PolicyResource } from "../../policies/lib/rule";
import { tempDir } from "./helpers";

function configFile(doc: unknown): string {
    const file = path.join(tempDir("hc-env-"), "policy.json");
    fs.writeFileSync(file, JSON.stringify(doc));
    return file;
}

const bucket: PolicyResource = {
    type: "aws:s3/bucket:Bucket", name: "phi", urn: "urn:pulumi:prod::hospital::aws:s3/bucket:Bucket::phi",
    props: { forceDestroy: true, tags: { environment: "dev" } }, opts: { protect: false },
};

describe("checker: the policy config's environment", () => {
    it("refuses a value the engine's schema refuses, naming the policy, key and value", () => {
        for (const bad of ["DEV", "development", "Dev ", 1, null]) {
            const file = configFile({ "aws-deletion-protection-protect": { environment: bad } });
            assert.throws(() => readPolicyConfig(file, rules), (e: Error) =>
                e.message.includes("aws-deletion-protection-protect") && e.message.includes("environment") &&
                e.message.includes(JSON.stringify(bad)) && (typeof bad !== "string" || e.message.includes("prod, staging, dev")), String(bad));
        }
    });

    it("judges a dev-tagged unprotected bucket as prod unless the policy config says dev", () => {
        const prod = evaluateResources(rules, [bucket], readPolicyConfig(configFile({}), rules)).findings
            .filter(f => f.controls.includes("DELETION-PROTECTION") && !f.exempted);
        assert.deepEqual(prod.map(f => f.policy).sort(), ["aws-deletion-protection-protect", "aws-deletion-protection-s3-bucket"]);
        const dev = readPolicyConfig(configFile({
            "aws-deletion-protection-protect": { environment: "dev" }, "aws-deletion-protection-s3-bucket": { environment: "dev" },
        }), rules);
        assert.deepEqual(evaluateResources(rules, [bucket], dev).findings.filter(f => f.controls.includes("DELETION-PROTECTION")), []);
    });
});
