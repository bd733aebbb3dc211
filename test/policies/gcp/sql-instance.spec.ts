// Cloud SQL instances, the relational PHI stores of a hand-written program, judged like the warehouse:
// key, public address, encrypted connections, backups, deletion.
import { fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const KEY = "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k";
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const settings = (over: Record<string, unknown> = {}) => ({
    tier: "db-custom-2-7680",
    ipConfiguration: { ipv4Enabled: false, privateNetwork: "projects/p/global/networks/n", sslMode: "ENCRYPTED_ONLY" },
    backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true },
    deletionProtectionEnabled: true,
    ...over,
});
const instance = (props: Record<string, unknown> = {}) => res(SQL, { databaseVersion: "POSTGRES_16", region: "us-central1", encryptionKeyName: KEY, settings: settings(), ...props });
/** The instance of the rails example: public IP open to the world, no TLS requirement, no backups, no key. */
const railsExample = () => res(SQL, { databaseVersion: "POSTGRES_9_6", settings: { tier: "db-f1-micro", ipConfiguration: { authorizedNetworks: [{ value: "0.0.0.0/0" }] } }, deletionProtection: false });

describe("policies/gcp Cloud SQL instances", () => {
    it("pass every Cloud SQL rule when private, encrypted with the hospital's key, TLS-only, backed up and protected", () => {
        for (const name of ["gcp-enc-rest-cmk-sql-instance", "gcp-public-access-sql-instance", "gcp-enc-transit-sql-instance",
            "gcp-backup-versioning-sql-instance", "gcp-deletion-protection-sql-instance"]) passes(name, [instance()]);
    });

    it("fail what the public example leaves open: public IP, the whole internet authorized, plain connections, no backups, no key, deletable", () => {
        fails("gcp-enc-rest-cmk-sql-instance", [railsExample()], "encryptionKeyName");
        fails("gcp-public-access-sql-instance", [railsExample()], "settings.ipConfiguration.ipv4Enabled");
        fails("gcp-public-access-sql-instance", [railsExample()], "settings.ipConfiguration.authorizedNetworks[0].value is \"0.0.0.0/0\"");
        fails("gcp-enc-transit-sql-instance", [railsExample()], "settings.ipConfiguration.sslMode");
        fails("gcp-backup-versioning-sql-instance", [railsExample()], "settings.backupConfiguration.enabled");
        fails("gcp-deletion-protection-sql-instance", [railsExample()], "deletionProtection is false");
        fails("gcp-deletion-protection-sql-instance", [railsExample()], "settings.deletionProtectionEnabled");
        fails("gcp-deletion-protection-stateful-protect", [res(SQL, {}, { opts: { protect: false } })], "opts.protect");
    });

    it("makes a stack with only a Cloud SQL instance a PHI stack: Data Access audit logs for cloudsql.googleapis.com and a locked sink", () => {
        const audit = (service: string) => res("gcp:projects/iAMAuditConfig:IAMAuditConfig", { project: "p", service,
            auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }] });
        fails("gcp-audit-log-phi-services", [instance(), audit("storage.googleapis.com")], "\"cloudsql.googleapis.com\"");
        passes("gcp-audit-log-phi-services", [instance(), audit("cloudsql.googleapis.com")]);
        fails("gcp-audit-log-audit-sink", [instance()], "ProjectSink is unset");
    });

    it("accepts the deprecated requireSsl of @pulumi/gcp 8 programs, and reports an unknown authorized network as unknown", () => {
        passes("gcp-enc-transit-sql-instance", [instance({ settings: settings({ ipConfiguration: { ipv4Enabled: false, requireSsl: true } }) })]);
        unknownFinding("gcp-public-access-sql-instance", [instance({ settings: settings({ ipConfiguration: { ipv4Enabled: false, authorizedNetworks: [{ value: UNKNOWN }] } }) })], "authorizedNetworks[0].value");
    });

    it("reads an authorized network written as a bare range as that range (one judgement with GKE and AlloyDB)", () => {
        fails("gcp-public-access-sql-instance", [instance({ settings: settings({ ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY", authorizedNetworks: ["0.0.0.0/0"] } }) })],
            "settings.ipConfiguration.authorizedNetworks[0]");
    });
});
