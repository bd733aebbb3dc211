// The IAM policy language, read once for every policy the pack judges: S3 bucket policies, KMS key
// policies, role trust policies and identity policies (LEAST-PRIVILEGE). A document is JSON text or
// an object (the SDK's PolicyDocument input); `Statement` is one object or a list; `Action`,
// `Resource`, `Principal` values are one string or a list. Field names keep AWS's capitalisation.
//
// Every answer here errs towards "grants more": a spelling AWS would refuse (Effect "allow") is read
// as the grant it looks like, since the finding then says to fix it and a refused policy harms nobody,
// while reading it as harmless would pass a policy that a later AWS leniency makes live.
import { equalsAnyIgnoreCase } from "./inputs";
import { parseJsonStrict } from "./strict-json";
import { asArray, isUnknown, parseJson, Unknown, UNKNOWN_STRING } from "./values";

export interface Statement {
    Sid?: unknown;
    Effect?: unknown;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    NotResource?: unknown;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Condition?: unknown;
}

const ELEMENTS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"];

/**
 * An object's fields under their canonical names, matched without case (`"principal"` is read as
 * `Principal`): whether AWS takes such a spelling or refuses the policy, reading it is the safe side.
 * A field given in its exact spelling wins over a case variant.
 */
function canonical(o: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { ...o };
    for (const [k, v] of Object.entries(o)) {
        const name = names.find(n => n.toLowerCase() === k.toLowerCase());
        if (name && !(name in o)) out[name] = v;
    }
    return out;
}

/**
 * The statements of a policy document; UNKNOWN while it embeds unknown values. Unparseable JSON throws,
 * and so does a key given twice in one object (`{"Principal": "*", ..., "Principal": {"AWS": "arn:..."}}`):
 * JSON.parse keeps the last, AWS's parser may keep the first or refuse, so no reading is safe (fails closed,
 * naming the key; the one strict parser of the package, strict-json.ts).
 */
export function statementsOf(policy: unknown): Statement[] | Unknown {
    const doc = typeof policy === "string" && !policy.includes(UNKNOWN_STRING) ? parseJsonStrict(policy) : parseJson(policy);
    if (isUnknown(doc)) return doc;
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) return [];
    return asArray(canonical(doc as Record<string, unknown>, ["Statement"]).Statement as Statement | Statement[] | undefined)
        .filter((s): s is Statement => !!s && typeof s === "object" && !Array.isArray(s))
        .map(s => canonical(s as Record<string, unknown>, ELEMENTS) as Statement);
}

/**
 * The statements of a resource's policy property, parsed once per resource however many rules read
 * them (a bucket policy is read by ENC-TRANSIT and PUBLIC-ACCESS).
 */
export function statementsAt(props: Record<string, unknown>, prop: string): Statement[] | Unknown {
    let byProp = parsed.get(props);
    if (!byProp) parsed.set(props, byProp = new Map());
    let statements = byProp.get(prop);
    if (statements === undefined) byProp.set(prop, statements = statementsOf(props[prop]));
    return statements;
}
const parsed = new WeakMap<object, Map<string, Statement[] | Unknown>>();

/** The strings of a field that may be one string or a list. */
export function strings(v: unknown): string[] {
    return asArray(v as unknown[]).filter((x): x is string => typeof x === "string");
}

// ---- Effect -------------------------------------------------------------------------------------

/**
 * Whether a statement is a Deny. IAM's Effect is case-sensitive ("The Effect value is case sensitive",
 * IAM User Guide, IAM JSON policy elements: Effect): only "Deny" denies; "deny" makes AWS refuse the
 * whole policy, so it never protects anything.
 */
export function isDeny(s: Statement): boolean {
    return s.Effect === "Deny";
}

/** Whether a statement may grant: anything but an exact "Deny" ("allow", "ALLOW", a missing Effect are read as Allow). */
export function mayAllow(s: Statement): boolean {
    return !isDeny(s);
}

/** Words for a statement whose Effect AWS refuses (anything but exactly "Allow" or "Deny"), else undefined. */
export function effectProblem(s: Statement): string | undefined {
    if (s.Effect === "Allow" || s.Effect === "Deny") return undefined;
    return `Its Effect ${JSON.stringify(s.Effect) ?? "(missing)"} is not exactly "Allow" or "Deny" (IAM reads Effect case-sensitively and refuses the policy); it is judged as an Allow.`;
}

