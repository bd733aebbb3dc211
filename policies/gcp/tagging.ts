// TAGGING on Google Cloud: every resource that takes labels carries the required labels (default
// tenant and data-classification), its own or its provider's `defaultLabels`. Label keys are
// lower-case on Google Cloud, so a required tag is looked up lower-cased and an upper-case key is a
// finding of its own (the API rejects it).
import { resourceRule, Rule, Violation } from "../lib/rule";
import { tagGaps, tagGapViolations } from "../lib/tags";
import { isUnknown, UNKNOWN } from "../lib/values";
import { effectiveTags } from "./support/tags";
import { labelledTypes } from "./support/labelled-types";

const controls: Rule["controls"] = ["TAGGING"];

/**
 * Resources whose labels are not in `labels` (so the generated list, read from the Args' `labels`, leaves
 * them out): a GKE cluster's resource labels, a Cloud SQL instance's user labels, a Cloud Run v1 service's
 * metadata labels. These hold or serve PHI, so classification matters most there.
 */
export const labelPaths: Readonly<Record<string, string>> = {
    "gcp:container/cluster:Cluster": "resourceLabels",
    "gcp:sql/databaseInstance:DatabaseInstance": "settings.userLabels",
    "gcp:cloudrun/service:Service": "metadata.labels",
};

const labelled = resourceRule({
    name: "gcp-tagging-labelled-resource", cloud: "gcp", controls, severity: "low",
    types: [...labelledTypes, ...Object.keys(labelPaths)],
    description: "A Google Cloud resource that takes labels carries every required label (own labels or the provider's defaultLabels), with lower-case keys.",
    remediation: "Add the missing keys to `labels` (or to the provider's `defaultLabels`), lower-case, e.g. { tenant: \"…\", \"data-classification\": \"phi\" }.",
    check: (r, config) => {
        const path = labelPaths[r.type] ?? "labels";
        const labels = effectiveTags(r, path);
        if (isUnknown(labels)) return [{ property: path, found: UNKNOWN, wanted: `labels with ${config.requiredTags.join(", ")}` }];
        const out: Violation[] = [];
        for (const key of Object.keys(labels)) {
            if (key !== key.toLowerCase()) out.push({ property: `${path}["${key}"]`, found: key, wanted: `a lower-case key ("${key.toLowerCase()}")` });
        }
        // A value unknown at preview is not a label that is there: judged at `pulumi up`, never a pass.
        const gaps = tagGaps(labels, config.requiredTags, key => `${path}["${key}"]`, tag => tag.toLowerCase());
        return [...out, ...tagGapViolations(path, labels, gaps, "Own labels and the provider's defaultLabels count.")];
    },
});

export const rules: Rule[] = [labelled];
