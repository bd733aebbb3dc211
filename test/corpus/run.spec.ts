import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { firstErrorLine, nodePrograms, requiredConfig } from "../../corpus/run";
import { tempDir } from "../checker/helpers";

function tree(files: Record<string, string>): string {
    const root = tempDir("corpus");
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
    }
    return root;
}

describe("corpus runner", () => {
    it("names the package and version npm could not find, not only npm's error code", () => {
        const etarget = "npm error code ETARGET\nnpm error notarget No matching version found for @pulumi/gcp@9.31.0.\nnpm error notarget In most cases you or one of your dependencies are requesting\n";
        assert.equal(firstErrorLine(etarget), "No matching version found for @pulumi/gcp@9.31.0.");
        const e404 = "npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/pcloudinit\nnpm error 404\n" +
            "npm error 404  The requested resource 'pcloudinit@1.0.0' could not be found or you do not have permission to access it.\n";
        assert.equal(firstErrorLine(e404), "pcloudinit@1.0.0 is not in the registry");
    });

    it("finds every Node.js program of an example, in subfolders too, and leaves out a Python one and node_modules", () => {
        const root = tree({
            "app/Pulumi.yaml": "name: app\nruntime: nodejs\n",
            "infra/deep/Pulumi.yaml": "name: deep\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
            "py/Pulumi.yaml": "name: py\nruntime: python\n",
            "node_modules/dep/Pulumi.yaml": "name: dep\nruntime: nodejs\n",
        });
        assert.deepEqual(nodePrograms(root).map(d => path.relative(root, d)).sort(), ["app", path.join("infra", "deep")]);
    });

    it("gives every key the program requires a value of its kind, under the namespace of a named Config too", () => {
        const root = tree({
            "index.ts": [
                `const config = new pulumi.Config();`,
                `const n = config.requireNumber("replicas");`,
                `const b = config.requireBoolean("enabled");`,
                `const o = config.requireObject<{ a: string }>("settings");`,
                `const d = config.require("domainName");`,
                `const s = config.requireSecret("dbPassword");`,
                `const x = config.require("aws:region");`,
                `const site = new pulumi.Config("site"); site.require("pathToContents");`,
            ].join("\n"),
        });
        const values = new Map(requiredConfig(root).map(kv => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
        assert.equal(values.get("replicas"), "1");
        assert.equal(values.get("enabled"), "true");
        assert.equal(values.get("settings"), "{}");
        assert.equal(values.get("domainName"), "www.example.com");
        assert.equal(values.get("dbPassword"), "example-dbpassword");
        assert.equal(values.get("aws:region"), "us-east-1", "a namespaced key stays as the program wrote it");
        const folder = values.get("site:pathToContents");
        assert.ok(folder && fs.existsSync(path.join(root, folder, "index.html")), "a content folder the program can read, relative to it");
    });

    it("gives a key read through `Config(\"<project>\")` once: the project's namespace is the bare key's (the checker refuses a key given twice)", () => {
        const root = tree({
            "Pulumi.yaml": "name: airflow\nruntime: nodejs\n",
            "index.ts": `const config = new pulumi.Config("airflow");\nconst p = config.require("dbPassword");`,
        });
        assert.deepEqual(requiredConfig(root).map(kv => kv.slice(0, kv.indexOf("="))), ["dbPassword"]);
    });
});
