// Cloud SQL instances, the relational PHI stores of a hand-written program, judged like the warehouse:
// key, public address, encrypted connections, backups, deletion.
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource } from "../../support/policies";

const KEY = "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k";
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const settings = (over: Record<string, unknown> = {}) => ({
    tier: "db-custom-2-7680",
    ipConfiguration: { ipv4Enabled: false, privateNetwork: "projects/p/global/networks/n", sslMode: "ENCRYPTED_ONLY" },
    backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true },
    deletionProtectionEnabled: true,
    ...over,
});
const instance = (props: Record<string, unknown> = {}) => resource(SQL, { databaseVersion: "POSTGRES_16", region: "us-central1", encryptionKeyName: KEY, settings: settings(), ...props });
/** The instance of the rails example: public IP open to the world, no TLS requirement, no backups, no key. */
/** The instance of the rails example: public IP open to the world, no TLS requirement, no backups, no key. */
const railsExample = () => resource(SQL, { databaseVersion: "POSTGRES_9_6", settings: { tier: "db-f1-micro", ipConfiguration: { authorizedNetworks: [{ value: "0.0.0.0/0" }] } }, deletionProtection: false });

describe("policies/gcp Cloud SQL instances", () => {
    it("pass every Cloud SQL rule when private, encrypted with the hospital's key, TLS-only, backed up and protected", () => {
        for (const name of ["gcp-enc-rest-cmk-sql-instance", "gcp-public-access-sql-instance", "gcp-enc-transit-sql-instance",
            "gcp-backup-versioning-sql-instance", "gcp-deletion-protection-sql-instance"]) assertNoFinding(findingsOf(name, [instance()]));
    });

    it("fail what the public example leaves open: public IP, the whole internet authorized, plain connections, no backups, no key, deletable", () => {
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-sql-instance", [railsExample()]), "encryptionKeyName");
        assertViolations(findingsOf("gcp-public-access-sql-instance", [railsExample()]), ["settings.ipConfiguration.ipv4Enabled", "settings.ipConfiguration.authorizedNetworks[0].value"]);
        assertOneViolation(findingsOf("gcp-enc-transit-sql-instance", [railsExample()]), "settings.ipConfiguration.sslMode");
        assertOneViolation(findingsOf("gcp-backup-versioning-sql-instance", [railsExample()]), "settings.backupConfiguration.enabled");
        assertViolations(findingsOf("gcp-deletion-protection-sql-instance", [railsExample()]), ["deletionProtection", "settings.deletionProtectionEnabled"]);
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-protect", [resource(SQL, {}, { protect: false })]), "opts.protect");
    });

    it("makes a stack with only a Cloud SQL instance a PHI stack: Data Access audit logs for cloudsql.googleapis.com and a locked sink", () => {
        const audit = (service: string) => resource("gcp:projects/iAMAuditConfig:IAMAuditConfig", { project: "p", service,
            auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }] });
        assertOneViolation(findingsOf("gcp-audit-log-phi-services", [instance(), audit("storage.googleapis.com")]), "\"cloudsql.googleapis.com\"");
        assertNoFinding(findingsOf("gcp-audit-log-phi-services", [instance(), audit("cloudsql.googleapis.com")]));
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [instance()]), "ProjectSink is unset");
    });

    it("accepts the deprecated requireSsl of @pulumi/gcp 8 programs, and reports an unknown authorized network as unknown", () => {
        assertNoFinding(findingsOf("gcp-enc-transit-sql-instance", [instance({ settings: settings({ ipConfiguration: { ipv4Enabled: false, requireSsl: true } }) })]));
        // requireSsl does not outweigh an sslMode that takes plain connections.
        assertOneViolation(findingsOf("gcp-enc-transit-sql-instance", [instance({ settings: settings({ ipConfiguration: { ipv4Enabled: false, requireSsl: true, sslMode: "ALLOW_UNENCRYPTED_AND_ENCRYPTED" } }) })]), "settings.ipConfiguration.sslMode");
        assertOnlyUnknown(findingsOf("gcp-public-access-sql-instance", [instance({ settings: settings({ ipConfiguration: { ipv4Enabled: false, authorizedNetworks: [{ value: UNKNOWN }] } }) })]), "authorizedNetworks[0].value");
    });

    it("reads an authorized network written as a bare range as that range (one judgement with GKE and AlloyDB)", () => {
        assertOneViolation(findingsOf("gcp-public-access-sql-instance", [instance({ settings: settings({ ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY", authorizedNetworks: ["0.0.0.0/0"] } }) })]), "settings.ipConfiguration.authorizedNetworks[0]");
    });
});