/** Sids given to more than one statement: IAM wants each Sid unique in a policy, and S3 and KMS may refuse the document. */
export function duplicateSids(statements: readonly Statement[]): string[] {
    const seen = new Set<string>(), twice = new Set<string>();
    for (const s of statements) {
        if (typeof s.Sid !== "string" || s.Sid === "") continue;
        if (seen.has(s.Sid)) twice.add(s.Sid); else seen.add(s.Sid);
    }
    return [...twice];
}

// ---- Principals ---------------------------------------------------------------------------------

/**
 * Why a statement's principal is everyone, or undefined. Everyone is: `"*"`; any principal value that
 * holds a wildcard under any key (`{"AWS": "*"}`, `{"AWS": ["*"]}`, `arn:aws:iam::*:root`, `{"Federated": "*"}`:
 * IAM allows no partial wildcard in a principal, and where it takes one it means everybody); and a
 * `NotPrincipal`, which in an Allow grants everybody but the principals it lists. A named account of
 * another organisation (`arn:aws:iam::111122223333:root`) is a named principal, not everyone: the pack
 * cannot know which accounts are the hospital's, and a reviewer sees the ARN.
 */
export function everyoneIn(s: Statement): string | undefined {
    if (s.NotPrincipal !== undefined) return "NotPrincipal (everyone but the principals it names)";
    const p = s.Principal;
    if (typeof p === "string") return p.includes("*") ? `Principal ${JSON.stringify(p)}` : undefined;
    if (!p || typeof p !== "object") return undefined;
    for (const [kind, value] of Object.entries(p as Record<string, unknown>)) {
        const wild = asArray(value as unknown[]).find(v => typeof v === "string" && v.includes("*"));
        if (wild !== undefined) return `Principal {${JSON.stringify(kind)}: ${JSON.stringify(wild)}}`;
    }
    return undefined;
}

/** Whether a statement names everyone exactly as `"*"` or `{"AWS": "*"}` (in a list too): the principal of a Deny that binds everybody. */
export function bindsEveryone(s: Statement): boolean {
    if (s.NotPrincipal !== undefined) return false;
    const p = s.Principal;
    if (p === "*") return true;
    if (!p || typeof p !== "object") return false;
    return Object.entries(p as Record<string, unknown>).some(([k, v]) => k.toUpperCase() === "AWS" && strings(v).includes("*"));
}

// ---- Conditions ---------------------------------------------------------------------------------

/**
 * Condition keys that limit WHO can act, so that a statement to everyone with one of them is not public.
 * Sources: Amazon S3 User Guide, "Blocking public access to your Amazon S3 storage", section "The
 * meaning of 'public'" (a policy is non-public only if it grants to fixed values of aws:SourceIp,
 * aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid,
 * s3:DataAccessPointArn, s3:DataAccessPointAccount, or to principals limited by aws:PrincipalOrgID);
 * IAM User Guide, "AWS global condition context keys" (aws:PrincipalAccount, aws:PrincipalArn,
 * aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:SourceOrgID, aws:SourceOrgPaths); AWS KMS Developer
 * Guide, "AWS KMS condition keys" (kms:CallerAccount). Keys compare case-insensitively, as IAM's do.
 * Deliberately absent, because they do not say who acts: aws:SecureTransport, aws:CurrentTime,
 * aws:MultiFactorAuthPresent, s3:x-amz-*, kms:ViaService (any account's S3 calls through it), and any
 * key not listed here (fail closed).
 */
const whoKeys = new Set([
    "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:sourcevpce", "aws:sourcevpc",
    "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths", "aws:userid",
    "s3:dataaccesspointarn", "s3:dataaccesspointaccount", "kms:calleraccount", "aws:sourceip",
]);
/**
 * Operators that narrow to the values given. A negated operator (StringNotEquals: everyone but), an
 * `...IfExists` one (true when the key is absent, as aws:SourceArn is on a direct call), `Null` (tests
 * presence only) and the `ForAllValues:` set prefix (true when the key is absent) narrow nothing.
 */
const narrowingOperators = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"]);

/** Whether a value is fixed: a non-blank string with no wildcard (`*`, `?`) (S3: `"vpc-*"` is public). ARN keys may wildcard past the account. */
function fixedValue(key: string, operator: string, v: unknown): boolean {
    if (typeof v !== "string" || v.trim() === "") return false;
    if (key === "aws:sourceip") return operator === "ipaddress"; // judged on all its values together (narrowIpv4)
    if (!/[*?]/.test(v)) return true;
    // arn:partition:service:region:account:resource: a wildcard after a fixed 12-digit account still names one account.
    if ((key === "aws:sourcearn" || key === "aws:principalarn") && (operator === "arnlike" || operator === "stringlike")) {
        const parts = v.split(":");
        return parts.length >= 6 && /^\d{12}$/.test(parts[4]) && !/[*?]/.test(parts.slice(0, 4).join(":"));
    }
    return false;
}

