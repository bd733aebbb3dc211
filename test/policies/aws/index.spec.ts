import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { rules } from "../../../policies/aws";
import * as tokens from "../../../policies/aws/support/tokens";
import { controlIds } from "../../../policies/controls";
import { toPulumiPolicy } from "../../../policies/lib/adapter";

const dir = join(__dirname, "../../../policies/aws");
const controlFiles = readdirSync(dir).filter(f => f.endsWith(".ts") && f !== "index.ts");

describe("aws policy catalogue (policies/aws/index.ts)", () => {
    it("has one file per control, named after it, for all 14 controls", () => {
        assert.deepEqual(controlFiles.map(f => f.replace(/\.ts$/, "")).sort(), controlIds.map(id => id.toLowerCase()).sort());
    });

    it("lists every rule of every control file exactly once", () => {
        for (const file of controlFiles) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const own: { name: string }[] = require(join(dir, file)).rules;
            assert.ok(own.length > 0, file);
            for (const rule of own) assert.equal(rules.filter(r => r.name === rule.name).length, 1, rule.name);
        }
        assert.equal(new Set(rules.map(r => r.name)).size, rules.length, "rule names are unique");
    });

    it("names each rule aws-<its control>-<resource>, with the control of its file, and full metadata", () => {
        for (const rule of rules) {
            assert.equal(rule.cloud, "aws", rule.name);
            assert.equal(rule.controls.length, 1, rule.name);
            assert.match(rule.name, new RegExp(`^aws-${rule.controls[0].toLowerCase()}-[a-z0-9-]+$`));
            assert.ok(rule.description.trim().endsWith("."), `${rule.name} description`);
            assert.ok(rule.remediation.trim().length > 10, `${rule.name} remediation`);
        }
    });

    it("lists both spellings of every renamed S3 type a resource rule judges (G1)", () => {
        const renamed = (Object.values(tokens) as unknown[]).filter((v): v is readonly string[] => Array.isArray(v) && v.length === 2 && String(v[1]).includes("V2"));
        assert.ok(renamed.length >= 7);
        for (const rule of rules) {
            if (rule.kind !== "resource") continue;
            for (const [current, deprecated] of renamed) {
                if (rule.types.includes(current)) assert.ok(rule.types.includes(deprecated), `${rule.name} lacks ${deprecated}`);
            }
        }
    });

    it("becomes a @pulumi/policy policy for the real engine, with the control as tag", () => {
        for (const rule of rules) {
            const policy = toPulumiPolicy(rule);
            assert.equal(policy.name, rule.name);
            assert.deepEqual(policy.tags, rule.controls);
            assert.ok("validateResource" in policy || "validateStack" in policy);
        }
    });
});
