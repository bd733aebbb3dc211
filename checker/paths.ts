// Where the checker lives: the package root (the folder with hipaa-cloud's package.json), whether it
// runs compiled (dist/) or from the TypeScript sources (ts-node, tests), and the package version.
import * as fs from "node:fs";
import * as path from "node:path";

function findRoot(from: string): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "hipaa-cloud") return dir;
        if (path.dirname(dir) === dir) throw new Error(`hipaa-cloud's package.json not found above ${from}`);
    }
}

/** The package root: stacks/, policies/ and node_modules/ are here. */
export const packageRoot = findRoot(__dirname);

/** True when this file is compiled JavaScript under dist/ (the installed command, `npm start`). */
export const compiled = __filename.endsWith(".js");

/** The folder the checker's own modules load from: `<root>/dist` when compiled, `<root>` from sources. */
export const codeRoot = compiled ? path.join(packageRoot, "dist") : packageRoot;

export const toolVersion: string = JSON.parse(fs.readFileSync(path.join(packageRoot, "package.json"), "utf8")).version;

/** A module of this package by its source path without extension, e.g. "stacks/index". */
export function ownModule(sourcePathNoExt: string): string {
    return path.join(codeRoot, sourcePathNoExt + (compiled ? ".js" : ".ts"));
}
