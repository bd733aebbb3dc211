import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { rules } from "../../../policies/aws";
import * as tokens from "../../../policies/aws/support/tokens";
import { controlIds } from "../../../policies/controls";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { taggableTypes } from "../../../policies/aws/tagging";

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

    describe("against the installed @pulumi/aws", () => {
        const sdk = join(__dirname, "../../../node_modules/@pulumi/aws");
        /** aws:s3/bucketV2:BucketV2 → s3/bucketV2 (the SDK's file for the token). */
        const fileOf = (token: string) => token.slice(4, token.lastIndexOf(":"));
        const everyToken = [...new Set([
            ...(Object.values(tokens) as unknown[]).flatMap(v => Array.isArray(v) ? v : typeof v === "string" && v.startsWith("aws:") ? [v] : []),
            ...rules.flatMap(r => r.kind === "resource" ? r.types : []),
        ])] as string[];

        it("registers every type token the rules name (its class declares that __pulumiType)", () => {
            for (const token of everyToken) {
                const file = join(sdk, `${fileOf(token)}.js`);
                assert.ok(existsSync(file), `${token}: no ${file}`);
                assert.ok(readFileSync(file, "utf8").includes(`__pulumiType = '${token}'`), token);
            }
        });

        it("has a tags input on every type the tagging rule lists (HealthImaging keeps its Tags in desiredState)", () => {
            for (const token of taggableTypes.filter(t => t !== "aws:cloudcontrol/resource:Resource")) {
                const dts = readFileSync(join(sdk, `${fileOf(token)}.d.ts`), "utf8");
                const args = dts.slice(dts.indexOf("Args {"));
                assert.match(args, /\n {4}tags\?: /, token);
            }
        });
    });
});
