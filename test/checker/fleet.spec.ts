// The fleet report: --all-stacks' stacks × controls matrix, --shard i/n, and `hipaa-cloud merge`.
// Generated hospital stacks (test/support/fleet-stacks.ts: passing, dev stacks that fail, one refused);
// 4 shards merged must give exactly what one unsharded run gives, and no edit of a shard's report may
// turn the merge into a PASS.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "../../checker/args";
import { loadRules } from "../../checker/check";
import { CheckError } from "../../checker/errors";
import { mergeReports } from "../../checker/merge";
import { fleetOf, parseShard, shardStacks, sortedNames } from "../../checker/report/fleet";
import { policyInfo } from "../../checker/report/model";
import { controlIds } from "../../policies/controls";
import { writeFleet } from "../support/fleet-stacks";
import { CliResult, spawnTimeout, tempDir } from "./helpers";
import { checkInProcess } from "./in-process";

describe("--shard i/n", () => {
    it("takes i/n with 1 ≤ i ≤ n ≤ 1000 in ASCII digits, and refuses anything else naming the allowed form", () => {
        assert.deepEqual(parseShard("2/4"), { index: 2, count: 4 });
        assert.deepEqual(parseShard("1000/1000"), { index: 1000, count: 1000 });
        for (const bad of ["0/4", "5/4", "1/0", "a/b", "1/4 ", " 1/4", "01/4", "1/04", "+1/4", "1.0/4", "1e0/4", "１/4", "1/1001", "1/4/4", "1", "1-4", "", "-1/4", "1/∞"]) {
            assert.throws(() => parseShard(bad), (e: Error) => e instanceof CheckError && /expected i\/n, .*1 ≤ i ≤ n ≤ 1000, digits only/.test(e.message), JSON.stringify(bad));
        }
    });

    it("puts every stack in exactly one shard, by sorted name, whatever n", () => {
        const names = sortedNames(["b", "a-b", "a", "Z", "a.b", "h10", "h9", "é"]);
        assert.deepEqual(names, ["Z", "a", "a-b", "a.b", "b", "h10", "h9", "é"], "code-unit order, not the locale's");
        for (let n = 1; n <= names.length; n++) {
            const parts = Array.from({ length: n }, (_, i) => shardStacks(names, i + 1, n));
            assert.deepEqual(sortedNames(parts.flat()), names, `n=${n}`);
            assert.ok(parts.every(p => p.length >= 1), `n=${n}: an empty shard`);
        }
    });

    it("goes with --all-stacks only", () => {
        assert.throws(() => parseArgs(["check", "--stack", "demo", "--shard", "1/2"]), /--shard goes with --all-stacks/);
        const args = parseArgs(["check", "--all-stacks", "--shard=3/4"]);
        assert.deepEqual(args.command === "check" && args.shard, { index: 3, count: 4 });
    });
});

describe("merge arguments", () => {
    it("needs files, each once, and a known format", () => {
        assert.throws(() => parseArgs(["merge"]), /merge: name the JSON reports/);
        assert.throws(() => parseArgs(["merge", "a.json", "./a.json"]), /a\.json given twice/);
        assert.throws(() => parseArgs(["merge", "a.json", "--format", "xml"]), /--format xml: not a format/);
        assert.throws(() => parseArgs(["merge", "a.json", "--strict"]), /merge: unknown argument "--strict"/);
        assert.deepEqual(parseArgs(["merge", "a.json", "b.json", "--format=markdown"]),
            { command: "merge", files: ["a.json", "b.json"], format: "markdown", out: undefined, rules: undefined, program: undefined, ownProject: false });
        assert.throws(() => parseArgs(["merge", "a.json", "--program", "x", "--own-stacks"]), /--program DIR and --own-stacks name the fleet twice/);
    });
});

