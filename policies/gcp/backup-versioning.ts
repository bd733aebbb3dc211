// BACKUP-VERSIONING on Google Cloud: overwritten or deleted PHI can be recovered — object versioning
// (or a retention policy, which Cloud Storage does not allow together with versioning) and soft
// delete on buckets, and BigQuery time travel of the full seven days.
import { terraformReads, toNumber } from "../lib/inputs";
import { expect, resourceRule, Rule, Violation } from "../lib/rule";
import { get, isUnknown } from "../lib/values";
import { T } from "./support/tokens";

const controls: Rule["controls"] = ["BACKUP-VERSIONING"];
const SEVEN_DAYS = 604_800;
const DAY_SECONDS = 86_400;

const bucket = resourceRule({
    name: "gcp-backup-versioning-storage-bucket", cloud: "gcp", controls, severity: "high",
    types: [T.bucket],
    description: "A Cloud Storage bucket keeps earlier object versions (or retains objects under a retention policy of at least the minimum retention) and keeps soft-deleted objects at least 7 days.",
    remediation: "Set `versioning: { enabled: true }` (a bucket with a retention policy of at least minimumRetentionDays is exempt: GCS rejects both together) and leave `softDeletePolicy.retentionDurationSeconds` unset or ≥ 604800.",
    check: (r, config) => {
        const out: Violation[] = [];
        // Cloud Storage refuses Object Versioning on a bucket with a retention policy; the retention
        // policy then protects every object from deletion and overwrite for its whole period. It stands in
        // for versions only when that period is the pack's retention (a "1" second policy protects nothing).
        const period = get(r.props, "retentionPolicy.retentionPeriod");
        const minSeconds = config.minimumRetentionDays * DAY_SECONDS;
        if (isUnknown(period)) out.push({ property: "retentionPolicy.retentionPeriod", found: period, wanted: "known, to tell whether versioning is required" });
        else if (!(toNumber(period) >= minSeconds)) {
            out.push(...expect(r.props, "versioning.enabled", terraformReads.on,
                `true (or, instead, retentionPolicy.retentionPeriod of at least "${minSeconds}": ${config.minimumRetentionDays} days)`));
        }
        out.push(...expect(r.props, "softDeletePolicy.retentionDurationSeconds",
            v => v === undefined || toNumber(v) >= SEVEN_DAYS, `unset (default 604800) or at least ${SEVEN_DAYS} (0 turns soft delete off)`));
        return out;
    },
});

const bqDataset = resourceRule({
    name: "gcp-backup-versioning-bigquery-dataset", cloud: "gcp", controls, severity: "medium",
    types: [T.bqDataset],
    description: "A BigQuery dataset keeps the full seven-day time travel window (168 hours; the SDK types it as a string).",
    remediation: "Set `maxTimeTravelHours: \"168\"` (or leave it unset: BigQuery's default is 168).",
    check: r => expect(r.props, "maxTimeTravelHours", v => v === undefined || toNumber(v) >= 168, "\"168\" (or unset, the default)"),
});

const sqlInstance = resourceRule({
    name: "gcp-backup-versioning-sql-instance", cloud: "gcp", controls, severity: "high",
    types: [T.sqlInstance],
    description: "A Cloud SQL instance takes automated backups (CIS GCP 6.7; off unless enabled).",
    remediation: "Set `settings.backupConfiguration.enabled: true` (with pointInTimeRecoveryEnabled or binaryLogEnabled for point-in-time recovery).",
    check: r => expect(r.props, "settings.backupConfiguration.enabled", terraformReads.on, "true"),
});

const fhirStore = resourceRule({
    name: "gcp-backup-versioning-fhir-store", cloud: "gcp", controls, severity: "high",
    types: [T.fhirStore],
    description: "A FHIR store keeps the history of every resource (versioning on, the default), so an overwritten or deleted record can be read back.",
    remediation: "Leave `disableResourceVersioning` unset or false.",
    check: r => expect(r.props, "disableResourceVersioning", terraformReads.offOrUnset,
        "false or unset (true keeps only the current version of each record)"),
});

const firestore = resourceRule({
    name: "gcp-backup-versioning-firestore-database", cloud: "gcp", controls, severity: "medium",
    types: [T.firestoreDatabase],
    description: "A Firestore database keeps seven days of point-in-time recovery (off by default: only the last hour can be read back).",
    remediation: "Set `pointInTimeRecoveryEnablement: \"POINT_IN_TIME_RECOVERY_ENABLED\"` (and a gcp.firestore.BackupSchedule for longer).",
    check: r => expect(r.props, "pointInTimeRecoveryEnablement", v => v === "POINT_IN_TIME_RECOVERY_ENABLED", "\"POINT_IN_TIME_RECOVERY_ENABLED\" (the default is disabled)"),
});

export const rules: Rule[] = [bucket, bqDataset, sqlInstance, fhirStore, firestore];
