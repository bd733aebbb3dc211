// Reading a Pulumi provider SDK as installed, for the generated type lists under policies/: each
// resource class's type token (its `__pulumiType`) and the top-level text of its Args interface.
const fs = require("fs");
const path = require("path");

/** The top-level text of the first `export interface <X>Args {...}`: nested braces removed, doc comments dropped. */
function topLevelArgs(dts) {
    const start = /export interface \w+Args \{/.exec(dts);
    if (!start) return undefined;
    let depth = 1, i = start.index + start[0].length, flat = "";
    for (; depth > 0; i++) {
        const c = dts[i];
        if (c === "{") depth++;
        else if (c === "}") depth--;
        else if (depth === 1) flat += c;
    }
    return flat.replace(/\/\*\*[\s\S]*?\*\//g, "");
}

/** Every resource of the installed `pkg` (e.g. "@pulumi/aws"): { module, token, js, args }, in a stable order. */
function sdkResources(pkg) {
    const root = path.dirname(require.resolve(`${pkg}/package.json`));
    const out = [];
    for (const mod of fs.readdirSync(root).sort()) {
        const dir = path.join(root, mod);
        if (mod === "types" || mod === "node_modules" || mod === "config" || !fs.statSync(dir).isDirectory()) continue;
        for (const file of fs.readdirSync(dir).sort()) {
            if (!file.endsWith(".js") || file === "index.js") continue;
            const js = fs.readFileSync(path.join(dir, file), "utf8");
            const token = /__pulumiType = '([^']+)'/.exec(js)?.[1];
            const dtsFile = path.join(dir, file.replace(/\.js$/, ".d.ts"));
            if (!token || !fs.existsSync(dtsFile)) continue;
            const args = topLevelArgs(fs.readFileSync(dtsFile, "utf8"));
            if (args !== undefined) out.push({ module: mod, token, js, args });
        }
    }
    return { version: require(`${pkg}/package.json`).version, resources: out };
}

/**
 * Whether an Args text (from topLevelArgs) takes a map named `field` (`Input<{ [key: string]: ... }>`, braces
 * removed); `optional`: only an optional one (a required `tags` is a selector, e.g. aws inspector ResourceGroup's).
 */
const takesMap = (args, field, optional = false) => new RegExp(`^\\s*${field}\\?${optional ? "" : "?"}: pulumi\\.Input<\\s*(\\||>)`, "m").test(args);

module.exports = { sdkResources, takesMap, topLevelArgs };
