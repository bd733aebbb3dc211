// NETWORK-PRIVATE on Google Cloud: a custom VPC with Private Google Access, no ingress open to the
// internet, Dataproc in a chosen subnetwork, and a VPC Service Controls perimeter around the PHI
// APIs (G27: GCS, BigQuery and Healthcare have no VPC placement; the perimeter is what isolates them).
import { restrictedPorts } from "../lib/ports";
import { admitsInternet, judgeIngress, wantedIngress } from "../lib/network";
import { expect, notApplicable, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { isFalse, isSet, isTrue, phiStoreTypes, T } from "./common";
import { aiServices } from "./ai-data-use";
import { onComputeEngine } from "./enc-rest-cmk";

const controls: Rule["controls"] = ["NETWORK-PRIVATE"];

/** The services a PHI perimeter restricts (CONTROLS.md NETWORK-PRIVATE, GCP). */
export const perimeterServices = ["storage", "bigquery", "healthcare", "dataproc", "cloudkms", "logging"].map(s => `${s}.googleapis.com`);

const network = resourceRule({
    name: "gcp-network-private-network", cloud: "gcp", controls, severity: "medium",
    types: [T.network],
    description: "A VPC network is a custom-mode network: no automatically created subnetworks in every region (the API default is auto mode).",
    remediation: "Set `autoCreateSubnetworks: false` and create the subnetworks you need.",
    check: r => expect(r.props, "autoCreateSubnetworks", isFalse, "false (the default is true)"),
});

const subnetwork = resourceRule({
    name: "gcp-network-private-subnetwork", cloud: "gcp", controls, severity: "medium",
    types: [T.subnetwork],
    description: "A subnetwork reaches Google APIs privately (Private Google Access), so VMs without external IPs can use GCS, BigQuery and KMS.",
    remediation: "Set `privateIpGoogleAccess: true`.",
    check: r => {
        const purpose = r.props.purpose;
        if (typeof purpose === "string" && !["PRIVATE", "PRIVATE_RFC_1918"].includes(purpose)) {
            return notApplicable(`a ${purpose} subnetwork runs no VMs of its own`);
        }
        return expect(r.props, "privateIpGoogleAccess", isTrue, "true");
    },
});

const firewall = resourceRule({
    name: "gcp-network-private-firewall", cloud: "gcp", controls, severity: "high",
    types: [T.firewall],
    description: `An ingress firewall rule does not allow the internet (0.0.0.0/0, ::/0, ranges that together cover it, or no source at all, which Google reads as 0.0.0.0/0) to ports ${restrictedPorts.join(", ")} or to all ports.`,
    remediation: "Set `sourceRanges` to your private ranges (or use `sourceTags` / `sourceServiceAccounts`), or narrow `allows[].ports` to ports that are not guarded.",
    check: r => {
        const direction = r.props.direction;
        if (isUnknown(direction)) return [{ property: "direction", found: direction, wanted: "known, to judge the rule's sources" }];
        if (direction === "EGRESS") return notApplicable("an egress rule");
        if (isTrue(r.props.disabled)) return notApplicable("a disabled rule");
        const allows = r.props.allows;
        if (!isUnknown(allows) && asArray(allows as unknown[]).length === 0) return notApplicable("a deny rule");
        const ranges = r.props.sourceRanges;
        const list = isUnknown(ranges) ? [UNKNOWN] : asArray(ranges as unknown[]);
        const others = [r.props.sourceTags, r.props.sourceServiceAccounts];
        const otherSources = others.some(v => !isUnknown(v) && asArray(v as unknown[]).length > 0);
        // With no source at all, Google applies 0.0.0.0/0; tags or accounts unknown at preview may turn out to be none.
        const implied = list.length === 0 && !otherSources;
        const sources = implied ? (others.some(isUnknown) ? [UNKNOWN] : ["0.0.0.0/0"]) : list;
        const allowList = isUnknown(allows) ? [UNKNOWN] : asArray(allows as unknown[]);
        let unknown: Violation | undefined;
        for (const [i, allow] of allowList.entries()) {
            const a = (isUnknown(allow) ? { protocol: UNKNOWN } : allow ?? {}) as Record<string, unknown>;
            const ports = isUnknown(a.ports) ? [UNKNOWN] : asArray(a.ports as unknown[]);
            const judged = judgeIngress({ sources, protocol: a.protocol, ports });
            if (judged.verdict === "closed") continue;
            // An allow that is open for certain outweighs one that is unknown until deployment.
            if (judged.verdict === "unknown") { unknown ??= { property: isUnknown(ranges) ? "sourceRanges" : `allows[${i}]`, found: UNKNOWN, wanted: wantedIngress }; continue; }
            // Name the one range that is the internet by itself when there is one, else the list (the union is).
            const alone = list.findIndex(v => admitsInternet([v]) === "yes");
            return [{
                property: alone >= 0 ? `sourceRanges[${alone}]` : "sourceRanges", found: alone >= 0 ? list[alone] : ranges,
                wanted: implied ? `private ranges (with no source at all, Google applies 0.0.0.0/0): ${wantedIngress}` : wantedIngress,
                note: `allows[${i}] (${JSON.stringify(a.protocol)} ${JSON.stringify(a.ports ?? "every port")}) lets the internet reach ${judged.reaches}.`,
            }];
        }
        return unknown ? [unknown] : [];
    },
});

const dataproc = resourceRule({
    name: "gcp-network-private-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    // `internalIpOnly` is judged once, by gcp-public-access-dataproc-cluster.
    description: "A Dataproc cluster runs in a chosen subnetwork of the hospital's VPC, not the project's default network.",
    remediation: "Set `clusterConfig.gceClusterConfig.subnetwork` to a private subnetwork with Private Google Access.",
    check: r => onComputeEngine(r) ?? expect(r.props, "clusterConfig.gceClusterConfig.subnetwork", isSet, "a subnetwork of the hospital's VPC"),
});

const perimeter = resourceRule({
    name: "gcp-network-private-service-perimeter", cloud: "gcp", controls, severity: "high",
    types: [T.perimeter],
    description: "A VPC Service Controls perimeter encloses projects and restricts the PHI services (storage, bigquery, healthcare, dataproc, cloudkms, logging).",
    remediation: "List the project (`projects/<number>`) in `status.resources` and every PHI service in `status.restrictedServices`.",
    check: r => {
        if (r.props.perimeterType === "PERIMETER_TYPE_BRIDGE") return notApplicable("a perimeter bridge restricts no services");
        const out: Violation[] = [];
        const restricted = get(r.props, "status.restrictedServices");
        if (isUnknown(restricted)) out.push({ property: "status.restrictedServices", found: restricted, wanted: perimeterServices.join(", ") });
        else {
            const have = new Set(asArray(restricted as unknown[]));
            const missing = have.has("*") ? [] : perimeterServices.filter(s => !have.has(s));
            if (missing.length) out.push({ property: "status.restrictedServices", found: restricted, wanted: `a list that also has ${missing.join(", ")}` });
        }
        // Projects can also join through ServicePerimeterResource, so an empty list is judged by the stack rule.
        return out;
    },
});

const perimeterPresent = stackRule({
    name: "gcp-network-private-perimeter-present", cloud: "gcp", controls, severity: "medium",
    // Advisory: a perimeter needs an organisation access policy as its parent, which a hospital's
    // project-level deployer usually may not create (G27); the finding tells the organisation's admins.
    enforcement: "advisory",
    description: "A stack that holds PHI stores is inside a VPC Service Controls perimeter (a ServicePerimeter, or a ServicePerimeterResource adding its project).",
    remediation: "Ask the organisation admins for a perimeter around the project (gcp.accesscontextmanager.ServicePerimeter or ServicePerimeterResource).",
    check: stack => {
        const stores = stack.ofType(...phiStoreTypes);
        if (!stores.length) return [];
        const resourcesOf = (p: PolicyResource) => get(p.props, "status.resources");
        const perimeters = stack.ofType(T.perimeter);
        if (perimeters.some(p => asArray(resourcesOf(p) as unknown[]).length > 0 && !isUnknown(resourcesOf(p))) || stack.ofType(T.perimeterResource).length) return [];
        // A perimeter whose resources are unknown at preview may enclose the project: unknown, never a pass.
        const unknown = perimeters.some(p => isUnknown(resourcesOf(p)));
        return [{
            property: unknown ? `${T.perimeter}.status.resources` : T.perimeter, found: unknown ? UNKNOWN : undefined,
            wanted: "a service perimeter that encloses the project",
            note: `The stack holds ${stores.length} PHI store(s), e.g. ${stores[0].type} "${stores[0].name}".`,
        }];
    },
});

/**
 * Issue 16: an AI API the stack enables receives PHI; inside a perimeter it must be one of the restricted
 * services, or a workload (or stolen credentials) could send images to it from, and results to, anywhere.
 */
const aiPerimeter = stackRule({
    name: "gcp-network-private-ai-perimeter", cloud: "gcp", controls, severity: "high",
    description: "Every regular VPC Service Controls perimeter of a stack restricts each AI API the stack enables (vision.googleapis.com, aiplatform.googleapis.com, ...).",
    remediation: "Add the API (e.g. vision.googleapis.com) to the perimeter's status.restrictedServices (ImageAnalysis does through Network).",
    check: stack => {
        const enabled = new Map<string, PolicyResource>();
        let unknownApi = false;
        for (const api of stack.ofType(T.projectService)) {
            const service = api.props.service;
            if (isUnknown(service)) { unknownApi = true; continue; }
            const folded = typeof service === "string" ? service.trim().toLowerCase() : "";
            if (aiServices.includes(folded) && !enabled.has(folded)) enabled.set(folded, api);
        }
        const out: Violation[] = [];
        for (const p of stack.ofType(T.perimeter)) {
            if (p.props.perimeterType === "PERIMETER_TYPE_BRIDGE") continue;
            const restricted = get(p.props, "status.restrictedServices");
            if (isUnknown(restricted)) {
                if (enabled.size || unknownApi) out.push({ resource: p, property: "status.restrictedServices", found: restricted, wanted: "a list with every AI API the stack enables" });
                continue;
            }
            const have = new Set(asArray(restricted as unknown[]));
            const missing = have.has("*") ? [] : [...enabled.keys()].filter(s => !have.has(s));
            if (missing.length) {
                out.push({ resource: p, property: "status.restrictedServices", found: restricted, wanted: `a list that also has ${missing.join(", ")}`,
                    note: `The stack enables ${missing.map(s => `${s} (${enabled.get(s)!.type} "${enabled.get(s)!.name}")`).join(", ")}.` });
            }
        }
        return out;
    },
});

export const rules: Rule[] = [network, subnetwork, firewall, dataproc, perimeter, perimeterPresent, aiPerimeter];
