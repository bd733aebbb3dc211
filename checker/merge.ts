// `hipaa-cloud merge REPORT.json ...`: joins the JSON reports of `check --all-stacks --shard i/n` runs
// (a CI matrix of n machines) into the fleet report one unsharded run gives, in any format.
//
// What the merge trusts, and what it does not. A JSON report is a file anyone can edit; nothing in it is
// signed, so the merge cannot tell a report the checker wrote from one written by hand to look like it:
// keep the shards' reports as the CI's own artifacts, and merge in the same pipeline. What it does do is
// refuse every report it cannot read as the whole, consistent output of this version of the checker:
// - only this checker's reports: bounded reads (checker/files.ts), strict JSON (a key given twice is
//   refused: JSON.parse keeps the last one silently), the shape checked field by field, `tool`
//   "hipaa-cloud" and `version` this checker's (another version has another pack: its findings are not
//   this pack's);
// - the verdict is never read: it is recomputed from the findings, and a report whose `summary` disagrees
//   with its findings is refused (an edited verdict); so is a violation, error or unknown outcome without
//   its finding, or for a part judged with its resources (outcomes' partOf) without theirs (a deleted
//   finding), a part named a part of itself, of nothing, of a resource the policy did not judge on its own
//   (so no chain and no cycle), or standing otherwise than the worst of its resources, a finding of a
//   policy this pack does not have or with other controls, an advisory finding of a mandatory policy the
//   policy config does not make advisory, an exempted finding no exemption of the report explains, and
//   coverage whose counts do not add up;
// - the whole fleet or nothing: every shard 1..n of one split of the same stack list, each holding exactly
//   the stacks --shard gives it (so a missing shard, a shard given twice, a stack twice, or a report cut
//   down to its passing stacks is refused, naming the stacks), and every stack judged under the same policy
//   config (its weakenings and exemptions), --strict and rules (a shard run with a weaker config cannot
//   pass for the others).
// With --program DIR (or --own-stacks) the fleet must also be exactly that project's stack files, so a
// stack left out of every shard is refused too.
// What it cannot see: a report rewritten whole and consistently (findings and their outcomes removed
// together, an exemption added to every stack of every shard). Only the pipeline's custody of the files
// guards against that, as it guards the single run's report.
import { isDeepStrictEqual } from "node:util";
import { DuplicateKeyError, parseJsonStrict } from "../policies/lib/strict-json";
import { CheckError, messageOf } from "./errors";
import { readBoundedFile, sizeText } from "./files";
import { toolVersion } from "./paths";
import { stackName } from "./project";
import { ShardInfo, shardStacks, sortedNames } from "./report/fleet";
import { CheckReport, PolicyInfo, RenderInput, StackError, summarize } from "./report/model";
import { strictPolicy } from "../policies/lib/coverage";

/** A shard's JSON report of 1000 stacks is tens of MiB; this bounds memory, not real use. */
export const mergeFileLimit = 512 * 1024 * 1024;


type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const shown = (v: unknown) => { const s = JSON.stringify(v) ?? String(v); return s.length > 80 ? `${s.slice(0, 80)}...` : s; };

/** Field checks that name the file and the key path of what they refuse. */
class Reader {
    constructor(readonly file: string) {}
    fail(at: string, message: string): never { throw new CheckError(`merge: ${this.file}: ${at}: ${message}`); }
    obj(v: unknown, at: string): Obj { return isObj(v) ? v : this.fail(at, `got ${shown(v)}; expected an object`); }
    arr(v: unknown, at: string): unknown[] { return Array.isArray(v) ? v : this.fail(at, `got ${shown(v)}; expected a list`); }
    str(v: unknown, at: string): string { return typeof v === "string" ? v : this.fail(at, `got ${shown(v)}; expected a string`); }
    strOrNull(v: unknown, at: string): string | null { return v === null ? null : this.str(v, at); }
    bool(v: unknown, at: string): boolean { return typeof v === "boolean" ? v : this.fail(at, `got ${shown(v)}; expected true or false`); }
    count(v: unknown, at: string): number { return Number.isSafeInteger(v) && (v as number) >= 0 ? v as number : this.fail(at, `got ${shown(v)}; expected a whole number ≥ 0`); }
    oneOf<T extends string>(v: unknown, allowed: readonly T[], at: string): T {
        return allowed.includes(v as T) ? v as T : this.fail(at, `got ${shown(v)}; expected one of ${allowed.join(", ")}`);
    }
}

