// The map of where PHI flows (the Mermaid report): the stack's stores, clusters, warehouse, imaging,
// analysis and sharing services, keys and log stores as nodes, grouped by kind (assets.ts: by resource
// type, never by component name); as edges, what connects them: a resource that uses another (its
// inputs come from it), a grant (an IAM attachment, role assignment or IAM member between a principal
// and what it may reach), a private endpoint (a network reaching a service privately), and a log path
// (a diagnostic setting, bucket logging, a trail, a sink). Each edge into a PHI node says the key that
// encrypts it and whether the pack judged its access private. Every resource with a finding or not
// judged is drawn too (with the classes the Mermaid report always had), so the map never hides one.
import type { Asset, AssetKind } from "./assets";
import { CheckReport, standing } from "./model";

const groups: [AssetKind | "other", string][] = [
    ["store", "PHI stores"], ["cluster", "Processing clusters"], ["warehouse", "Warehouse"], ["imaging", "Imaging"], ["analysis", "Analysis"],
    ["sharing", "Sharing"], ["key", "Keys"], ["log", "Logs"], ["identity", "Identities"], ["network", "Networks"], ["other", "Other resources (findings or not judged)"],
];
/** Kinds drawn whether or not anything connects them. */
const always = new Set<AssetKind>(["store", "cluster", "warehouse", "imaging", "analysis", "sharing", "key", "log"]);
/** Kinds that hold or process PHI: an edge into one says its key and whether it is private. */
const phiKinds = new Set<AssetKind>(["store", "cluster", "warehouse", "imaging", "analysis", "sharing", "log"]);
const principalKinds = new Set<AssetKind>(["identity", "cluster", "analysis", "sharing"]);

const grantType = /(iam|Iam|IAM)[A-Za-z]*(Member|Binding|Policy)|:RoleAssignment$|rolePolicyAttachment|rolePolicy:|policyAttachment|:Grant$|kms\/grant:|lakeformation\/permissions/;
/** Grants whose principal is one named member (not a policy document that may only deny): drawn from outside when the stack does not declare it. */
const grantToNamedPrincipal = /:RoleAssignment$|(IAMMember|IamMember|IAMBinding|IamBinding):|lakeformation\/permissions:|ram\/principalAssociation:/;
const endpointType = /:PrivateEndpoint$|vpcEndpoint:|servicenetworking\/connection:|PrivateLinkScopedResource$/;