/**
 * The number of IPv4 addresses of an address or CIDR (`10.0.0.0/8` → 2^24), or undefined when it is not
 * one. Any IPv6 range is left undefined (spellings such as `::ffff:0:0/96` reach the whole IPv4 internet).
 */
function ipv4Size(v: string): number | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(v.trim());
    if (!m || m.slice(1, 5).some(o => Number(o) > 255)) return undefined;
    const bits = m[5] === undefined ? 32 : Number(m[5]);
    return bits <= 32 ? 2 ** (32 - bits) : undefined;
}

/**
 * Whether aws:SourceIp values hold the request to a few addresses: IPv4 only, together at most 2^24
 * addresses (one /8). A bound on the sum, not on each value: 256 CIDRs of /8, or 0.0.0.0/1 with
 * 128.0.0.0/1, are the whole internet.
 */
function narrowIpv4(values: readonly unknown[]): boolean {
    let total = 0;
    for (const v of values) {
        const size = typeof v === "string" ? ipv4Size(v) : undefined;
        if (size === undefined) return false;
        total += size;
    }
    return total <= 2 ** 24;
}

/**
 * The condition that limits who acts, as `operator key`, or undefined. All values under the key must be
 * fixed (a list with one `"*"` lets everyone in); a Condition block that is not an object limits nothing.
 */
export function limitingCondition(s: Statement): string | undefined {
    const c = s.Condition;
    if (!c || typeof c !== "object" || Array.isArray(c)) return undefined;
    for (const [op, block] of Object.entries(c as Record<string, unknown>)) {
        const operator = op.toLowerCase().replace(/^foranyvalue:/, "");
        if (!narrowingOperators.has(operator) || !block || typeof block !== "object" || Array.isArray(block)) continue;
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
            const key = k.toLowerCase();
            const values = asArray(v as unknown[]);
            if (!whoKeys.has(key) || !values.length || !values.every(x => fixedValue(key, operator, x))) continue;
            if (key === "aws:sourceip" && !narrowIpv4(values)) continue;
            return `${op} ${k}`;
        }
    }
    return undefined;
}

/** The values of a condition key under an operator, operators and keys compared case-insensitively (IAM's keys are). */
export function conditionValues(s: Statement, operator: string, key: string): unknown[] {
    if (!s.Condition || typeof s.Condition !== "object") return [];
    const out: unknown[] = [];
    for (const [op, block] of Object.entries(s.Condition as Record<string, unknown>)) {
        if (op.toLowerCase() !== operator.toLowerCase() || !block || typeof block !== "object") continue;
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
            if (k.toLowerCase() === key.toLowerCase()) out.push(...asArray(v as unknown[]));
        }
    }
    return out;
}

/**
 * Why a statement grants everyone (a public resource policy or trust policy), or undefined: it may
 * allow, its principal is everyone (everyoneIn), and no condition limits who acts (limitingCondition).
 */
export function publicGrant(s: Statement): string | undefined {
    if (!mayAllow(s)) return undefined;
    const who = everyoneIn(s);
    if (!who) return undefined;
    const held = s.Condition !== undefined && s.Condition !== null && typeof s.Condition === "object" && Object.keys(s.Condition).length > 0;
    return `${who}${held ? " with no condition that limits who acts (aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceVpce, a fixed aws:SourceArn or aws:SourceAccount, ...)" : " without a Condition"}`;
}

/** publicGrant, with limitingCondition applied: the reason, or undefined when the statement is not public. */
export function isPublicStatement(s: Statement): string | undefined {
    return limitingCondition(s) ? undefined : publicGrant(s);
}

/**
 * Why a web-identity trust statement lets anyone with a token from the provider assume the role, or
 * undefined. A `Federated` OIDC provider (not a SAML provider) trusted for sts:AssumeRoleWithWebIdentity
 * must be held to one subject: a fixed `<provider>:sub` (GitHub Actions: `token.actions.githubusercontent.com:sub`
 * = `repo:org/repo:...`), or for Cognito a fixed `cognito-identity.amazonaws.com:aud` (the identity pool).
 * Without it every GitHub repository, or every Cognito pool of every account, can take the role (GitHub
 * Docs, "Configuring OpenID Connect in Amazon Web Services"; IAM User Guide, "Creating a role for web
 * identity or OIDC federation"). The `aud` of GitHub's provider is sts.amazonaws.com for everybody, so it
 * holds no one.
 */