describe("fleet report, --shard and merge (generated hospital stacks)", function () {
    this.timeout(spawnTimeout);
    const env = { HIPAA_CLOUD_TODAY: "2026-12-06" };
    let fleet: { dir: string; stacks: string[] };
    let out: string;
    let whole: CliResult;
    let wholeMarkdown: CliResult;
    let shards: CliResult[];
    const shardFile = (i: number) => path.join(out, `shard${i}.json`);
    const policies = loadRules(undefined).map(policyInfo);
    const merge = (files: string[]) => mergeReports(files, policies, undefined);
    /** A copy of shard i's report, edited. */
    const edited = (i: number, edit: (doc: any) => void, name = `edited${i}.json`) => {
        const doc = JSON.parse(fs.readFileSync(shardFile(i), "utf8"));
        edit(doc);
        const file = path.join(out, name);
        fs.writeFileSync(file, JSON.stringify(doc));
        return file;
    };
    const allBut = (i: number, file: string) => [1, 2, 3, 4].map(k => (k === i ? file : shardFile(k)));

    before(async () => {
        const saved = process.env.HIPAA_CLOUD_TODAY;
        process.env.HIPAA_CLOUD_TODAY = env.HIPAA_CLOUD_TODAY;
        try {
            // 7 hospitals: h003 is a dev stack (DELETION-PROTECTION fails it), h005's config is refused.
            fleet = writeFleet({ count: 7, devEvery: 4, broken: [5] });
            out = tempDir("fleet");
            const check = ["check", "--program", fleet.dir, "--all-stacks", "--jobs", "1", "--judging-day", env.HIPAA_CLOUD_TODAY];
            [whole, wholeMarkdown, ...shards] = await Promise.all([
                checkInProcess([...check, "--format", "json"]),
                checkInProcess([...check, "--format", "markdown"]),
                ...[1, 2, 3, 4].map(i => checkInProcess([...check, "--shard", `${i}/4`, "--format", "json", "--out", shardFile(i)])),
            ]);
        } finally {
            if (saved === undefined) delete process.env.HIPAA_CLOUD_TODAY; else process.env.HIPAA_CLOUD_TODAY = saved;
        }
    });

    it("--all-stacks JSON gains the stacks × controls matrix, computed from the findings", () => {
        assert.equal(whole.code, 2, whole.stderr);
        const doc = JSON.parse(whole.stdout);
        assert.deepEqual(doc.stacks.map((s: any) => s.stack), ["h000", "h001", "h002", "h003", "h004", "h006"]);
        const f = doc.fleet;
        assert.equal(f.verdict, "error");
        assert.equal(f.shard, null);
        assert.deepEqual(f.totals.stacks, { pass: 5, fail: 1, error: 1 });
        const h003 = f.stacks.find((s: any) => s.stack === "h003");
        assert.equal(h003.verdict, "fail");
        assert.equal(h003.controls["DELETION-PROTECTION"], "fail");
        assert.equal(f.stacks.find((s: any) => s.stack === "h005").controls["ENC-REST-CMK"], "error");
        assert.equal(f.totals.controls["DELETION-PROTECTION"].fail, 1);
        // A stack without the warehouse has no rule of LOG-INTEGRITY judging anything there: not judged, never a pass.
        assert.ok(Object.values(f.totals.controls).every((t: any) => t.pass + t.fail + t.advisory + t.exempted + t["not-judged"] + t.error === 7));
    });

    it("--all-stacks Markdown shows the matrix with totals", () => {
        assert.ok(wholeMarkdown.stdout.includes(`## Fleet: 7 stacks × ${controlIds.length} controls`), wholeMarkdown.stdout.slice(0, 500));
        assert.match(wholeMarkdown.stdout, /\| h003 \| ❌ FAIL \| 0 of \d+ \|/);
        assert.match(wholeMarkdown.stdout, /\| h005 \| 💥 ERROR \| — \| 💥 \|/);
        assert.match(wholeMarkdown.stdout, /\| \*\*totals\*\* \| 5 ✅ 1 ❌ 1 💥 \|/);
    });

    it("each shard checks its part and says which shard it is; 4 shards merged equal one unsharded run", async () => {
        const parts = shards.map(s => JSON.parse(fs.readFileSync(shardFile(shards.indexOf(s) + 1), "utf8")));
        parts.forEach((p, i) => {
            assert.deepEqual(p.fleet.shard, { index: i + 1, count: 4, stacks: fleet.stacks });
            assert.deepEqual([...p.stacks.map((s: any) => s.stack), ...p.summary.errors.map((e: any) => e.stack)].sort(), shardStacks(fleet.stacks, i + 1, 4));
        });
        assert.deepEqual(shards.map(s => s.code), [0, 2, 0, 1], shards.map(s => s.stderr).join("\n"));
        const [json, markdown] = await Promise.all(["json", "markdown"].map(format => checkInProcess(["merge", ...[4, 2, 1, 3].map(shardFile), "--format", format])));
        assert.equal(json.code, whole.code, json.stderr);
        assert.deepEqual(JSON.parse(json.stdout), JSON.parse(whole.stdout));
        assert.equal(markdown.stdout, wholeMarkdown.stdout);
    });

    it("--shard with more shards than stacks is refused", async () => {
        const r = await checkInProcess(["check", "--program", fleet.dir, "--all-stacks", "--shard", "8/8", "--format", "json"]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /--shard 8\/8: there are 7 stacks .* at most 7 shards/);
    });

    // Every way to talk the merge into a better verdict than the shards' findings give.
    const refusals: [string, () => string[], RegExp][] = [
        ["a shard missing", () => [1, 2, 4].map(shardFile), /1 of 4 shards missing: 3\/4 \(stacks h002, h006\)/],
        ["a shard given twice", () => [1, 2, 3, 4].map(shardFile).concat(edited(2, () => undefined, "copy2.json")), /h001 is in .*shard2\.json and in .*copy2\.json|shard 2\/4 given twice/],
        ["a failing stack cut out of its shard", () => allBut(4, edited(4, d => { d.stacks = d.stacks.filter((s: any) => s.stack !== "h003"); })), /lacks h003/],
        ["an error cut out of its shard", () => allBut(2, edited(2, d => { d.summary.errors = []; })), /lacks h005/],
        ["a stack moved to another shard", () => {
            const moved = JSON.parse(fs.readFileSync(shardFile(4), "utf8")).stacks.find((s: any) => s.stack === "h003");
            return [edited(1, d => { d.stacks.push(moved); }, "moved1.json"), shardFile(2), shardFile(3), edited(4, d => { d.stacks = d.stacks.filter((s: any) => s.stack !== "h003"); }, "moved4.json")];
        }, /holds h003, which are not its stacks|lacks h003/],
        // A shard judged on another day could hold an exemption the others' day has expired.
        ["a shard judged on another day", () => allBut(4, edited(4, d => { for (const s of d.stacks) s.exemptionsJudgedOn = { date: "2026-06-15", setBy: "--judging-day" }; })), /was judged under .*--judging-day/],
        ["a summary edited to pass", () => allBut(4, edited(4, d => { for (const s of d.stacks) s.summary.mandatory = 0; })), /summary: got .*its findings make .*edited or cut/],
        ["the findings deleted, summary made to match", () => allBut(4, edited(4, d => { for (const s of d.stacks) { s.findings = []; s.summary = { ...s.summary, mandatory: 0, advisory: 0, exempted: 0 }; } })), /is violation but the report has no finding of it/],
        ["a mandatory finding made advisory", () => allBut(4, edited(4, d => {
            for (const s of d.stacks) { for (const f of s.findings) f.enforcement = "advisory"; s.summary.advisory += s.summary.mandatory; s.summary.mandatory = 0; }
        })), /is advisory, but the policy is mandatory/],
        ["a mandatory finding flagged exempted", () => allBut(4, edited(4, d => {
            for (const s of d.stacks) { for (const f of s.findings) f.exempted = true; s.summary = { ...s.summary, mandatory: 0, advisory: 0, exempted: s.findings.length }; }
        })), /is exempted, but no exemption of the report holds for it/],
        ["an exemption added to one shard", () => allBut(4, edited(4, d => {
            for (const s of d.stacks) {
                s.exemptions.push({ policy: "x", control: "TAGGING", resource: "*bucket*", reason: "because", expires: "2027-01-01", status: "holds", problem: null, exempted: 0, matched: 0, unused: true });
            }
        })), /every shard must run with the same --policy-config/],
        ["a stack's coverage claiming everything judged", () => allBut(1, edited(1, d => {
            const s = d.stacks[0];
            s.coverage.judged -= 1; s.coverage.notJudged += 1;
            s.coverage.notJudgedResources.push({ urn: s.outcomes.find((o: any) => o.judged).urn, type: "t", name: "n", reason: "r" });
        })), /coverage: says .* but its outcomes say/],
        ["a --strict finding in a check without --strict", () => allBut(1, edited(1, d => {
            const s = d.stacks[0];
            s.findings.push({ policy: "hipaa-cloud-strict-coverage", controls: [], citation: "", enforcement: "mandatory", urn: null, type: null, message: "m", exempted: true, reason: "x", severity: "high", name: null, unknown: false });
            s.summary.exempted += 1;
        })), /--strict findings for 0 resources not judged in a check without --strict|is exempted, but no exemption/],
        ["a finding's exempted as the string \"true\"", () => allBut(4, edited(4, d => { d.stacks.find((s: any) => s.findings.length).findings[0].exempted = "true"; })), /findings\[0\]\.exempted: got "true"; expected true or false/],
        ["a summary count as a string", () => allBut(4, edited(4, d => { d.stacks[0].summary.mandatory = String(d.stacks[0].summary.mandatory); })), /summary: got/],
        ["another version", () => allBut(1, edited(1, d => { d.stacks[0].version = "0.0.9"; })), /version: got "0\.0\.9"; this is hipaa-cloud/],
        ["another pack's policy", () => allBut(4, edited(4, d => { d.stacks.find((s: any) => s.findings.length).findings[0].policy = "aws-made-up"; })), /"aws-made-up" is not a policy of this pack/],
        ["another split", () => allBut(1, edited(1, d => { d.fleet.shard.count = 3; })), /not one split of one fleet/],
        ["a shard claiming a smaller fleet", () => allBut(1, edited(1, d => { d.fleet.shard.stacks = d.fleet.shard.stacks.filter((s: string) => s !== "h003"); })), /not one split of one fleet/],
        ["a weaker policy config in one shard", () => allBut(3, edited(3, d => {
            for (const s of d.stacks) s.policyConfigWeakened = [{ policy: "aws-tagging-resource", by: "all", setting: "enforcementLevel", value: "disabled", default: "mandatory", message: "m" }];
        })), /judged under .* every shard must run with the same --policy-config/],
        ["a stack name that is a path", () => allBut(1, edited(1, d => { d.stacks[0].stack = "../h000"; })), /stack: /],
        ["a one-stack report", () => allBut(1, edited(1, d => Object.assign(d, { tool: "hipaa-cloud" }))), /is the report of one stack/],
        ["a key given twice", () => {
            const file = path.join(out, "dup.json");
            fs.writeFileSync(file, fs.readFileSync(shardFile(1), "utf8").replace(/^\{/, '{"fleet": {"shard": null},'));
            return allBut(1, file);
        }, /the key "fleet" is given twice/],
        ["not JSON", () => { const f = path.join(out, "x.json"); fs.writeFileSync(f, "PASS"); return allBut(1, f); }, /x\.json: not JSON/],
        ["a directory", () => allBut(1, out), /is a directory; expected a regular file/],
        ["a device", () => allBut(1, "/dev/zero"), /is a character device/],
        ["a whole-fleet report beside shards", () => {
            const f = path.join(out, "whole.json");
            fs.writeFileSync(f, whole.stdout);
            return [f, shardFile(2)];
        }, /holds a whole fleet \(no --shard\)/],
    ];
    for (const [what, files, refused] of refusals) {
        it(`refuses ${what}`, () => {
            const list = files();
            assert.throws(() => merge(list), (e: Error) => {
                assert.ok(e instanceof CheckError, `${what}: ${e.stack}`);
                assert.match(e.message, refused);
                return true;
            }, what);
        });
    }

    it("with the project's stack list, refuses a fleet that left a stack out of every shard or holds one the project lacks", () => {
        const files = [1, 2, 3, 4].map(shardFile);
        assert.doesNotThrow(() => mergeReports(files, policies, undefined, { stacks: fleet.stacks, where: fleet.dir }));
        assert.throws(() => mergeReports(files, policies, undefined, { stacks: [...fleet.stacks, "h999"], where: fleet.dir }), /fleet is not the stacks of .*: missing h999/);
        assert.throws(() => mergeReports(files, policies, undefined, { stacks: fleet.stacks.filter(n => n !== "h003"), where: fleet.dir }), /not a stack there: h003/);
    });

    it("merge --program DIR reads the project's stack files", async () => {
        const r = await checkInProcess(["merge", ...[1, 2, 3, 4].map(shardFile), "--format", "json", "--program", fleet.dir]);
        assert.equal(r.code, 2, r.stderr); // h005 could not be checked
        assert.equal(JSON.parse(r.stdout).fleet.stacks.length, 7);
        const elsewhere = await checkInProcess(["merge", ...[1, 2, 3, 4].map(shardFile), "--own-stacks"]);
        assert.equal(elsewhere.code, 2);
        assert.match(elsewhere.stderr, /the reports' fleet is not the stacks of .*stacks: missing demo, mercy-gcp, stlukes-azure; not a stack there: h000/);
    });

    it("refuses the pack's reports when told they were judged by --rules, and --rules reports without it", () => {
        assert.throws(() => mergeReports([1, 2, 3, 4].map(shardFile), policies, "other-rules.ts"), /judged by the hipaa pack, not by --rules other-rules\.ts/);
        const files = [1, 2, 3, 4].map(i => edited(i, d => { for (const st of d.stacks) st.rules = { module: "mine.ts", count: 1 }; }, `rules${i}.json`));
        assert.throws(() => merge(files), /was judged by --rules mine\.ts, not by the hipaa pack: give merge the same --rules/);
    });

    it("never reads a verdict field: an edited fleet verdict or summary of the shard changes nothing", () => {
        const file = edited(4, d => { d.fleet.verdict = "pass"; d.fleet.totals.stacks = { pass: 7, fail: 0, error: 0 }; d.summary.failed = 0; d.summary.passed = 7; });
        const input = merge(allBut(4, file));
        assert.equal(fleetOf(input).verdict, "error");
        assert.equal(fleetOf(input).totals.stacks.fail, 1);
    });
});

describe("merge of a stack with a part judged with its resource", function () {
    this.timeout(spawnTimeout);
    const policies = loadRules(undefined).map(policyInfo);
    let file: string;
    before(async () => {
        // The public access block of the public bucket "images" fails with it and carries no finding of its own.
        const dir = tempDir("merge-part");
        fs.cpSync(path.join(__dirname, "../fixtures/program-analysis-insecure-aws"), dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "Pulumi.one.yaml"), "config:\n  aws:region: us-east-1\n");
        file = path.join(dir, "shard.json");
        const run = await checkInProcess(["check", "--program", dir, "--all-stacks", "--shard", "1/1", "--format", "json", "--out", file]);
        assert.equal(run.code, 1, run.stderr);
    });
    const partOfImages = (doc: any) => {
        const entry = doc.stacks[0].outcomes.find((o: any) => o.urn?.endsWith("::images-public"));
        return entry.policies["aws-public-access-s3-bucket"];
    };

    it("merges the real report: the part's failure is its bucket's finding (the merge refused it as a deleted finding)", () => {
        const doc = JSON.parse(fs.readFileSync(file, "utf8"));
        assert.equal(partOfImages(doc).outcome, "violation");
        assert.match(partOfImages(doc).partOf[0], /::aws:s3\/bucket:Bucket::images$/);
        assert.equal(fleetOf(mergeReports([file], policies, undefined)).verdict, "fail");
    });

    it("refuses a part whose resources carry no finding of it", () => {
        const doc = JSON.parse(fs.readFileSync(file, "utf8"));
        partOfImages(doc).partOf = ["urn:pulumi:one::analysis-insecure-aws::aws:s3/bucket:Bucket::elsewhere"];
        const edited = path.join(path.dirname(file), "edited.json");
        fs.writeFileSync(edited, JSON.stringify(doc));
        assert.throws(() => mergeReports([edited], policies, undefined), /Bucket::elsewhere has no aws-public-access-s3-bucket outcome in this stack's report/);
    });

    it("refuses a part named a part of itself, of nothing, of a resource without that policy's outcome, of another part (a chain or cycle), or standing otherwise than its resources", () => {
        const editedWith = (edit: (doc: any, part: any, images: string) => void) => {
            const doc = JSON.parse(fs.readFileSync(file, "utf8"));
            const part = partOfImages(doc);
            edit(doc, part, part.partOf[0]);
            const out = path.join(path.dirname(file), "edited-part.json");
            fs.writeFileSync(out, JSON.stringify(doc));
            return () => mergeReports([out], policies, undefined);
        };
        const entryOf = (doc: any, urn: string) => doc.stacks[0].outcomes.find((o: any) => o.urn === urn);
        const self = (doc: any) => doc.stacks[0].outcomes.find((o: any) => o.urn?.endsWith("::images-public")).urn;
        assert.throws(editedWith((doc, part) => { part.partOf = [self(doc)]; }), /is named a part of itself/);
        assert.throws(editedWith((_d, part) => { part.partOf = []; }), /names no resource/);
        // A resource of the stack that the policy did not judge (the part's bucket's key, say).
        assert.throws(editedWith((doc, part, images) => {
            const other = doc.stacks[0].outcomes.find((o: any) => o.urn !== images && o.urn && !o.policies["aws-public-access-s3-bucket"]);
            part.partOf = [images, other.urn];
        }), /has no aws-public-access-s3-bucket outcome in this stack's report/);
        // The bucket made a part of its own part: a cycle, each borrowing the other's standing.
        assert.throws(editedWith((doc, _part, images) => { entryOf(doc, images).policies["aws-public-access-s3-bucket"].partOf = [self(doc)]; }), /is itself a part of others/);
        // Shown passing beside the bucket it failed with.
        assert.throws(editedWith((_d, part) => { part.outcome = "compliant"; }), /images-public is compliant, but the resources it was judged with make it violation/);
    });
});
