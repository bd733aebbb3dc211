// The relational databases a hospital keeps PHI in (RDS instances, Aurora clusters), judged like the
// warehouse on every control that applies: key, public address, backups, deletion, admin password.
import assert from "node:assert/strict";
import { rdsDatabase as auditLogs } from "../../../policies/aws/audit-log";
import { rdsDatabase as backup } from "../../../policies/aws/backup-versioning";
import { rdsDatabase as deletion } from "../../../policies/aws/deletion-protection";
import { rdsDatabase as encryption } from "../../../policies/aws/enc-rest-cmk";
import { rdsDatabase as tls } from "../../../policies/aws/enc-transit";
import { rdsDatabase as password } from "../../../policies/aws/identity-authn";
import { rdsDatabase as publicAccess } from "../../../policies/aws/public-access";
import { KEY_ARN, res, run, runStack, stackOutcomesByName } from "./fixtures";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const compliant = { engine: "postgres", storageEncrypted: true, kmsKeyId: KEY_ARN, publiclyAccessible: false, backupRetentionPeriod: 14,
    deletionProtection: true, finalSnapshotIdentifier: "records-final", manageMasterUserPassword: true, enabledCloudwatchLogsExports: ["postgresql"] };
/** The properties a rule's findings name, in order. */
const named = (findings: { message: string }[]) => findings.map(f => f.message.split(": ")[1].split(" is ")[0]);

describe("aws RDS databases", () => {
    it("pass every RDS rule when encrypted with the hospital's key, private, backed up, protected and without a written password", () => {
        for (const rule of [encryption, publicAccess, backup, deletion, password, auditLogs]) assert.deepEqual(run(rule, res(INSTANCE, "records", compliant)), [], rule.name);
    });

    it("reports what an example program leaves at RDS's defaults: no encryption, one day of backups, no deletion protection, a written password", () => {
        const db = res(INSTANCE, "records", { engine: "postgres", publiclyAccessible: true, skipFinalSnapshot: true, password: "hunter2" });
        const [enc, key] = run(encryption, db);
        assert.deepEqual(enc.controls, ["ENC-REST-CMK"]);
        assert.deepEqual(named([enc, key]), ["storageEncrypted", "kmsKeyId"]);
        assert.deepEqual(named(run(publicAccess, db)), ["publiclyAccessible"]);
        assert.deepEqual(named(run(backup, db)), ["backupRetentionPeriod"]);
        assert.deepEqual(named(run(auditLogs, db)), ["enabledCloudwatchLogsExports"]);
        assert.deepEqual(named(run(auditLogs, res(INSTANCE, "records", { enabledCloudwatchLogsExports: [] }))), ["enabledCloudwatchLogsExports"], "an empty list exports nothing");
        assert.deepEqual(named(run(deletion, db)), ["deletionProtection", "skipFinalSnapshot", "finalSnapshotIdentifier"]);
        const secrets = run(password, db);
        assert.deepEqual(named(secrets), ["manageMasterUserPassword", "password"]);
        assert.doesNotMatch(secrets[1].message, /hunter2/, "the password itself is never shown");
    });

    it("asks an Aurora cluster's instances, not the cluster, about a public address, and reads the cluster's masterPassword", () => {
        const cluster = res(CLUSTER, "aurora", { ...compliant, publiclyAccessible: undefined, masterPassword: "x", manageMasterUserPassword: undefined });
        assert.deepEqual(run(publicAccess, cluster), []);
        assert.deepEqual(named(run(password, cluster)), ["manageMasterUserPassword", "masterPassword"]);
        assert.deepEqual(named(run(publicAccess, res("aws:rds/clusterInstance:ClusterInstance", "aurora-1", { clusterIdentifier: "aurora", publiclyAccessible: true }))), ["publiclyAccessible"]);
    });

    it("asks each engine's TLS parameter of the database's own parameter group (aws-enc-transit-rds-database)", () => {
        const group = res("aws:rds/parameterGroup:ParameterGroup", "records-params", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] });
        const db = res(INSTANCE, "records", { ...compliant, parameterGroupName: "records-params" }, { deps: { parameterGroupName: [group] } });
        assert.deepEqual(runStack(tls, [db, group]), []);
        const [noGroup] = runStack(tls, [res(INSTANCE, "records", compliant)]);
        assert.deepEqual(noGroup.controls, ["ENC-TRANSIT"]);
        assert.match(noGroup.message, /parameterGroupName is unset; wanted a parameter group in this stack with \{name: "rds.force_ssl", value: "1"\}.*default parameter group/);
        const mysqlGroup = res("aws:rds/clusterParameterGroup:ClusterParameterGroup", "aurora-params", { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "OFF" }] });
        const aurora = res(CLUSTER, "aurora", { engine: "aurora-mysql", dbClusterParameterGroupName: "aurora-params" }, { deps: { dbClusterParameterGroupName: [mysqlGroup] } });
        assert.match(runStack(tls, [aurora, mysqlGroup])[0].message, /parameters\[0\]\.value is "OFF"; wanted "1"/);
        assert.deepEqual(runStack(tls, [res(INSTANCE, "ora", { engine: "oracle-ee" })]), [], "Oracle encrypts through an option group, not judged here");
        // ... and so not called compliant either: no ENC-TRANSIT outcome at all (a ✅ in the report would claim a check that never ran).
        assert.deepEqual(stackOutcomesByName(tls, [res(INSTANCE, "ora", { engine: "oracle-ee" }), res(INSTANCE, "replica", {}), db, group]), { records: "compliant" });
    });

    it("does not ask deletion protection of a database in a stack the pack config calls dev, whatever its tags say", () => {
        assert.deepEqual(run(deletion, res(INSTANCE, "scratch", {}), { environment: "dev" }), []);
        assert.equal(run(deletion, res(INSTANCE, "scratch", { tags: { environment: "dev" } })).length, 2);
    });
});
