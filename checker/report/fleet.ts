// The fleet report of --all-stacks and `hipaa-cloud merge`: one matrix of hospitals (stacks) × controls,
// each cell pass, fail, advisory, exempted, not judged (or error: the stack could not be checked), with
// totals per control and per verdict. Computed from each stack's findings and outcomes
// (control-status.ts), never from a summary or verdict field, so a merge of shards' JSON reports and a
// single run compute it the same way. --shard i/n splits the stacks by sorted name.
import { CheckError } from "../errors";
import { ControlStatus, packControls, statusByControl } from "./control-status";
import { cell } from "./markdown";
import type { CheckReport, RenderInput } from "./model";

/** Which part of the fleet a report holds: shard `index` of `count`, of the fleet's `stacks` (every stack name, sorted). */
export interface ShardInfo { index: number; count: number; stacks: string[] }

export type CellStatus = ControlStatus | "error";
export type StackVerdict = "pass" | "fail" | "error";

export interface FleetStack {
    stack: string;
    verdict: StackVerdict;
    controls: Record<string, CellStatus>;
    /** Counted from the findings: mandatory, advisory and exempted findings. */
    mandatory: number; advisory: number; exempted: number;
    cloudResources: number; judged: number; notJudged: number;
    /** The policy config weakens the check for this stack (the list is in its report). */
    weakened: boolean;
    /** Added: provider functions the checker could not answer (the report's unknownInvokes): a pass here rests on guessed values. */
    unansweredFunctions: number;
    /** error: why the stack could not be checked. */
    message?: string;
}

export interface Fleet {
    /** pass: every stack checked, none with a mandatory finding; fail: some mandatory finding; error: some stack not checked. */
    verdict: StackVerdict;
    controls: string[];
    stacks: FleetStack[];
    totals: {
        stacks: Record<StackVerdict, number>;
        controls: Record<string, Record<CellStatus, number>>;
        cloudResources: number; judged: number; notJudged: number;
    };
    /** The shard this report holds (--shard i/n); null: the whole fleet. */
    shard: ShardInfo | null;
}

const cellStatuses: readonly CellStatus[] = ["fail", "advisory", "exempted", "pass", "not-judged", "error"];