interface ShardFile { file: string; shard: ShardInfo | null; reports: CheckReport[]; errors: StackError[] }

function readShardFile(file: string, policies: ReadonlyMap<string, PolicyInfo>): ShardFile {
    const text = readBoundedFile(file, `merge: ${file}`, mergeFileLimit);
    let doc: unknown;
    try {
        doc = parseJsonStrict(text);
    } catch (e) {
        throw new CheckError(`merge: ${file}: ${e instanceof DuplicateKeyError ? messageOf(e) : `not JSON (${messageOf(e)})`}; expected the JSON report of check --all-stacks --format json (at most ${sizeText(mergeFileLimit)})`);
    }
    const r = new Reader(file);
    const top = r.obj(doc, "the file");
    if ("tool" in top) r.fail("the file", "is the report of one stack; merge joins the JSON reports of check --all-stacks [--shard i/n] --format json");
    if (!("stacks" in top && "summary" in top && "fleet" in top)) r.fail("the file", `has the keys ${shown(Object.keys(top))}; expected the JSON report of check --all-stacks --format json ({stacks, summary, fleet})`);
    const reports = r.arr(top.stacks, "stacks").map((s, i) => readReport(r, s, `stacks[${i}]`, policies));
    const summary = r.obj(top.summary, "summary");
    const errors = r.arr(summary.errors, "summary.errors").map((e, i): StackError => {
        const o = r.obj(e, `summary.errors[${i}]`);
        return { stack: stackNameIn(r, o.stack, `summary.errors[${i}].stack`), message: r.str(o.message, `summary.errors[${i}].message`) };
    });
    const fleet = r.obj(top.fleet, "fleet");
    let shard: ShardInfo | null = null;
    if (fleet.shard !== null) {
        const s = r.obj(fleet.shard, "fleet.shard");
        const count = r.count(s.count, "fleet.shard.count");
        const index = r.count(s.index, "fleet.shard.index");
        if (index < 1 || count < 1 || index > count) r.fail("fleet.shard", `shard ${index}/${count}: expected 1 ≤ i ≤ n`);
        const stacks = r.arr(s.stacks, "fleet.shard.stacks").map((x, i) => stackNameIn(r, x, `fleet.shard.stacks[${i}]`));
        if (!isDeepStrictEqual(stacks, sortedNames(new Set(stacks)))) r.fail("fleet.shard.stacks", "not the sorted list of distinct stack names --shard splits");
        shard = { index, count, stacks };
    }
    return { file, shard, reports, errors };
}

function stackNameIn(r: Reader, v: unknown, at: string): string {
    const name = r.str(v, at);
    try {
        return stackName(name, at);
    } catch (e) {
        return r.fail(at, messageOf(e));
    }
}

const outcomeKinds = ["violation", "compliant", "not-applicable", "unknown", "error"] as const;

const worstFirst: readonly string[] = ["error", "violation", "unknown", "not-applicable", "compliant"];

/**
 * A part judged with its resources (partOf, policies/lib/evaluate.ts partOutcomes) as the checker writes it: it
 * names one or more resources, never itself; each is a resource of the same stack judged by the same policy on its
 * own (a whole is never a part, so there is no chain and no cycle); and the part stands as the worst of them. An
 * edited partOf could otherwise borrow another resource's finding for a part that failed on its own, or show a
 * part as passing beside the resource it failed with.
 */
