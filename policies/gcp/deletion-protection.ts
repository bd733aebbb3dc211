// DELETION-PROTECTION on Google Cloud: data, keys and logs survive a stray `pulumi destroy` or a
// replacement — Pulumi's `protect`, the provider's `deletionPolicy: "PREVENT"` (G21: it guards state
// operations, not the cloud API), and the per-resource switches that would empty a store on delete.
// Components turn these off outside prod by design (components/naming.ts statefulOptions), so in a
// stack whose pack config says environment "staging" or "dev" nothing is judged. Never from a
// resource's `environment` label: the program being judged writes it (lib/environment.ts).
import { terraformReads } from "../lib/inputs";
import { gcpStatefulTypes } from "../../facts/stateful-types";
import type { PackConfig } from "../lib/config";
import { nonProductionEnvironment, nonProductionReason } from "../lib/environment";
import { expect, notApplicable, resourceRule, Rule, stackRule, Verdict, Violation } from "../lib/rule";
import { about, T, toSeconds } from "./support/tokens";

const controls: Rule["controls"] = ["DELETION-PROTECTION"];
const THIRTY_DAYS = 2_592_000;

/**
 * What `deletionPolicy: "PREVENT"` must guard (CONTROLS.md DELETION-PROTECTION, GCP): the stores of PHI,
 * keys and logs. Not the Dataproc cluster that CONTROLS also lists: it holds no data of its own (its
 * buckets do), many of its fields force a replacement, and PREVENT would block every such update.
 */
export const preventTypes = [T.bucket, T.bqDataset, T.hcDataset, T.dicomStore, T.fhirStore, T.hl7Store, T.consentStore, T.cryptoKey, T.logBucketConfig] as const;

function inProd(config: PackConfig, check: () => Violation[]): Verdict {
    const env = nonProductionEnvironment(config);
    return env ? notApplicable(nonProductionReason(env)) : check();
}

const deletionPolicy = stackRule({
    name: "gcp-deletion-protection-stateful-deletion-policy", cloud: "gcp", controls, severity: "high",
    description: "Buckets, BigQuery and Healthcare datasets, DICOM, FHIR, HL7v2 and consent stores, KMS keys and log buckets set deletionPolicy \"PREVENT\" (not asked when the pack config says environment staging or dev).",
    remediation: "Set `deletionPolicy: \"PREVENT\"` on the resource (a provider setting that @pulumi/gcp offers from version 9 on; upgrade an 8.x program first).",
    check: (stack, config) => {
        if (nonProductionEnvironment(config)) return [];
        const out: Violation[] = [];
        for (const r of stack.ofType(...preventTypes)) {
            out.push(...expect(r.props, "deletionPolicy", v => v === "PREVENT", "\"PREVENT\"", r));
        }
        return out;
    },
});

const protect = stackRule({
    name: "gcp-deletion-protection-stateful-protect", cloud: "gcp", controls, severity: "high",
    description: "Stateful resources (buckets, datasets, tables, DICOM, FHIR, HL7v2 and consent stores, keys, log buckets, Cloud SQL instances, Spanner, Bigtable, AlloyDB and Firestore databases, Filestore instances) carry Pulumi's `protect` option (not asked when the pack config says environment staging or dev).",
    remediation: "Register the resource with the resource option `{ protect: true }` (a staging or dev stack sets `environment` in this policy's config instead).",
    check: (stack, config) => {
        if (nonProductionEnvironment(config)) return [];
        const out: Violation[] = [];
        // Every stateful type (facts/stateful-types.ts): the above plus tables, databases and file shares.
        for (const r of stack.ofType(...gcpStatefulTypes)) {
            if (r.opts.protect === true) continue;
            out.push(about(r, "opts.protect", r.opts.protect, "true"));
        }
        return out;
    },
});

const sqlInstance = resourceRule({
    name: "gcp-deletion-protection-sql-instance", cloud: "gcp", controls, severity: "high",
    types: [T.sqlInstance],
    description: "A Cloud SQL instance refuses deletion twice: the provider's deletionProtection (default true) and the API's settings.deletionProtectionEnabled, which also guards against the console and gcloud.",
    remediation: "Leave `deletionProtection` unset or true and set `settings.deletionProtectionEnabled: true`.",
    check: (r, config) => inProd(config, () => [
        ...expect(r.props, "deletionProtection", terraformReads.onOrUnset, "true or unset (the default is true)"),
        ...expect(r.props, "settings.deletionProtectionEnabled", terraformReads.on, "true"),
    ]),
});