export function label(s: string): string {
    return s.replace(/"/g, "#quot;").replace(/[<>]/g, c => (c === "<" ? "#lt;" : "#gt;")).replace(/[\r\n\u2028\u2029]/g, " ");
}

interface Edge { from: string; to: string; what: string }

export function phiMap(report: CheckReport, prefix: string): string[] {
    const ids = new Map(report.resources.map((r, i) => [r.urn, `${prefix}r${i}`]));
    const resources = new Map(report.resources.map(r => [r.urn, r]));
    const assets = new Map((report.assetInventory ?? []).map(a => [a.urn, a]));
    const kind = (urn: string): AssetKind | null => assets.get(urn)?.kind ?? null;
    const deps = (urn: string) => [...new Set(resources.get(urn)?.dependencies ?? [])].filter(d => resources.has(d));
    const edges: Edge[] = [];
    const add = (from: string, to: string, what: string) => {
        if (from !== to && !edges.some(e => e.from === from && e.to === to && e.what === what)) edges.push({ from, to, what });
    };
    for (const r of report.resources) {
        const k = kind(r.urn);
        if (k && (always.has(k) || k === "identity")) {
            // A node whose inputs come from another node: it uses it (a key encrypts it, a log store receives its logs, it runs as an identity).
            for (const d of deps(r.urn)) {
                const dk = kind(d);
                if (!dk || dk === "network") continue;
                // Into a log store, the log paths below say what flows (a trail's bucket, a cluster's log bucket).
                if (dk === "log") continue;
                // An identity whose inputs name a PHI resource or key (an inline policy) is granted it.
                add(r.urn, d, dk === "key" && k === "key" ? "in" : dk === "key" && k !== "identity" ? "encrypted by" : dk === "identity" ? "runs as" : k === "identity" ? "grant" : "uses");
            }
            continue;
        }
        if (grantType.test(r.type)) {
            // Through a policy document the grant names (an attachment's policy), one step.
            const reach = [...new Set([...deps(r.urn), ...deps(r.urn).filter(d => !kind(d)).flatMap(deps)])];
            const principals = reach.filter(d => principalKinds.has(kind(d)!));
            const targets = reach.filter(d => { const dk = kind(d); return !!dk && (phiKinds.has(dk) || dk === "key") && !principals.includes(d); });
            // A grant to a principal the stack does not declare (a partner, an admin, a cloud's service agent): from outside.
            const from = principals.length ? principals : grantToNamedPrincipal.test(r.type) ? ["(outside)"] : [];
            for (const p of from) for (const t of targets) add(p, t, "grant");
        } else if (endpointType.test(r.type)) {
            const nets = deps(r.urn).filter(d => kind(d) === "network");
            for (const t of deps(r.urn).filter(d => phiKinds.has(kind(d)!) || kind(d) === "key")) for (const n of nets.length ? nets : [r.urn]) add(n, t, "private endpoint");
        }
    }
    // Log paths, as the inventory read them from the inputs that name where logs go.
    for (const a of assets.values()) for (const src of a.logsFrom ?? []) add(src === "control-plane" ? "(control plane)" : src, a.urn, "logs to");
    const counts = new Map<string, number>();
    for (const f of report.findings) if (f.urn) counts.set(f.urn, (counts.get(f.urn) ?? 0) + 1);
    const notJudged = new Set((report.coverage?.notJudgedResources ?? []).map(n => n.urn));
    const drawn = new Set<string>();
    for (const r of report.resources) {
        const k = kind(r.urn);
        if ((k && always.has(k)) || counts.has(r.urn) || notJudged.has(r.urn)) drawn.add(r.urn);
    }
    for (const e of edges) for (const u of [e.from, e.to]) if (resources.has(u)) drawn.add(u);
    const worst = new Map<string, "mandatory" | "advisory" | "exempted">();
    const rank = { mandatory: 0, advisory: 1, exempted: 2 };
    for (const f of report.findings) {
        if (!f.urn) continue;
        const s = standing(f);
        const cur = worst.get(f.urn);
        if (!cur || rank[s] < rank[cur]) worst.set(f.urn, s);
    }
    const out: string[] = [];
    for (const [group, title] of groups) {
        const members = report.resources.filter(r => drawn.has(r.urn) && (kind(r.urn) ?? "other") === group);
        if (!members.length) continue;
        out.push(`    subgraph ${prefix}kind_${group}["${title}"]`);
        for (const r of members) {
            const a = assets.get(r.urn);
            const n = counts.get(r.urn);
            // Facts of a node of the map (a resource of no kind is drawn only for its findings: as before).
            const facts = a?.kind ? [a.classification ? `class ${a.classification}` : "", a.location ?? ""].filter(Boolean).join(" · ") : "";
            const text = `${label(r.name)}<br/><small>${label(r.type)}</small>${facts ? `<br/><small>${label(facts)}</small>` : ""}` +
                `${n ? `<br/>${n} finding${n === 1 ? "" : "s"}` : ""}${notJudged.has(r.urn) ? "<br/>not judged" : ""}`;
            const id = ids.get(r.urn)!;
            out.push(`        ${id}["${text}"]`);
            const w = worst.get(r.urn);
            if (w) out.push(`        class ${id} ${w}`);
            else if (notJudged.has(r.urn)) out.push(`        class ${id} notjudged`);
        }
        out.push("    end");
    }
    if (edges.some(e => e.from === "(control plane)")) out.push(`    ${prefix}ctrl(["control plane and data-access logs"])`);
    if (edges.some(e => e.from === "(outside)")) out.push(`    ${prefix}outside(["principals outside the stack"])`);
    for (const e of edges) {
        const from = e.from === "(control plane)" ? `${prefix}ctrl` : e.from === "(outside)" ? `${prefix}outside` : ids.get(e.from)!;
        out.push(`    ${from} -->|"${label(edgeLabel(e, assets.get(e.to)))}"| ${ids.get(e.to)}`);
    }
    return out;
}

/** What an edge says: how it connects, and for an edge into PHI, the key that encrypts it and whether its access is private. */
function edgeLabel(e: Edge, to: Asset | undefined): string {
    if (!to || e.what === "encrypted by" || e.what === "runs as" || e.what === "in" || !phiKinds.has(to.kind!) && to.kind !== "key") return e.what;
    const key = to.kind === "key" ? "" : ` · key: ${to.key ?? "none named (provider default)"}`;
    const access = to.private === true ? "private" : to.private === false ? "PUBLIC access" : "access not judged";
    return `${e.what}${key} · ${access}`;
}
