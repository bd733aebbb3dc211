// Regenerates policies/gcp/support/labelled-types.ts from the installed @pulumi/gcp: every resource whose Args
// take a `labels` map, by type token (each class's `__pulumiType`). TAGGING judges exactly these (and the
// few types that keep labels elsewhere, policies/gcp/tagging.ts); a type without labels (e.g.
// gcp:healthcare/dataset:Dataset, G22) is not applicable. Run after upgrading the SDK:
// node policies/gcp/support/labelled-types.generate.js
const path = require("path");
const { renderTokenList, sdkResources, takesMap, writeWhenMain } = require("../../../scripts/sdk-args");

function generate() {
    const { version, resources } = sdkResources("@pulumi/gcp");
    const tokens = resources.filter(r => takesMap(r.args, "labels", true)).map(r => r.token);
    const text = renderTokenList("policies/gcp/support/labelled-types.generate.js", "@pulumi/gcp", version,
        "Google Cloud resource types whose Args take a `labels` map (TAGGING).", "labelledTypes", tokens);
    return { file: path.join(__dirname, "labelled-types.ts"), text, summary: `labelled ${tokens.length}` };
}

module.exports = { generate };
writeWhenMain(module, generate);
