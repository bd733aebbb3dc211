// A resource whose every input is unknown at preview (each input of its type's Args, read from the installed
// azure-native SDK) is never compliant under any Azure resource rule, and never let off as not applicable except
// by the no-safeguard table, which holds regardless of inputs: an unknown value is judged at `pulumi up`.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { noSafeguardTypes } from "../../../policies/azure/no-safeguard";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { UNKNOWN } from "../../../policies/lib/values";
import { resource, rulesOf } from "../../support/policies";

const rules = rulesOf({ cloud: "azure" });

describe("azure: a resource whose every input is unknown at preview", () => {
    it("is never compliant, and not applicable only for a no-safeguard type", () => {
        const sdk = path.dirname(require.resolve("@pulumi/azure-native/package.json"));
        const noSafeguard = new Set(noSafeguardTypes.flatMap(t => t.types));
        const wrong: string[] = [];
        let judged = 0;
        for (const rule of rules) {
            if (rule.kind !== "resource" || rule.controls.some(c => c === "TAGGING" || c === "RESIDENCY")) continue;
            for (const type of rule.types.filter(t => t.startsWith("azure-native:"))) {
                const [, mod, kind] = type.split(":");
                const file = path.join(sdk, mod, `${kind.charAt(0).toLowerCase()}${kind.slice(1)}.d.ts`);
                const args = fs.existsSync(file) ? /export interface \w+Args \{([\s\S]*?)\n\}/.exec(fs.readFileSync(file, "utf8")) : null;
                if (!args) continue;
                const props = Object.fromEntries([...args[1].matchAll(/^ {4}(\w+)\??:/gm)].map(m => [m[1], UNKNOWN]));
                const { outcomes } = evaluateOutcomes([rule], [resource(type, props, { name: "x" })], () => ({ config: { environment: "prod" } }));
                judged += 1;
                for (const o of outcomes) {
                    if (o.outcome === "compliant" || (o.outcome === "not-applicable" && !noSafeguard.has(type))) wrong.push(`${rule.name} on ${type}: ${o.outcome} ${o.reason ?? ""}`);
                }
            }
        }
        assert.ok(judged > 80, `${judged} rule/type pairs`);
        assert.deepEqual(wrong, []);
    });
});
