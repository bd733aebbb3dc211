// The pack's catalogue, the same for each cloud: one file per control, every rule listed once, named
// after its control, with full metadata, a test naming it, a @pulumi/policy policy for the engine, and
// only the type tokens its installed SDK declares.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { controlIds } from "../../policies/controls";
import { toPulumiPolicy } from "../../policies/lib/adapter";
import { resourceOutcome, type Outcome } from "../../policies/lib/evaluate";
import type { Rule } from "../../policies/lib/rule";
import { T as awsT } from "../../policies/aws/support/tokens";
import { T as azureT } from "../../policies/azure/support/tokens";
import { T as gcpT } from "../../policies/gcp/support/tokens";
import { clouds, resource, rulesOf, type Cloud } from "../support/policies";

const root = path.join(__dirname, "..", "..");

/**
 * Each cloud's installed SDK (its tokens' prefix), its table of type tokens (support/tokens.ts `T`), and
 * whether a class's alias counts as declared (Azure's rules list the old insights token of the diagnostic
 * setting, which the class aliases).
 */
const sdks: Record<Cloud, { pkg: string; prefix: string; table: Readonly<Record<string, string | readonly string[]>>; aliases: boolean }> = {
    aws: { pkg: "@pulumi/aws", prefix: "aws:", table: awsT, aliases: false },
    azure: { pkg: "@pulumi/azure-native", prefix: "azure-native:", table: azureT, aliases: true },
    gcp: { pkg: "@pulumi/gcp", prefix: "gcp:", table: gcpT, aliases: false },
};

/** Every token the SDK's classes in `modules` declare as their own `__pulumiType`, and with `aliases` the aliases they carry. */
function declaredTokens(pkg: string, modules: Iterable<string>, aliases: boolean): Set<string> {
    const sdk = path.dirname(require.resolve(`${pkg}/package.json`));
    const out = new Set<string>();
    for (const m of modules) {
        if (!fs.existsSync(path.join(sdk, m))) continue;
        for (const f of fs.readdirSync(path.join(sdk, m)).filter(f => f.endsWith(".js"))) {
            const js = fs.readFileSync(path.join(sdk, m, f), "utf8");
            const own = /__pulumiType = '([^']+)'/.exec(js)?.[1];
            if (own) out.add(own);
            if (aliases) for (const a of js.matchAll(/type: "([a-z-]+:[^"]+)"/g)) out.add(a[1]);
        }
    }
    return out;
}

/** The type tokens a rule names: what a resource rule judges, what a stack rule judges and reads. */
function tokensOf(rule: Rule): string[] {
    return rule.kind === "resource" ? [...rule.types] : [...rule.judges ?? [], ...Object.values(rule.reads ?? {}).flat()];
}

