// The asset inventory (JSON assetInventory) and the map of where PHI flows (the Mermaid report).
// In-process: judge() over recorded resources (kinds by type, never by name; keys through the
// dependencies; secrets hidden; hostile names that would rewrite the diagram). Then the three example
// stacks, checked for real, rendered as maps.
import assert from "node:assert/strict";
import { judge, loadRules } from "../../checker/check";
import { emptyPolicyConfig } from "../../checker/evaluate";
import type { RecordedResource } from "../../checker/registration";
import { render } from "../../checker/report";
import type { Asset } from "../../checker/report/assets";
import { CheckReport, policyInfo } from "../../checker/report/model";
import type { Target } from "../../checker/target";
import { spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

const rules = loadRules(undefined);
const policies = rules.map(policyInfo);
const target = {
    project: { name: "map", main: "index.ts" }, stack: "dev", stackFile: null,
    config: { values: { "aws:region": "us-east-1", "gcp:region": "us-central1", "gcp:project": "p" } },
} as unknown as Target;

const urn = (type: string, name: string) => `urn:pulumi:dev::map::${type}::${name}`;
function recorded(type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<RecordedResource> = {}): RecordedResource {
    return {
        urn: urn(type, name), type, name, custom: true, remote: false, parent: null, protect: false, inputs,
        secrets: [], dependencies: [], propertyDependencies: {}, provider: null, retainOnDelete: false, aliases: 0, ...extra,
    };
}
const dep = (prop: string, ...urns: string[]) => ({ dependencies: urns, propertyDependencies: { [prop]: urns } });

const KEY = urn("aws:kms/key:Key", "cmk");
const BUCKET = urn("aws:s3/bucket:Bucket", "phi");
const LOGS = urn("aws:s3/bucket:Bucket", "access-logs");
const ROLE = urn("aws:iam/role:Role", "reader");
const tags = { tenant: "t", "data-classification": "phi" };

const program: RecordedResource[] = [
    recorded("pulumi:pulumi:Stack", "map-dev", {}, { custom: false }),
    recorded("aws:kms/key:Key", "cmk", { tags, enableKeyRotation: true }),
    recorded("aws:s3/bucket:Bucket", "phi", { tags }),
    recorded("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "phi-sse", {
        bucket: "phi", rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:us-east-1:1:key/x" } }],
    }, { dependencies: [BUCKET, KEY], propertyDependencies: { bucket: [BUCKET], rule: [KEY] } }),
    recorded("aws:s3/bucket:Bucket", "access-logs", { tags: { ...tags, "data-classification": "logs" } }),
    recorded("aws:s3/bucketLogging:BucketLogging", "phi-logging", { bucket: "phi", targetBucket: "access-logs" },
        { dependencies: [BUCKET, LOGS], propertyDependencies: { bucket: [BUCKET], targetBucket: [LOGS] } }),
    recorded("aws:iam/role:Role", "reader", { tags, assumeRolePolicy: "{}" }),
    recorded("aws:iam/policy:Policy", "read-phi", { policy: "{}" }, dep("policy", BUCKET, KEY)),
    recorded("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", { role: "reader", policyArn: "arn" },
        { dependencies: [ROLE, urn("aws:iam/policy:Policy", "read-phi")], propertyDependencies: { role: [ROLE], policyArn: [urn("aws:iam/policy:Policy", "read-phi")] } }),
    // Named like a PHI store, of a type that holds nothing: kinds come from types, never names.
    recorded("aws:ec2/tag:Tag", "phi-warehouse-store", { resourceId: "x", key: "k", value: "v" }),
    // A classification the program marked secret, a region unknown until deployment.
    recorded("aws:dynamodb/table:Table", "secret-table", { tags: { tenant: "t", "data-classification": "hunter2-classified" }, region: Symbol.for("hipaa-cloud.unknown") },
        { secrets: ["tags"] }),
    // A name that would close its node and draw an edge of its own in a diagram that did not escape it.
    recorded("gcp:storage/bucket:Bucket", "x\"] --> r1\n  click r1 \"javascript:alert(1)\" %%", { location: "US-CENTRAL1", labels: { "data-classification": "phi" } }),
    recorded("aws:cloudcontrol/resource:Resource", "images", { typeName: "AWS::HealthImaging::Datastore", desiredState: JSON.stringify({ KmsKeyArn: "arn:aws:kms:us-east-1:1:key/x" }) },
        dep("desiredState", KEY)),
    // A grant to a member the stack does not declare (a research partner): drawn from outside the stack.
    recorded("gcp:storage/bucketIAMMember:BucketIAMMember", "partner-read", { bucket: "b", role: "roles/storage.objectViewer", member: "user:partner@example.org" },
        dep("bucket", urn("gcp:storage/bucket:Bucket", "x\"] --> r1\n  click r1 \"javascript:alert(1)\" %%"))),
    // A deeply nested, huge input: read within bounds.
    recorded("aws:s3/bucket:Bucket", "deep", { tags, policy: JSON.stringify(JSON.parse("[".repeat(50) + "{\"kmsKeyId\":\"deep-key\"}" + "]".repeat(50))) }),
];

