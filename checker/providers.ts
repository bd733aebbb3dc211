// Default providers. The engine gives every resource that names no provider the package's default
// provider (`pulumi:providers:<package>::default_<version>`), configured from the stack's
// `<package>:*` config (aws:region, aws:defaultTags, gcp:project, gcp:region, ...), and the analyzer
// sees it as the resource's `provider`. The mocks never see that provider, so the checker attaches the
// same one here: RESIDENCY and TAGGING then read the region and default tags as the engine shows them.
import * as fs from "node:fs";
import type { PolicyResource } from "../policies/lib/rule";
import { ownPackageJson } from "./paths";

const versions = new Map<string, string>();

function providerVersion(pkg: string): string | undefined {
    if (!versions.has(pkg)) {
        const file = ownPackageJson(`@pulumi/${pkg}`);
        versions.set(pkg, file ? JSON.parse(fs.readFileSync(file, "utf8")).version : "");
    }
    return versions.get(pkg) || undefined;
}

/** The provider inputs the engine builds from config: `<pkg>:key` → key; structured values parsed. */
export function providerInputsFromConfig(pkg: string, config: Record<string, string>): Record<string, unknown> {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) {
        if (!k.startsWith(pkg + ":")) continue;
        const key = k.slice(pkg.length + 1);
        props[key] = /^\s*[[{]/.test(v) ? tryParse(v) : v;
    }
    return props;
}

function tryParse(v: string): unknown {
    try {
        return JSON.parse(v);
    } catch {
        return v;
    }
}

/** Attaches the default provider to every resource without an explicit one (in place; returns the list). */
export function attachDefaultProviders(resources: PolicyResource[], config: Record<string, string>, project: string, stack: string): PolicyResource[] {
    const byPackage = new Map<string, NonNullable<PolicyResource["provider"]>>();
    for (const r of resources) {
        if (r.provider) continue;
        const pkg = r.type.split(":")[0];
        if (!pkg || pkg === "pulumi") continue;
        let provider = byPackage.get(pkg);
        if (!provider) {
            const version = providerVersion(pkg);
            const name = version ? `default_${version.replace(/[.+-]/g, "_")}` : "default";
            provider = { type: `pulumi:providers:${pkg}`, urn: `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::${name}`, props: providerInputsFromConfig(pkg, config) };
            byPackage.set(pkg, provider);
        }
        r.provider = provider;
    }
    return resources;
}