for (const cloud of clouds) {
    describe(`${cloud} policy catalogue (policies/${cloud})`, () => {
        const dir = path.join(root, "policies", cloud);
        const rules = rulesOf({ cloud });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const ownRules = (file: string): Rule[] | undefined => require(path.join(dir, file)).rules;

        it("has one file per control, named after it, holding rules of that control", () => {
            for (const id of controlIds) {
                const own = ownRules(`${id.toLowerCase()}.ts`) ?? [];
                assert.ok(own.some(r => r.controls.includes(id)), `policies/${cloud}/${id.toLowerCase()}.ts has rules of ${id}`);
            }
        });

        it("lists every rule of every file that exports rules exactly once, and nothing else", () => {
            const files = fs.readdirSync(dir).filter(f => f.endsWith(".ts") && f !== "index.ts");
            const listed = files.flatMap(f => ownRules(f) ?? []);
            assert.ok(files.includes("no-safeguard.ts"), "the no-safeguard table is one of them");
            for (const rule of listed) assert.equal(rules.filter(r => r === rule).length, 1, rule.name);
            assert.equal(listed.length, rules.length, "every rule comes from a file of the folder");
            assert.equal(new Set(rules.map(r => r.name)).size, rules.length, "rule names are unique");
        });

        it(`names each rule ${cloud}-<its one control>-<resource>, with full metadata`, () => {
            for (const rule of rules) {
                assert.equal(rule.controls.length, 1, `${rule.name}: one control per rule`);
                assert.match(rule.name, new RegExp(`^${cloud}-${rule.controls[0].toLowerCase()}-[a-z0-9-]+$`));
                assert.ok(rule.description.trim().length > 20 && rule.description.trim().endsWith("."), `${rule.name} says what it requires, in a sentence`);
                assert.ok(rule.remediation.trim().length > 20, `${rule.name} says how to comply`);
            }
        });

        it("covers every control of the catalogue", () => {
            assert.deepEqual([...new Set(rules.flatMap(r => r.controls))].sort(), [...controlIds].sort());
        });

        // The no-safeguard table's rules are run one by one by the next check, not named in a spec each.
        it(`has a spec under test/policies/${cloud} that names every rule outside its no-safeguard table`, () => {
            const table = new Set(ownRules("no-safeguard.ts"));
            const specDir = path.join(__dirname, cloud);
            const specs = fs.readdirSync(specDir).filter(f => f.endsWith(".spec.ts")).map(f => fs.readFileSync(path.join(specDir, f), "utf8")).join("\n");
            // Named whole: "azure-x-y" inside "azure-x-y-z" is not a test of azure-x-y.
            const unnamed = rules.filter(r => !table.has(r) && !new RegExp(`(?<![a-z0-9-])${r.name}(?![a-z0-9-])`).test(specs));
            assert.deepEqual(unnamed.map(r => r.name), []);
        });

        it("judges by its no-safeguard table: not applicable to a bare resource, with the reason; not judged with an input the table did not read", () => {
            const table = ownRules("no-safeguard.ts") ?? [];
            assert.ok(table.length > 0);
            for (const rule of table) {
                if (rule.kind !== "resource") throw new Error(`${rule.name} is a resource rule`);
                for (const type of rule.types) {
                    const bare: Outcome = resourceOutcome(rule, resource(type, { __defaults: [] }))!;
                    assert.equal(bare.outcome, "not-applicable", `${rule.name} on ${type}`);
                    assert.ok(bare.reason && !bare.otherKind && rule.description.includes(bare.reason), `${rule.name}: the table's reason, judged`);
                    const other: Outcome = resourceOutcome(rule, resource(type, { somethingElse: true }))!;
                    assert.ok(other.otherKind && /"somethingElse"/.test(other.reason ?? ""), `${rule.name}: an input beyond the table leaves ${type} not judged`);
                }
            }
        });

        it("becomes a @pulumi/policy policy for the real engine, with the control as tag", () => {
            for (const rule of rules) {
                const policy = toPulumiPolicy(rule);
                assert.equal(policy.name, rule.name);
                assert.deepEqual(policy.tags, rule.controls);
                assert.ok(rule.kind === "resource" ? "validateResource" in policy : "validateStack" in policy, rule.name);
            }
        });

        it(`names only type tokens that the installed ${sdks[cloud].pkg} declares${sdks[cloud].aliases ? " (or aliases)" : ""}, in its rules and in its T`, () => {
            const { pkg, prefix, table, aliases } = sdks[cloud];
            const listed = Object.values(table).flat();
            assert.ok(listed.length > 10 && listed.every(t => t.startsWith(prefix)), `every entry of ${cloud}'s T is a ${prefix} token`);
            const tokens = new Set([...rules.flatMap(tokensOf).filter(t => t.startsWith(prefix)), ...listed]);
            const declared = declaredTokens(pkg, new Set([...tokens].map(t => t.split(":")[1].split("/")[0])), aliases);
            assert.deepEqual([...tokens].filter(t => !declared.has(t)), []);
        });

        it("keeps its type tokens in one frozen T, its lists frozen too (a rule cannot change what another judges)", () => {
            const { table } = sdks[cloud];
            assert.ok(Object.isFrozen(table));
            for (const [kind, tokens] of Object.entries(table)) assert.ok(typeof tokens === "string" || Object.isFrozen(tokens), `T.${kind}`);
        });
    });
}
