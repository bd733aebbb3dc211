// NETWORK-PRIVATE's one judgement, for the three clouds: does an inbound allow let the internet reach a
// guarded port (restrictedPorts, below)? Each cloud only maps its shapes into an `Ingress` (AWS security
// group rules and ingress blocks, Azure NSG rules, Google firewall allows); the sources, protocol and
// ports are read here, once.
//
// "The internet" is not one spelling. The sources are parsed as address ranges (any IPv4 or IPv6 spelling:
// `000.0.0.0/00`, `0/0`, `0:0:0:0:0:0:0:0/0`, `::ffff:0.0.0.0/96` as the IPv4 space it maps) and their
// UNION is measured: ranges that together admit a /8's worth of public IPv4 addresses (2^24 outside the
// private and reserved blocks) or a /16's worth of IPv6 global unicast (2^112, more than any registry gives
// one organisation) are the internet. `0.0.0.0/1` + `128.0.0.0/1`, the whole space minus one hole, or `2000::/3` all are; no
// partner network, VPN or office range comes near that size, and private ranges count for nothing.
import { looseForm } from "./inputs";
import { isUnknown } from "./values";
import { holdsUnknown } from "./unknowns";

interface Range { first: bigint; last: bigint }

const V4_MAX = (1n << 32n) - 1n;
/** At least this many public addresses admitted = the internet (see the header). */
const V4_WORLD = 1n << 24n;
const V6_WORLD = 1n << 112n;

function block(base: bigint, prefix: number, bits: number): Range {
    const size = 1n << BigInt(bits - prefix);
    const first = base & ~(size - 1n);
    return { first, last: first + size - 1n };
}

const v4 = (a: number, b: number, c: number, d: number) => (BigInt(a) << 24n) | (BigInt(b) << 16n) | (BigInt(c) << 8n) | BigInt(d);
/** IPv4 blocks that are not the internet (RFC 6890): this network, private, CGNAT, loopback, link-local, documentation, benchmarking, multicast, reserved. */
const v4NotPublic: readonly Range[] = ([
    [v4(0, 0, 0, 0), 8], [v4(10, 0, 0, 0), 8], [v4(100, 64, 0, 0), 10], [v4(127, 0, 0, 0), 8], [v4(169, 254, 0, 0), 16],
    [v4(172, 16, 0, 0), 12], [v4(192, 0, 0, 0), 24], [v4(192, 0, 2, 0), 24], [v4(192, 168, 0, 0), 16], [v4(198, 18, 0, 0), 15],
    [v4(198, 51, 100, 0), 24], [v4(203, 0, 113, 0), 24], [v4(224, 0, 0, 0), 4], [v4(240, 0, 0, 0), 4],
] as const).map(([base, prefix]) => block(base, prefix, 32));
/** IPv6 global unicast, 2000::/3: the IPv6 internet. */
const v6Global: Range = block(1n << 125n, 3, 128);
/** ::ffff:0:0/96, IPv4-mapped addresses: what a range holds of it is read as the IPv4 addresses it maps. */
const v6Mapped: Range = block(0xffffn << 32n, 96, 128);

/** An IPv4 address in dotted form, 1 to 4 parts (`10/8` is 10.0.0.0/8, as CIDR notation abbreviates), leading zeros allowed. */
function parseV4(text: string): bigint | undefined {
    const parts = text.split(".");
    if (parts.length > 4 || parts.some(p => !/^\d{1,3}$/.test(p))) return undefined;
    const octets = parts.map(Number);
    if (octets.some(o => o > 255)) return undefined;
    while (octets.length < 4) octets.push(0);
    return v4(octets[0], octets[1], octets[2], octets[3]);
}

