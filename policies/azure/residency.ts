// RESIDENCY on Azure: resources live only in config.allowedRegions (default: US regions, where the
// BAA applies); mirrors Azure Policy "Allowed locations" (e56962a6-4747-49cd-b67b-bf8b01975c4c).
// Locations are compared as ARM names: "East US" and "eastus" are the same region.
import { allowedRegionsText, PackConfig } from "../lib/config";
import { notInStack, PolicyResource, Rule, stackRule, Violation } from "../lib/rule";
import type { Lookup } from "../lib/stack-index";
import { holdsUnknown } from "../lib/unknowns";
import { isUnknown, UNKNOWN, Unknown } from "../lib/values";
import { canonicalType } from "../lib/type-tokens";
import { lookupOf } from "./support/relations";
import { locatedKinds } from "./support/resource-types";

const controls = ["RESIDENCY"] as const;

/** Every azure-native type whose Args take a `location` (generated from the SDK). */
export const locatedTypes: readonly string[] = Object.entries(locatedKinds).flatMap(([m, kinds]) => kinds.map(k => `azure-native:${m}:${k}`));

/**
 * Types Azure places at location "global" that hold no content of the hospital's, under azure-native 3's
 * token and azure-native 2's (the module they moved from; versioned tokens are read as these,
 * lib/type-tokens.ts): private DNS zones and their virtual-network links, public DNS zones, Traffic Manager
 * profiles (DNS answers), Front Door and CDN WAF policies (rules), the Azure Monitor private link scope,
 * action groups, activity-log and metric alerts, smart-detector and alert-processing rules, App Service
 * domains and certificate orders. Like Azure Policy's "Allowed locations", which skips "global", RESIDENCY
 * does not ask them for a region they cannot have: "global" is not applicable, with that reason. A regional
 * location on one of them (activity-log alerts also take West Europe) is judged like any other.
 * Front Door and CDN profiles and endpoints are global too but cache what they serve at edge locations
 * worldwide, PHI included if it passes through: "global" stays a finding there, for a person to exempt
 * with a reason when nothing of PHI does.
 */
export const globalTypes: ReadonlySet<string> = new Set([
    "azure-native:privatedns:PrivateZone", "azure-native:network:PrivateZone",
    "azure-native:privatedns:VirtualNetworkLink", "azure-native:network:VirtualNetworkLink",
    "azure-native:dns:Zone", "azure-native:network:Zone",
    "azure-native:trafficmanager:Profile", "azure-native:network:Profile",
    "azure-native:frontdoor:Policy", "azure-native:network:Policy", "azure-native:cdn:Policy",
    "azure-native:monitor:PrivateLinkScope", "azure-native:insights:PrivateLinkScope",
    "azure-native:monitor:ActionGroup", "azure-native:insights:ActionGroup",
    "azure-native:monitor:TenantActionGroup", "azure-native:insights:TenantActionGroup",
    "azure-native:monitor:ActivityLogAlert", "azure-native:insights:ActivityLogAlert",
    "azure-native:monitor:MetricAlert", "azure-native:insights:MetricAlert",
    "azure-native:alertsmanagement:SmartDetectorAlertRule", "azure-native:alertsmanagement:AlertProcessingRuleByName",
    "azure-native:alertsmanagement:ActionRuleByName",
    "azure-native:domainregistration:Domain", "azure-native:certificateregistration:AppServiceCertificateOrder",
]);

const resourceGroupType = "azure-native:resources:ResourceGroup";
const groupDeploymentType = "azure-native:resources:Deployment";

/** "East US" → "eastus": ARM's location names are the display names lower-cased without spaces. */
export function normalizeLocation(location: string): string {
    return location.toLowerCase().replace(/\s+/g, "");
}

