// Type tokens as rules know them. azure-native publishes each resource at its default API version
// (`azure-native:storage:StorageAccount`) and, in azure-native 2.x and earlier, at every API version
// in a module of its own (`@pulumi/azure-native/storage/v20230101` registers
// `azure-native:storage/v20230101:StorageAccount`); azure-native 3 keeps those tokens as aliases.
// The inputs have the same shape at every version (an older API lacks newer properties, which a
// rule then finds unset: a finding, never a pass), so a versioned token is judged as its module's
// unversioned one. Any version is accepted, installed or not: a program may bring its own SDK.

// `v` + the API date, with a suffix for previews: v20230101, v20150501preview, v20240101privatepreview, v20231001beta.
const versioned = /^azure-native:([^/:]+)\/v\d[^/:]*:([^/:]+)$/;

/**
 * The token a rule lists for `type`: `azure-native:<module>/v<version>:<Type>` → `azure-native:<module>:<Type>`;
 * any other unchanged. Applied where a resource enters the pack (adapter.ts fromEngine for the engine,
 * checker/registration.ts for the checker), so a rule sees the canonical type in every lookup and every
 * comparison it makes (`r.type === T.storageAccount`, the data-store types a declared exemption may not
 * exempt); the URN keeps the token the program registered. judgesType and the StackIndex apply it too,
 * for a type string that did not come through either.
 */
export function canonicalType(type: string): string {
    const m = versioned.exec(type);
    return m ? `azure-native:${m[1]}:${m[2]}` : type;
}


/**
 * A cloud's table of type tokens, `T` in policies/<cloud>/support/tokens.ts, frozen with the lists it holds:
 * every rule of the cloud reads the same table, so a change to it (a token pushed onto an AWS kind) would
 * change what other rules judge. The `const` parameter keeps each token's literal type, as `as const` did.
 */
export function typeTable<const Table extends Readonly<Record<string, string | readonly string[]>>>(table: Table): Table {
    for (const kind of Object.values(table)) if (Array.isArray(kind)) Object.freeze(kind);
    return Object.freeze(table);
}

