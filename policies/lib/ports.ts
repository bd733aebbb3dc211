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
// What counts as "the internet" (every spelling of 0.0.0.0/0 and ::/0, and sets of ranges that together
// cover it) is judged in lib/network.ts, with these ports, once for the three clouds.
