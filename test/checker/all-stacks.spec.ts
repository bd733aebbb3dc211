// --all-stacks: every stack file of a program, each in its own process; a progress line per stack,
// the reports and a summary that counts passed, failed and unrunnable stacks.
import assert from "node:assert/strict";
import { checkFixture, CliResult, spawnTimeout } from "./helpers";

describe("checker --all-stacks", function () {
    this.timeout(spawnTimeout);
    let r: CliResult;
    let reused: CliResult;
    before(async () => {
        [r, reused] = await Promise.all([
            checkFixture("program-basic", "--all-stacks", "--process-per-stack", "--format", "json"),
            // One process for all three stacks, in turn: each must see only its own resources and config.
            checkFixture("program-basic", "--all-stacks", "--jobs", "1", "--format", "json"),
        ]);
    });

    it("exits 2 when a stack could not be checked", () => {
        assert.equal(r.code, 2, r.stderr);
    });

    it("reports each checked stack and counts passed, failed and errors in the summary", () => {
        const out = JSON.parse(r.stdout);
        assert.deepEqual(out.stacks.map((s: any) => s.stack).sort(), ["dev", "untagged"]);
        const { stacks, passed, failed, errors, mandatory, advisory } = out.summary;
        assert.deepEqual({ stacks, passed, failed, mandatory, advisory }, { stacks: 3, passed: 1, failed: 1, mandatory: 3, advisory: 2 });
        assert.equal(errors.length, 1);
        assert.equal(errors[0].stack, "broken");
        assert.match(errors[0].message, /Pulumi\.broken\.yaml: Configuration 'fixture:bucketCount' value 'many'/);
        // The totals, as known numbers (dev registers 5 resources, untagged 3, broken none), not summed again here.
        assert.deepEqual(out.stacks.map((s: any) => [s.stack, s.summary.resources]), [["dev", 5], ["untagged", 3]]);
        assert.equal(out.summary.resources, 8);
    });

    it("prints one progress line per stack on standard error", () => {
        const lines = r.stderr.split("\n").filter(l => /^\[\d\/3\] /.test(l));
        assert.equal(lines.length, 3, r.stderr);
        assert.ok(lines.some(l => /^\[\d\/3\] dev: pass /.test(l)));
        assert.ok(lines.some(l => /^\[\d\/3\] untagged: FAIL .*3 mandatory/.test(l)));
        assert.ok(lines.some(l => /^\[\d\/3\] broken: ERROR /.test(l)));
    });

    it("with one process checking the stacks in turn (the default), reports exactly what a process per stack reports", () => {
        assert.equal(reused.code, 2, reused.stderr);
        const strip = (out: any) => ({
            summary: out.summary,
            stacks: out.stacks.map((s: any) => ({ stack: s.stack, resources: s.resources, findings: s.findings, summary: s.summary }))
                .sort((a: any, b: any) => a.stack.localeCompare(b.stack)),
        });
        assert.deepEqual(strip(JSON.parse(reused.stdout)), strip(JSON.parse(r.stdout)));
        assert.match(reused.stderr, /\(reused processes\)/);
    });
});
