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
import { findingsOf, resource, stackOutcomesByName } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const INSTANCE = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";
const compliant = { engine: "postgres", storageEncrypted: true, kmsKeyId: KEY_ARN, publiclyAccessible: false, backupRetentionPeriod: 14,
    deletionProtection: true, finalSnapshotIdentifier: "records-final", manageMasterUserPassword: true, enabledCloudwatchLogsExports: ["postgresql"] };
/** The properties a rule's findings name, in order. */
/** The properties a rule's findings name, in order. */
const named = (findings: { message: string }[]) => findings.map(f => f.message.split(": ")[1].split(" is ")[0]);

describe("aws RDS databases", () => {
    it("pass every RDS rule when encrypted with the hospital's key, private, backed up, protected and without a written password", () => {
        for (const rule of [encryption, publicAccess, backup, deletion, password, auditLogs]) assert.deepEqual(findingsOf(rule, resource(INSTANCE, compliant, { name: "records" })), [], rule.name);
    });

    it("reports what an example program leaves at RDS's defaults: no encryption, one day of backups, no deletion protection, a written password", () => {
        const db = resource(INSTANCE, { engine: "postgres", publiclyAccessible: true, skipFinalSnapshot: true, password: "hunter2" }, { name: "records" });
        const [enc, key] = findingsOf(encryption, db);
        assert.deepEqual(enc.controls, ["ENC-REST-CMK"]);
        assert.deepEqual(named([enc, key]), ["storageEncrypted", "kmsKeyId"]);
        assert.deepEqual(named(findingsOf(publicAccess, db)), ["publiclyAccessible"]);
        assert.deepEqual(named(findingsOf(backup, db)), ["backupRetentionPeriod"]);
        assert.deepEqual(named(findingsOf(auditLogs, db)), ["enabledCloudwatchLogsExports"]);
        assert.deepEqual(named(findingsOf(auditLogs, resource(INSTANCE, { enabledCloudwatchLogsExports: [] }, { name: "records" }))), ["enabledCloudwatchLogsExports"], "an empty list exports nothing");
        assert.deepEqual(named(findingsOf(deletion, db)), ["deletionProtection", "skipFinalSnapshot", "finalSnapshotIdentifier"]);
        const secrets = findingsOf(password, db);
        assert.deepEqual(named(secrets), ["manageMasterUserPassword", "password"]);
        assert.doesNotMatch(secrets[1].message, /hunter2/, "the password itself is never shown");
    });

    it("asks an Aurora cluster's instances, not the cluster, about a public address, and reads the cluster's masterPassword", () => {
        const cluster = resource(CLUSTER, { ...compliant, publiclyAccessible: undefined, masterPassword: "x", manageMasterUserPassword: undefined }, { name: "aurora" });
        assert.deepEqual(findingsOf(publicAccess, cluster), []);
        assert.deepEqual(named(findingsOf(password, cluster)), ["manageMasterUserPassword", "masterPassword"]);
        assert.deepEqual(named(findingsOf(publicAccess, resource("aws:rds/clusterInstance:ClusterInstance", { clusterIdentifier: "aurora", publiclyAccessible: true }, { name: "aurora-1" }))), ["publiclyAccessible"]);
    });

    it("asks each engine's TLS parameter of the database's own parameter group (aws-enc-transit-rds-database)", () => {
        const group = resource("aws:rds/parameterGroup:ParameterGroup", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] }, { name: "records-params" });
        const db = resource(INSTANCE, { ...compliant, parameterGroupName: "records-params" }, { name: "records", deps: { parameterGroupName: [group] } });
        assert.deepEqual(findingsOf(tls, [db, group]), []);
        const [noGroup] = findingsOf(tls, [resource(INSTANCE, compliant, { name: "records" })]);
        assert.deepEqual(noGroup.controls, ["ENC-TRANSIT"]);
        assert.match(noGroup.message, /parameterGroupName is unset; wanted a parameter group in this stack with \{name: "rds.force_ssl", value: "1"\}.*default parameter group/);
        const mysqlGroup = resource("aws:rds/clusterParameterGroup:ClusterParameterGroup", { family: "aurora-mysql8.0", parameters: [{ name: "require_secure_transport", value: "OFF" }] }, { name: "aurora-params" });
        const aurora = resource(CLUSTER, { engine: "aurora-mysql", dbClusterParameterGroupName: "aurora-params" }, { name: "aurora", deps: { dbClusterParameterGroupName: [mysqlGroup] } });
        assert.match(findingsOf(tls, [aurora, mysqlGroup])[0].message, /parameters\[0\]\.value is "OFF"; wanted "1"/);
        assert.deepEqual(findingsOf(tls, [resource(INSTANCE, { engine: "oracle-ee" }, { name: "ora" })]), [], "Oracle encrypts through an option group, not judged here");
        // ... and so not called compliant either: no ENC-TRANSIT outcome at all (a ✅ in the report would claim a check that never ran).
        assert.deepEqual(stackOutcomesByName(tls, [resource(INSTANCE, { engine: "oracle-ee" }, { name: "ora" }), resource(INSTANCE, {}, { name: "replica" }), db, group]), { records: "compliant" });
    });

    it("does not ask deletion protection of a database in a stack the pack config calls dev, whatever its tags say", () => {
        assert.deepEqual(findingsOf(deletion, resource(INSTANCE, {}, { name: "scratch" }), { environment: "dev" }), []);
        assert.equal(findingsOf(deletion, resource(INSTANCE, { tags: { environment: "dev" } }, { name: "scratch" })).length, 2);
    });
});
