// Reading projects and config without running anything: Pulumi.yaml (name, main, config defaults),
// stack files (types, lists and objects as JSON, secure values), --config keys and their namespaces,
// and the default provider the engine would give each resource.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckError } from "../../checker/errors";
import { mergeConfig, parseConfigArgument, qualifyKey, readProject, readStackFile, secretPlaceholder, stackFiles, stackNameOfFile } from "../../checker/project";
import { attachDefaultProviders, providerInputsFromConfig } from "../../checker/providers";
import type { PolicyResource } from "../../policies/lib/rule";
import { fixtures, tempDir } from "./helpers";

describe("checker project and config reading", () => {
    const dir = tempDir("project");
    const write = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

    it("reads Pulumi.yaml's name, `main:` entry and typed config defaults", () => {
        const project = readProject(path.join(fixtures, "program-basic"));
        assert.equal(project.name, "fixture");
        assert.equal(project.main, path.join(fixtures, "program-basic/src/main.ts"));
        assert.deepEqual(project.defaults.values, { "fixture:bucketCount": "2", "fixture:classification": "phi", "fixture:withKey": "true", "aws:region": "us-east-1" });
    });

    it("finds a project's stack files by name", () => {
        assert.deepEqual([...stackFiles(readProject(path.join(fixtures, "program-basic"))).keys()], ["broken", "dev", "untagged"]);
        assert.equal(stackNameOfFile("/x/Pulumi.st-mary.yaml"), "st-mary");
    });

    it("refuses a directory without Pulumi.yaml, naming it", () => {
        assert.throws(() => readProject(dir), (e: Error) => e instanceof CheckError && e.message.includes(`${dir}: no Pulumi.yaml`));
    });

    it("stores numbers and booleans as strings, lists and objects as JSON, secure values as a marked placeholder", () => {
        const file = write("Pulumi.s.yaml", [
            "config:", "  hospital:tenant: stmary", "  hospital:workers: 3", "  hospital:debug: false",
            "  hospital:services: [storage, imaging]", "  hospital:processing:", "    profile: genomics",
            "  hospital:password:", "    secure: AAABAGVuY3J5cHRlZA==", "  bare: value", ""].join("\n"));
        const config = readStackFile(file, "hospital");
        assert.deepEqual(config.values, {
            "hospital:tenant": "stmary", "hospital:workers": "3", "hospital:debug": "false",
            "hospital:services": '["storage","imaging"]', "hospital:processing": '{"profile":"genomics"}',
            "hospital:password": secretPlaceholder, "hospital:bare": "value",
        });
        assert.deepEqual(config.secretKeys, ["hospital:password"]);
    });

    it("names a malformed key and the file it is in", () => {
        const file = write("Pulumi.bad.yaml", "config:\n  a:b:c: x\n");
        assert.throws(() => readStackFile(file, "p"), (e: Error) => e.message.includes(file) && e.message.includes('config key "a:b:c" is not valid'));
    });

    it("gives --config keys without a namespace the project's, keeps others, reads the legacy ns:config:key", () => {
        assert.deepEqual(parseConfigArgument("tenant=stmary", "hospital"), ["hospital:tenant", "stmary"]);
        assert.deepEqual(parseConfigArgument("aws:region=us-west-2", "hospital"), ["aws:region", "us-west-2"]);
        assert.deepEqual(parseConfigArgument("tags={\"a\":\"b=c\"}", "hospital"), ["hospital:tags", "{\"a\":\"b=c\"}"]);
        assert.equal(qualifyKey("aws:config:region", "hospital", "x"), "aws:region");
        assert.throws(() => parseConfigArgument("noequals", "hospital"), /expected KEY=VALUE/);
    });

    it("lets later config layers win and keeps secrecy with the value that won", () => {
        const merged = mergeConfig({ values: { "a:x": "1", "a:y": "s" }, secretKeys: ["a:y"] }, { values: { "a:y": "plain" }, secretKeys: [] });
        assert.deepEqual(merged, { values: { "a:x": "1", "a:y": "plain" }, secretKeys: [] });
    });

    it("gives resources without a provider the package's default provider, configured from its namespace", () => {
        const config = { "aws:region": "us-west-2", "aws:defaultTags": '{"tags":{"data-classification":"phi"}}', "gcp:project": "p" };
        assert.deepEqual(providerInputsFromConfig("aws", config), { region: "us-west-2", defaultTags: { tags: { "data-classification": "phi" } } });
        const explicit = { type: "pulumi:providers:aws", urn: "urn:explicit", props: { region: "eu-west-1" } };
        const resources: PolicyResource[] = [
            { type: "aws:s3/bucket:Bucket", name: "a", urn: "urn:a", props: {}, opts: {} },
            { type: "aws:s3/bucket:Bucket", name: "b", urn: "urn:b", props: {}, opts: {}, provider: explicit },
            { type: "gcp:storage/bucket:Bucket", name: "c", urn: "urn:c", props: {}, opts: {} },
        ];
        attachDefaultProviders(resources, config, "hospital", "dev");
        assert.match(resources[0].provider!.urn!, /^urn:pulumi:dev::hospital::pulumi:providers:aws::default_7_\d+_\d+$/);
        assert.equal(resources[0].provider!.props.region, "us-west-2");
        assert.equal(resources[1].provider, explicit);
        assert.deepEqual(resources[2].provider!.props, { project: "p" });
    });
});
