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

/**
 * The package.json of `name` as Node resolves a bare import from `dir`: the nearest `node_modules/<name>`
 * up the tree, or undefined.
 */
export function packageJsonFrom(dir: string, name: string): string | undefined {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        const file = path.join(d, "node_modules", ...name.split("/"), "package.json");
        if (fs.existsSync(file)) return file;
        if (path.dirname(d) === d) return undefined;
    }
}

/**
 * The checker's own copy of a dependency: in `<root>/node_modules` in a checkout, in a `node_modules` above
 * the package when it is installed as a dependency (npm hoists its dependencies beside it).
 */
export function ownPackageJson(name: string): string | undefined {
    return packageJsonFrom(packageRoot, name);
}

/** A module of this package by its source path without extension, e.g. "stacks/index". */
export function ownModule(sourcePathNoExt: string): string {
    return path.join(codeRoot, sourcePathNoExt + (compiled ? ".js" : ".ts"));
}