/** One resource: its own location judged; unset, the resource group it is placed in (the provider's default). */
function judgeLocation(r: PolicyResource, config: PackConfig, groups: Lookup): Violation[] {
    const type = canonicalType(r.type);
    const wanted = allowedRegionsText(config.allowedRegions, "azure", true);
    const own = r.props.location;
    // Only resource groups fall back on the provider's location (SDK doc of ProviderArgs.location);
    // other resources without one take their resource group's.
    const location = isAbsent(own) && type === resourceGroupType ? r.provider?.props.location : own;
    const property = isAbsent(own) && !isAbsent(location) ? "provider.location" : "location";
    if (isAbsent(location)) {
        // Under `pulumi preview` a location built from an Output of another resource arrives unset: its
        // dependencies say it is there, to be known at `pulumi up`.
        if (r.opts.propertyDependencies?.location?.length) return [{ resource: r, property, found: UNKNOWN, wanted }];
        return type === resourceGroupType ? [{ resource: r, property, found: location, wanted }] : placedInGroup(r, type, wanted, groups);
    }
    if (isUnknown(location) || typeof location !== "string") return [{ resource: r, property, found: location, wanted }];
    const normalized = normalizeLocation(location);
    if (normalized === "global" && globalTypes.has(type)) {
        return [{ resource: r, property, found: location, wanted,
            doesNotApply: `${r.type} exists only at location "global" in Azure and holds none of the hospital's content; there is no region to choose` }];
    }
    const allowed = config.allowedRegions.some(a => normalizeLocation(a) === normalized);
    return allowed ? [] : [{ resource: r, property, found: location, wanted }];
}

/**
 * A resource without a location: azure-native places it in the region of the resource group `resourceGroupName`
 * names. That group's own location is judged when it is one of this stack's; from elsewhere (a name given as text),
 * its region cannot be read, so the resource is a finding for a person to check (and exempt, with a reason).
 */
function placedInGroup(r: PolicyResource, type: string, wanted: string, groups: Lookup): Violation[] {
    // A deployment to a resource group is template metadata with no region of its own; what it deploys is not seen here.
    if (type === groupDeploymentType) {
        return [{ resource: r, property: "location", found: undefined, wanted, doesNotApply: "a deployment to a resource group has no region of its own" }];
    }
    const group = groups.refer(r, "resourceGroupName");
    if (isUnknown(group)) return [{ resource: r, property: "resourceGroupName", found: UNKNOWN, wanted: `a resource group in ${wanted}` }];
    // A group of this stack is the resource's only in the same subscription: a provider for another subscription
    // places the resource in that subscription's group of the same name, whose region the stack does not show.
    const mine = subscriptionOf(r);
    const theirs = group.map(subscriptionOf);
    if (group.length && (isUnknown(mine) || theirs.some(isUnknown))) {
        return [{ resource: r, property: "provider.subscriptionId", found: UNKNOWN, wanted: `the subscription of resource group "${group[0].name}" of this stack` }];
    }
    if (group.length && theirs.every(s => s !== mine)) {
        return [notInStack(r, "location", wanted, `Unset, it takes its resource group's region; the resource group of that name in this stack is in another subscription ` +
            `(${JSON.stringify(theirs[0])} vs ${JSON.stringify(mine)}), so its region cannot be verified. Set location, or create the group in this stack with the same provider.`)];
    }
    if (group.length) {
        const names = group.map(g => `"${g.name}"`).join(", ");
        return [{ resource: r, property: "location", found: undefined, wanted, doesNotApply: `no location: it takes the location of resource group ${names} of this stack, which is judged itself` }];
    }
    const note = isAbsent(r.props.resourceGroupName) && !r.opts.propertyDependencies?.resourceGroupName?.length
        ? "Unset, and no resource group to take a region from: the region cannot be verified."
        : "Unset, it takes its resource group's region, and the resource group is not of this stack: its region cannot be verified. Set location, or create the group in this stack.";
    return [notInStack(r, "location", wanted, note)];
}

/** The subscription a resource is created in: its provider's `subscriptionId`, or the default one (the environment's). */
function subscriptionOf(r: PolicyResource): string | Unknown {
    const id = r.provider?.props.subscriptionId;
    if (holdsUnknown(id)) return UNKNOWN;
    return typeof id === "string" && id !== "" ? id.toLowerCase() : "(the default subscription)";
}

const isAbsent = (v: unknown) => v === undefined || v === null || v === "";

export const allowedLocation = stackRule({
    name: "azure-residency-location", cloud: "azure", controls: [...controls], severity: "high",
    judges: locatedTypes,
    description: "Every Azure resource is in an allowed region: its location, or unset, its resource group's (a resource group without one: its provider's location).",
    remediation: "Set location to one of the allowed regions (pack config allowedRegions), or place the resource in a resource group of this stack that is in one.",
    check: (stack, config) => {
        const groups = lookupOf(stack.ofType(resourceGroupType));
        return stack.ofType(...locatedTypes).flatMap(r => judgeLocation(r, config, groups));
    },
});

export const rules: Rule[] = [allowedLocation];