function readParts(r: Reader, at: string, outcomes: CheckReport["outcomes"]): void {
    const byUrn = new Map(outcomes.map(e => [e.urn, e]));
    for (const e of outcomes) {
        for (const [policy, res] of Object.entries(e.policies)) {
            if (res.partOf === undefined) continue;
            const q = `${at}[${JSON.stringify(e.urn)}].policies[${JSON.stringify(policy)}].partOf`;
            if (!res.partOf.length) r.fail(q, "names no resource: a part is judged with at least one");
            if (e.urn === null || res.partOf.includes(e.urn)) r.fail(q, `${e.urn ?? "the stack"} is named a part of itself: the report was edited`);
            const wholes = res.partOf.map(u => {
                const whole = byUrn.get(u)?.policies[policy];
                if (!whole) r.fail(q, `${u} has no ${policy} outcome in this stack's report: a part is judged with resources of its own stack`);
                if (whole.partOf !== undefined) r.fail(q, `${u} is itself a part of others: a part is judged with resources the policy judged on their own`);
                return whole.outcome;
            });
            const worst = worstFirst.find(o => wholes.includes(o as never));
            if (res.outcome !== worst) r.fail(q, `${e.urn} is ${res.outcome}, but the resources it was judged with make it ${worst}: the report was edited`);
        }
    }
}

