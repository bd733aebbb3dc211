import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { rules } from "../../../policies/gcp";
import { controlIds } from "../../../policies/controls";

describe("policies/gcp (the Google Cloud half of the pack)", () => {
    it("covers all 15 controls with uniquely named gcp-<control>-<resource> rules", () => {
        const names = rules.map(r => r.name);
        assert.equal(new Set(names).size, names.length);
        for (const r of rules) {
            assert.equal(r.cloud, "gcp");
            assert.equal(r.controls.length, 1, `${r.name}: one control per rule`);
            assert.ok(r.name.startsWith(`gcp-${r.controls[0].toLowerCase()}-`), `${r.name} is named after ${r.controls[0]}`);
            assert.ok(r.description.length > 20 && r.remediation.length > 20, `${r.name} says what it requires and how to comply`);
        }
        assert.deepEqual([...new Set(rules.flatMap(r => r.controls))].sort(), [...controlIds].sort());
    });

    it("has a test that names every rule", () => {
        const dir = __dirname;
        const specs = fs.readdirSync(dir).filter(f => f.endsWith(".spec.ts") && f !== path.basename(__filename))
            .map(f => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
        assert.deepEqual(rules.map(r => r.name).filter(n => !specs.includes(`"${n}"`)), []);
    });

    it("lists only resource types spelled as @pulumi/gcp spells them", () => {
        const tokens = new Set<string>();
        for (const r of rules) if (r.kind === "resource") for (const t of r.types) tokens.add(t);
        const root = path.dirname(require.resolve("@pulumi/gcp/package.json"));
        const declared = new Set<string>();
        for (const module of new Set([...tokens].map(t => t.split(":")[1].split("/")[0]))) {
            for (const f of fs.readdirSync(path.join(root, module)).filter(f => f.endsWith(".js"))) {
                const m = /__pulumiType = '([^']+)'/.exec(fs.readFileSync(path.join(root, module, f), "utf8"));
                if (m) declared.add(m[1]);
            }
        }
        const missing = [...tokens].filter(t => !declared.has(t));
        assert.deepEqual(missing, []);
    });
});