describe("asset inventory and PHI-flow map (in-process)", () => {
    let report: CheckReport;
    let asset: (name: string) => Asset;
    before(() => {
        report = judge(target, { resources: program, unknownInvokes: [], log: [] }, rules, emptyPolicyConfig, true, false);
        asset = name => report.assetInventory!.find(a => a.name === name)!;
    });

    it("lists every cloud resource with kind, classification, key and location", () => {
        const cloud = program.filter(r => r.custom).map(r => r.name);
        assert.deepEqual(report.assetInventory!.map(a => a.name), cloud);
        assert.deepEqual({ ...asset("phi") }, {
            urn: BUCKET, type: "aws:s3/bucket:Bucket", name: "phi", kind: "store", classification: "phi", key: "cmk", keyUrn: KEY,
            location: "us-east-1", logsFrom: [], private: asset("phi").private,
        });
        assert.equal(asset("cmk").kind, "key");
        assert.equal(asset("images").kind, "imaging", "a CloudControl resource by its typeName");
        assert.equal(asset("images").key, "cmk", "the key its desired state names, resolved to the stack's key");
        assert.equal(asset("reader").kind, "identity");
    });

    it("kinds come from the type, never from the name", () => {
        assert.equal(asset("phi-warehouse-store").kind, null);
    });

    it("a store that receives another's logs is a log store, with the path", () => {
        assert.equal(asset("access-logs").kind, "log");
        assert.deepEqual(asset("access-logs").logsFrom, [BUCKET]);
    });

    it("never shows a secret value, and says when a value is unknown until deployment", () => {
        assert.equal(asset("secret-table").classification, "[secret]");
        assert.equal(asset("secret-table").location, "(unknown until deployment)");
        assert.doesNotMatch(JSON.stringify(report.assetInventory), /hunter2/);
    });

    it("reads a key reference deep in a JSON input, within bounds", () => {
        assert.equal(asset("deep").key, null, "nested deeper than the inventory reads: no key claimed");
    });

    it("the JSON report carries it as an added field, the old fields unchanged", () => {
        const json = JSON.parse(render("json", { reports: [report], errors: [], allStacks: false, policies }));
        assert.ok(Array.isArray(json.assetInventory));
        for (const k of ["tool", "version", "stack", "program", "resources", "findings", "summary", "coverage", "outcomes"]) assert.ok(k in json, k);
    });

    it("the map draws the grant, the log path and the key, with each edge's key and access", () => {
        const map = render("mermaid", { reports: [report], errors: [], allStacks: false, policies });
        const id = (name: string) => `r${report.resources.findIndex(r => r.name === name)}`;
        assert.match(map, /^flowchart LR$/m);
        assert.match(map, /subgraph kind_store\["PHI stores"\]/);
        assert.match(map, new RegExp(`^\\s*${id("reader")} -->\\|"grant · key: cmk · [^"]+"\\| ${id("phi")}$`, "m"));
        assert.match(map, new RegExp(`^\\s*${id("phi")} -->\\|"logs to · key: none named \\(provider default\\) · [^"]+"\\| ${id("access-logs")}$`, "m"));
        assert.match(map, new RegExp(`^\\s*${id("images")} -->\\|"encrypted by"\\| ${id("cmk")}$`, "m"));
        assert.match(map, /^\s*outside\(\["principals outside the stack"\]\)$/m);
        assert.match(map, new RegExp(`^\\s*outside -->\\|"grant · key: none named \\(provider default\\) · [^"]+"\\| r${report.resources.findIndex(r => r.type === "gcp:storage/bucket:Bucket")}$`, "m"));
        // A tag is drawn only as what it is: a resource with findings or not judged, never as a store or warehouse.
        const stores = map.slice(map.indexOf("subgraph kind_store"), map.indexOf("end", map.indexOf("subgraph kind_store")));
        const warehouse = map.includes("subgraph kind_warehouse") ? map.slice(map.indexOf("subgraph kind_warehouse"), map.indexOf("end", map.indexOf("subgraph kind_warehouse"))) : "";
        assert.ok(!stores.includes(`${id("phi-warehouse-store")}[`) && !warehouse.includes(`${id("phi-warehouse-store")}[`), map);
        // The hostile name stays inside its node's label: no line of the diagram starts with its edge or click.
        assert.ok(!map.split("\n").some(l => /^\s*(click|r1 |x")/.test(l)), map);
        assert.doesNotMatch(map, /hunter2/);
    });
});

describe("the PHI-flow map of the three example stacks", function () {
    this.timeout(spawnTimeout);
    const stacks = ["demo", "stlukes-azure", "mercy-gcp"];
    let reports: CheckReport[];
    before(async () => {
        const runs = await Promise.all(stacks.map(s => checkInProcess(["check", "--stack", s, "--format", "json"])));
        reports = runs.map(r => JSON.parse(r.stdout));
    });

    it("every stack's stores, cluster, warehouse, imaging, keys and logs are nodes, with edges annotated by key and access", () => {
        reports.forEach((report, i) => {
            const kinds = new Set(report.assetInventory!.map(a => a.kind));
            for (const k of ["store", "cluster", "warehouse", "imaging", "key", "log"]) assert.ok(kinds.has(k as never), `${stacks[i]}: no ${k}`);
            const map = render("mermaid", { reports: [report], errors: [], allStacks: false, policies });
            for (const g of ["PHI stores", "Processing clusters", "Warehouse", "Imaging", "Keys", "Logs"]) assert.ok(map.includes(`["${g}"]`), `${stacks[i]}: ${g}`);
            assert.match(map, /-->\|"grant · /, stacks[i]);
            assert.match(map, /-->\|"logs to · key: /, stacks[i]);
            assert.match(map, /-->\|"encrypted by"\|/, stacks[i]);
            // Every PHI store of the examples is encrypted with the stack's own key and judged private.
            for (const a of report.assetInventory!.filter(x => x.kind === "store" || x.kind === "warehouse")) {
                assert.ok(a.key, `${stacks[i]}: ${a.name} has no key`);
                assert.notEqual(a.private, false, `${stacks[i]}: ${a.name} public`);
            }
        });
    });
});
