// The fields of a provider function's result, read from the declarations of the SDK the program uses,
// so that a function no emulation table answers is answered with each field unknown instead of absent.
// Absent reads as unset, and a rule that takes unset for its safe default would pass a setting the
// program copied from, say, an existing database's `publiclyAccessible`; unknown is what it is offline.
import * as fs from "node:fs";
import * as path from "node:path";

/** What the engine sends for a value not known until deployment (@pulumi/pulumi runtime/rpc.js `unknownValue`). */
export const unknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A declaration file larger than this is not read (the largest of aws, gcp and azure-native's function files is under 100 KB). */
const maxDeclarationBytes = 1_000_000;

/** Token → its result's field names (null: no declaration found); per program folder, as each may have its own SDK. */
const cache = new Map<string, readonly string[] | null>();

/**
 * The top-level field names of `token`'s result interface (`aws:ec2/getVpc:getVpc` → the `readonly`
 * members of `GetVpcResult` in `@pulumi/aws/ec2/getVpc.d.ts`), from the SDK the program in `programDir`
 * resolves, else the checker's; null when the package, the file or the interface is not found.
 */
export function resultFieldsOf(token: string, programDir: string | undefined): readonly string[] | null {
    const key = `${programDir ?? ""}\u0000${token}`;
    let fields = cache.get(key);
    if (fields === undefined) cache.set(key, fields = readResultFields(token, programDir));
    return fields;
}

function readResultFields(token: string, programDir: string | undefined): readonly string[] | null {
    const file = declarationFile(token, programDir);
    if (!file) return null;
    let text: string;
    try {
        if (fs.statSync(file).size > maxDeclarationBytes) return null;
        text = fs.readFileSync(file, "utf8");
    } catch {
        return null;
    }
    const name = token.slice(token.lastIndexOf(":") + 1);
    const start = text.indexOf(`\nexport interface ${name[0].toUpperCase()}${name.slice(1)}Result {\n`);
    if (start < 0) return null;
    // tsc writes a top-level interface's closing brace alone at the start of a line, its members indented by four.
    const end = text.indexOf("\n}", start + 1);
    const body = text.slice(start, end < 0 ? undefined : end);
    return [...body.matchAll(/^ {4}readonly (\w+)\??:/gm)].map(m => m[1]);
}

/**
 * `pkg:module:name` → `@pulumi/pkg/<module>/<name>.d.ts`. The module `index` is the package's root; an
 * aws or gcp module ends in the function's own name (`ec2/getVpc`), an azure-native one may end in an
 * API version (`storage/v20230101`), which is a folder.
 */
function declarationFile(token: string, programDir: string | undefined): string | null {
    const m = /^([a-z][\w-]*):([\w/]+):(\w+)$/.exec(token);
    if (!m) return null;
    const [, pkg, module, name] = m;
    const parts = module.split("/");
    if (parts.at(-1)?.toLowerCase() === name.toLowerCase()) parts.pop();
    if (parts[0] === "index") parts.shift();
    const root = packageRoot(`@pulumi/${pkg}`, programDir);
    return root && path.join(root, ...parts, `${name}.d.ts`);
}

function packageRoot(pkg: string, programDir: string | undefined): string | null {
    try {
        return path.dirname(require.resolve(`${pkg}/package.json`, { paths: [...programDir ? [programDir] : [], __dirname] }));
    } catch {
        return null;
    }
}