/** One stack's report: the fields the fleet report reads, each checked, and the findings consistent with the rest. */
function readReport(r: Reader, v: unknown, at: string, policies: ReadonlyMap<string, PolicyInfo>): CheckReport {
    const o = r.obj(v, at);
    if (o.tool !== "hipaa-cloud") r.fail(`${at}.tool`, `got ${shown(o.tool)}; expected "hipaa-cloud"`);
    if (o.version !== toolVersion) r.fail(`${at}.version`, `got ${shown(o.version)}; this is hipaa-cloud ${toolVersion}, whose pack may differ from that version's: check every shard with the same version`);
    const stack = stackNameIn(r, o.stack, `${at}.stack`);
    const resources = r.arr(o.resources, `${at}.resources`);
    resources.forEach((x, i) => r.str(r.obj(x, `${at}.resources[${i}]`).urn, `${at}.resources[${i}].urn`));
    const findings = r.arr(o.findings, `${at}.findings`).map((x, i) => {
        const p = `${at}.findings[${i}]`;
        const f = r.obj(x, p);
        const policy = r.str(f.policy, `${p}.policy`);
        const controls = r.arr(f.controls, `${p}.controls`).map((c, j) => r.str(c, `${p}.controls[${j}]`));
        const info = policies.get(policy);
        if (!info && policy !== strictPolicy) r.fail(`${p}.policy`, `${shown(policy)} is not a policy of this pack`);
        if (info && !isDeepStrictEqual(controls, info.controls)) r.fail(`${p}.controls`, `got ${shown(controls)}; ${policy} reports ${shown(info.controls)}`);
        return {
            ...f, policy, controls,
            enforcement: r.oneOf(f.enforcement, ["mandatory", "advisory"] as const, `${p}.enforcement`),
            exempted: r.bool(f.exempted, `${p}.exempted`),
            urn: r.strOrNull(f.urn, `${p}.urn`),
            reason: r.strOrNull(f.reason, `${p}.reason`),
            message: r.str(f.message, `${p}.message`),
            unknown: r.bool(f.unknown, `${p}.unknown`),
        } as CheckReport["findings"][number];
    });
    const outcomes = r.arr(o.outcomes, `${at}.outcomes`).map((x, i) => {
        const p = `${at}.outcomes[${i}]`;
        const e = r.obj(x, p);
        const byPolicy = r.obj(e.policies, `${p}.policies`);
        for (const [policy, res] of Object.entries(byPolicy)) {
            const q = `${p}.policies[${JSON.stringify(policy)}]`;
            const out = r.obj(res, q);
            r.oneOf(out.outcome, outcomeKinds, `${q}.outcome`);
            if (out.otherKind !== undefined && out.otherKind !== true) r.fail(`${q}.otherKind`, `got ${shown(out.otherKind)}; expected true or nothing`);
            if (out.partOf !== undefined) r.arr(out.partOf, `${q}.partOf`).forEach((u, k) => r.str(u, `${q}.partOf[${k}]`));
            if (!policies.has(policy)) r.fail(q, `${shown(policy)} is not a policy of this pack`);
        }
        return { ...e, urn: r.strOrNull(e.urn, `${p}.urn`), judged: r.bool(e.judged, `${p}.judged`), policies: byPolicy } as CheckReport["outcomes"][number];
    });
    const c = r.obj(o.coverage, `${at}.coverage`);
    const coverage = {
        ...c,
        resources: r.count(c.resources, `${at}.coverage.resources`), judged: r.count(c.judged, `${at}.coverage.judged`),
        notJudged: r.count(c.notJudged, `${at}.coverage.notJudged`),
        notJudgedResources: r.arr(c.notJudgedResources, `${at}.coverage.notJudgedResources`),
    } as CheckReport["coverage"];
    if (coverage.judged + coverage.notJudged !== coverage.resources || coverage.notJudgedResources.length !== coverage.notJudged) {
        r.fail(`${at}.coverage`, `${coverage.judged} judged + ${coverage.notJudged} not judged (${coverage.notJudgedResources.length} listed) do not make ${coverage.resources} cloud resources`);
    }
    const report = {
        ...o, stack, resources, findings, outcomes, coverage,
        summary: o.summary,
        strict: r.bool(o.strict, `${at}.strict`),
        policyConfigWeakened: r.arr(o.policyConfigWeakened, `${at}.policyConfigWeakened`),
        exemptions: r.arr(o.exemptions, `${at}.exemptions`),
    } as CheckReport;
    // The verdict is the findings': a summary that says otherwise was edited.
    const recomputed = summarize(resources.length, findings);
    if (!isDeepStrictEqual(o.summary, recomputed)) r.fail(`${at}.summary`, `got ${shown(o.summary)}; its findings make ${shown(recomputed)}: the report was edited or cut`);
    // Coverage agrees with the outcomes: each resource listed as not judged has its entry, not judged;
    // as many entries say judged as coverage counts. A not-judged resource cannot be hidden by coverage alone.
    const notJudgedUrns = new Set(coverage.notJudgedResources.map((n, i) => r.str(r.obj(n, `${at}.coverage.notJudgedResources[${i}]`).urn, `${at}.coverage.notJudgedResources[${i}].urn`)));
    const judgedEntries = outcomes.filter(e => e.urn !== null && e.judged);
    if (judgedEntries.length !== coverage.judged || judgedEntries.some(e => notJudgedUrns.has(e.urn!)) ||
        [...notJudgedUrns].some(u => !outcomes.some(e => e.urn === u && !e.judged))) {
        r.fail(`${at}.coverage`, `says ${coverage.judged} judged and ${coverage.notJudged} not judged, but its outcomes say ${judgedEntries.length} judged: the report was edited or cut`);
    }
    // --strict: a mandatory finding per resource not judged and one of the stack per provider function not
    // answered (check.ts), no more, no fewer.
    const strictFindings = findings.filter(f => f.policy === strictPolicy);
    const strictOfResources = strictFindings.filter(f => f.urn !== null);
    const unanswered = r.arr(o.unknownInvokes, `${at}.unknownInvokes`);
    if (report.strict ? strictOfResources.length !== coverage.notJudged || strictOfResources.some(f => !notJudgedUrns.has(f.urn!)) ||
        strictFindings.length - strictOfResources.length !== unanswered.length : strictFindings.length) {
        r.fail(`${at}.findings`, `${strictFindings.length} --strict findings for ${coverage.notJudged} resources not judged` +
            `${report.strict ? ` and ${unanswered.length} provider functions not answered` : " in a check without --strict"}: the report was edited`);
    }
    readParts(r, `${at}.outcomes`, outcomes);
    // A violation, an error or an unknown outcome carries its finding; without it, a finding was removed. A part
    // judged with its resources (partOf) has no finding of its own: one of those resources carries it.
    const found = new Set(findings.map(f => `${f.policy}\u0000${f.urn ?? ""}`));
    for (const e of outcomes) {
        for (const [policy, res] of Object.entries(e.policies)) {
            if (!["violation", "error", "unknown"].includes(res.outcome)) continue;
            const carriers = res.partOf ?? [e.urn];
            if (!carriers.some(u => found.has(`${policy}\u0000${u ?? ""}`))) {
                r.fail(`${at}.outcomes`, `${policy} on ${e.urn ?? "the stack"} is ${res.outcome} but the report has no finding of it${res.partOf ? " or of the resources it was judged with" : ""}: the report was edited or cut`);
            }
        }
    }
    // An exempted finding names why: an exemption of the policy config that holds, one declared on the
    // resource, or the rule's own "not applicable" (its outcome then says not-applicable). A finding
    // merely flagged exempted was edited.
    const holding = report.exemptions.filter(isObj).filter(e => e.status === "holds");
    const declared = r.arr(o.declaredExemptions ?? [], `${at}.declaredExemptions`).filter(isObj);
    const outcomeOf = new Map(outcomes.map(e => [e.urn, e]));
    for (const f of findings) {
        if (!f.exempted) continue;
        const outcome = outcomeOf.get(f.urn)?.policies[f.policy]?.outcome;
        const why = (f.reason?.startsWith("not applicable: ") && outcome === "not-applicable") ||
            holding.some(e => e.policy === f.policy && f.controls.includes(e.control as never) && f.reason === `${String(e.reason)} (until ${String(e.expires)})`) ||
            declared.some(d => d.policy === f.policy && d.urn === f.urn && f.controls.includes(d.control as never));
        if (!why) r.fail(`${at}.findings`, `${f.policy} on ${f.urn ?? "the stack"} is exempted, but no exemption of the report holds for it: the report was edited`);
    }
    // An advisory finding of a mandatory policy: only when unknown until deployment, or when the policy config made the policy advisory.
    const weakened = new Set(report.policyConfigWeakened.filter(w => isObj(w) && w.setting === "enforcementLevel" && w.value === "advisory").map(w => w.policy));
    for (const f of findings) {
        const info = policies.get(f.policy);
        if (f.enforcement === "advisory" && info?.enforcement === "mandatory" && !f.unknown && !weakened.has(f.policy)) {
            r.fail(`${at}.findings`, `${f.policy} on ${f.urn ?? "the stack"} is advisory, but the policy is mandatory and the report's policy config does not make it advisory: the report was edited`);
        }
    }
    return report;
}

