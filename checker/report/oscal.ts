// OSCAL 1.1.3 assessment results (JSON), the document compliance platforms import: one result per
// stack; each control of the pack a reviewed control with its HIPAA citation and its ids in the OSCAL
// HIPAA catalog and NIST SP 800-53 rev 5 (policies/control-mappings.ts); each finding an OSCAL finding
// with its observation (the resource as an inventory item, the message saying what was found and what
// is wanted); each exemption a risk with its reason and deadline; each resource no rule judged an
// observation saying why. Validated against NIST's published schema in test/checker/oscal.spec.ts.
//
// UUIDs are version 5 (SHA-1, RFC 4122 §4.3), named by what they identify (the stack, the policy, the
// resource's URN, the control, the message), never random: the same check gives the same document byte for
// byte, so a CI diff of two runs shows what changed in the platform and nothing else, and a finding keeps
// its uuid from one run to the next as OSCAL asks of an object that is the same object. The document's
// own uuid is named by its content, so it changes exactly when the content does. Times are the day the
// exemptions were judged on (UTC midnight), not the clock, for the same reason; the metadata says so.
import { createHash } from "node:crypto";
import { controls, ControlId } from "../../policies/controls";
import { controlMappings, hipaaCatalog, nist80053Catalog } from "../../policies/control-mappings";
import { toolVersion } from "../paths";
import { isCalendarDate } from "../../facts/calendar";
import { ControlStatus, packControls, statusByControl } from "./control-status";
import { letOffByRule, visitOutcomes } from "./outcomes";
import type { Asset } from "./assets";
import { CheckReport, coverageLine, oneLine, policyConfigNotes, PolicyInfo, remoteComponentsNote, RenderInput, ReportFinding, StackError, standing, verdictScope } from "./model";

export const oscalVersion = "1.1.3";
/** The namespace of this tool's props (OSCAL: a prop name outside NIST's own set carries an `ns`). */
export const propNamespace = "urn:hipaa-cloud:oscal";
/** The namespace of every uuid this tool names (a fixed v4 uuid, made once). */
const uuidNamespace = Buffer.from("61a2592323f74c44804f58bac51f3fb9", "hex");

