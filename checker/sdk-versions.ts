// Which SDKs ran a program: its own (from its node_modules) or the checker's. A program without
// node_modules (or without one provider) is run against the checker's copy of that provider (hooks.ts
// fallbackPackages), whose version may not be the one it would deploy with: the report says so.
import * as fs from "node:fs";
import * as path from "node:path";
import { fallbackPackages, sharedPackages } from "./hooks";
import { ownPackageJson, packageJsonFrom, packageRoot } from "./paths";

export interface SdkPackage { name: string; version: string | null; from: "program" | "checker" }
export interface SdkStatement {
    /** Every @pulumi package that ran the program's resources, with its version and whose copy it was. */
    packages: SdkPackage[];
    /** The providers the program uses but has no copy of: run with the checker's (empty: none). */
    checkerProviders: string[];
    /** What the text and Markdown reports print about it; null: nothing to say. */
    note: string | null;
}

function versionOf(file: string | undefined): string | null {
    if (!file) return null;
    try {
        const v = (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: unknown }).version;
        return typeof v === "string" ? v : null;
    } catch {
        return null;
    }
}

/** The type-token package of a provider: `@pulumi/azure-native` registers `azure-native:...`. */
const tokenPackage = (name: string) => name.slice("@pulumi/".length);

export function sdkStatement(programDir: string, resourceTypes: readonly string[]): SdkStatement {
    const inside = (path.resolve(programDir) + path.sep).startsWith(packageRoot + path.sep);
    const used = new Set(resourceTypes.map(t => t.split(":")[0]));
    const packages: SdkPackage[] = sharedPackages.filter(p => p === "@pulumi/pulumi")
        .map(name => ({ name, version: versionOf(ownPackageJson(name)), from: "checker" as const }));
    const checkerProviders: string[] = [];
    for (const name of fallbackPackages.filter(p => used.has(tokenPackage(p)))) {
        const found = packageJsonFrom(programDir, name);
        // The program's copy, unless the nearest one is the checker's own for a program inside this package
        // (its stacks, the test fixtures). Installed as a dependency, the checker shares the program's copy.
        const own = ownPackageJson(name);
        const from = found && !(inside && found === own) ? "program" : "checker";
        const file = from === "program" ? found : own;
        packages.push({ name, version: versionOf(file), from });
        if (from === "checker") checkerProviders.push(name);
    }
    const statement = { packages, checkerProviders, note: null };
    return { ...statement, note: sdkNote(statement, programDir) ?? null };
}

/** The sentence the text and Markdown reports print when a program ran on the checker's providers; undefined otherwise. */
function sdkNote(sdk: SdkStatement, programDir: string): string | undefined {
    if (!sdk.checkerProviders.length) return undefined;
    // The checker's own stacks and fixtures are meant to run on its SDKs.
    if ((path.resolve(programDir) + path.sep).startsWith(packageRoot + path.sep)) return undefined;
    const list = sdk.packages.filter(p => sdk.checkerProviders.includes(p.name)).map(p => `${p.name} ${p.version ?? "(version unknown)"}`);
    return `The program has no copy of its own of ${sdk.checkerProviders.join(", ")} (no node_modules, or not installed there): ` +
        `it was run with the checker's ${list.join(", ")}, which may differ from the version it deploys with. Run \`npm install\` in the program to judge its own.`;
}
