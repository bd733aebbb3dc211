// The runtime's identity calls answer as under `pulumi preview` (a DIY backend names its organization
// "organization"), and a program that fails says where, and what to give this tool (issue 21).
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkerAdvice, failurePlace } from "../../checker/run";
import { sdkStatement } from "../../checker/sdk-versions";
import { CliResult, spawnTimeout } from "./helpers";
import { checkFixtureInProcess } from "./in-process";

describe("identity calls, refusals and the SDKs that judged", function () {
    this.timeout(spawnTimeout);
    let identity: CliResult, library: CliResult, secret: CliResult, stack: CliResult;
    before(async () => {
        [identity, library, secret, stack] = await Promise.all([
            checkFixtureInProcess("program-identity", "--format", "json"),
            checkFixtureInProcess("program-identity", "--config", "how=library"),
            checkFixtureInProcess("program-identity", "--config", "how=secret"),
            checkFixtureInProcess("program-identity", "--config", "how=identity", "--format", "json"),
        ]);
    });

    it("getOrganization, getProject, getStack and getRootDirectory answer as a preview does (no 'Missing organization name')", () => {
        assert.equal(identity.code, 1, identity.stderr);
        const report = JSON.parse(identity.stdout);
        const line = (report.log as string[]).find(l => l.startsWith("identity "));
        assert.ok(line, JSON.stringify(report.log));
        const ids = JSON.parse(line.slice("identity ".length));
        assert.deepEqual(ids, { organization: "organization", project: "identity", stack: JSON.parse(stack.stdout).resources[0].urn.split("::")[0].split(":").pop(), root: "program-identity" });
        assert.ok(report.resources.some((r: { name: string }) => r.name === `organization-identity-${ids.stack}`));
    });

    it("a missing config key is refused with this tool's --config, never `pulumi config set`", () => {
        assert.equal(secret.code, 2);
        assert.match(secret.stderr, /Missing required configuration variable 'identity:sshPublicKey': give it with --config identity:sshPublicKey=VALUE/);
        assert.doesNotMatch(secret.stderr, /pulumi config set/);
    });

    it("a failure inside a library names the program's own frame and the library frame it called", () => {
        assert.equal(library.code, 2);
        assert.match(library.stderr, /the program failed: [\s\S]*\(at readSettings \(.*program-identity[/\\]index\.ts:\d+:\d+\), in .*node_modules\/js-yaml\/.*\)/);
    });

    it("the JSON report says which SDKs ran the program (here the checker's: the fixture lives inside the package)", () => {
        const sdk = JSON.parse(identity.stdout).sdk;
        assert.deepEqual(sdk.packages.map((p: { name: string; from: string }) => `${p.name} ${p.from}`), ["@pulumi/pulumi checker", "@pulumi/aws checker"]);
        assert.equal(sdk.note, null);
    });
});

describe("sdkStatement, checkerAdvice, failurePlace (units)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hipaa-sdk-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("a program outside the package without node_modules is run on the checker's providers, and the note says so with versions", () => {
        const s = sdkStatement(tmp, ["aws:s3/bucket:Bucket", "pulumi:pulumi:Stack", "random:index/randomId:RandomId"]);
        assert.deepEqual(s.checkerProviders, ["@pulumi/aws", "@pulumi/random"]);
        assert.match(String(s.note), /no copy of its own of @pulumi\/aws, @pulumi\/random .*the checker's @pulumi\/aws \d+\.\d+\.\d+, @pulumi\/random \d+\.\d+\.\d+/);
        assert.ok(!s.packages.some(p => p.name === "@pulumi/gcp"), "a provider the program does not use is not listed");
    });

    it("a program with its own provider names that copy's version, and nothing to note", () => {
        const dir = path.join(tmp, "own");
        fs.mkdirSync(path.join(dir, "node_modules", "@pulumi", "aws"), { recursive: true });
        fs.writeFileSync(path.join(dir, "node_modules", "@pulumi", "aws", "package.json"), JSON.stringify({ name: "@pulumi/aws", version: "6.1.2" }));
        const s = sdkStatement(path.join(dir, "src"), ["aws:s3/bucket:Bucket"]);
        assert.deepEqual(s.packages.find(p => p.name === "@pulumi/aws"), { name: "@pulumi/aws", version: "6.1.2", from: "program" });
        assert.equal(s.note, null);
    });

    it("checkerAdvice rewrites the SDK's `pulumi config set` advice, secret or not", () => {
        const plain = checkerAdvice("Missing required configuration variable 'p:k'\n\tplease set a value using the command `pulumi config set p:k <value>`", { stackFile: null });
        assert.equal(plain, "Missing required configuration variable 'p:k': give it with --config p:k=VALUE; the check deploys nothing, so any value the program accepts will do");
        assert.match(checkerAdvice("x\n\tplease set a value using the command `pulumi config set --secret p:k <value>`", { stackFile: "stacks/Pulumi.a.yaml" }),
            /^x: give it with --config p:k=VALUE or in stacks\/Pulumi\.a\.yaml \(the program reads it as a secret/);
    });

    it("failurePlace: the program's frame with the library frame above it; a library-only stack names the library", () => {
        const stack = ["YAMLException: bad", "    at generateError (/lib/node_modules/js-yaml/index.js:1:1)", "    at load (/lib/node_modules/js-yaml/index.js:9:9)",
            "    at readSettings (/prog/index.ts:12:5)", "    at Object.<anonymous> (/prog/index.ts:20:1)"].join("\n");
        assert.equal(failurePlace(stack, "/prog"), " (at readSettings (/prog/index.ts:12:5), in load (node_modules/js-yaml/index.js:9:9))");
        assert.equal(failurePlace(stack, "/pro"), " (in generateError (node_modules/js-yaml/index.js:1:1); no frame of the program's own files is on the stack)");
        assert.equal(failurePlace("Error: x\n    at f (/prog/a.ts:1:1)", "/prog"), " (at f (/prog/a.ts:1:1))");
        assert.equal(failurePlace(undefined, "/prog"), "");
    });
});