export function openWebIdentity(s: Statement): string | undefined {
    if (!mayAllow(s) || !coversAction(s, "sts:AssumeRoleWithWebIdentity")) return undefined;
    const p = s.Principal;
    if (!p || typeof p !== "object") return undefined;
    const providers = Object.entries(p as Record<string, unknown>).filter(([k]) => k.toLowerCase() === "federated")
        .flatMap(([, v]) => strings(v)).filter(v => !/:saml-provider\//i.test(v));
    if (!providers.length) return undefined;
    const held = (suffix: string) => subjectHeld(s, suffix);
    const open = providers.filter(v => !(held(":sub") || (/cognito-identity\.amazonaws\.com/i.test(v) && held("cognito-identity.amazonaws.com:aud"))));
    return open.length ? `web identity from ${open.map(v => JSON.stringify(v)).join(", ")} with no condition that fixes the token's subject (<provider>:sub, or the Cognito pool's aud)` : undefined;
}

/** Whether a narrowing operator holds a key ending in `suffix` to values with something fixed before any wildcard (`repo:org/*` holds; `repo:*`, `*` do not). */
function subjectHeld(s: Statement, suffix: string): boolean {
    const c = s.Condition;
    if (!c || typeof c !== "object" || Array.isArray(c)) return false;
    return Object.entries(c as Record<string, unknown>).some(([op, block]) => {
        const operator = op.toLowerCase().replace(/^foranyvalue:/, "");
        if (!["stringequals", "stringlike"].includes(operator) || !block || typeof block !== "object") return false;
        return Object.entries(block as Record<string, unknown>).some(([k, v]) => {
            const values = asArray(v as unknown[]);
            return k.toLowerCase().endsWith(suffix) && values.length > 0 && values.every(x =>
                typeof x === "string" && x.split(/[*?]/)[0].replace(/^[a-z]+:/i, "").trim() !== "");
        });
    });
}

/** Why a statement is public, in a finding's words (with the Effect AWS would refuse, if so). */
export function publicNote(s: Statement, why: string): string {
    return [`It grants everyone: ${why}.`, effectProblem(s)].filter(Boolean).join(" ");
}

// ---- Actions and resources ----------------------------------------------------------------------

const globs = new Map<string, RegExp>();

/** IAM's wildcard match: `*` any run of characters, `?` one, anywhere; actions compare case-insensitively. */
export function globMatches(pattern: string, text: string, ignoreCase: boolean): boolean {
    const key = `${ignoreCase ? "i" : "c"}${pattern}`;
    let re = globs.get(key);
    if (!re) {
        const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
        globs.set(key, re = new RegExp(`^${body}$`, ignoreCase ? "i" : ""));
    }
    return re.test(text);
}

/** The action patterns of a statement (Action as a string or list). */
export function actionsOf(s: Statement): string[] {
    return strings(s.Action);
}

/** Whether a statement's Action (or, for NotAction, its complement) covers `action`. */
export function coversAction(s: Statement, action: string): boolean {
    if (s.NotAction !== undefined) return !strings(s.NotAction).some(p => globMatches(p, action, true));
    return actionsOf(s).some(p => globMatches(p, action, true));
}

/**
 * Whether an action pattern grants every action of a service (`s3:*`, `S3:**`, `s3:?*`) or of every
 * service (`*`, `*:*`, `?*:*`): its action part holds only wildcards, with at least one `*` (a `?` run
 * first only excludes names shorter than it; no action name is that short). The service, when the
 * pattern covers all of them, is `*`.
 */
export function wholeService(pattern: string): string | undefined {
    const colon = pattern.indexOf(":");
    const [service, action] = colon < 0 ? ["*", pattern] : [pattern.slice(0, colon), pattern.slice(colon + 1)];
    if (!/^[*?]+$/.test(action) || !action.includes("*")) return undefined;
    return /[*?]/.test(service) ? "*" : service.toLowerCase();
}

/** Whether a statement's actions grant every action of `service` (lower case), e.g. the s3:* of a TLS-only Deny. */
export function coversWholeService(s: Statement, service: string): boolean {
    if (s.NotAction !== undefined) return false;
    return actionsOf(s).some(p => {
        const whole = wholeService(p);
        return whole === "*" || whole === service;
    });
}

/** Whether a statement applies to every resource: `Resource` holds only wildcards, or it uses NotResource (all but some). */
export function onEveryResource(s: Statement): boolean {
    if (s.NotResource !== undefined) return true;
    return strings(s.Resource).some(r => /^[*?]*\*[*?]*$/.test(r));
}

const KEY_PROBES = ["key/hipaa-cloud-probe-0000", "key/x"];
const ARN_DEFAULTS = ["arn", "aws", "kms", "us-east-1", "123456789012"];

/**
 * Whether a resource pattern names every KMS key (of an account, or of all): `*`, `arn:aws:kms:*:*:key/*`,
 * `arn:aws:kms:us-east-1:123456789012:*`, `arn:*:kms:*:*:*`. Its fixed segments are kept, its wildcard
 * segments filled in, and the result must match two unrelated key ids.
 */
export function namesEveryKey(pattern: string): boolean {
    const parts = pattern.split(":");
    if (parts.length > 1 && parts[2] !== undefined && !/[*?]/.test(parts[2]) && parts[2].toLowerCase() !== "kms") return false;
    const prefix = ARN_DEFAULTS.map((d, i) => parts[i] !== undefined && !/[*?]/.test(parts[i]) ? parts[i] : d).join(":");
    return KEY_PROBES.every(id => globMatches(pattern, `${prefix}:${id}`, false));
}

/** Whether a statement applies to every KMS key: NotResource, or a Resource pattern that names every key. */
export function onEveryKey(s: Statement): boolean {
    if (s.NotResource !== undefined) return true;
    return strings(s.Resource).some(namesEveryKey);
}

const OBJECT_PROBE = "hipaa-cloud-probe/object-0000";

/**
 * Whether a statement's Resource covers a bucket and every object in it. With the bucket's name: some
 * pattern matches `arn:aws:s3:::<name>` and some `arn:aws:s3:::<name>/<any key>` (ARNs match
 * case-sensitively). Without it (a generated name, unknown in the program): `*`, or some
 * `arn:aws:s3:::<x>` listed with its `arn:aws:s3:::<x>/*`. NotResource covers all but some: never.
 */
export function coversBucketAndObjects(s: Statement, bucketName?: string): boolean {
    if (s.NotResource !== undefined) return false;
    const patterns = strings(s.Resource);
    if (bucketName !== undefined) {
        const arn = `arn:aws:s3:::${bucketName}`;
        return patterns.some(p => globMatches(p, arn, false)) && patterns.some(p => globMatches(p, `${arn}/${OBJECT_PROBE}`, false));
    }
    return patterns.some(p => /^[*?]*\*[*?]*$/.test(p) || p === "arn:aws:s3:::*") ||
        patterns.some(p => p.startsWith("arn:aws:s3:::") && !p.includes("/") && patterns.includes(`${p}/*`));
}

/**
 * Whether the statement is the one that refuses every request not made over TLS (cdk-nag
 * S3BucketSSLRequestsOnly): exactly "Deny", to everyone, every S3 action (no NotAction), on the bucket
 * and its objects (coversBucketAndObjects; `bucketName` when known), and a Condition that is only
 * `Bool`/`BoolIfExists` aws:SecureTransport "false": a further condition would narrow the Deny to the
 * requests that also meet it.
 */
export function deniesInsecureTransport(s: Statement, bucketName?: string): boolean {
    if (!isDeny(s) || !bindsEveryone(s) || !coversWholeService(s, "s3") || !coversBucketAndObjects(s, bucketName)) return false;
    const c = s.Condition;
    if (!c || typeof c !== "object" || Array.isArray(c)) return false;
    const blocks = Object.entries(c as Record<string, unknown>);
    return blocks.length > 0 && blocks.every(([op, block]) => {
        if (!["bool", "boolifexists"].includes(op.toLowerCase()) || !block || typeof block !== "object") return false;
        const entries = Object.entries(block as Record<string, unknown>);
        return entries.length === 1 && entries[0][0].toLowerCase() === "aws:securetransport" &&
            asArray(entries[0][1] as unknown[]).length > 0 && asArray(entries[0][1] as unknown[]).every(isFalseText);
    });
}

/** "false" as IAM compares a Bool condition (any case, nothing more): a Deny on it is the safe statement, so a near miss (" false") does not count. */
function isFalseText(v: unknown): boolean {
    return v === false || equalsAnyIgnoreCase(v, "false");
}
