// The repository documents itself: the control catalogue is generated from the rules and is current,
// and every relative link of the README and docs/ names a file a clone has.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { catalogueMarkdown, cataloguePath } from "../../policies/catalogue";
import { controlIds } from "../../policies/controls";
import { resourceRule, stackRule } from "../../policies/lib/rule";
import { rules } from "../../policies/pack";

const root = path.join(__dirname, "..", "..");

describe("docs", () => {
    it("docs/controls.md is what the generator makes of the rules today (else: npm run -s docs)", () => {
        const committed = fs.readFileSync(path.join(root, cataloguePath), "utf8");
        assert.ok(committed === catalogueMarkdown(rules), `${cataloguePath} is stale: run \`npm run -s docs\` and commit it`);
    });

    it("lists every control and every rule, and picks up a rule or control nobody told it about", () => {
        const md = catalogueMarkdown(rules);
        for (const id of controlIds) assert.match(md, new RegExp(`^## ${id}$`, "m"));
        for (const r of rules) assert.ok(md.includes(`\`${r.name}\``), r.name);
        const added = [
            resourceRule({ name: "aws-key-rotation-new-thing", cloud: "aws", controls: ["KEY-ROTATION", "AUDIT-LOG"], severity: "low",
                description: "A new | thing\nrotates.", remediation: "Rotate it.", types: ["aws:new/thing:Thing"], check: () => [] }),
            stackRule({ name: "gcp-residency-new-stack", cloud: "gcp", controls: ["RESIDENCY"], severity: "medium", enforcement: "advisory",
                description: "Stack-wide.", remediation: "Fix it.", check: () => [] }),
        ];
        const more = catalogueMarkdown([...rules, ...added]);
        assert.match(more, /\| `aws-key-rotation-new-thing` \(also AUDIT-LOG; [^|]*\) \| aws \| low \| mandatory \| `aws:new\/thing:Thing` \| A new \\\| thing rotates\. \| Rotate it\. \|/);
        assert.match(more, /\| `gcp-residency-new-stack` \| gcp \| medium \| advisory \| the stack \(what its findings name\) \|/);
        // Under both of its controls, and counted in the summary table.
        assert.equal(more.split("`aws-key-rotation-new-thing`").length - 1, 2);
        assert.notEqual(more, md);
    });

    it("README.md and docs/*.md link only to files a clone has (no ../shared)", () => {
        const files = ["README.md", ...fs.readdirSync(path.join(root, "docs")).filter(f => f.endsWith(".md")).map(f => path.join("docs", f))];
        const broken: string[] = [];
        for (const file of files) {
            const text = fs.readFileSync(path.join(root, file), "utf8");
            if (/\.\.\/shared\b/.test(text)) broken.push(`${file}: names ../shared`);
            for (const m of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
                const target = m[1];
                if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
                const resolved = path.resolve(root, path.dirname(file), target);
                if (!resolved.startsWith(root + path.sep) || !fs.existsSync(resolved)) broken.push(`${file}: ${target}`);
            }
        }
        assert.deepEqual(broken, []);
    });
});
