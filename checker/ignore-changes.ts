// A property under `ignoreChanges` is not what the program says once the resource exists: on an update the
// engine keeps the old value there (and shows the policies the old one), and on an `import` the cloud's
// value stays. Offline neither is known, so the checker shows the policies UNKNOWN there, never the
// program's value: `{ import: "phi", ignoreChanges: ["rules"] }` on a bucket's encryption says SSE-KMS in the
// code and keeps whatever encryption the adopted bucket has.
// A path the program leaves unset is left unset (ignoring what other resources manage, such as a virtual
// network's subnets, claims nothing), except on an import, where the cloud's value fills it.
import { UNKNOWN } from "../policies/lib/values";

type Step = string | number | "*";

/**
 * The steps of a Pulumi property path (`rules`, `rules[0].applyServerSideEncryptionByDefault`,
 * `tags["cost-center"]`, `ingress[*].cidrBlocks`, `*`); undefined for a path it cannot read.
 */
export function propertyPathSteps(path: string): Step[] | undefined {
    const steps: Step[] = [];
    const token = /^(?:\.?([A-Za-z_$][\w$]*)|\.?\*|\[(\d+)\]|\[\*\]|\["((?:[^"\\]|\\.)*)"\])/;
    if (path.startsWith(".")) return undefined;
    let rest = path;
    while (rest) {
        const m = token.exec(rest);
        if (!m) return undefined;
        if (m[1] !== undefined) steps.push(m[1]);
        else if (m[2] !== undefined) steps.push(Number(m[2]));
        else if (m[3] !== undefined) steps.push(JSON.parse(`"${m[3]}"`) as string);
        else steps.push("*");
        rest = rest.slice(m[0].length);
    }
    return steps.length ? steps : undefined;
}

/**
 * `inputs` with every path under `ignoreChanges` UNKNOWN where the program sets it (anywhere, when
 * `imported`); copies only what it changes. A path it cannot read makes its first property UNKNOWN.
 */
export function withIgnoredChangesUnknown(inputs: Record<string, unknown>, ignoreChanges: readonly string[], imported: boolean): Record<string, unknown> {
    let out = inputs;
    for (const path of ignoreChanges) {
        const steps = propertyPathSteps(path) ?? [path.split(/[.[]/)[0] || "*"];
        out = replaced(out, steps, imported) as Record<string, unknown>;
    }
    return out;
}

function replaced(value: unknown, steps: readonly Step[], imported: boolean): unknown {
    if (!steps.length) return value === undefined && !imported ? undefined : UNKNOWN;
    if (value === UNKNOWN) return UNKNOWN;
    const [step, ...rest] = steps;
    if (value === undefined || value === null || typeof value !== "object") return imported ? UNKNOWN : value;
    const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string | number, unknown>;
    const keys = step === "*" ? Object.keys(copy) : [step];
    for (const k of keys) {
        const next = replaced(copy[k], rest, imported);
        if (next !== copy[k]) copy[k] = next;
    }
    return copy;
}
