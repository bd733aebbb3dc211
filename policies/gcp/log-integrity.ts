// LOG-INTEGRITY on Google Cloud: logs kept where nobody can shorten or delete them — a locked Cloud
// Logging bucket, or a Cloud Storage log bucket whose retention policy is locked (irreversible, G24).
import { terraformReads } from "../lib/inputs";
import { expect, resourceRule, Rule, stackRule } from "../lib/rule";
import { about, T } from "./support/tokens";
import { judgeLogStorageBuckets } from "./support/relations";
import { get } from "../lib/values";

const controls: Rule["controls"] = ["LOG-INTEGRITY"];

const logBucketConfig = resourceRule({
    name: "gcp-log-integrity-log-bucket-config", cloud: "gcp", controls, severity: "high",
    types: [T.logBucketConfig],
    description: "A Cloud Logging bucket is locked, so its retention cannot be shortened and its logs cannot be deleted early.",
    remediation: "Set `locked: true` (irreversible: set the retention first).",
    check: r => expect(r.props, "locked", terraformReads.on, "true"),
});

const storageLogBucket = stackRule({
    name: "gcp-log-integrity-storage-log-bucket", cloud: "gcp", controls, severity: "high",
    description: "A Cloud Storage bucket that receives logs (a sink's destination, or another bucket's `logging.logBucket`) has a locked retention policy.",
    remediation: "Set `retentionPolicy: { retentionPeriod: \"<seconds>\", isLocked: true }` on the log bucket (irreversible).",
    check: stack => {
        return judgeLogStorageBuckets(stack, b => {
            const locked = get(b.props, "retentionPolicy.isLocked");
            return terraformReads.on(locked) ? [] : [about(b, "retentionPolicy.isLocked", locked, "true")];
        });
    },
});

export const rules: Rule[] = [logBucketConfig, storageLogBucket];
