// The direction of dependencies (issue 13): facts/ is the bottom layer and imports nothing of the
// project; components/ and policies/ both stand on it and never on each other, nor on the checker. The
// sources are read with the TypeScript parser, so every way a module can name another counts: import and
// export-from (type-only too), side-effect imports, `import x = require(...)`, require(), import() and
// `typeof import(...)` types; comments and strings do not. A module named by an expression instead of a
// literal cannot be followed, so it is refused in these layers too.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.join(__dirname, "..", "..");
const packageName = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { name: string }).name;

/** One module a source file names: the text as written, or null when it is not a literal. */
interface Reference { specifier: string | null; line: number }

function references(fileName: string, text: string): Reference[] {
    const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const found: Reference[] = [];
    const add = (node: ts.Node, expression: ts.Node | undefined) => found.push({
        specifier: expression && ts.isStringLiteralLike(expression) ? expression.text : null,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    });
    const visit = (node: ts.Node) => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node, node.moduleSpecifier);
        else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
        else if (ts.isImportTypeNode(node)) add(node, ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined);
        else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
            (ts.isIdentifier(node.expression) && node.expression.text === "require"))) add(node, node.arguments[0]);
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

/** The project's top-level folder a module of `fromFile` (relative to the root) reaches, "" outside the project, or the package itself. */
function layerOf(fromFile: string, specifier: string): string {
    if (specifier === packageName || specifier.startsWith(`${packageName}/`)) return `the package ${packageName} itself`;
    if (!specifier.startsWith(".")) return "";
    const target = path.relative(root, path.resolve(root, path.dirname(fromFile), specifier));
    return target.startsWith("..") ? "" : target.split(path.sep)[0];
}

/** What a layer may import: facts/ only itself and Node's built-ins; components/ and policies/ not each other nor the checker. */
const forbidden: Record<string, (layer: string, specifier: string) => boolean> = {
    facts: (layer, specifier) => layer === "" ? !specifier.startsWith("node:") : layer !== "facts",
    components: layer => ["policies", "checker"].includes(layer) || layer.startsWith("the package"),
    policies: layer => ["components", "checker"].includes(layer) || layer.startsWith("the package"),
};

/** Every forbidden reference of one file, as "file:line imports X (layer)". */
function violations(file: string, text: string): string[] {
    const own = file.split("/")[0];
    const rule = forbidden[own];
    if (!rule) return [];
    return references(file, text).flatMap(r => {
        if (r.specifier === null) return [`${file}:${r.line} names a module by an expression, which no reader can follow`];
        const layer = layerOf(file, r.specifier);
        return rule(layer, r.specifier) ? [`${file}:${r.line} imports "${r.specifier}" (${layer || "outside the project"})`] : [];
    });
}

function sourcesUnder(folder: string): string[] {
    return (fs.readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter(e => e.isFile() && /\.(ts|js|cjs|mjs)$/.test(e.name))
        .map(e => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

describe("the layers: facts/ at the bottom, components/ and policies/ on it, never on each other", () => {
    it("finds no forbidden import in facts/, components/ or policies/", () => {
        const files = ["facts", "components", "policies"].flatMap(sourcesUnder);
        for (const f of ["facts/clouds.ts", "components/config.ts", "components/aws/storage.ts", "policies/pack.ts", "policies/aws/retention.ts"]) assert.ok(files.includes(f), f);
        const found = files.flatMap(f => violations(f, fs.readFileSync(path.join(root, f), "utf8")));
        assert.deepEqual(found, []);
    });

    it("sees every way a file can name a module, and not an import written in a comment or a string", () => {
        const source = [
            `import "../policies/pack";`,
            `export * from "../policies/lib/config";`,
            `import type { Rule } from "../policies/lib/rule";`,
            `import pack = require("../checker/run");`,
            `const late = () => import("../policies/aws/retention");`,
            `const cjs = require("./../policies/controls");`,
            `type T = typeof import("../checker/cli");`,
            `const hidden = require(["..", "policies", "pack"].join("/"));`,
            `import { HospitalPlatform } from "hipaa-cloud";`,
            `// import { x } from "../policies/pack";`,
            `const text = 'from "../policies/pack"';`,
            `import { z } from "zod";`,
            `import { cloud } from "./aws/keys";`,
        ].join("\n");
        const found = violations("components/evil.ts", source);
        assert.deepEqual(found.map(f => f.split(" ")[0]), [1, 2, 3, 4, 5, 6, 7, 8, 9].map(n => `components/evil.ts:${n}`));
        assert.match(found[8], /the package hipaa-cloud itself/);
    });

    it("lets facts/ import only facts/ and Node's built-ins, and names the file and the import it refuses", () => {
        const source = `import { createHash } from "node:crypto";\nimport { clouds } from "./clouds";\nimport { z } from "zod";\nimport { namespace } from "../components/config";\nimport { x } from "../../elsewhere";`;
        assert.deepEqual(violations("facts/evil.ts", source), [
            `facts/evil.ts:3 imports "zod" (outside the project)`,
            `facts/evil.ts:4 imports "../components/config" (components)`,
            `facts/evil.ts:5 imports "../../elsewhere" (outside the project)`,
        ]);
    });

    it("refuses a policy importing a component (the two sides meet only in facts/)", () => {
        assert.deepEqual(violations("policies/lib/evil.ts", `import { baseTags } from "../../components/naming";\nimport { clouds } from "../../facts/clouds";`),
            [`policies/lib/evil.ts:1 imports "../../components/naming" (components)`]);
    });

    it("loads no policy or checker module when the hospital config is loaded", () => {
        // A process of its own: this one has loaded the pack already.
        const script = `require("./components/config"); console.log(JSON.stringify(Object.keys(require.cache)));`;
        const loaded = (JSON.parse(execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: root, encoding: "utf8" })) as string[])
            .map(f => path.relative(root, f).split(path.sep).join("/"))
            .filter(f => !f.startsWith(".."));
        assert.ok(loaded.includes("components/config.ts") && loaded.some(f => f.startsWith("facts/")), loaded.join(", "));
        assert.deepEqual(loaded.filter(f => /^(policies|checker)\//.test(f)), []);
    });

    it("loads a module the hospital config imports, and one that imports it, first in a process: no cycle through components/config.ts", () => {
        // aws/existing.ts importing components/problems.ts (which imports config.ts, which imports aws/existing.ts)
        // made config.ts read existingAllowed half-loaded: requiring aws/storage.ts first threw "reading 'kmsKey'".
        const script = `const failed = []; for (const f of ["./components/aws/existing", "./components/aws/storage"]) {
            for (const k of Object.keys(require.cache)) if (!k.includes("node_modules")) delete require.cache[k];
            try { require(f); } catch (e) { failed.push(f + ": " + e.message); } } console.log(JSON.stringify(failed));`;
        assert.deepEqual(JSON.parse(execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: root, encoding: "utf8" })), []);
    });
});
