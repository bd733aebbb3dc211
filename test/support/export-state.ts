// What `pulumi stack export` would write for a program run under the mocks: its recorded resources as a
// version 3 deployment, with the default providers the engine creates (one per package, configured from
// the stack's `<package>:*` config, named by every resource that names no provider), secrets as the
// engine writes them exported with --show-secrets (`{sig, plaintext: <JSON>}`), values not known as the
// engine's computed placeholder. Outputs are the inputs: the mocks deploy what was asked.
import { UNKNOWN } from "../../policies/lib/values";
import { attachDefaultProviders } from "../../checker/providers";
import { policyResourcesOf, RecordedResource } from "../../checker/registration";

const sig = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

function encode(v: unknown, path: string, secrets: ReadonlySet<string>): unknown {
    if (secrets.has(path)) return { [sig]: secretSig, plaintext: JSON.stringify(encode(v, path, new Set())) };
    if (v === UNKNOWN) return "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    if (Array.isArray(v)) return v.map((x, i) => encode(x, `${path}[${i}]`, secrets));
    if (v && typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
            Object.defineProperty(out, k, { value: encode(x, path ? `${path}.${k}` : k, secrets), enumerable: true, writable: true, configurable: true });
        }
        return out;
    }
    return v;
}

export function exportState(resources: readonly RecordedResource[], stack: string, project: string, config: Record<string, string>): unknown {
    // The default provider each resource would get, as the checker attaches it at preview.
    const withDefaults = attachDefaultProviders(policyResourcesOf(resources.filter(r => !r.provider)), config, project, stack);
    const defaultOf = new Map(withDefaults.filter(r => r.provider?.urn).map(r => [r.urn, r.provider!]));
    const providers = new Map<string, Record<string, unknown>>();
    for (const p of defaultOf.values()) {
        if (!providers.has(p.urn!)) providers.set(p.urn!, { urn: p.urn, custom: true, id: "default-provider-id", type: p.type, inputs: p.props, outputs: p.props });
    }
    const out = resources.map(r => {
        const secrets = new Set(r.secrets);
        const props = encode(r.inputs, "", secrets);
        const deflt = defaultOf.get(r.urn);
        const res: Record<string, unknown> = { urn: r.urn, custom: r.custom, type: r.type, inputs: props, outputs: props };
        if (r.custom) res.id = `${r.name}-id`;
        if (r.parent) res.parent = r.parent;
        if (r.protect) res.protect = true;
        if (r.dependencies.length) res.dependencies = r.dependencies;
        if (Object.keys(r.propertyDependencies).length) res.propertyDependencies = r.propertyDependencies;
        if (r.provider) res.provider = r.provider;
        else if (deflt && r.custom && !r.type.startsWith("pulumi:providers:")) res.provider = `${deflt.urn}::default-provider-id`;
        if (r.retainOnDelete) res.retainOnDelete = true;
        return res;
    });
    // The engine writes a provider before the resources that use it.
    const [root, ...rest] = out;
    const ordered = root?.type === "pulumi:pulumi:Stack" ? [root, ...providers.values(), ...rest] : [...providers.values(), ...out];
    return {
        version: 3,
        deployment: { manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.200.0" }, secrets_providers: { type: "passphrase", state: { salt: "v1:test" } }, resources: ordered },
    };
}
