// RESIDENCY on Azure: resources live only in config.allowedRegions (default: US regions, where the
// BAA applies); mirrors Azure Policy "Allowed locations" (e56962a6-4747-49cd-b67b-bf8b01975c4c).
// Locations are compared as ARM names: "East US" and "eastus" are the same region.
import { allowedRegionsText } from "../lib/config";
import { notApplicable, resourceRule, Rule } from "../lib/rule";
import { isUnknown } from "../lib/values";
import { locatedKinds } from "./resource-types";

const controls = ["RESIDENCY"] as const;

/** Every azure-native type whose Args take a `location` (generated from the SDK). */
export const locatedTypes: readonly string[] = Object.entries(locatedKinds).flatMap(([m, kinds]) => kinds.map(k => `azure-native:${m}:${k}`));

/**
 * Types Azure only accepts with location "global" (no data at rest in a region): DNS zones and their
 * virtual-network links, the Azure Monitor private link scope, action groups and activity-log alerts.
 * Like Azure Policy's "Allowed locations", they are not held to the region list.
 */
export const globalTypes: ReadonlySet<string> = new Set([
    "azure-native:privatedns:PrivateZone", "azure-native:privatedns:VirtualNetworkLink", "azure-native:dns:Zone",
    "azure-native:monitor:PrivateLinkScope", "azure-native:monitor:ActionGroup", "azure-native:monitor:ActivityLogAlert",
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
        if (normalized === "global" && globalTypes.has(r.type)) return [];
        const allowed = config.allowedRegions.some(a => normalizeLocation(a) === normalized);
        return allowed ? [] : [{ property, found: location, wanted }];
    },
});

export const rules: Rule[] = [allowedLocation];