/** Sorted as the shards split them: by UTF-16 code units, the same on every machine and locale. */
export function sortedNames(names: Iterable<string>): string[] {
    return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The stacks of shard `index` (1-based) of `count`: every count-th stack of the sorted list, starting at the index-th. */
export function shardStacks(sorted: readonly string[], index: number, count: number): string[] {
    return sorted.filter((_, i) => i % count === index - 1);
}

export const maxShards = 1000;

/** `--shard i/n`: 1 ≤ i ≤ n ≤ 1000, digits only. */
export function parseShard(value: string): { index: number; count: number } {
    const m = /^([1-9]\d{0,3})\/([1-9]\d{0,3})$/.exec(value);
    const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    if (!m || index > count || count > maxShards) {
        throw new CheckError(`--shard ${JSON.stringify(value)}: expected i/n, this machine's shard i of n (1 ≤ i ≤ n ≤ ${maxShards}, digits only), e.g. --shard 2/4`);
    }
    return { index, count };
}

function stackRow(r: CheckReport, input: RenderInput): FleetStack {
    const mandatory = r.findings.filter(f => !f.exempted && f.enforcement === "mandatory").length;
    return {
        stack: r.stack ?? r.program,
        verdict: mandatory ? "fail" : "pass",
        controls: statusByControl(r, input.policies),
        mandatory,
        advisory: r.findings.filter(f => !f.exempted && f.enforcement === "advisory").length,
        exempted: r.findings.filter(f => f.exempted).length,
        cloudResources: r.coverage.resources, judged: r.coverage.judged, notJudged: r.coverage.notJudged,
        weakened: (r.policyConfigWeakened ?? []).length > 0,
        unansweredFunctions: r.unknownInvokes.length,
    };
}

export function fleetOf(input: RenderInput): Fleet {
    const controls = packControls(input.policies);
    const rows = [
        ...input.reports.map(r => stackRow(r, input)),
        ...input.errors.map((e): FleetStack => ({
            stack: e.stack, verdict: "error", controls: Object.fromEntries(controls.map(c => [c, "error"])), message: e.message,
            mandatory: 0, advisory: 0, exempted: 0, cloudResources: 0, judged: 0, notJudged: 0, weakened: false, unansweredFunctions: 0,
        })),
    ];
    const byName = new Map<string, FleetStack>();
    for (const row of rows) if (!byName.has(row.stack)) byName.set(row.stack, row);
    const stacks = sortedNames(rows.map(r => r.stack)).map(name => byName.get(name)!);
    const count = (v: StackVerdict) => stacks.filter(s => s.verdict === v).length;
    const totals = {
        stacks: { pass: count("pass"), fail: count("fail"), error: count("error") },
        controls: Object.fromEntries(controls.map(c => [c, Object.fromEntries(cellStatuses.map(s => [s, stacks.filter(x => x.controls[c] === s).length]))])) as Fleet["totals"]["controls"],
        cloudResources: stacks.reduce((n, s) => n + s.cloudResources, 0),
        judged: stacks.reduce((n, s) => n + s.judged, 0),
        notJudged: stacks.reduce((n, s) => n + s.notJudged, 0),
    };
    return {
        verdict: totals.stacks.error ? "error" : totals.stacks.fail ? "fail" : "pass",
        controls, stacks, totals, shard: input.shard ?? null,
    };
}

const mark: Record<CellStatus, string> = { fail: "❌", advisory: "⚠️", exempted: "➖", pass: "✅", "not-judged": "❔", error: "💥" };
const verdictMark: Record<StackVerdict, string> = { pass: "✅ pass", fail: "❌ FAIL", error: "💥 ERROR" };

/** The matrix in Markdown: a row per stack, a column per control, a totals row, and the legend. */
export function fleetMarkdown(fleet: Fleet): string {
    const out: string[] = [];
    const s = fleet.totals.stacks;
    const shard = fleet.shard ? ` (shard ${fleet.shard.index}/${fleet.shard.count} of ${fleet.shard.stacks.length} stacks: merge every shard for the fleet's verdict)` : "";
    out.push(`## Fleet: ${fleet.stacks.length} stacks × ${fleet.controls.length} controls${shard}`, "",
        `${s.pass} passed, ${s.fail} with mandatory findings, ${s.error} could not be checked; ${fleet.totals.cloudResources} cloud resources, ` +
        `${fleet.totals.judged} judged, ${fleet.totals.notJudged} not judged.`, "");
    out.push(`| stack | verdict | not judged | ${fleet.controls.join(" | ")} |`, `| --- | --- | ---: | ${fleet.controls.map(() => ":---:").join(" | ")} |`);
    for (const row of fleet.stacks) {
        const notJudged = row.verdict === "error" ? "—" : `${row.notJudged} of ${row.cloudResources}`;
        const guessed = row.unansweredFunctions ? ` ⚠️ ${row.unansweredFunctions} unanswered function${row.unansweredFunctions === 1 ? "" : "s"}` : "";
        out.push(`| ${cell(row.stack)}${row.weakened ? " ⚠️ weakened" : ""} | ${verdictMark[row.verdict]}${guessed} | ${notJudged} | ${fleet.controls.map(c => mark[row.controls[c]]).join(" | ")} |`);
    }
    const total = (c: string) => cellStatuses.filter(x => fleet.totals.controls[c][x]).map(x => `${mark[x]}${fleet.totals.controls[c][x]}`).join(" ");
    out.push(`| **totals** | ${s.pass} ✅ ${s.fail} ❌ ${s.error} 💥 | ${fleet.totals.notJudged} of ${fleet.totals.cloudResources} | ${fleet.controls.map(total).join(" | ")} |`, "");
    out.push(`${mark.pass} pass (judged, no finding) · ${mark.fail} mandatory finding · ${mark.advisory} advisory finding · ${mark.exempted} every finding exempted · ` +
        `${mark["not-judged"]} no rule of the control judged anything · ${mark.error} the stack could not be checked`, "");
    return out.join("\n");
}
