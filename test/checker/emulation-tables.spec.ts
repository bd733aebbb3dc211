// The engine emulation's answer tables (checker/emulation/<cloud>.ts): each token in the one table of
// its package, so an answer is added in one place and no table silently overrides another's; and what
// the mechanisms answer for a token (identifiers, invokes, outputs) is its table's answer.
import assert from "node:assert/strict";
import { tables } from "../../checker/emulation/tables";
import { identifiersFor } from "../../checker/identifiers";
import { answerInvoke } from "../../checker/invokes";
import { defaultIdentity, Recorder } from "../../checker/mocks";
import { computedOutputs } from "../../checker/outputs";

describe("engine emulation tables", () => {
    for (const kind of ["invokes", "outputs"] as const) {
        it(`holds each ${kind} token in exactly one table, the one of its package`, () => {
            const seen = new Map<string, string>();
            for (const table of tables) {
                const name = table.packages.join("/");
                for (const token of Object.keys(table[kind])) {
                    assert.ok(table.packages.includes(token.split(":")[0]), `${token} is in the ${name} table`);
                    assert.ok(!seen.has(token), `${token} is in the ${seen.get(token)} and the ${name} table`);
                    seen.set(token, name);
                }
            }
            assert.ok(seen.size > 0);
        });
    }

    it("gives each package to one table", () => {
        const packages = tables.flatMap(t => t.packages);
        assert.deepEqual(packages, [...new Set(packages)]);
    });

    it("answers every invoke, computes every output and gives the identifiers its table holds, with the table's values", () => {
        const config = { "aws:region": "eu-west-1" };
        for (const table of tables) {
            for (const [token, answer] of Object.entries(table.invokes)) {
                const recorder = new Recorder("hospital", "test");
                assert.deepEqual(answerInvoke(token, {}, config, defaultIdentity, recorder), answer({}, config, defaultIdentity), token);
                assert.deepEqual([...recorder.unknownInvokes], [], `${token} is known`);
            }
            for (const [type, outputs] of Object.entries(table.outputs)) {
                assert.deepEqual(Object.keys(computedOutputs(type, "res", {}, config, defaultIdentity)), Object.keys(outputs("res", {}, "eu-west-1", defaultIdentity)), type);
            }
            const type = `${table.packages[0]}:index/thing:Thing`;
            assert.deepEqual(identifiersFor(type, "res", {}, config, defaultIdentity), table.identifiers?.(type, "res", {}, config, defaultIdentity) ?? { id: "res-id" }, type);
        }
    });
});
