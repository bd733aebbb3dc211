// RESIDENCY on Azure: resources live only in config.allowedRegions (default: US regions, where the
// BAA applies); mirrors Azure Policy "Allowed locations" (e56962a6-4747-49cd-b67b-bf8b01975c4c).
// Locations are compared as ARM names: "East US" and "eastus" are the same region.
import { allowedRegionsText } from "../lib/config";
import { notApplicable, resourceRule, Rule } from "../lib/rule";
import { isUnknown } from "../lib/values";
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

/** "East US" → "eastus": ARM's location names are the display names lower-cased without spaces. */
export function normalizeLocation(location: string): string {
    return location.toLowerCase().replace(/\s+/g, "");
}

export const allowedLocation = resourceRule({
    name: "azure-residency-location", cloud: "azure", controls: [...controls], severity: "high",
    types: locatedTypes,
    description: "Every Azure resource with a location is in an allowed region (a resource group without one: its provider's location).",
    remediation: "Set location to one of the allowed regions (pack config allowedRegions).",
    check: (r, config) => {
        const own = r.props.location;
        // Only resource groups fall back on the provider's location (SDK doc of ProviderArgs.location);
        // other resources without one take their resource group's.
        const location = own ?? (r.type === resourceGroupType ? r.provider?.props.location : undefined);
        const property = own === undefined && location !== undefined ? "provider.location" : "location";
        if (location === undefined || location === null || location === "") {
            return notApplicable("no location: the resource takes its resource group's, which is judged itself");
        }
        const wanted = allowedRegionsText(config.allowedRegions, "azure", true);
        if (isUnknown(location)) return [{ property, found: location, wanted }];
        if (typeof location !== "string") return [{ property, found: location, wanted }];
        const normalized = normalizeLocation(location);
        if (normalized === "global" && globalTypes.has(r.type)) {
            return notApplicable(`${r.type} exists only at location "global" in Azure and holds none of the hospital's content; there is no region to choose`);
        }
        const allowed = config.allowedRegions.some(a => normalizeLocation(a) === normalized);
        return allowed ? [] : [{ property, found: location, wanted }];
    },
});

export const rules: Rule[] = [allowedLocation];
