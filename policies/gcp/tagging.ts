// TAGGING on Google Cloud: every resource that takes labels carries the required labels (default
// tenant and data-classification), its own or its provider's `defaultLabels`. Label keys are
// lower-case on Google Cloud, so a required tag is looked up lower-cased and an upper-case key is a
// finding of its own (the API rejects it).
import { resourceRule, Rule, Violation } from "../lib/rule";
import { isUnknown, UNKNOWN } from "../lib/values";
import { effectiveLabels } from "./common";
import { labelledTypes } from "./labelled-types";

const controls: Rule["controls"] = ["TAGGING"];

const labelled = resourceRule({
    name: "gcp-tagging-labelled-resource", cloud: "gcp", controls, severity: "low",
    types: labelledTypes,
    description: "A Google Cloud resource that takes labels carries every required label (own labels or the provider's defaultLabels), with lower-case keys.",
    remediation: "Add the missing keys to `labels` (or to the provider's `defaultLabels`), lower-case, e.g. { tenant: \"…\", \"data-classification\": \"phi\" }.",
    check: (r, config) => {
        const labels = effectiveLabels(r);
        if (isUnknown(labels)) return [{ property: "labels", found: UNKNOWN, wanted: `labels with ${config.requiredTags.join(", ")}` }];
        const out: Violation[] = [];
        for (const key of Object.keys(labels)) {
            if (key !== key.toLowerCase()) out.push({ property: `labels["${key}"]`, found: key, wanted: `a lower-case key ("${key.toLowerCase()}")` });
        }
        for (const tag of config.requiredTags) {
            const key = tag.toLowerCase();
            const value = labels[key];
            if (isUnknown(value)) continue; // the key is there; only its value waits for deployment
            if (typeof value !== "string" || value === "") {
                out.push({ property: `labels["${key}"]`, found: value, wanted: "a non-empty value (own label or provider defaultLabels)" });
            }
        }
        return out;
    },
});

export const rules: Rule[] = [labelled];
