// `check --state`: a state file read as Pulumi writes it, judged by the same judge() as a program's run.
// In-process (no spawned checker): readState/checkState and the report renderers.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckArgs, parseArgs } from "../../checker/args";
import { CheckError } from "../../checker/errors";
import { emptyPolicyConfig, readPolicyConfig } from "../../checker/evaluate";
import { render } from "../../checker/report";
import { formats } from "../../checker/report";
import { policyInfo } from "../../checker/report/model";
import { readState } from "../../checker/state";
import { checkState, checkStates } from "../../checker/state-check";
import { credentialName, stateRules } from "../../checker/state-secrets";
import { rules as packRules } from "../../policies/pack";
import { spawnTimeout, tempDir } from "./helpers";
import { checkInProcess } from "./in-process";

const sig = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const stack = "urn:pulumi:prod::hospital::pulumi:pulumi:Stack::hospital-prod";
const awsProvider = "urn:pulumi:prod::hospital::pulumi:providers:aws::default_6_0_0";
const providerRef = `${awsProvider}::04da6b54-0000-0000-0000-000000000001`;

type Res = Record<string, unknown>;
const dir = tempDir("state");
let n = 0;

/** A state file of these resources (after the stack and the default AWS provider in us-east-1), as `pulumi stack export` writes it. */
function exported(resources: Res[], extra: Record<string, unknown> = {}): string {
    const file = path.join(dir, `state-${n++}.json`);
    fs.writeFileSync(file, JSON.stringify({
        version: 3,
        deployment: {
            manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.200.0" },
            secrets_providers: { type: "passphrase", state: { salt: "v1:x" } },
            resources: [
                { urn: stack, custom: false, type: "pulumi:pulumi:Stack" },
                { urn: awsProvider, custom: true, id: "04da6b54-0000-0000-0000-000000000001", type: "pulumi:providers:aws", inputs: { region: "us-east-1" }, outputs: { region: "us-east-1" } },
                ...resources,
            ],
            ...extra,
        },
    }, null, 2));
    return file;
}

function resource(type: string, name: string, inputs: Res, outputs: Res = inputs, more: Res = {}): Res {
    return { urn: `urn:pulumi:prod::hospital::${type}::${name}`, custom: true, id: `${name}-id`, type, inputs, outputs, parent: stack, provider: providerRef, ...more };
}

const rds = (name: string, outputs: Res, inputs: Res = {}) => resource("aws:rds/instance:Instance", name, { engine: "postgres", ...inputs }, { engine: "postgres", ...outputs });
const ciphertext = { [sig]: secretSig, ciphertext: "v1:abc:def" };
const plaintext = (v: unknown) => ({ [sig]: secretSig, plaintext: JSON.stringify(v) });

function refused(file: string, pattern: RegExp): void {
    assert.throws(() => readState(file), (e: unknown) => e instanceof CheckError && pattern.test(e.message) && e.message.startsWith(`--state ${file}:`));
}

function write(text: string): string {
    const file = path.join(dir, `raw-${n++}.json`);
    fs.writeFileSync(file, text);
    return file;
}

const judge = (file: string, strict = false) => checkState(file, packRules, emptyPolicyConfig, strict);
const findingsOf = (file: string, policy?: RegExp) => judge(file).findings.filter(f => !policy || policy.test(f.policy));

