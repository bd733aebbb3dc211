// Labels (Google Cloud's tags) as Google applies them: a resource's own over its provider's `defaultLabels`
// (G10-style: the provider does not merge them into the resource's inputs).
import type { PolicyResource } from "../../lib/rule";
import { Tags, withDefaults } from "../../lib/tags";
import { get, Unknown } from "../../lib/values";

/** The labels in effect on a resource: its own at `path` (labels, resourceLabels, ...) over its provider's `defaultLabels`. */
export function effectiveTags(r: PolicyResource, path = "labels"): Tags | Unknown {
    return withDefaults(get(r.props, path), r.provider?.props.defaultLabels);
}
