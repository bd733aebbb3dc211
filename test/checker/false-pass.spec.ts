// End to end: a program that tries to talk the check into a PASS on AWS (test/fixtures/program-false-pass-aws), run
// by the command with the whole pack. Each attempt must be a finding of the right kind; the untouched main route
// table must not be one.
import assert from "node:assert/strict";
import * as path from "node:path";
import { fixtures, spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

describe("a program that tries to get a false PASS out of the relation and reading toolkit (AWS)", function () {
    this.timeout(spawnTimeout);
    let code: number | null;
    let findings: { policy: string; name: string; enforcement: string; unknown?: boolean; exempted: boolean; message: string }[];
    before(async () => {
        const r = await checkInProcess(["check", "--program", path.join(fixtures, "program-false-pass-aws"), "--format", "json"]);
        code = r.code;
        findings = JSON.parse(r.stdout).findings;
    });
    const on = (policy: string, name: string) => findings.filter(f => f.policy === policy && f.name === name);
    const mandatory = (policy: string, name: string) => on(policy, name).filter(f => f.enforcement === "mandatory" && !f.unknown && !f.exempted);

    it("exits 1", () => assert.equal(code, 1));

    it("an encryption configuration for the text \"phi\" does not encrypt the unnamed bucket the program calls \"phi\"", () => {
        assert.match(mandatory("aws-enc-rest-cmk-s3-bucket", "phi")[0]?.message ?? "", /No aws:s3\/bucketServerSideEncryptionConfiguration/);
    });

    it("one built from a named bucket's name plus \"-copy\" does not encrypt that bucket", () => {
        assert.equal(mandatory("aws-enc-rest-cmk-s3-bucket", "data").length, 1);
    });

    it("versioning \"Enabled\\u200b\" is a finding that names the hidden character", () => {
        assert.match(mandatory("aws-backup-versioning-s3-bucket", "records")[0]?.message ?? "", /not a value the provider takes as written: it holds U\+200B/);
    });

    it("a 30-day lifecycle beside an EMR cluster whose log bucket is unknown at preview is unknown, not 'not applicable'", () => {
        const [f, ...more] = on("aws-retention-s3-log-bucket", "archive-lifecycle");
        assert.equal(more.length, 0);
        assert.equal(f?.unknown, true);
        assert.match(f.message, /aws:emr\/cluster:Cluster "emr" sends logs to a bucket unknown at preview/);
    });

    it("a subnet group of subnets on the VPC's untouched main route table is no finding", () => {
        assert.deepEqual(findings.filter(f => f.name === "warehouse" || f.name === "private"), []);
    });
});
