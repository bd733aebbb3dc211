// IPv4 CIDR blocks: the one parser the hospital config and the network components share.

/** An IPv4 block: its first address as an unsigned 32-bit number, and its prefix length. */
export interface Cidr { address: number; prefix: number }

// Canonical dotted-decimal only: no leading zeros (`010` is octal to some parsers, decimal to others,
// so `010.040.000.000/16` would not name one network), no spaces, no signs, ASCII digits only.
const octet = "(0|[1-9]\\d{0,2})";
const cidrPattern = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}/(0|[1-9]\\d?)$`);

/** Parses `a.b.c.d/n` in canonical form with zero host bits; undefined for anything else. */
export function parseCidr(cidr: string): Cidr | undefined {
    const m = cidrPattern.exec(cidr);
    if (!m) return undefined;
    const [a, b, c, d, prefix] = m.slice(1).map(Number);
    if ([a, b, c, d].some(o => o > 255) || prefix > 32) return undefined;
    const address = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
    const hostBits = prefix === 32 ? 0 : 2 ** (32 - prefix) - 1;
    if (address % (hostBits + 1) !== 0) return undefined; // host bits set: 10.40.0.1/16 is an address, not a network
    return { address, prefix };
}

/** Dotted-decimal text of an address. */
export function formatAddress(n: number): string {
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Whether a block lies inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918). */
export function isRfc1918(cidr: Cidr): boolean {
    const within = (base: Cidr) => cidr.prefix >= base.prefix && Math.floor(cidr.address / 2 ** (32 - base.prefix)) === Math.floor(base.address / 2 ** (32 - base.prefix));
    return [{ address: 10 * 2 ** 24, prefix: 8 }, { address: (172 * 2 ** 24) + (16 << 16), prefix: 12 }, { address: (192 * 2 ** 24) + (168 << 16), prefix: 16 }].some(within);
}
