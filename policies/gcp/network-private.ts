// NETWORK-PRIVATE on Google Cloud: a custom VPC with Private Google Access, no ingress open to the
// internet, Dataproc in a chosen subnetwork, and a VPC Service Controls perimeter around the PHI
// APIs (G27: GCS, BigQuery and Healthcare have no VPC placement; the perimeter is what isolates them).
import { equalsAnyIgnoreCase, isSet, looseForm, mayMeanOn, readsAsAny, terraformReads } from "../lib/inputs";
import { admitsInternet, judgeIngress, restrictedPorts, wantedIngress } from "../lib/network";
import { expect, notApplicable, notInStack, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { phiStoreTypes, subnetWithoutVms, T } from "./support/tokens";
import { referenced } from "./support/relations";
import { aiServices } from "./support/ai-services";
import { expectAt, onComputeEngine, onUrl, propertyName, serverlessEgress, serverlessIngress, valueAt, vmTypes } from "./support/workloads";

const controls: Rule["controls"] = ["NETWORK-PRIVATE"];

/** The services a PHI perimeter restricts (CONTROLS.md NETWORK-PRIVATE, GCP). */
export const perimeterServices = ["storage", "bigquery", "healthcare", "dataproc", "cloudkms", "logging"].map(s => `${s}.googleapis.com`);

const network = resourceRule({
    name: "gcp-network-private-network", cloud: "gcp", controls, severity: "medium",
    types: [T.network],
    description: "A VPC network is a custom-mode network: no automatically created subnetworks in every region (the API default is auto mode).",
    remediation: "Set `autoCreateSubnetworks: false` and create the subnetworks you need.",
    check: r => expect(r.props, "autoCreateSubnetworks", terraformReads.off, "false (the default is true)"),
});

const subnetwork = resourceRule({
    name: "gcp-network-private-subnetwork", cloud: "gcp", controls, severity: "medium",
    types: [T.subnetwork],
    description: "A subnetwork reaches Google APIs privately (Private Google Access), so VMs without external IPs can use GCS, BigQuery and KMS.",
    remediation: "Set `privateIpGoogleAccess: true`.",
    check: r => {
        const noVms = subnetWithoutVms(r);
        if (noVms) return notApplicable(noVms);
        return expect(r.props, "privateIpGoogleAccess", terraformReads.on, "true");
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
        if (terraformReads.on(r.props.disabled)) return notApplicable("a disabled rule");
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
            if (judged.verdict === "unknown") {
                // Name what is unknown: the list, one range of it (copied from a lookup, say), else the allow.
                const range = list.findIndex(isUnknown);
                unknown ??= { property: isUnknown(ranges) ? "sourceRanges" : range >= 0 ? `sourceRanges[${range}]` : `allows[${i}]`, found: UNKNOWN, wanted: wantedIngress };
                continue;
            }
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

/**
 * A firewall policy rule's action that lets traffic through without the VPC's own rules deciding: anything but deny
 * or goto_next as Google reads them (safe values, so never a near miss: " deny" is not read as deny).
 */
function mayAllow(action: unknown): boolean {
    return !equalsAnyIgnoreCase(action, "deny", "goto_next");
}

/** Source fields of a firewall policy rule that stand for the internet at large (a country, a threat-intelligence list). */
const worldSources = ["srcRegionCodes", "srcThreatIntelligences"] as const;
/** Source fields that name something narrower than the internet (hosts, groups, VPCs, tagged VMs). */
const namedSources = ["srcFqdns", "srcAddressGroups", "srcNetworks", "srcSecureTags"] as const;
/** srcNetworkScope values that keep the internet out by themselves. */
const innerScopes = ["INTRA_VPC", "NON_INTERNET", "VPC_NETWORKS"];

/**
 * One rule of a firewall policy (network, regional or hierarchical; a standalone rule or an entry of `rules`), judged
 * as a VPC firewall rule is: an ingress allow whose sources admit the internet may not reach a guarded port. A
 * country or threat-intelligence source, srcNetworkScope INTERNET, or no source at all reads as the internet.
 */
function policyRuleIngress(rule: Record<string, unknown>, at: string): Violation[] {
    const direction = rule.direction, match = rule.match;
    if ([direction, rule.action, rule.disabled, match].some(isUnknown)) return [{ property: `${at}match`, found: UNKNOWN, wanted: wantedIngress }];
    if (direction === "EGRESS" || terraformReads.on(rule.disabled) || !mayAllow(rule.action)) return [];
    const m = (match ?? {}) as Record<string, unknown>;
    const ranges = m.srcIpRanges;
    const sources: unknown[] = isUnknown(ranges) ? [UNKNOWN] : [...asArray(ranges as unknown[])];
    for (const p of worldSources) if (isUnknown(m[p]) || asArray(m[p] as unknown[]).length) sources.push(isUnknown(m[p]) ? UNKNOWN : "0.0.0.0/0");
    // INTERNET (unsafe) is read however it is spelt; an inner scope (safe) only as Google reads it (policies/lib/inputs.ts).
    const scope = m.srcNetworkScope;
    if (isUnknown(scope) || readsAsAny(scope, "INTERNET")) sources.push(isUnknown(scope) ? UNKNOWN : "0.0.0.0/0");
    const named = namedSources.some(p => !isUnknown(m[p]) && asArray(m[p] as unknown[]).length > 0) || equalsAnyIgnoreCase(scope, ...innerScopes);
    if (!sources.length && !named) sources.push("0.0.0.0/0");
    const configs = m.layer4Configs;
    const list = isUnknown(configs) ? [UNKNOWN] : asArray(configs as unknown[]);
    for (const [i, c] of (list.length ? list : [{ ipProtocol: "all" }]).entries()) {
        const l4 = (isUnknown(c) ? { ipProtocol: UNKNOWN } : c ?? {}) as Record<string, unknown>;
        const judged = judgeIngress({ sources, protocol: l4.ipProtocol, ports: isUnknown(l4.ports) ? [UNKNOWN] : asArray(l4.ports as unknown[]) });
        if (judged.verdict === "closed") continue;
        return [{
            property: `${at}match.layer4Configs[${i}]`, found: judged.verdict === "unknown" ? UNKNOWN : c, wanted: wantedIngress,
            note: judged.verdict === "open" ? `Its sources (${JSON.stringify(sources)}) let the internet reach ${judged.reaches}.` : undefined,
        }];
    }
    return [];
}

/** Firewall policy rules: standalone (the rule's own inputs) or inline (`rules[]` of a *WithRules policy). */
const firewallPolicyRuleTypes = [
    "gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule", "gcp:compute/regionNetworkFirewallPolicyRule:RegionNetworkFirewallPolicyRule",
    "gcp:compute/firewallPolicyRule:FirewallPolicyRule",
];
const firewallPolicyWithRulesTypes = [
    "gcp:compute/networkFirewallPolicyWithRules:NetworkFirewallPolicyWithRules", "gcp:compute/regionNetworkFirewallPolicyWithRules:RegionNetworkFirewallPolicyWithRules",
    "gcp:compute/firewallPolicyWithRules:FirewallPolicyWithRules",
];

const firewallPolicy = resourceRule({
    name: "gcp-network-private-firewall-policy-rule", cloud: "gcp", controls, severity: "high",
    types: [...firewallPolicyRuleTypes, ...firewallPolicyWithRulesTypes],
    description: `A firewall policy rule (network, regional or hierarchical, standalone or inline) that allows ingress does not let the internet (0.0.0.0/0, a country, a threat-intelligence list, or no source at all) reach ports ${restrictedPorts.join(", ")} or all ports.`,
    remediation: "Set `match.srcIpRanges` to your private ranges (or secure tags, address groups), or narrow `match.layer4Configs[].ports` to ports that are not guarded, or make the rule deny.",
    check: r => {
        if (firewallPolicyRuleTypes.includes(r.type)) return policyRuleIngress(r.props, "");
        const rules = r.props.rules;
        if (isUnknown(rules)) return [{ property: "rules", found: UNKNOWN, wanted: wantedIngress }];
        return asArray(rules as unknown[]).flatMap((rule, i) => isUnknown(rule)
            ? [{ property: `rules[${i}]`, found: UNKNOWN, wanted: wantedIngress }]
            : policyRuleIngress((rule ?? {}) as Record<string, unknown>, `rules[${i}].`));
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

const serverlessIngressRule = resourceRule({
    name: "gcp-network-private-serverless-ingress", cloud: "gcp", controls, severity: "high",
    types: Object.keys(serverlessIngress),
    // The URL of a function or Cloud Run service is on the internet unless ingress is narrowed (the default is
    // all traffic); who may call it is judged apart, by PUBLIC-ACCESS on its IAM grants and invoker check.
    description: "A Cloud Function or Cloud Run service takes requests only from the VPC (and, at most, an internal or Google Cloud load balancer), not from the whole internet (the default).",
    remediation: "Set the function's `ingressSettings` (2nd gen: `serviceConfig.ingressSettings`) to \"ALLOW_INTERNAL_ONLY\" or \"ALLOW_INTERNAL_AND_GCLB\"; a Cloud Run v2 service's `ingress` to \"INGRESS_TRAFFIC_INTERNAL_ONLY\" or \"INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER\"; a v1 service's `metadata.annotations[\"run.googleapis.com/ingress\"]` to \"internal\" or \"internal-and-cloud-load-balancing\".",
    check: r => {
        const { where, allowed, unset } = serverlessIngress[r.type];
        return onUrl(r, () => expectAt(r.props, where, v => typeof v === "string" && allowed.includes(v),
            `${allowed.map(a => JSON.stringify(a)).join(" or ")} (unset means ${JSON.stringify(unset)}: the whole internet)`));
    },
});

/** A value that names something: a non-blank string, or a non-empty list (network interfaces). */
const names = (v: unknown) => typeof v === "string" ? v.trim() !== "" : Array.isArray(v) && v.length > 0;

const serverlessEgressRule = resourceRule({
    name: "gcp-network-private-serverless-egress", cloud: "gcp", controls, severity: "medium",
    // Advisory: routing all egress through the VPC is what lets firewall rules and VPC Service Controls see a
    // function's calls, but a function that only calls Google APIs is also served privately without it.
    enforcement: "advisory",
    types: Object.keys(serverlessEgress),
    description: "A Cloud Function or Cloud Run workload sends all its outbound traffic through the hospital's VPC (a Serverless VPC Access connector or Direct VPC egress, with all traffic), where firewall rules and the service perimeter apply.",
    remediation: "Set a VPC connector (`vpcConnector`, `template.vpcAccess.connector`) or Direct VPC network interfaces, and egress to all traffic (`ALL_TRAFFIC`, `VPC_EGRESS_ALL_TRAFFIC`, or the v1 annotation `run.googleapis.com/vpc-access-egress: all-traffic`).",
    check: r => {
        const { via, all } = serverlessEgress[r.type];
        const vias = via.map(w => ({ w, v: valueAt(r.props, w) }));
        const settings = all.map(([w, want]) => ({ w, v: valueAt(r.props, w), want }));
        const routed = vias.some(x => names(x.v)), allTraffic = settings.some(x => x.v === x.want);
        if (routed && allTraffic) return [];
        const out: Violation[] = [];
        if (!routed) {
            const unknown = vias.find(x => isUnknown(x.v));
            out.push({ property: propertyName((unknown ?? vias[0]).w), found: unknown ? UNKNOWN : vias[0].v, wanted: "a VPC connector or Direct VPC network interfaces" });
        }
        if (!allTraffic) {
            const unknown = settings.find(x => isUnknown(x.v));
            const shown = unknown ?? settings[0];
            out.push({ property: propertyName(shown.w), found: unknown ? UNKNOWN : shown.v,
                wanted: `${settings.map(x => `${propertyName(x.w)} ${JSON.stringify(x.want)}`).join(" or ")} (unset sends only private ranges through the VPC)` });
        }
        return out;
    },
});

const privateNodesWanted = "true (unset gives every node an external IP address)";

const gkeCluster = resourceRule({
    name: "gcp-network-private-gke-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.gkeCluster],
    description: "A GKE cluster's nodes have internal IP addresses only (private nodes); its node pools inherit it unless they set their own.",
    remediation: "Set `privateClusterConfig.enablePrivateNodes: true` (with Cloud NAT for egress).",
    check: r => expect(r.props, "privateClusterConfig.enablePrivateNodes", terraformReads.on, privateNodesWanted),
});

const gkeNodePool = stackRule({
    name: "gcp-network-private-gke-node-pool", cloud: "gcp", controls, severity: "high",
    judges: [T.gkeNodePool],
    description: "A GKE node pool's nodes have internal IP addresses only: its own `networkConfig.enablePrivateNodes`, or, unset, its cluster's private nodes (a cluster of this stack).",
    remediation: "Set `networkConfig.enablePrivateNodes: true` on the node pool, or `privateClusterConfig.enablePrivateNodes: true` on its cluster.",
    check: stack => {
        const out: Violation[] = [];
        for (const pool of stack.ofType(T.gkeNodePool)) {
            const own = get(pool.props, "networkConfig.enablePrivateNodes");
            if (terraformReads.on(own)) continue;
            if (own !== undefined && own !== null) { out.push({ resource: pool, property: "networkConfig.enablePrivateNodes", found: own, wanted: privateNodesWanted }); continue; }
            // Unset: the cluster's setting. A cluster named by a full id ("projects/p/locations/l/clusters/c") is found by its last part.
            const theirs = referenced(stack, pool, "cluster", [T.gkeCluster]);
            if (isUnknown(theirs) || !theirs.length) {
                out.push(notInStack(pool, "cluster", "a GKE cluster of this stack with private nodes, or the pool's own `networkConfig.enablePrivateNodes: true`",
                    "No GKE cluster of this stack has that name, so whether its nodes are private cannot be checked."));
                continue;
            }
            for (const c of theirs) {
                const theirsPrivate = get(c.props, "privateClusterConfig.enablePrivateNodes");
                if (!terraformReads.on(theirsPrivate)) {
                    out.push({ resource: pool, property: `networkConfig.enablePrivateNodes (unset: its cluster "${c.name}" privateClusterConfig.enablePrivateNodes)`, found: theirsPrivate, wanted: privateNodesWanted });
                }
            }
        }
        return out;
    },
});

const vm = resourceRule({
    name: "gcp-network-private-compute-instance", cloud: "gcp", controls, severity: "high",
    types: vmTypes,
    description: "A Compute Engine VM or instance template has no external IP address: no access config (IPv4) or IPv6 access config on any network interface.",
    remediation: "Remove `networkInterfaces[].accessConfigs` and `ipv6AccessConfigs`; reach the internet through Cloud NAT and the VM through IAP or a bastion.",
    check: r => {
        const nics = r.props.networkInterfaces;
        if (isUnknown(nics)) return [{ property: "networkInterfaces", found: nics, wanted: "network interfaces without access configs" }];
        const out: Violation[] = [];
        asArray(nics as unknown[]).forEach((nic, i) => {
            for (const key of ["accessConfigs", "ipv6AccessConfigs"]) {
                const v = isUnknown(nic) ? UNKNOWN : get(nic, key);
                // An access config is an external IP even when empty (`{}` gives an ephemeral one).
                if (isUnknown(v) || asArray(v as unknown[]).length > 0) {
                    out.push({ property: `networkInterfaces[${i}]${isUnknown(nic) ? "" : `.${key}`}`, found: v, wanted: "none (each access config gives the VM an external IP address)" });
                }
            }
        });
        return out;
    },
});

/** Targets that only take HTTP(S) or gRPC on web ports (80, 8080, 443), never a guarded port: named in a target's path or URN. */
const webProxy = /targetHttpProxies\/|targetHttpsProxies\/|targetGrpcProxies\/|:compute\/(region)?Target(Http|Https|Grpc)Proxy:/i;

const forwardingRule = resourceRule({
    name: "gcp-network-private-forwarding-rule", cloud: "gcp", controls, severity: "high",
    types: [T.forwardingRule, T.globalForwardingRule],
    description: `An external forwarding rule (a load balancer's public address) does not let the internet reach ports ${restrictedPorts.join(", ")} or all ports (one judgement with firewall rules, lib/network.ts).`,
    remediation: "Narrow `portRange` / `ports` to web ports, set `sourceIpRanges` to your own ranges, or use an internal load balancing scheme.",
    check: r => {
        const scheme = r.props.loadBalancingScheme;
        if (isUnknown(scheme)) return [{ property: "loadBalancingScheme", found: scheme, wanted: "known, to tell whether the internet reaches it" }];
        // Unset is EXTERNAL; "" is a Private Service Connect endpoint inside the VPC.
        if (typeof scheme === "string" && !["EXTERNAL", "EXTERNAL_MANAGED"].includes(scheme)) return notApplicable(`an internal forwarding rule (${JSON.stringify(scheme)})`);
        const target = r.props.target;
        const targetDeps = r.opts.propertyDependencies?.target ?? [];
        if ((typeof target === "string" && webProxy.test(target)) || targetDeps.some(u => webProxy.test(u))) {
            return notApplicable("it forwards to an HTTP(S) or gRPC proxy, which takes only web ports; the proxy's TLS is judged by ENC-TRANSIT");
        }
        if (isUnknown(target) && !targetDeps.length) return [{ property: "target", found: target, wanted: "known, to tell whether it is a web proxy" }];
        const ranges = r.props.sourceIpRanges;
        const sources = ranges === undefined || ranges === null || (Array.isArray(ranges) && !ranges.length) ? ["0.0.0.0/0"] : isUnknown(ranges) ? [UNKNOWN] : asArray(ranges as unknown[]);
        const allPorts = r.props.allPorts, list = r.props.ports, range = r.props.portRange;
        if ([allPorts, list, range].some(isUnknown)) return [{ property: "portRange", found: UNKNOWN, wanted: wantedIngress }];
        // No port given: every port of the protocol (fail closed), as with allPorts.
        const ports = mayMeanOn(allPorts) ? [] : Array.isArray(list) && list.length ? list : range !== undefined && range !== null && range !== "" ? [range] : [];
        const judged = judgeIngress({ sources, protocol: r.props.ipProtocol ?? "TCP", ports });
        if (judged.verdict === "closed") return [];
        if (judged.verdict === "unknown") return [{ property: isUnknown(ranges) ? "sourceIpRanges" : "portRange", found: UNKNOWN, wanted: wantedIngress }];
        return [{ property: ports.length ? (Array.isArray(list) && list.length ? "ports" : "portRange") : "portRange", found: ports.length ? (list ?? range) : allPorts ?? range,
            wanted: wantedIngress, note: `It lets the internet reach ${judged.reaches}.` }];
    },
});

const dataflow = resourceRule({
    name: "gcp-network-private-dataflow-job", cloud: "gcp", controls, severity: "high",
    types: [T.dataflowJob, T.dataflowFlexJob],
    description: "A Dataflow job's workers have internal IP addresses only and run in a chosen subnetwork (the default is public IPs in the default network).",
    remediation: "Set `ipConfiguration: \"WORKER_IP_PRIVATE\"` and `subnetwork` to a subnetwork with Private Google Access.",
    check: r => [
        ...expect(r.props, "ipConfiguration", v => v === "WORKER_IP_PRIVATE", "\"WORKER_IP_PRIVATE\" (unset gives every worker an external IP address)"),
        ...expect(r.props, "subnetwork", isSet, "a subnetwork of the hospital's VPC"),
    ],
});

/**
 * Issue 16: an AI API the stack enables receives PHI; inside a perimeter it must be one of the restricted
 * services, or a workload (or stolen credentials) could send images to it from, and results to, anywhere.
 */
const aiPerimeter = stackRule({
    name: "gcp-network-private-ai-perimeter", cloud: "gcp", controls, severity: "high",
    description: "Every regular VPC Service Controls perimeter of a stack restricts each AI API the stack enables (vision.googleapis.com, aiplatform.googleapis.com, ...).",
    remediation: "Add the API (e.g. vision.googleapis.com) to the perimeter's status.restrictedServices.",
    check: stack => {
        const enabled = new Map<string, PolicyResource>();
        let unknownApi = false;
        for (const api of stack.ofType(T.projectService)) {
            const service = api.props.service;
            if (isUnknown(service)) { unknownApi = true; continue; }
            const folded = typeof service === "string" ? looseForm(service) : "";
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


export const rules: Rule[] = [network, subnetwork, firewall, firewallPolicy, dataproc, perimeter, perimeterPresent, serverlessIngressRule, serverlessEgressRule, gkeCluster, gkeNodePool, vm, forwardingRule, dataflow, aiPerimeter];
