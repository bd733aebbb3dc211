// A stack whose hospital config tries to talk the check into a PASS (tags that overwrite the
// platform's or declare exemptions, a provider region other than hospital:region, an octal-looking
// network, a secret in a tag) is refused by the checker with exit 2, every key named in one error.
import assert from "node:assert/strict";
import * as path from "node:path";
import { spawnTimeout } from "../checker/helpers";
import { checkInProcess } from "../checker/in-process";

const fixture = (name: string) => path.join(__dirname, "fixtures", `Pulumi.${name}.yaml`);

describe("hostile hospital configs (checker, exit 2)", function () {
    this.timeout(spawnTimeout);

    it("refuses tags, region and network problems at once, naming each key", async () => {
        const r = await checkInProcess(["check", "--config-file", fixture("hostile-tags"), "--format", "json"]);
        assert.equal(r.code, 2, r.stderr);
        assert.equal(r.stdout, "");
        for (const key of ["hospital:tags.tenant", "hospital:tags.TENANT", "hospital:tags.data-classification",
            "hospital:tags.hipaa-cloud:exemption:ENC-REST-CMK", 'hospital:tags[" hipaa-cloud:exemption:PUBLIC-ACCESS"]', "hospital:tags.note",
            "aws:region", "hospital:network.cidr"]) {
            assert.ok(r.stderr.includes(`${key}: got`), `${key} not named in:\n${r.stderr}`);
        }
        assert.match(r.stderr, /aws:region "eu-west-1" and hospital:region "us-east-1" disagree/);
        assert.match(r.stderr, /at most 256 characters/);
        assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
    });

    it("refuses a secure: value in hospital:tags without printing it", async () => {
        const r = await checkInProcess(["check", "--config-file", fixture("secret-tag")]);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /hospital:tags: got "\[secret\]"; expected plain text/);
        assert.doesNotMatch(r.stderr, /c2VjcmV0|secret-ciphertext/);
    });

    it("refuses hospital:region us-east-1 with --config aws:region=eu-west-1 on the demo stack", async () => {
        const r = await checkInProcess(["check", "--stack", "demo", "--config", "aws:region=eu-west-1"]);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /aws:region: got "eu-west-1"/);
    });
});