describe("check --state: reading a state file", () => {
    it("reads `pulumi stack export` output and a file-backend checkpoint alike", () => {
        const r = rds("db", { publiclyAccessible: false });
        const file = exported([r]);
        const state = readState(file);
        assert.equal(state.kind, "deployment");
        assert.equal(judge(file).source, "state", "the report says it judged a state");
        assert.equal(state.stack, "prod");
        assert.equal(state.project, "hospital");
        const doc = JSON.parse(fs.readFileSync(file, "utf8"));
        const checkpoint = write(JSON.stringify({ version: 3, checkpoint: { stack: "org/hospital/prod", latest: doc.deployment } }));
        const cp = readState(checkpoint);
        assert.equal(cp.kind, "checkpoint");
        assert.deepEqual(cp.resources.map(x => x.urn), state.resources.map(x => x.urn));
    });

    it("refuses anything else, naming what was expected", () => {
        refused(write("[]"), /is a list; expected what `pulumi stack export` writes/);
        refused(write(JSON.stringify({ version: 3, resources: [] })), /neither deployment nor checkpoint \(keys: "version", "resources"\)/);
        refused(write(JSON.stringify({ version: 3, deployment: {}, checkpoint: {} })), /both deployment and checkpoint/);
        refused(write(JSON.stringify({ version: 2, deployment: { resources: [] } })), /version number 2 is not one this reads; expected 3/);
        refused(write(JSON.stringify({ version: "3", deployment: { resources: [] } })), /version "3" is not one this reads/);
        refused(write(JSON.stringify({ version: 3, checkpoint: { stack: "x" } })), /never been deployed/);
        refused(write("{\"version\": 3, \"deployment\": {\"resources\": []}, \"version\": 4}"), /the key "version" is given twice/);
        refused(write("{not json"), /not valid JSON/);
    });

    it("reads version 4 with the features that keep resources' meaning, and refuses any other feature by name", () => {
        const doc = JSON.parse(fs.readFileSync(exported([]), "utf8"));
        assert.equal(readState(write(JSON.stringify({ ...doc, version: 4, features: ["refreshBeforeUpdate"] }))).version, 4);
        refused(write(JSON.stringify({ ...doc, version: 4, features: ["snippets-prototype"] })), /feature\(s\) "snippets-prototype"/);
        refused(write(JSON.stringify({ ...doc, version: 4, features: ["someday"] })), /feature\(s\) "someday"/);
    });

    it("refuses a file that is not a regular file", () => {
        assert.throws(() => readState("/dev/zero"), /--state \/dev\/zero: is a character device; expected a regular file/);
        assert.throws(() => readState(path.join(dir, "absent.json")), /no such file/);
    });

    it("refuses a file over the limit before reading it", () => {
        const file = path.join(dir, "huge.json");
        fs.writeFileSync(file, "");
        fs.truncateSync(file, 64 * 1024 * 1024 + 1);
        refused(file, /larger than 64 MiB, the limit for this file/);
    });

    it("refuses a state an interrupted update left (pending_operations), naming the operations", () => {
        const file = exported([], { pending_operations: [{ type: "creating", resource: rds("db", {}) }] });
        refused(file, /pending_operations lists 1 operation\(s\).*"creating" "urn:pulumi:prod::hospital::aws:rds\/instance:Instance::db".*pulumi refresh/);
    });

    it("refuses a secret object that is not exactly one of ciphertext or plaintext", () => {
        refused(exported([rds("db", { password: { ...ciphertext, plaintext: "\"x\"" } })]), /outputs\.password: a secret holds exactly one of ciphertext or plaintext/);
        refused(exported([rds("db", { password: { ...ciphertext, value: "hunter2" } })]), /got keys "ciphertext", "value"/);
        refused(exported([rds("db", { password: { [sig]: secretSig } })]), /got keys none/);
        refused(exported([rds("db", { password: { [sig]: secretSig, ciphertext: 7 } })]), /a string, and nothing else/);
        refused(exported([rds("db", { x: { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: 1 } })]), /unrecognized signature/);
    });

    it("refuses resource fields of the wrong type (protect: \"true\", dependencies as text)", () => {
        refused(exported([rds("db", {}, {})].map(r => ({ ...r, protect: "true" }))), /resources\[2\]\.protect is "true"; expected true or false/);
        refused(exported([rds("db", {}, {})].map(r => ({ ...r, protect: 1 }))), /protect is number 1/);
        refused(exported([rds("db", {}, {})].map(r => ({ ...r, dependencies: stack }))), /dependencies is a string; expected a list of URNs/);
        refused(exported([rds("db", {}, {})].map(r => ({ ...r, inputs: [] }))), /inputs is a list; expected an object/);
    });

    it("refuses a urn whose type is not the resource's type, a urn given twice, and references to nothing", () => {
        refused(exported([{ ...rds("db", {}), type: "aws:s3/bucket:Bucket" }]), /type "aws:s3\/bucket:Bucket" is not the type its urn names/);
        refused(exported([rds("db", {}), rds("db", {})]), /is given twice/);
        refused(exported([{ ...rds("db", {}), provider: "urn:pulumi:prod::hospital::pulumi:providers:aws::other::1" }]), /names no provider resource of the state/);
        refused(exported([{ ...rds("db", {}), parent: "urn:pulumi:prod::hospital::x:y:Z::gone" }]), /parent names .* which is not a resource of the state/);
        refused(exported([{ ...rds("db", {}), urn: "urn:pulumi:dev::hospital::aws:rds/instance:Instance::db" }]), /one state is one stack/);
        refused(exported([{ ...rds("db", {}), urn: "arn:aws:rds:db" }]), /is not a Pulumi URN/);
        // What the text report prints as the stack's name, or a type, may not carry a line break or a bidirectional override.
        refused(exported([{ ...rds("db", {}), urn: "urn:pulumi:pr\nod\u202e::hospital::aws:rds/instance:Instance::db" }]), /stack "pr\\nod\\u202e" or project "hospital" is not a name Pulumi allows/);
        const odd = "aws:rds/instance:Instance\nPASS";
        refused(exported([{ ...rds("db", {}), type: odd, urn: `urn:pulumi:prod::hospital::${odd}::db` }]), /is not a Pulumi type token/);
    });

    it("refuses a cloud resource that says it is a component (custom: false), which would leave it unjudged and uncounted", () => {
        refused(exported([{ ...rds("db", { publiclyAccessible: true }), custom: false }]), /custom is boolean false but the resource has an id/);
        const { id: _id, ...noId } = rds("db", { publiclyAccessible: true });
        assert.throws(() => judge(exported([{ ...noId, custom: false }])), /says custom: false \(a component\), but aws:rds\/instance:Instance is a provider's resource type the rules judge/);
    });

    it("keeps a property named __proto__ as a property, never the object's prototype", () => {
        const file = write(fs.readFileSync(exported([rds("db", {})]), "utf8").replace('"engine": "postgres"\n', '"engine": "postgres", "__proto__": {"publiclyAccessible": false}\n'));
        const db = readState(file).resources.find(r => r.name === "db")!;
        assert.equal(Object.getPrototypeOf(db.inputs), Object.prototype);
        assert.ok(Object.prototype.hasOwnProperty.call(db.inputs, "__proto__"));
        assert.equal((db.inputs as { publiclyAccessible?: unknown }).publiclyAccessible, undefined);
        // Nor does an output named like an Object.prototype member hide an input of that name.
        const named = readState(exported([rds("db2", {}, { toString: "kept", constructor: "kept" })])).resources.find(r => r.name === "db2")!;
        assert.equal(Object.getOwnPropertyDescriptor(named.inputs, "toString")?.value, "kept");
        assert.equal(({} as { publiclyAccessible?: unknown }).publiclyAccessible, undefined);
    });

    it("refuses nesting deeper than any provider's property, without exhausting the stack", () => {
        const file = write(fs.readFileSync(exported([rds("db", { deep: "DEEP" })]), "utf8").replace('"DEEP"', "[".repeat(100_000) + "]".repeat(100_000)));
        refused(file, /nested more than 100 levels deep/);
    });

    it("reads the engine's other encodings: a computed value, a resource reference, a float, a byte string, an asset", () => {
        const file = exported([rds("db", {
            a: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            b: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: stack, id: "db-id" },
            c: { [sig]: "8ad145fe-0d11-4827-bfd7-1abcbf086f5c", value: "3ff8000000000000" },
            d: { [sig]: "803fd3297a5875dc03ca845dda5d2a98", value: Buffer.from("bytes").toString("base64") },
            e: { [sig]: "c44067f5952c0a294b673a41bacd8c17", text: "x" },
        })]);
        const db = readState(file).resources.find(r => r.name === "db")!.inputs;
        assert.equal(db.a, Symbol.for("hipaa-cloud.unknown"));
        assert.equal(db.b, "db-id");
        assert.equal(db.c, 1.5);
        assert.equal(db.d, "bytes");
        assert.deepEqual(db.e, { text: "x" });
    });
});

