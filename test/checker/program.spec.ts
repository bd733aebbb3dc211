// Programs as users write them: Pulumi.yaml's config defaults and `main:`, stack files and --config
// (namespaces), default providers (region), a program outside this repository with its own
// node_modules (an older SDK, a library wrapping the provider), a stack reference, resource transforms.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CliResult, fixtureRules, fixtures, root, spawnTimeout, tempDir } from "./helpers";
import { checkFixtureInProcess, checkInProcess } from "./in-process";

function report(r: CliResult): any {
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
}
const names = (rep: any, type: string) => rep.resources.filter((r: any) => r.type === type).map((r: any) => r.name);

describe("checker programs", function () {
    this.timeout(spawnTimeout);

    it("runs Pulumi.yaml's `main:` with its config defaults when no stack is given", async () => {
        const rep = report(await checkFixtureInProcess("program-basic", "--format", "json"));
        assert.equal(rep.stack, null);
        assert.deepEqual(names(rep, "aws:s3/bucket:Bucket"), ["bucket-0", "bucket-1"]);
        assert.deepEqual(names(rep, "aws:kms/key:Key"), ["key"]);
        assert.match(rep.resources[0].urn, /^urn:pulumi:check::fixture::pulumi:pulumi:Stack::fixture-check$/);
    });

    it("lets the stack file override the defaults", async () => {
        const rep = report(await checkFixtureInProcess("program-basic", "--stack", "dev", "--format", "json"));
        assert.equal(rep.stack, "dev");
        assert.deepEqual(names(rep, "aws:s3/bucket:Bucket"), ["bucket-0", "bucket-1", "bucket-2"]);
    });

    it("puts a --config key without a namespace in the project's, and keeps a provider's own", async () => {
        const rep = report(await checkFixtureInProcess("program-basic", "--config", "bucketCount=1", "--config", "aws:region=eu-west-1", "--format", "json"));
        assert.deepEqual(names(rep, "aws:s3/bucket:Bucket"), ["bucket-0"]);
        // The default provider carries aws:region, so the residency rule sees eu-west-1.
        const residency = rep.findings.filter((f: any) => f.policy === "fixture-residency-bucket");
        assert.equal(residency.length, 1);
        assert.match(residency[0].message, /region is "eu-west-1"/);
    });

    it("runs a program outside the repository with its own older SDK and provider and a provider-wrapping library", async () => {
        const dir = tempDir("outside");
        fs.cpSync(path.join(fixtures, "program-own-sdk"), dir, { recursive: true });
        // The program's own older packages, as `npm install` would have put them, from our devDependencies.
        fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
        fs.symlinkSync(path.join(root, "node_modules", "pulumi-old"), path.join(dir, "node_modules", "@pulumi", "pulumi"));
        fs.symlinkSync(path.join(root, "node_modules", "random-old"), path.join(dir, "node_modules", "@pulumi", "random"));
        // The library's own nested, newer @pulumi/random (as awsx 2 nests its own @pulumi/aws).
        fs.mkdirSync(path.join(dir, "node_modules", "bucket-kit", "node_modules", "@pulumi"), { recursive: true });
        fs.symlinkSync(path.join(root, "node_modules", "@pulumi", "random"), path.join(dir, "node_modules", "bucket-kit", "node_modules", "@pulumi", "random"));
        const r = await checkInProcess(["check", "--program", dir, "--rules", fixtureRules, "--format", "json"]);
        const rep = report(r);
        assert.equal(r.code, 0);
        const byType = Object.fromEntries(rep.resources.map((x: any) => [x.type, x]));
        assert.deepEqual(Object.keys(byType).sort(), ["aws:kms/key:Key", "aws:s3/bucket:Bucket", "bucketkit:index:PhiBucket", "ownsdk:index:Marker",
            "pulumi:pulumi:Stack", "random:index/randomPet:RandomPet"]);
        assert.equal(byType["aws:s3/bucket:Bucket"].parent, byType["bucketkit:index:PhiBucket"].urn, "the library's bucket is its component's child");
        const versionIn = (pkg: string) => JSON.parse(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")).version;
        assert.equal(byType["ownsdk:index:Marker"].name, `sdk-${versionIn("@pulumi/pulumi")}`, "the program's @pulumi/pulumi is the checker's");
        assert.deepEqual(names(rep, "random:index/randomPet:RandomPet").sort(), [`pet-random-${versionIn("random-old")}`, `records-pet-random-${versionIn("@pulumi/random")}`].sort(),
            "the program's own provider stays its own, and the library's nested copy stays the library's");
    });

    it("answers a stack reference with empty outputs, as a preview of a new stack would", async () => {
        const rep = report(await checkFixtureInProcess("program-stackref", "--format", "json"));
        assert.deepEqual(names(rep, "aws:s3/bucket:Bucket"), ["bucket"]);
        // The program fell back to "phi" because the reference had no output: no tagging finding.
        assert.deepEqual(rep.findings, []);
    });

    it("applies stack transforms and a component's transforms to what it records", async () => {
        const rep = report(await checkFixtureInProcess("program-transform", "--format", "json"));
        // Without the stack transform both buckets would lack data-classification (mandatory findings).
        assert.deepEqual(rep.findings, []);
        const byName = Object.fromEntries(rep.resources.map((r: any) => [r.name, r]));
        assert.equal(byName["store"].protect, true, "the component's own transform");
        assert.equal(byName["store-data"].protect, true, "the component's transform reaches its child");
        assert.equal(byName["plain"].protect, false);
    });

    it("finds a TypeScript module imported as ./name.js (NodeNext style)", async () => {
        const rep = report(await checkFixtureInProcess("program-esm-imports", "--format", "json"));
        assert.deepEqual(names(rep, "aws:s3/bucket:Bucket"), ["records"]);
        assert.deepEqual(rep.findings, [], "the tag came from the imported module");
    });

    it("says which remote components' children it could not see, in the JSON and the text report", async () => {
        const rep = report(await checkFixtureInProcess("program-remote", "--format", "json"));
        assert.deepEqual(rep.remoteComponents, ["urn:pulumi:check::remote::awsx:ec2:Vpc::vpc"]);
        const text = await checkFixtureInProcess("program-remote");
        assert.match(text.stdout, /Not judged: the children of 1 remote component \(awsx:ec2:Vpc "vpc"\)/);
        const plain = report(await checkFixtureInProcess("program-esm-imports", "--format", "json"));
        assert.deepEqual(plain.remoteComponents, []);
    });

    it("ends a run at once, exit 2 naming the program, when an error escapes in a promise a resource waits on", async () => {
        const started = Date.now();
        const r = await checkFixtureInProcess("program-fails", "--timeout", "60");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /program-fails\/index\.ts: the program failed: .*Cannot read properties of undefined \(reading '0'\)/);
        assert.doesNotMatch(r.stderr, /did not finish/);
        assert.ok(Date.now() - started < 30_000, "well before the timeout");
    });

    it("reports a JSON.parse failure as the program failing, not as a syntax error", async () => {
        const r = await checkFixtureInProcess("program-fails", "--config", "how=json");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /index\.ts: the program failed: .*not valid JSON/);
        assert.doesNotMatch(r.stderr, /syntax error/);
        assert.equal(r.stderr.trim().split("\n").length, 1, "one line, no stack trace");
    });

    it("names the host when the program's own network request fails, in one line", async () => {
        const r = await checkFixtureInProcess("program-fails", "--config", "how=network");
        assert.equal(r.code, 2);
        assert.match(r.stderr, /index\.ts: the program made its own network request to management\.invalid, outside Pulumi .*ENOTFOUND/);
        assert.equal(r.stderr.trim().split("\n").length, 1, "one line, no stack trace");
    });

    it("runs a program as a preview: isDryRun() is true and an output the mocks do not know stays unknown", async () => {
        const r = await checkFixtureInProcess("program-preview", "--format", "json");
        const rep = report(r);
        assert.deepEqual(names(rep, "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration"), ["site"]);
        // The one finding: the tag that waits on the unknown output, reported as unknown.
        assert.deepEqual(rep.findings.map((f: any) => [f.urn.split("::").pop(), f.unknown === true]), [["pending", true]]);
        assert.match(rep.findings[0].message, /tags\.data-classification is unknown during preview/);
    });
});
