// An IP firewall rule given as a first and last address (Azure SQL, PostgreSQL, MySQL, Synapse, Cosmos DB:
// `startIpAddress`/`endIpAddress`): whether it admits the internet, judged by lib/network.ts's one measure
// (admitsInternet) on the CIDR blocks that exactly cover the range. Written once for every such rule.
import { admitsInternet, parseCidr } from "./network";
import { holdsUnknown } from "./unknowns";

/**
 * What a start–end rule admits: `internet` (the range holds a /8's worth of public IPv4 or more, network.ts),
 * `azure-services` (0.0.0.0–0.0.0.0, Azure's "allow Azure services": every address of every Azure customer's
 * resources, CIS Azure 4.x), `unknown` (an end is unknown at preview), `unreadable` (an end is not an IPv4
 * address: Azure refuses it, and the rule cannot be judged narrower than it reads), or `narrow`.
 */
export function firewallRangeReach(start: unknown, end: unknown): "internet" | "azure-services" | "unknown" | "unreadable" | "narrow" {
    if (holdsUnknown(start) || holdsUnknown(end)) return "unknown";
    const a = address(start), b = address(end);
    if (a === undefined || b === undefined) return "unreadable";
    if (a === 0n && b === 0n) return "azure-services";
    // A reversed range is read as the range between its ends (as network.ts reads reversed ports).
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return admitsInternet(cover(lo, hi)) === "yes" ? "internet" : "narrow";
}

/** One IPv4 address (any spelling parseCidr takes, without a prefix) as a number. */
function address(v: unknown): bigint | undefined {
    if (typeof v !== "string" || v.includes("/")) return undefined;
    const c = parseCidr(v);
    return c && c.family === 4 ? c.range.first : undefined;
}

/** The CIDR blocks that exactly cover [lo, hi] (at most 62). */
function cover(lo: bigint, hi: bigint): string[] {
    const out: string[] = [];
    let cur = lo;
    while (cur <= hi) {
        let size = 1n;
        while (size < (1n << 32n) && cur % (size * 2n) === 0n && cur + size * 2n - 1n <= hi) size *= 2n;
        let prefix = 32;
        for (let s = size; s > 1n; s /= 2n) prefix--;
        out.push(`${[24n, 16n, 8n, 0n].map(shift => (cur >> shift) & 255n).join(".")}/${prefix}`);
        cur += size;
    }
    return out;
}