/** The fleet report of the shards' files: what one unsharded --all-stacks run renders. */
export function mergeReports(files: readonly string[], policies: readonly PolicyInfo[], rulesModule: string | undefined, expected?: { stacks: string[]; where: string }): RenderInput {
    const byName = new Map(policies.map(p => [p.name, p]));
    const shards = files.map(f => readShardFile(f, byName));
    // One fleet: either one whole-fleet report (no shard), or the shards of one split.
    const whole = shards.filter(s => !s.shard);
    if (whole.length && shards.length > 1) {
        throw new CheckError(`merge: ${whole[0].file} holds a whole fleet (no --shard) and cannot be merged with ${shards.find(s => s !== whole[0])!.file}: merge the shards of one split`);
    }
    const where = new Map<string, string>();
    for (const s of shards) {
        for (const name of [...s.reports.map(x => x.stack!), ...s.errors.map(e => e.stack)]) {
            const earlier = where.get(name);
            if (earlier) throw new CheckError(`merge: stack ${name} is in ${earlier}${earlier === s.file ? " twice" : ` and in ${s.file}`}: each stack once`);
            where.set(name, s.file);
        }
    }
    const first = shards[0];
    if (first.shard) {
        const { count, stacks } = first.shard;
        const byIndex = new Map<number, ShardFile>();
        for (const s of shards) {
            const sh = s.shard!;
            if (sh.count !== count || !isDeepStrictEqual(sh.stacks, stacks)) {
                throw new CheckError(`merge: ${s.file} is shard ${sh.index}/${sh.count} of ${sh.stacks.length} stacks and ${first.file} is shard ${first.shard.index}/${count} of ${stacks.length}: not one split of one fleet`);
            }
        }
        for (const s of shards) {
            const sh = s.shard!;
            const other = byIndex.get(sh.index);
            if (other) throw new CheckError(`merge: shard ${sh.index}/${count} given twice: ${other.file} and ${s.file}`);
            byIndex.set(sh.index, s);
            const want = shardStacks(stacks, sh.index, count);
            const have = new Set([...s.reports.map(x => x.stack!), ...s.errors.map(e => e.stack)]);
            const missing = want.filter(n => !have.has(n));
            const extra = [...have].filter(n => !want.includes(n));
            if (missing.length || extra.length) {
                throw new CheckError(`merge: ${s.file} (shard ${sh.index}/${count}) ${missing.length ? `lacks ${missing.join(", ")}` : ""}${missing.length && extra.length ? " and " : ""}` +
                    `${extra.length ? `holds ${extra.join(", ")}, which are not its stacks` : ""}: a shard's report holds exactly the stacks --shard ${sh.index}/${count} checks`);
            }
        }
        const absent = Array.from({ length: count }, (_, i) => i + 1).filter(i => !byIndex.has(i));
        if (absent.length) {
            throw new CheckError(`merge: ${absent.length} of ${count} shards missing: ${absent.map(i => `${i}/${count} (stacks ${shardStacks(stacks, i, count).join(", ")})`).join("; ")}: ` +
                "the fleet's verdict needs every stack");
        }
    }
    // The fleet the shards were split from is the one the project has now (--program, --own-stacks): a stack
    // left out of every shard's list, or a list from another branch, is refused.
    if (expected) {
        const fleet = first.shard ? first.shard.stacks : sortedNames(where.keys());
        const missing = expected.stacks.filter(n => !fleet.includes(n));
        const extra = fleet.filter(n => !expected.stacks.includes(n));
        if (missing.length || extra.length) {
            throw new CheckError(`merge: the reports' fleet is not the stacks of ${expected.where}: ${missing.length ? `missing ${missing.join(", ")}` : ""}` +
                `${missing.length && extra.length ? "; " : ""}${extra.length ? `not a stack there: ${extra.join(", ")}` : ""}`);
        }
    }
    const reports = shards.flatMap(s => s.reports);
    // One judgement for the whole fleet: the same policy config (and what it weakens), --strict, rules, and the
    // judging day where one was asked for (--judging-day; shards on the clock may straddle midnight).
    // The exemptions the policy config lists are the same for every stack (only their counts differ).
    const judging = (r: CheckReport) => ({
        policyConfig: r.policyConfig ?? null, policyConfigWeakened: r.policyConfigWeakened, strict: r.strict, rules: r.rules ?? null,
        judgingDay: r.exemptionsJudgedOn?.setBy ? r.exemptionsJudgedOn : null,
        exemptions: r.exemptions.map(e => isObj(e) ? { ...e, exempted: undefined, matched: undefined, unused: undefined } : e),
    });
    const base = reports[0] && judging(reports[0]);
    for (const r of reports) {
        if (!isDeepStrictEqual(judging(r), base)) {
            throw new CheckError(`merge: stack ${r.stack} (${where.get(r.stack!)}) was judged under ${shown(judging(r))} and stack ${reports[0].stack} (${where.get(reports[0].stack!)}) under ${shown(base)}: ` +
                "every shard must run with the same --policy-config, --strict, --rules and --judging-day");
        }
        if (r.rules && !rulesModule) throw new CheckError(`merge: stack ${r.stack} (${where.get(r.stack!)}) was judged by --rules ${r.rules.module}, not by the hipaa pack: give merge the same --rules`);
        if (!r.rules && rulesModule) throw new CheckError(`merge: stack ${r.stack} (${where.get(r.stack!)}) was judged by the hipaa pack, not by --rules ${rulesModule}`);
    }
    const order = (a: { stack: string | null }, b: { stack: string | null }) => (a.stack! < b.stack! ? -1 : a.stack! > b.stack! ? 1 : 0);
    return {
        reports: [...reports].sort(order),
        errors: shards.flatMap(s => s.errors).sort(order),
        allStacks: true,
        policies: [...policies],
        shard: null,
    };
}
