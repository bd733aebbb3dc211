// Secrets in plain text: a finding only a state can show. A program's preview sees what it asks for; the
// state holds what the provider returned too (an IAM access key's `secret`, a generated password's
// `result`, a connection string with the password in it) and records which of those values it holds
// as secrets (encrypted with the stack's secrets provider). A password, private key, token or connection
// string the state holds in plain text can be read by anyone who can read the state (a state bucket, a
// CI log of `pulumi stack export`, every backup of either).
//
// Reported under IDENTITY-AUTHN (45 CFR 164.312(d), person or entity authentication): a credential that
// anyone with the state can present no longer authenticates the person or entity it was issued to. The
// pack's own "no written admin password" rules (Redshift, RDS, Azure SQL) report a written password under
// the same control; this finding is the state's view of the same failure, for every resource and output.
//
// The value is never shown: findings name the resource, whether inputs or outputs, and the property path.
// The path is also added to the resource's secret paths, so no other finding quotes the value either.
import type { Rule, StackRule, Violation } from "../policies/lib/rule";
import { stackRule } from "../policies/lib/rule";
import { isUnknown } from "../policies/lib/values";
import { plaintextSecretPolicy } from "../policies/lib/coverage";
import type { StateResource, StateValues } from "./state";

export { plaintextSecretPolicy };

export interface PlaintextSecret {
    urn: string;
    type: string;
    name: string;
    where: "inputs" | "outputs";
    /** The property path inside inputs or outputs (`masterPassword`, `environment.variables.DB_PASSWORD`). */
    path: string;
    /** What it is, in words ("a password"), never the value. */
    kind: string;
}

/**
 * Property names that hold a credential, compared without case and without `_`, `-` and `.` (so
 * `DB_PASSWORD`, `db-password` and `dbPassword` are one name): the last word of the name decides.
 * A name that goes on (`passwordLength`, `secretArn`, `masterPasswordSecretKmsKeyId`, `tokenName`)
 * names something about a credential, not one; `manageMasterPassword: true` is a boolean and is skipped.
 */
const credentialNames: readonly [RegExp, string][] = [
    [/(password|passwd|passphrase|pwd)$/, "a password"],
    [/(privatekey|privatekeypem|privatekeyopenssh|privatekeypemopenssh|privatekeypkcs8|privatekeypempkcs8|rawkey|rsaencryptedkey)$/, "a private key"],
    [/(secretkey|secretaccesskey|accountkey|sharedkey|primarykey|secondarykey|primaryaccesskey|secondaryaccesskey|masterkey|apikey|sharedaccesskey|accesskeysecret)$/, "an access key"],
    [/(token|authtoken|accesstoken|refreshtoken|bearertoken|sastoken)$/, "a token"],
    [/(connectionstring|connectionstrings|connstr|connectionuri)$/, "a connection string"],
    [/(secret|clientsecret|sharedsecret|webhooksecret)$/, "a secret"],
    [/^credentials?$/, "credentials"],
];

/** Names that end like a credential but hold none: an encrypted or hashed form, a fingerprint. */
const notACredential = /^(encrypted|hashed|hash|pgpkey|keyfingerprint)|(fingerprint|hash)$/;