const bucket = resourceRule({
    name: "gcp-deletion-protection-storage-bucket", cloud: "gcp", controls, severity: "high",
    types: [T.bucket],
    description: "Deleting a Cloud Storage bucket never deletes the objects in it (no forceDestroy).",
    remediation: "Remove `forceDestroy: true` (leave it unset or false).",
    check: (r, config) => inProd(config, () => expect(r.props, "forceDestroy", terraformReads.offOrUnset, "false or unset")),
});

const bqDataset = resourceRule({
    name: "gcp-deletion-protection-bigquery-dataset", cloud: "gcp", controls, severity: "high",
    types: [T.bqDataset],
    description: "Deleting a BigQuery dataset never deletes the tables in it (no deleteContentsOnDestroy).",
    remediation: "Remove `deleteContentsOnDestroy: true` (leave it unset or false).",
    check: (r, config) => inProd(config, () => expect(r.props, "deleteContentsOnDestroy", terraformReads.offOrUnset, "false or unset")),
});

const bqTable = resourceRule({
    name: "gcp-deletion-protection-bigquery-table", cloud: "gcp", controls, severity: "high",
    types: [T.bqTable],
    description: "A BigQuery table keeps the provider's deletion protection (on unless set to false).",
    remediation: "Set `deletionProtection: true` (or leave it unset; never false).",
    check: (r, config) => inProd(config, () => expect(r.props, "deletionProtection", terraformReads.onOrUnset, "true or unset (the default is true)")),
});

const cryptoKey = resourceRule({
    name: "gcp-deletion-protection-crypto-key", cloud: "gcp", controls, severity: "high",
    types: [T.cryptoKey],
    description: "A destroyed Cloud KMS key version stays recoverable at least 30 days (destroyScheduledDuration).",
    remediation: "Leave `destroyScheduledDuration` unset (30 days) or set it to at least \"2592000s\".",
    check: (r, config) => inProd(config, () => expect(r.props, "destroyScheduledDuration", v => v === undefined || toSeconds(v) >= THIRTY_DAYS,
        `unset (30 days) or at least "${THIRTY_DAYS}s"`)),
});

const filestore = resourceRule({
    name: "gcp-deletion-protection-filestore-instance", cloud: "gcp", controls, severity: "high",
    types: [T.filestore],
    description: "A Filestore instance refuses deletion (deletionProtectionEnabled): deleting it deletes its file shares (not asked when the pack config says environment staging or dev).",
    remediation: "Set `deletionProtectionEnabled: true` (with a `deletionProtectionReason`).",
    check: (r, config) => inProd(config, () => expect(r.props, "deletionProtectionEnabled", terraformReads.on, "true")),
});

/** Databases beyond Cloud SQL (issue 15): the switches that refuse deleting them, each with its default. */
const databaseSwitches: Readonly<Record<string, readonly { path: string; ok: (v: unknown) => boolean; wanted: string }[]>> = {
    [T.spannerDatabase]: [
        { path: "deletionProtection", ok: terraformReads.onOrUnset, wanted: "true or unset (the default is true)" },
        // The API's own protection, which also guards the console and gcloud (and the instance that holds it).
        { path: "enableDropProtection", ok: terraformReads.on, wanted: "true (the default is false)" },
    ],
    [T.bigtableInstance]: [{ path: "deletionProtection", ok: terraformReads.onOrUnset, wanted: "true or unset (the default is true)" }],
    [T.alloydbCluster]: [{ path: "deletionProtection", ok: terraformReads.onOrUnset, wanted: "true or unset (the default is true)" }],
    [T.firestoreDatabase]: [{ path: "deleteProtectionState", ok: v => v === "DELETE_PROTECTION_ENABLED", wanted: "\"DELETE_PROTECTION_ENABLED\" (the default is disabled)" }],
};

const databases = resourceRule({
    name: "gcp-deletion-protection-database", cloud: "gcp", controls, severity: "high",
    types: Object.keys(databaseSwitches),
    description: "A Spanner database, Bigtable instance, AlloyDB cluster or Firestore database refuses deletion: the provider's deletionProtection (on unless false) and, where the API has one, its own switch (not asked when the pack config says environment staging or dev).",
    remediation: "Leave `deletionProtection` unset or true; set Spanner's `enableDropProtection: true` and Firestore's `deleteProtectionState: \"DELETE_PROTECTION_ENABLED\"`.",
    check: (r, config) => inProd(config, () => databaseSwitches[r.type].flatMap(s => expect(r.props, s.path, s.ok, s.wanted))),
});

export const rules: Rule[] = [deletionPolicy, protect, bucket, bqDataset, bqTable, cryptoKey, sqlInstance, filestore, databases];
