// AI-DATA-USE on Azure: an Azure AI services account (AI Vision, and every other kind) sends what it is
// given only where the hospital allows. With `restrictOutboundNetworkAccess` the account may reach only the
// hosts of `allowedFqdnList` (Azure AI services "data loss prevention"); without it an image URL or a
// callback can send PHI, or the service's results about it, to any host on the internet: a disclosure the
// business associate agreement does not cover (45 CFR 164.502(a)).
import { armReads } from "../lib/inputs";
import { expect, resourceRule, Rule, Violation } from "../lib/rule";
import { asArray, get, isUnknown } from "../lib/values";
import { T } from "./support/tokens";

const controls = ["AI-DATA-USE"] as const;

/** An allowed host: a plain DNS name, no wildcard (`*`, `*.blob.core.windows.net` reach every tenant's storage). */
function isNamedHost(v: unknown): boolean {
    return typeof v === "string" && /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(v);
}

export const cognitiveAccount = resourceRule({
    name: "azure-ai-data-use-cognitive-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.cognitiveAccount],
    description: "An Azure AI services account restricts outbound network access (data loss prevention) to named hosts, so images and results reach only the hospital's own endpoints.",
    remediation: "Set properties.restrictOutboundNetworkAccess true and properties.allowedFqdnList to the hospital's own host names (no wildcard), or an empty list.",
    check: r => {
        const out: Violation[] = expect(r.props, "properties.restrictOutboundNetworkAccess", armReads.on, "true");
        const list = get(r.props, "properties.allowedFqdnList");
        if (isUnknown(list)) return [...out, { property: "properties.allowedFqdnList", found: list, wanted: "named hosts of the hospital" }];
        if (list !== undefined && !Array.isArray(list)) return [...out, { property: "properties.allowedFqdnList", found: list, wanted: "a list of host names" }];
        asArray(list as unknown[]).forEach((h, i) => {
            if (isUnknown(h)) out.push({ property: `properties.allowedFqdnList[${i}]`, found: h, wanted: "a host name without wildcard" });
            else if (!isNamedHost(h)) out.push({ property: `properties.allowedFqdnList[${i}]`, found: h, wanted: "a host name without wildcard" });
        });
        return out;
    },
});

export const rules: Rule[] = [cognitiveAccount];