/** Values that name where a secret is kept, not the secret: an ARN, a Key Vault or Secret Manager reference. */
const secretReference = /^(arn:aws[a-z-]*:[a-z0-9-]+:|https:\/\/[a-z0-9-]+\.vault\.azure\.net\/|projects\/[^/\s]+\/secrets\/|\{\{resolve:(secretsmanager|ssm-secure):|@Microsoft\.KeyVault\()/i;

/** Values that are a credential whatever their property is called. */
const credentialValues: readonly [RegExp, string][] = [
    [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/, "a private key (PEM)"],
    // `Password=...;`, `Pwd=...`, `AccountKey=...`, `SharedAccessKey=...`: ADO.NET, ODBC, Azure Storage, Service Bus.
    [/(?:^|;)\s*(?:password|pwd|accountkey|sharedaccesskey)\s*=\s*[^;\s]/i, "a connection string with a password or key"],
    // scheme://user:password@host (a database or broker URL).
    [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@[^\s/]/i, "a URL with a password"],
];

/** Per resource type, outputs that are a credential under a name the list above does not know. */
const credentialOutputs: Readonly<Record<string, Readonly<Record<string, string>>>> = {
    "random:index/randomPassword:RandomPassword": { result: "a generated password", bcryptHash: "a password's bcrypt hash" },
    "aws:iam/accessKey:AccessKey": { secret: "an access key", sesSmtpPasswordV4: "a password" },
};

/** Generated or exported secrets shorter than this are not matched by value elsewhere (too many false matches). */
const shortestMatchedSecret = 8;

/**
 * A name as compared: NFKC (a fullwidth `ＰＡＳＳＷＯＲＤ` is `PASSWORD`), lower case, without separators and
 * invisible format characters (`pass\u200bword`), without a trailing version or number (`password2`, `sesSmtpPasswordV4`).
 */
function normalized(name: string): string {
    return name.normalize("NFKC").toLowerCase().replace(/[\p{Cf}_\-.\s]/gu, "").replace(/v?\d+$/, "");
}

/** What a property of this name holds when it holds a credential, or undefined. */
export function credentialName(name: string): string | undefined {
    const n = normalized(name);
    if (!n || notACredential.test(n)) return undefined;
    return credentialNames.find(([re]) => re.test(n))?.[1];
}

/** What a value is when it is a credential whatever its name, or undefined. */
export function credentialValue(v: string): string | undefined {
    return credentialValues.find(([re]) => re.test(v))?.[1];
}

/**
 * Every credential a state holds in plain text, across all its resources (the stack's own outputs,
 * providers and components too), and the value of any secret the state holds elsewhere that appears in
 * plain text. Adds each one's path to the resource's secret paths, so no report shows it.
 */
export function plaintextSecrets(resources: readonly StateResource[]): PlaintextSecret[] {
    const secretTexts = new Set(resources.flatMap(r => [...r.stateInputs.secretTexts, ...r.stateOutputs.secretTexts]).filter(t => t.length >= shortestMatchedSecret));
    const found: PlaintextSecret[] = [];
    for (const r of resources) {
        for (const where of ["inputs", "outputs"] as const) {
            const values = where === "inputs" ? r.stateInputs : r.stateOutputs;
            scan(values, where === "outputs" ? credentialOutputs[r.type] : undefined, secretTexts, (path, kind) => {
                found.push({ urn: r.urn, type: r.type, name: r.name, where, path, kind });
                const top = /^[^.[]*/.exec(path)![0];
                if (!r.secrets.includes(top)) r.secrets.push(top);
            });
        }
    }
    return found;
}

function scan(values: StateValues, byType: Readonly<Record<string, string>> | undefined, secretTexts: ReadonlySet<string>,
    report: (path: string, kind: string) => void): void {
    const secret = new Set(values.secrets);
    const visit = (v: unknown, path: string, name: string, depth: number): void => {
        if (secret.has(path) || isUnknown(v) || v === null || v === undefined || depth > 100) return;
        if (typeof v === "string" || typeof v === "number") {
            const text = String(v);
            if (!text.trim()) return;
            const kind = (path === name ? byType?.[name] : undefined) ?? credentialName(name);
            if (kind && !secretReference.test(text)) { report(path, kind); return; }
            if (typeof v !== "string") return;
            const byValue = credentialValue(v) ?? (secretTexts.has(v) ? "the value of a secret the state holds elsewhere" : undefined);
            if (byValue) { report(path, byValue); return; }
            // A JSON document in a string (an ECS container definition, an EMR configuration): its names and
            // values too, reported at the string's path, since the whole string is what must be hidden.
            if (/^\s*[[{]/.test(v)) {
                let doc: unknown;
                try { doc = JSON.parse(v); } catch { return; }
                const inner: string[] = [];
                scan({ value: { doc } as Record<string, unknown>, secrets: [], secretTexts: [] }, undefined, secretTexts, (_p, k) => inner.push(k));
                if (inner.length) report(path, `${inner[0]} inside a JSON document`);
            }
            return;
        }
        if (Array.isArray(v)) { v.forEach((x, i) => visit(x, `${path}[${i}]`, name, depth + 1)); return; }
        if (typeof v === "object") {
            const o = v as Record<string, unknown>;
            // `{name: "DB_PASSWORD", value: "..."}`: an environment variable or parameter as a list entry.
            if (typeof o.name === "string" && (typeof o.value === "string" || typeof o.value === "number") && credentialName(o.name) && !secret.has(`${path}.value`)) {
                const text = String(o.value);
                if (text.trim() && !secretReference.test(text)) report(`${path}.value`, `${credentialName(o.name)} (${o.name})`);
            }
            for (const [k, x] of Object.entries(o)) visit(x, path ? `${path}.${k}` : k, k, depth + 1);
        }
    };
    for (const [k, v] of Object.entries(values.value)) visit(v, k, k, 1);
}

/**
 * The rule over one state's plain-text secrets, judged like any rule (enforcement, exemptions, policy
 * config): a violation per credential, on the resource that holds it (the stack as a whole for the
 * stack's outputs). No outcome for other resources: it judges nothing about what a resource does with
 * PHI, so it leaves coverage as it is (policies/lib/coverage.ts coverageBlindPolicies).
 */
export function plaintextSecretRule(found: readonly PlaintextSecret[] = []): StackRule {
    return stackRule({
        name: plaintextSecretPolicy, cloud: "any", controls: ["IDENTITY-AUTHN"], severity: "critical",
        description: "No password, private key, token or connection string is held in plain text in the stack's state (state files only).",
        remediation: "Hold it as a secret (pulumi.secret, additionalSecretOutputs), or better keep it out of the state: a managed master password, Entra or IAM authentication, a secret store reference; then rotate it, since the state has exposed it.",
        check: stack => found.map((f): Violation => {
            const resource = stack.byUrn(f.urn) ?? (f.type === "pulumi:pulumi:Stack" ? undefined : { type: f.type, name: f.name, urn: f.urn, props: {}, opts: {} });
            return {
                property: `${f.where}.${f.path}`,
                found: `${f.kind} in plain text (value hidden)`,
                wanted: "held as a secret, or not in the state at all",
                resource,
            };
        }),
    });
}

/** The rules a state run adds to the pack's; its name is also known to a policy config of any run. */
export function stateRules(found?: readonly PlaintextSecret[]): Rule[] {
    return [plaintextSecretRule(found)];
}