describe("check --state: what the policies see", () => {
    it("judges outputs over inputs: a provider default the program never wrote, and a change a refresh picked up", () => {
        // Unset in the program, false as deployed (the provider's default).
        const defaulted = findingsOf(exported([rds("db", { storageEncrypted: false })]), /enc-rest/);
        assert.ok(defaulted.some(f => /storageEncrypted is false/.test(f.message)), defaulted.map(f => f.message).join("\n"));
        // The program said true; the console turned it off and `pulumi refresh` recorded it.
        const drifted = findingsOf(exported([rds("db", { publiclyAccessible: true }, { publiclyAccessible: false })]), /public-access-rds/);
        assert.equal(drifted.length, 1);
        assert.match(drifted[0].message, /publiclyAccessible is true/);
        // An output the provider left null where the program set a value: not known, so not a pass.
        const nulled = findingsOf(exported([rds("db", { publiclyAccessible: null }, { publiclyAccessible: true })]), /public-access-rds/);
        assert.equal(nulled.length, 1);
        assert.equal(nulled[0].enforcement, "mandatory");
        // Inputs or outputs that say they are a secret as a whole would hide every property.
        refused(exported([rds("db", {}, {})].map(r => ({ ...r, outputs: ciphertext }))), /outputs is a secret or other special value/);
        // An input the provider does not echo back is kept.
        const kept = readState(exported([resource("aws:s3/bucket:Bucket", "b", { bucket: "phi" }, { arn: "arn:aws:s3:::phi" })])).resources.find(r => r.name === "b")!;
        assert.deepEqual(kept.inputs, { bucket: "phi", arn: "arn:aws:s3:::phi" });
    });

    it("a secret the state holds encrypted cannot pass a rule that reads it: a mandatory finding, never [a value]", () => {
        // The attack: pulumi.secret(true) on publiclyAccessible, judged from an encrypted state.
        const f = findingsOf(exported([rds("db", { publiclyAccessible: ciphertext })]), /public-access-rds/);
        assert.equal(f.length, 1);
        assert.equal(f[0].enforcement, "mandatory");
        assert.match(f[0].message, /publiclyAccessible cannot be read from the state \(it holds the value encrypted/);
        assert.doesNotMatch(f[0].message, /pulumi up/);
        // Exported with --show-secrets: the value is read, and stays secret in every report.
        // A provider region held encrypted: RESIDENCY cannot read it, and says so as a mandatory finding.
        const doc = JSON.parse(fs.readFileSync(exported([rds("db", {})]), "utf8"));
        doc.deployment.resources[1].inputs.region = ciphertext;
        const region = write(JSON.stringify(doc));
        const residency = findingsOf(region, /residency/);
        assert.equal(residency.length, 1);
        assert.equal(residency[0].enforcement, "mandatory");
        const shown = findingsOf(exported([rds("db", { publiclyAccessible: plaintext(true) })]), /public-access-rds/);
        assert.equal(shown.length, 1);
        assert.match(shown[0].message, /publiclyAccessible is \[secret\]/);
    });

    it("honours the options the state records: protect, and a resource pending deletion is still judged", () => {
        const unprotected = findingsOf(exported([rds("db", {})]), /deletion-protection-protect/);
        assert.equal(unprotected.length, 1);
        const isProtected = findingsOf(exported([{ ...rds("db", {}), protect: true }]), /deletion-protection-protect/);
        assert.equal(isProtected.length, 0);
        // `protect` in the state is Pulumi's own guard only: a cloud-side deletion protection the outputs say is off is still a finding.
        const claimed = findingsOf(exported([{ ...rds("db", { deletionProtection: false }, { deletionProtection: true }), protect: true }]), /deletion-protection/);
        assert.ok(claimed.some(f => f.policy === "aws-deletion-protection-rds-database" && /deletionProtection is false/.test(f.message)), claimed.map(f => f.message).join("\n"));
        assert.ok(!claimed.some(f => f.policy === "aws-deletion-protection-protect"));
        // A replaced copy the engine has not deleted yet still exists: hiding an insecure one behind delete: true fails.
        const pending = findingsOf(exported([{ ...rds("db", { publiclyAccessible: true }), delete: true }, { ...rds("db", { publiclyAccessible: false }) }]), /public-access-rds/);
        assert.equal(pending.length, 1);
    });

    it("names a type in odd case as not judged, saying which type the rules judge", () => {
        const r = { ...rds("db", {}), type: "AWS:rds/instance:Instance", urn: "urn:pulumi:prod::hospital::AWS:rds/instance:Instance::db" };
        const report = judge(exported([r]));
        assert.equal(report.coverage.notJudged, 1);
        assert.match(report.coverage.notJudgedResources[0].reason, /differs from it in case/);
        assert.equal(judge(exported([r]), true).summary.mandatory > 0, true);
    });

    it("judges an azure-native resource from the API's outputs, with the inputs Azure does not echo back", () => {
        const doc = JSON.parse(fs.readFileSync(exported([]), "utf8"));
        const azure = "urn:pulumi:prod::hospital::pulumi:providers:azure-native::default";
        doc.deployment.resources.push(
            { urn: azure, custom: true, id: "az", type: "pulumi:providers:azure-native", inputs: { location: "eastus" }, outputs: { location: "eastus" } },
            { urn: "urn:pulumi:prod::hospital::azure-native:storage:StorageAccount::store", custom: true, id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/store1",
                type: "azure-native:storage:StorageAccount", parent: stack, provider: `${azure}::az`,
                inputs: { accountName: "store1", resourceGroupName: "rg", kind: "StorageV2", sku: { name: "Standard_LRS" } },
                outputs: { __inputs: plaintext("redacted"), name: "store1", kind: "StorageV2", sku: { name: "Standard_LRS", tier: "Standard" }, allowBlobPublicAccess: true,
                    minimumTlsVersion: "TLS1_0", enableHttpsTrafficOnly: true, encryption: { keySource: "Microsoft.Storage" }, location: "eastus" } });
        const file = write(JSON.stringify(doc));
        const store = readState(file).resources.find(r => r.name === "store")!;
        assert.equal(store.inputs.accountName, "store1");
        assert.equal(store.inputs.allowBlobPublicAccess, true);
        const policies = new Set(findingsOf(file).map(f => f.policy));
        for (const p of ["azure-public-access-storage-account", "azure-enc-transit-storage-account", "azure-enc-rest-cmk-storage-account"]) assert.ok(policies.has(p), `${p}: ${[...policies].join(", ")}`);
    });

    it("reads RESIDENCY from the provider each resource names", () => {
        const file = write(fs.readFileSync(exported([rds("db", {})]), "utf8").split('"us-east-1"').join('"eu-west-1"'));
        assert.ok(findingsOf(file, /residency/).some(f => /eu-west-1/.test(f.message)));
        assert.equal(findingsOf(exported([rds("db", {})]), /residency/).length, 0);
    });
});

describe("check --state: a secret in plain text", () => {
    const values = {
        rds: "Hunter2-RdsMaster", vm: "Vm-Admin-Pa55", kdc: "Kdc-Admin-Pa55", random: "r4ndom-generated-pw", output: "exported-Pa55word",
        pem: "-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretkeymaterial\n-----END RSA PRIVATE KEY-----", conn: "Server=tcp:db;Database=phi;User ID=a;Password=C0nnStr-Pa55;",
        env: "env-Pa55word-1", json: "container-Pa55word", reused: "the-shared-secret-value",
    };
    let file: string;
    before(() => {
        file = exported([
            rds("db", { password: values.rds }, { password: values.rds }),
            resource("azure-native:compute:VirtualMachine", "vm", { osProfile: { adminUsername: "a", adminPassword: values.vm } }, {}),
            resource("aws:emr/cluster:Cluster", "emr", { kerberosAttributes: { realm: "EC2.INTERNAL", kdcAdminPassword: values.kdc } }),
            resource("random:index/randomPassword:RandomPassword", "pw", { length: 16 }, { length: 16, result: values.random }),
            resource("tls:index/privateKey:PrivateKey", "key", { algorithm: "RSA" }, { algorithm: "RSA", privateKeyPem: values.pem, publicKeyPem: "ssh-rsa AAAA" }),
            resource("aws:ssm/parameter:Parameter", "conn", { type: "String", value: values.conn }),
            resource("aws:lambda/function:Function", "fn", { environment: { variables: { DB_PASSWORD: values.env, LOG_LEVEL: "info" } } }),
            resource("aws:ecs/taskDefinition:TaskDefinition", "task", { containerDefinitions: JSON.stringify([{ name: "app", environment: [{ name: "DB_PASS_WORD", value: values.json }] }]) }),
            resource("aws:ssm/parameter:Parameter", "copy", { type: "String", value: values.reused }),
            resource("aws:secretsmanager/secretVersion:SecretVersion", "sv", { secretString: plaintext(values.reused) }),
            // Not credentials: a boolean, a length, an ARN naming where a secret is kept, a secret held as one.
            rds("managed", { manageMasterUserPassword: true, masterUserSecrets: [{ secretArn: "arn:aws:secretsmanager:us-east-1:1:secret:x" }], password: ciphertext }),
            resource("random:index/randomPassword:RandomPassword", "held", { length: 16 }, { length: 16, result: ciphertext }),
        ]);
        const doc = JSON.parse(fs.readFileSync(file, "utf8"));
        doc.deployment.resources[0].outputs = { dbPassword: values.output, bucketName: "phi-bucket", passwordLength: 16 };
        fs.writeFileSync(file, JSON.stringify(doc));
    });

    it("names each credential by resource and property, under IDENTITY-AUTHN, mandatory", () => {
        const found = findingsOf(file, /plaintext-secret/);
        const where = found.map(f => `${f.name ?? "stack"} ${/: (\S+) is/.exec(f.message)?.[1]}`).sort();
        assert.deepEqual(where, [
            "conn inputs.value", "conn outputs.value",
            "copy inputs.value", "copy outputs.value",
            "db inputs.password", "db outputs.password",
            "emr inputs.kerberosAttributes.kdcAdminPassword", "emr outputs.kerberosAttributes.kdcAdminPassword",
            "fn inputs.environment.variables.DB_PASSWORD", "fn outputs.environment.variables.DB_PASSWORD",
            "key outputs.privateKeyPem",
            "pw outputs.result",
            "stack outputs.dbPassword",
            "task inputs.containerDefinitions", "task outputs.containerDefinitions",
            "vm inputs.osProfile.adminPassword",
        ]);
        for (const f of found) {
            assert.deepEqual(f.controls, ["IDENTITY-AUTHN"]);
            assert.equal(f.enforcement, "mandatory");
        }
        assert.equal(found.find(f => f.name === null)!.urn, null);
    });

    it("never shows the value, in any report format", () => {
        const report = judge(file);
        for (const format of formats) {
            const text = render(format, { reports: [report], errors: [], allStacks: false, policies: [...packRules, ...stateRules()].map(policyInfo) });
            for (const [what, v] of Object.entries(values)) {
                for (const part of v.split("\n")) assert.ok(!text.includes(part), `${format} shows the ${what} value`);
            }
        }
    });

    it("names a provider's credentials in plain text (a stack's aws:secretKey not set as a secret)", () => {
        const doc = JSON.parse(fs.readFileSync(exported([rds("db", {})]), "utf8"));
        doc.deployment.resources[1].inputs = { region: "us-east-1", accessKey: "AKIAEXAMPLE", secretKey: "wJalrXUtnFEMI-K7MDENG" };
        const report = judge(write(JSON.stringify(doc)));
        const found = report.findings.filter(f => /plaintext/.test(f.policy));
        assert.deepEqual(found.map(f => `${f.type} ${/: (\S+) is/.exec(f.message)?.[1]}`), ["pulumi:providers:aws inputs.secretKey"]);
        assert.ok(!JSON.stringify(report).includes("wJalrXUtnFEMI-K7MDENG"));
    });

    it("leaves coverage as it was: a credential finding does not make a resource judged", () => {
        const report = judge(exported([resource("aws:cloudformation/stack:Stack", "t", { name: "t", password: "a-password-here" })])); // a type no rule judges
        assert.equal(report.findings.filter(f => /plaintext/.test(f.policy)).length, 2);
        assert.equal(report.coverage.judged, 0);
        assert.equal(report.coverage.notJudged, 1);
    });

    it("is exempted, disabled and weakened like any policy, and a program run's policy config may name it", () => {
        const config = write(JSON.stringify({ "hipaa-cloud-state-plaintext-secret": { enforcementLevel: "advisory",
            exemptions: [{ control: "IDENTITY-AUTHN", resource: "db", reason: "rotated after export, ticket SEC-9", expires: new Date(Date.now() + 100 * 86400_000).toISOString().slice(0, 10) }] } }));
        const pc = readPolicyConfig(config, [...packRules, ...stateRules()]);
        const report = checkState(exported([rds("db", { password: "Pa55word-x" })]), packRules, pc);
        const own = report.findings.filter(f => /plaintext/.test(f.policy));
        assert.ok(own.length > 0 && own.every(f => f.enforcement === "advisory"));
        assert.throws(() => readPolicyConfig(config, packRules), /no policy of that name/);
    });

    it("tells a credential's name from a name about one", () => {
        for (const name of ["password", "masterPassword", "DB_PASSWORD", "adminPassword", "kdcAdminPassword", "clientSecret", "secret", "privateKeyPem",
            "secretKey", "primaryAccessKey", "sasToken", "connectionString", "sesSmtpPasswordV4", "credentials",
            "ＰＡＳＳＷＯＲＤ", "pass\u200bword", "adminPassword2", "DB-Password"]) assert.ok(credentialName(name), name);
        for (const name of ["passwordLength", "manageMasterPassword_x", "secretArn", "masterPasswordSecretKmsKeyId", "tokenName", "encryptedSecret",
            "publicKeyPem", "keyFingerprint", "name", "passwordPolicy", "secretName"]) assert.equal(credentialName(name), undefined, name);
    });
});

describe("check --state DIR: a fleet", () => {
    it("judges every state file of a folder, one report each, and names one it cannot read", () => {
        const fleet = tempDir("state-fleet");
        fs.copyFileSync(exported([rds("db", { publiclyAccessible: false })]), path.join(fleet, "a.json"));
        fs.writeFileSync(path.join(fleet, "b.json"), "{}");
        fs.writeFileSync(path.join(fleet, "notes.txt"), "not a state");
        const progress: string[] = [];
        const { reports, errors, fleet: isFleet } = checkStates(fleet, packRules, emptyPolicyConfig, false, line => progress.push(line));
        assert.equal(isFleet, true);
        assert.match(progress[0], /^\[1\/2\] .*a\.json: FAIL /);
        assert.match(progress[1], /^\[2\/2\] .*b\.json: ERROR .*has neither deployment nor checkpoint/);
        assert.match(progress[2], /^checked 2 state files in /);
        assert.equal(reports.length, 1);
        assert.equal(errors.length, 1);
        assert.match(errors[0].message, /b\.json: has neither deployment nor checkpoint/);
        assert.throws(() => checkStates(tempDir("state-empty"), packRules, emptyPolicyConfig), /no state files/);
    });
});

describe("check --state: arguments", () => {
    it("takes a program to compare with, and refuses what only a program run or --all-stacks takes", () => {
        assert.deepEqual((parseArgs(["check", "--state", "s.json"]) as CheckArgs).state, "s.json");
        assert.equal((parseArgs(["check", "--state", "s.json", "--stack", "demo"]) as CheckArgs).stack, "demo");
        assert.throws(() => parseArgs(["check", "--state", "s.json", "--config", "aws:region=us-east-1"]), /--config go with a program to compare it with/);
        assert.throws(() => parseArgs(["check", "--state", "s.json", "--all-stacks"]), /leave out --all-stacks/);
        assert.throws(() => parseArgs(["check", "--state", "s.json", "--jobs", "2"]), /leave out --jobs/);
        assert.throws(() => parseArgs(["check", "--state", "s.json", "--stack", "demo", "--config-file", "x.yaml"]), /give one/);
        assert.throws(() => parseArgs(["check", "--state"]), /--state needs a value/);
    });
});

describe("check --state: the command line", function () {
    this.timeout(spawnTimeout);

    it("exits 1 on a mandatory finding, 0 on none, 2 on a state it cannot read or an argument that needs a program", async () => {
        const failing = await checkInProcess(["check", "--state", exported([rds("db", { password: "Pa55word-in-state" })]), "--format", "json"]);
        assert.equal(failing.code, 1, failing.stderr);
        const report = JSON.parse(failing.stdout);
        assert.equal(report.stack, "prod");
        assert.ok(report.findings.some((f: { policy: string }) => f.policy === "hipaa-cloud-state-plaintext-secret"));
        assert.ok(!failing.stdout.includes("Pa55word-in-state"));
        const empty = await checkInProcess(["check", "--state", exported([])]);
        assert.equal(empty.code, 0, empty.stderr);
        assert.match(empty.stdout, /nothing was judged/);
        const bad = await checkInProcess(["check", "--state", write("{}")]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /neither deployment nor checkpoint/);
        const mixed = await checkInProcess(["check", "--state", exported([]), "--all-stacks"]);
        assert.equal(mixed.code, 2);
        assert.match(mixed.stderr, /leave out --all-stacks/);
    });
});
