// Settings azure-native 3.28 has no resource for (G15, CONTROLS.md section 5): Synapse SQL auditing
// (`Microsoft.Synapse/workspaces/auditingSettings`) and dedicated-SQL minimal TLS
// (`.../dedicatedSQLminimalTlsSettings`). A program sets them through an ARM template deployed by
// `azure-native:resources:Deployment`; this reads those templates once per stack check and relates
// each templated setting to its Synapse workspace.
import type { PolicyResource } from "../../lib/rule";
import type { StackIndex } from "../../lib/stack-index";
import { get, isUnknown, parseJson, UNKNOWN_STRING } from "../../lib/values";
import { parseJsonStrict } from "../../lib/strict-json";
import { T } from "./tokens";
import { lookupOf } from "./relations";

export const deploymentType = "azure-native:resources:Deployment";

/** The templated ARM resource types the pack reads (audit-log.ts, enc-transit.ts): a template of only these is judged. */
export const armTypes = {
    synapseAuditing: "Microsoft.Synapse/workspaces/auditingSettings",
    synapseMinimalTls: "Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings",
} as const;

/**
 * A template or parameters given as JSON text or as an object. Text with a key given twice in one object
 * throws (JSON.parse keeps the last, ARM's parser may not: no reading is safe), failing closed.
 */
export function parseTemplate(v: unknown): unknown {
    return typeof v === "string" && !v.includes(UNKNOWN_STRING) ? parseJsonStrict(v) : parseJson(v);
}

/**
 * The resources of a parsed template: a list, or (languageVersion 2.0) an object keyed by symbolic
 * name, whose values are the resources. Anything else holds none.
 */
export function templateResources(template: unknown): Record<string, unknown>[] {
    const list = get(template, "resources");
    if (Array.isArray(list)) return list as Record<string, unknown>[];
    if (list && typeof list === "object" && !isUnknown(list)) return Object.values(list) as Record<string, unknown>[];
    return [];
}

/** Per Synapse workspace: the `properties` of the templated resources of `armType` aimed at it. */
export interface TemplatedSettings {
    of: Map<string, Record<string, unknown>[]>;
    /** Deployments that template `armType` but whose template or workspace is unknown at preview. */
    unresolved: PolicyResource[];
}

/** The workspace name a template resource is for: "[concat(parameters('workspaceName'), '/default')]" or "ws/default". */
function workspaceNameOf(resourceName: unknown, parameters: Record<string, unknown>): unknown {
    if (typeof resourceName !== "string") return undefined;
    const param = /^\[concat\(parameters\('([^']+)'\)/.exec(resourceName)?.[1];
    if (param) return get(parameters, `${param}.value`);
    return resourceName.split("/")[0];
}

export function templatedSynapseSettings(stack: StackIndex, armType: string): TemplatedSettings {
    const workspaces = lookupOf(stack.ofType(T.synapseWorkspace));
    const of = new Map<string, Record<string, unknown>[]>();
    const unresolved: PolicyResource[] = [];
    const wanted = armType.toLowerCase();
    for (const d of stack.ofType(deploymentType)) {
        const template = parseTemplate(get(d.props, "properties.template"));
        if (isUnknown(template)) { unresolved.push(d); continue; }
        const parameters = (parseTemplate(get(d.props, "properties.parameters")) ?? {}) as Record<string, unknown>;
        const built = workspaces.builtFrom(d, "properties").map(w => w.urn);
        for (const res of templateResources(template)) {
            if (typeof res?.type !== "string" || res.type.toLowerCase() !== wanted) continue;
            const props = (res.properties ?? {}) as Record<string, unknown>;
            let targets = built;
            if (!targets.length) {
                const named = workspaces.named(isUnknown(parameters) ? parameters : workspaceNameOf(res.name, parameters));
                if (isUnknown(named)) { unresolved.push(d); continue; }
                targets = named.map(w => w.urn);
            }
            for (const urn of targets) {
                const list = of.get(urn);
                if (list) list.push(props); else of.set(urn, [props]);
            }
        }
    }
    return { of, unresolved };
}
