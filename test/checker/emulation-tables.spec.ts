// The engine emulation's answer tables (checker/emulation/<cloud>.ts): each token in the one table of
// its package, so an answer is added in one place and no table silently overrides another's; and what
// the mechanism answers for a token is its table's answer.
import assert from "node:assert/strict";
import { aws } from "../../checker/emulation/aws";
import { azure } from "../../checker/emulation/azure";
import { gcp } from "../../checker/emulation/gcp";
import { kubernetes } from "../../checker/emulation/kubernetes";
import type { EmulationTable } from "../../checker/emulation/table";
import { answerInvoke } from "../../checker/invokes";
import { defaultIdentity, Recorder } from "../../checker/mocks";
import { computedOutputs } from "../../checker/outputs";

/** Table → the packages whose tokens it holds. */
const tables: [string, EmulationTable, string[]][] = [
    ["aws", aws, ["aws", "awsx"]], ["azure", azure, ["azure-native"]], ["gcp", gcp, ["gcp"]], ["kubernetes", kubernetes, ["kubernetes", "docker"]],
];

describe("engine emulation tables", () => {
    for (const kind of ["invokes", "outputs"] as const) {
        it(`holds each ${kind} token in exactly one table, the one of its package`, () => {
            const seen = new Map<string, string>();
            for (const [name, table, packages] of tables) {
                for (const token of Object.keys(table[kind])) {
                    assert.ok(packages.includes(token.split(":")[0]), `${token} is in the ${name} table`);
                    assert.ok(!seen.has(token), `${token} is in the ${seen.get(token)} and the ${name} table`);
                    seen.set(token, name);
                }
            }
            assert.ok(seen.size > 0);
        });
    }

    it("answers every invoke and computes every output its table holds, with the table's values", () => {
        const config = { "aws:region": "eu-west-1" };
        for (const [, table] of tables) {
            for (const [token, answer] of Object.entries(table.invokes)) {
                const recorder = new Recorder("hospital", "test");
                assert.deepEqual(answerInvoke(token, {}, config, defaultIdentity, recorder), answer({}, config, defaultIdentity), token);
                assert.deepEqual([...recorder.unknownInvokes], [], `${token} is known`);
            }
            for (const [type, outputs] of Object.entries(table.outputs)) {
                assert.deepEqual(Object.keys(computedOutputs(type, "res", {}, config, defaultIdentity)), Object.keys(outputs("res", {}, "eu-west-1", defaultIdentity)), type);
            }
        }
    });
});