/** An IPv6 address in any RFC 4291 spelling: `::` once, 1-4 hex digits per group, an IPv4 tail, any case. */
function parseV6(text: string): bigint | undefined {
    let tail: bigint | undefined;
    let s = text.toLowerCase();
    const lastColon = s.lastIndexOf(":");
    if (lastColon >= 0 && s.slice(lastColon + 1).includes(".")) {
        const four = s.slice(lastColon + 1).split(".");
        if (four.length !== 4) return undefined;
        tail = parseV4(four.join("."));
        if (tail === undefined) return undefined;
        s = s.slice(0, lastColon + 1) + "0:0";
    }
    const halves = s.split("::");
    if (halves.length > 2) return undefined;
    const groups = (h: string) => h === "" ? [] : h.split(":");
    const head = groups(halves[0]), rest = halves.length === 2 ? groups(halves[1]) : [];
    const missing = 8 - head.length - rest.length;
    if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
    const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
    if (all.some(g => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
    let n = all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
    if (tail !== undefined) n = (n & ~0xffffffffn) | tail;
    return n;
}

/** A source text as an address range: `a.b.c.d/n` or an IPv6 CIDR, spaces anywhere ignored; a bare address is one host. */
export function parseCidr(text: string): { family: 4 | 6; range: Range } | undefined {
    const s = text.replace(/\s+/g, "");
    const slash = s.indexOf("/");
    const addr = slash < 0 ? s : s.slice(0, slash), prefixText = slash < 0 ? undefined : s.slice(slash + 1);
    if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
    const family = addr.includes(":") ? 6 : 4;
    const bits = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (prefix > bits) return undefined;
    const base = family === 4 ? parseV4(addr) : parseV6(addr);
    return base === undefined ? undefined : { family, range: block(base, prefix, bits) };
}

/** The size of the union of `ranges` within `within`, less what lies in `excluded` (disjoint blocks). */
function unionSize(ranges: Range[], within: Range, excluded: readonly Range[] = []): bigint {
    const clipped = ranges.map(r => ({ first: r.first > within.first ? r.first : within.first, last: r.last < within.last ? r.last : within.last }))
        .filter(r => r.first <= r.last).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const merged: Range[] = [];
    for (const r of clipped) {
        const last = merged[merged.length - 1];
        if (last && r.first <= last.last + 1n) { if (r.last > last.last) last.last = r.last; } else merged.push({ ...r });
    }
    const overlap = (a: Range, b: Range) => {
        const first = a.first > b.first ? a.first : b.first, last = a.last < b.last ? a.last : b.last;
        return last >= first ? last - first + 1n : 0n;
    };
    return merged.reduce((n, r) => n + overlap(r, within) - excluded.reduce((x, e) => x + overlap(r, e), 0n), 0n);
}

/**
 * Whether `sources` together admit the internet: `yes` (known sources alone do), `unknown` (they do not,
 * but a source is unknown at preview), `no`. `worldWords`: a cloud's names for "anywhere" (Azure's `*`,
 * `Internet`, `Any`), read loosely like the ranges (an unsafe value counts however it is spelt: "Internet\u200b"
 * is Internet). Texts that are neither a range nor such a word (a service tag, a security group) admit nothing of the internet.
 */
export function admitsInternet(sources: readonly unknown[], worldWords: ReadonlySet<string> = new Set()): "yes" | "no" | "unknown" {
    const four: Range[] = [], six: Range[] = [];
    let unknown = false;
    for (const s of sources.flat(Infinity)) {
        if (holdsUnknown(s)) { unknown = true; continue; }
        if (typeof s !== "string") continue;
        // Read loosely (looseForm: invisible characters dropped, full-width digits folded): a source admits the
        // internet however it is spelt. (A range's ends that decide a pass, ip-range.ts, are read as written.)
        const loose = looseForm(s);
        if (worldWords.has(loose)) return "yes";
        const cidr = parseCidr(loose);
        if (!cidr) continue;
        if (cidr.family === 4) { four.push(cidr.range); continue; }
        six.push(cidr.range);
        const r = cidr.range;
        // The IPv4-mapped part of an IPv6 range, as the IPv4 addresses it maps.
        const first = r.first > v6Mapped.first ? r.first : v6Mapped.first, last = r.last < v6Mapped.last ? r.last : v6Mapped.last;
        if (first <= last) four.push({ first: first - v6Mapped.first, last: last - v6Mapped.first });
    }
    if (unionSize(four, { first: 0n, last: V4_MAX }, v4NotPublic) >= V4_WORLD || unionSize(six, v6Global) >= V6_WORLD) return "yes";
    return unknown ? "unknown" : "no";
}

/** Protocols that carry no TCP/UDP/SCTP ports (ICMP, ICMPv6, ESP, AH, GRE ...): they reach no guarded port. */
const portless = new Set(["icmp", "icmpv6", "ipv6-icmp", "esp", "ah", "gre", "ipip"]);
const portProtocols = new Set(["tcp", "udp", "sctp", "dccp", "udplite"]);
const portProtocolNumbers = new Set([6, 17, 33, 132, 136]);
/** Every protocol: AWS `-1`/`all`, Azure `*`/`Any`, Google `all`. */
const allProtocols = new Set(["-1", "all", "*", "any"]);

/** Whether a protocol can reach a port: `all`, `ports`, `none`, or `unknown` at preview. An unrecognised name counts as all. */
export function protocolReach(protocol: unknown): "all" | "ports" | "none" | "unknown" {
    if (isUnknown(protocol) || holdsUnknown(protocol)) return "unknown";
    if (protocol === undefined || protocol === null) return "all";
    const text = String(protocol).replace(/\s+/g, "").toLowerCase();
    if (allProtocols.has(text)) return "all";
    if (portProtocols.has(text)) return "ports";
    if (portless.has(text)) return "none";
    if (/^\d+$/.test(text)) return portProtocolNumbers.has(Number(text)) ? "ports" : Number(text) <= 255 ? "none" : "all";
    return "all";
}

// The ports that must never be reachable from the internet, on every cloud (NETWORK-PRIVATE). CONTROLS.md
// names SSH, RDP and Redshift "at least"; the rest are the administration, database, cache and file-share
// ports of AWS Security Hub EC2.19 ("high-risk ports") and the stores a hospital's PHI lives in. Web ports
// (80, 443, 8080) are left out: a public web front is not by itself a path to PHI.
export const restrictedPorts: readonly number[] = [
    20, 21, 22, 23, // FTP, SSH, Telnet
    135, 445, 2049, // RPC, SMB, NFS
    1433, 1434, 1521, 3306, 5432, 5439, 27017, // SQL Server, Oracle, MySQL, PostgreSQL, Redshift, MongoDB/DocumentDB
    3389, // RDP
    6379, 11211, 9200, 9300, // Redis, Memcached, OpenSearch
];

/**
 * A span of ports: `{from, to}` (AWS's numbers; -1 or absent is the open end) or a text (`"22"`, `"20-30"`,
 * `"*"`, as Azure and Google write them). Unknown at preview: UNKNOWN at either end, or the whole text.
 */
export type PortSpan = { from: unknown; to: unknown } | unknown;

const ALL: readonly [number, number] = [0, 65535];

/** One end of a span as a number: a missing, negative or unreadable end is the open end (fail closed). */
function end(v: unknown, open: number): number | "unknown" {
    if (isUnknown(v) || holdsUnknown(v)) return "unknown";
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : NaN;
    if (!Number.isFinite(n) || n < 0) return open;
    return Math.min(Math.trunc(n), 65535);
}

/** A span as [lo, hi], or `unknown`; `"*"`, an empty or unreadable text is every port. */
function span(p: PortSpan): readonly [number | "unknown", number | "unknown"] {
    if (p && typeof p === "object" && !Array.isArray(p) && ("from" in p || "to" in p)) {
        const { from, to } = p as { from: unknown; to: unknown };
        return [end(from, 0), end(to, 65535)];
    }
    if (isUnknown(p) || holdsUnknown(p)) return ["unknown", "unknown"];
    if (typeof p === "number") return [end(p, 0), end(p, 65535)];
    if (typeof p !== "string") return ALL;
    const m = /^(\d+)(?:-(\d+))?$/.exec(p.replace(/\s+/g, ""));
    if (!m) return ALL;
    return [end(m[1], 0), end(m[2] ?? m[1], 65535)];
}

/**
 * The guarded port a set of spans reaches: a port number, "all" (every port), `unknown` (an end unknown
 * at preview and nothing known reaches one), or undefined. No spans at all is every port. With one end
 * unknown, a guarded port at the known end is reached whatever the other end is.
 */
function guardedPortIn(spans: readonly PortSpan[]): number | "all" | "unknown" | undefined {
    if (!spans.length) return "all";
    let unknown = false;
    for (const s of spans) {
        let [lo, hi] = span(s);
        if (lo === "unknown" || hi === "unknown") {
            const known = lo === "unknown" ? hi : lo;
            if (known !== "unknown" && restrictedPorts.includes(known)) return known;
            unknown = true;
            continue;
        }
        // A reversed range (65535-0) is read as the range between its ends: a cloud that took it would not take it as nothing.
        if (hi < lo) [lo, hi] = [hi, lo];
        if (lo <= 1 && hi >= 65535) return "all";
        const p = restrictedPorts.find(port => lo <= port && port <= hi);
        if (p !== undefined) return p;
    }
    return unknown ? "unknown" : undefined;
}

/** One inbound allow, as a cloud maps it: who it admits, over which protocol, to which ports. */
export interface Ingress {
    /** Source ranges (and the cloud's words for anywhere) as written; nested lists are read through. */
    sources: readonly unknown[];
    protocol: unknown;
    /** The port spans; empty = every port of the protocol (Google's `ports` left out, Azure `*`). */
    ports: readonly PortSpan[];
    /** The cloud's names for "anywhere" (Azure `*`, `Internet`, `Any`), lower case. */
    worldWords?: ReadonlySet<string>;
}

/**
 * The one NETWORK-PRIVATE judgement: whether an inbound allow lets the internet reach a guarded port
 * (restrictedPorts) or every port. `open` names the port ("all ports" or "port 22"); `unknown` when
 * a value unknown at preview decides it; `closed` otherwise.
 */
export function judgeIngress(i: Ingress): { verdict: "open"; reaches: string } | { verdict: "unknown" } | { verdict: "closed" } {
    const world = admitsInternet(i.sources, i.worldWords);
    if (world === "no") return { verdict: "closed" };
    const protocol = protocolReach(i.protocol);
    if (protocol === "none") return { verdict: "closed" };
    const port = protocol === "all" ? "all" : guardedPortIn(i.ports);
    if (port === undefined) return { verdict: "closed" };
    if (world === "unknown" || protocol === "unknown" || port === "unknown") return { verdict: "unknown" };
    return { verdict: "open", reaches: port === "all" ? "all ports" : `port ${port}` };
}

/** What every cloud's finding asks for. */
export const wantedIngress = `no source admitting the internet (0.0.0.0/0, ::/0, or ranges that together admit a /8's worth of public IPv4 ` +
    `or a /16's worth of IPv6 global addresses) ` +
    `on ports ${restrictedPorts.join(", ")} or on all ports`;