/** A version 5 uuid of `name` in this tool's namespace. */
export function uuid5(name: string): string {
    const h = createHash("sha1").update(uuidNamespace).update(name, "utf8").digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString("hex");
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * A value for OSCAL's StringDatatype (a prop value, a media type): one line, no leading or trailing
 * blank, never empty. The program names its resources and writes its tags, so a name with a newline,
 * or nothing but blanks, must not make the document one the schema refuses (a platform would reject the
 * whole import, findings included).
 */
export function line(s: string): string {
    const t = oneLine(s).trim();
    return t === "" ? "(empty)" : t;
}

/** A value for OSCAL's TokenDatatype (a control id, a target id): letters, digits, `.`, `-`, `_`, starting with a letter or `_`. */
export function token(s: string): string {
    const t = s.replace(/[^\p{L}\p{N}._-]/gu, "_");
    return /^[\p{L}_]/u.test(t) ? t : `_${t}`;
}

type Json = Record<string, unknown>;

const prop = (name: string, value: string, extra: Json = {}): Json => ({ name, ns: propNamespace, value: line(value), ...extra });
/** OSCAL refuses an empty array wherever it allows one: an empty list is left out. */
const some = <T>(key: string, list: T[]): Json => (list.length ? { [key]: list } : {});

export function renderOscal(input: RenderInput): string {
    return JSON.stringify(oscalDocument(input), null, 2) + "\n";
}

export function oscalDocument(input: RenderInput): Json {
    const judged = input.reports[0]?.exemptionsJudgedOn?.date;
    const day = judged && isOscalDate(judged) ? judged : new Date().toISOString().slice(0, 10);
    const time = `${day}T00:00:00Z`;
    const pack = uuid5("back-matter/policy-pack");
    const hipaa = uuid5("back-matter/hipaa-catalog");
    const nist = uuid5("back-matter/nist-800-53");
    const ids = new UuidNames();
    const results = [
        ...input.reports.map(r => reportResult(r, input.policies, time, ids)),
        ...input.errors.map(e => errorResult(e, input.policies, time, ids)),
    ];
    const body: Json = {
        metadata: {
            title: input.allStacks ? `hipaa-cloud check of ${results.length} stacks` : `hipaa-cloud check: ${line(input.reports[0]?.stack ?? input.reports[0]?.program ?? "program")}`,
            "last-modified": time,
            version: toolVersion,
            "oscal-version": oscalVersion,
            props: [prop("tool", "hipaa-cloud"), prop("tool-version", toolVersion)],
            remarks: `Made by hipaa-cloud ${toolVersion} from its own checks of Pulumi programs (offline, before deployment). ` +
                `Times are the day exemptions were judged on (${day}, UTC), not the clock time, so that the same check gives the same document. ` +
                "It helps meet the HIPAA Security Rule's technical safeguards; it does not certify compliance.",
        },
        "import-ap": {
            href: `#${pack}`,
            remarks: "No separate assessment plan: the plan is the hipaa-cloud policy pack named in the back matter, every policy run on every resource of each stack.",
        },
        results,
        "back-matter": {
            resources: [
                { uuid: pack, title: `hipaa-cloud policy pack ${toolVersion}`, description: `${input.policies.length} policies over the controls ${packControls(input.policies).join(", ")}.` },
                { uuid: hipaa, title: `${hipaaCatalog.title} ${hipaaCatalog.version} (OSCAL catalog, from NIST SP 800-66r2)`, props: [prop("catalog-uuid", hipaaCatalog.uuid)], rlinks: [{ href: hipaaCatalog.href }] },
                { uuid: nist, title: nist80053Catalog.title, rlinks: [{ href: nist80053Catalog.href }] },
            ],
        },
    };
    // Named by its content: the same check, the same uuid; any change, another.
    const digest = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    return { "assessment-results": { uuid: uuid5(`document/${digest}`), ...body } };
}

/** Uuids named by identity; a name given twice (two findings alike in every field) gets a counter, so uuids stay unique. */
class UuidNames {
    private seen = new Map<string, number>();
    of(...parts: (string | null | undefined)[]): string {
        const name = parts.map(p => p ?? "").join("\u0000");
        const n = this.seen.get(name) ?? 0;
        this.seen.set(name, n + 1);
        return uuid5(n ? `${name}\u0000#${n}` : name);
    }
}

function reviewedControls(policies: readonly PolicyInfo[], statusOf: (c: ControlId) => ControlStatus | "error"): Json {
    return {
        description: "The controls of the hipaa-cloud policy pack, each with its HIPAA Security Rule citation and its ids in the OSCAL HIPAA catalog and NIST SP 800-53 rev 5.",
        // A pack whose policies name no control of the catalogue (a --rules module) still reviewed something: all it has.
        "control-selections": packControls(policies).length === 0 ? [{ "include-all": {} }] : packControls(policies).map(id => {
            const c = controls[id];
            const m = controlMappings[id];
            return {
                description: `${id}: ${c.title} (${c.citation}). ${c.intent}`,
                props: [
                    prop("hipaa-citation", c.citation),
                    ...(m.hipaaGroup === null ? [] : [prop("hipaa-catalog-group", m.hipaaGroup)]),
                    ...m.hipaaControls.map(h => prop("hipaa-catalog-control", h)),
                    ...m.nist80053.map(n => prop("nist-800-53-control", n)),
                    prop("status", statusOf(id)),
                    prop("policies", policies.filter(p => p.controls.includes(id)).map(p => p.name).join(" ")),
                ],
                "include-controls": [{ "control-id": token(id) }],
            };
        }),
    };
}

function reportResult(r: CheckReport, policies: readonly PolicyInfo[], time: string, ids: UuidNames): Json {
    const stack = r.stack ?? r.program;
    const item = (urn: string) => uuid5(`${stack}\u0000inventory\u0000${urn}`);
    // Index once: a stack of thousands of resources and findings must not scan the outcomes per resource.
    const outcomeOf = new Map(r.outcomes.map(o => [o.urn, o]));
    const assets = new Map((r.assetInventory ?? []).map(a => [a.urn, a]));
    const inventory = r.resources.filter(x => outcomeOf.has(x.urn)).map(x => ({
        uuid: item(x.urn),
        description: line(`${x.type} "${x.name}"`),
        props: [prop("urn", x.urn), prop("resource-type", x.type), prop("resource-name", x.name),
            prop("judged", String(outcomeOf.get(x.urn)?.judged ?? false)), ...assetProps(assets, x.urn)],
    }));
    const inInventory = new Set(inventory.map(i => i.uuid));
    const subject = (urn: string | null, name: string | null) => (urn && inInventory.has(item(urn))
        ? [{ "subject-uuid": item(urn), type: "inventory-item", title: oneLine(name ?? urn) }] : []);
    const observations: Json[] = [];
    const findings: Json[] = [];
    const risks: Json[] = [];
    // Each exemption: a risk the organisation accepted, with its reason and last day (deadline: the end of that day, UTC).
    const riskOf = new Map<ReportFinding, string>();
    for (const e of r.exemptions) {
        const uuid = ids.of(stack, "risk", e.policy, e.control, e.resource, e.expires, e.reason);
        const exempted = r.findings.filter(f => f.exempted && f.policy === e.policy && f.controls.includes(e.control) && f.reason === `${e.reason} (until ${e.expires})`);
        for (const f of exempted) riskOf.set(f, uuid);
        risks.push(exemptionRisk(uuid, e.control, `${e.control} on ${e.resource} (${e.policy})`, e.reason, e.expires,
            e.status === "holds" ? "deviation-approved" : "open",
            `Configured in the policy config. ${e.status === "holds" ? "Holds" : `Does not hold${e.problem ? `: ${e.problem}` : ""}`}; exempted ${e.exempted} finding${e.exempted === 1 ? "" : "s"}${e.unused ? "; matched no finding (unused)" : ""}.`));
    }
    // Exempted findings by policy and resource, once: a stack may declare an exemption on every resource.
    const exemptedOn = new Map<string, ReportFinding[]>();
    for (const f of r.findings.filter(x => x.exempted)) {
        const k = `${f.policy}\u0000${f.urn ?? ""}`;
        exemptedOn.set(k, [...(exemptedOn.get(k) ?? []), f]);
    }
    for (const d of r.declaredExemptions ?? []) {
        const uuid = ids.of(stack, "risk", d.policy, d.control, d.urn, d.key);
        for (const f of exemptedOn.get(`${d.policy}\u0000${d.urn ?? ""}`) ?? []) if (f.controls.includes(d.control)) riskOf.set(f, uuid);
        risks.push(exemptionRisk(uuid, d.control, `${d.control} on ${d.urn ?? "the stack"} (${d.policy}), declared on the resource`, d.reason, d.expires,
            "deviation-approved", `Declared on the resource by its tag or label ${oneLine(d.key)}.`));
    }
    const letOff = new Set<ReportFinding>();
    visitOutcomes(r, { onExempted: j => { if (letOffByRule(j)) j.findings.forEach(f => letOff.add(f)); } });
    for (const f of r.findings) {
        const observation = ids.of(stack, "observation", f.policy, f.urn, f.message);
        observations.push({
            uuid: observation,
            title: oneLine(`${f.policy}: ${f.urn ? `${f.type} "${f.name}"` : "the stack"}`),
            // What was found and what is wanted: the rule's message says both, naming the property.
            description: f.message,
            props: [prop("policy", f.policy), prop("enforcement", f.enforcement), prop("standing", standing(f)), prop("severity", f.severity),
                ...(f.urn ? [prop("urn", f.urn)] : []), ...(f.type ? [prop("resource-type", f.type)] : []), prop("unknown-until-deployment", String(f.unknown))],
            methods: ["TEST"],
            types: ["finding"],
            ...some("subjects", subject(f.urn, f.name)),
            collected: time,
            ...(f.exempted && f.reason ? { remarks: `Exempted: ${f.reason}` } : {}),
        });
        const risk = riskOf.get(f);
        for (const control of f.controls.length ? f.controls : [f.policy]) {
            findings.push({
                uuid: ids.of(stack, "finding", f.policy, f.urn, control, f.message),
                title: oneLine(`${control}: ${f.policy} on ${f.urn ? `"${f.name}"` : "the stack"}`),
                description: f.message,
                props: [prop("policy", f.policy), prop("standing", standing(f)), prop("enforcement", f.enforcement),
                    ...(letOff.has(f) ? [prop("not-applicable", "true")] : [])],
                target: {
                    type: "objective-id", "target-id": token(control),
                    status: { state: "not-satisfied", reason: "fail" },
                    ...(f.exempted ? { remarks: `Exempted: ${f.reason ?? ""}` } : {}),
                },
                "related-observations": [{ "observation-uuid": observation }],
                ...(risk ? { "related-risks": [{ "risk-uuid": risk }] } : {}),
            });
        }
    }
    const statuses = new Map(Object.entries(statusByControl(r, policies)));
    // A control with no finding that its rules judged: satisfied, for this stack's judged resources.
    for (const [control, status] of statuses) {
        if (status !== "pass") continue;
        findings.push({
            uuid: ids.of(stack, "finding", "control", control),
            title: `${control}: satisfied`,
            description: `No finding of ${control} among the judged cloud resources (${coverageLine(r.coverage)}).`,
            props: [prop("standing", "pass")],
            target: { type: "objective-id", "target-id": token(control), status: { state: "satisfied", reason: "pass" } },
        });
    }
    for (const n of r.coverage.notJudgedResources) {
        observations.push({
            uuid: ids.of(stack, "not-judged", n.urn),
            title: oneLine(`Not judged: ${n.type} "${n.name}"`),
            description: `No rule of the pack judged this cloud resource: ${n.reason}.${r.strict ? " (--strict: a mandatory finding.)" : ""}`,
            props: [prop("judged", "false"), prop("urn", n.urn), prop("resource-type", n.type)],
            methods: ["TEST"],
            ...some("subjects", subject(n.urn, n.name)),
            collected: time,
        });
    }
    for (const [control, status] of statuses) {
        if (status !== "not-judged") continue;
        observations.push({
            uuid: ids.of(stack, "control-not-judged", control),
            title: `${control}: not judged`,
            description: `No rule of ${control} gave an outcome for any resource of this stack (none applies, or the policy config disables them): nothing of ${control} was checked.`,
            props: [prop("judged", "false"), prop("control", control)],
            methods: ["TEST"],
            collected: time,
        });
    }
    const notes = policyConfigNotes(r);
    return {
        uuid: uuid5(`result\u0000${stack}`),
        title: oneLine(`hipaa-cloud check: ${r.stack ? `stack ${r.stack}` : `program ${r.program}`}`),
        description: `${r.summary.mandatory ? "FAIL (mandatory findings)" : "PASS (no mandatory finding)"}: ${r.summary.resources} resources, ${r.summary.mandatory} mandatory, ` +
            `${r.summary.advisory} advisory, ${r.summary.exempted} exempted; ${r.summary.mandatory ? coverageLine(r.coverage) : verdictScope(r)}.` +
            notes.weakened.map(w => `\n\nPolicy config weakens the check: ${w}`).join("") +
            [notes.rules, notes.judgingDay, remoteComponentsNote(r)].filter(Boolean).map(n => `\n\n${n}`).join(""),
        start: time,
        end: time,
        props: [prop("verdict", r.summary.mandatory ? "fail" : "pass"), ...(r.stack ? [prop("stack", r.stack)] : []), prop("program", r.program),
            prop("cloud-resources", String(r.coverage.resources)), prop("judged", String(r.coverage.judged)), prop("not-judged", String(r.coverage.notJudged)),
            prop("policy-config-weakened", String(notes.weakened.length > 0)), prop("strict", String(r.strict)),
            ...(r.rules ? [prop("rules-module", r.rules.module)] : [])],
        ...(inventory.length ? { "local-definitions": { "inventory-items": inventory } } : {}),
        "reviewed-controls": reviewedControls(policies, c => statuses.get(c) ?? "not-judged"),
        ...some("observations", observations),
        ...some("risks", risks),
        ...some("findings", findings),
    };
}

/** The asset inventory's facts of a resource (assets.ts), as inventory-item props. */
function assetProps(assets: ReadonlyMap<string, Asset>, urn: string): Json[] {
    const a = assets.get(urn);
    if (!a) return [];
    return [
        ...(a.kind ? [prop("asset-kind", a.kind)] : []),
        ...(a.classification !== null ? [prop("data-classification", a.classification)] : []),
        ...(a.key !== null ? [prop("encryption-key", a.key)] : []),
        ...(a.location !== null ? [prop("location", a.location)] : []),
        ...(a.private !== null ? [prop("private", String(a.private))] : []),
    ];
}

function exemptionRisk(uuid: string, control: string, title: string, reason: string, expires: string, status: string, remarks: string): Json {
    return {
        uuid,
        title: oneLine(`Exemption: ${title}`),
        description: `${reason}\n\n${remarks}`,
        statement: `A finding of ${control} is accepted until ${expires}: ${reason}`,
        status,
        props: [prop("control", control), prop("expires", expires)],
        // The last day it holds, to its end (UTC); a malformed date from an exemption that does not hold gives no deadline.
        ...(isOscalDate(expires) ? { deadline: `${expires}T23:59:59Z` } : {}),
    };
}

/** A real calendar day (facts/calendar.ts) of a year OSCAL's date-time pattern takes (1900 to 2999): an exemption that does not hold may name any date. */
function isOscalDate(s: string): boolean {
    return isCalendarDate(s) && /^(19|2\d)/.test(s);
}

/** A stack of --all-stacks that could not be checked: every control not satisfied, since nothing was judged. */
function errorResult(e: StackError, policies: readonly PolicyInfo[], time: string, ids: UuidNames): Json {
    const observation = ids.of(e.stack, "error");
    return {
        uuid: uuid5(`result\u0000${e.stack}`),
        title: oneLine(`hipaa-cloud check: stack ${e.stack} could not be checked`),
        description: e.message,
        start: time,
        props: [prop("verdict", "error"), prop("stack", e.stack)],
        "reviewed-controls": reviewedControls(policies, () => "error"),
        observations: [{ uuid: observation, title: "The stack could not be checked", description: e.message, methods: ["TEST"], collected: time }],
        ...some("findings", packControls(policies).map(control => ({
            uuid: ids.of(e.stack, "finding", "error", control),
            title: `${control}: not checked`,
            description: `The stack could not be checked: ${e.message}`,
            target: { type: "objective-id", "target-id": token(control), status: { state: "not-satisfied", reason: "other" } },
            "related-observations": [{ "observation-uuid": observation }],
        }))),
    };
}
