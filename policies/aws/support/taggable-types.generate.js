// Regenerates policies/aws/support/taggable-types.ts from the installed @pulumi/aws: every resource whose
// Args take an optional `tags` map, by type token (each class's `__pulumiType`). An older SDK's token that is not
// listed is still judged when it carries tags (aws-tagging-other-resource).
// Run after upgrading the SDK: node policies/aws/support/taggable-types.generate.js
const path = require("path");
const { renderTokenList, sdkResources, takesMap, writeWhenMain } = require("../../../scripts/sdk-args");

function generate() {
    const { version, resources } = sdkResources("@pulumi/aws");
    // Resource tags are optional; a required `tags` map selects other resources (inspector ResourceGroup).
    const tokens = resources.filter(r => takesMap(r.args, "tags", true)).map(r => r.token);
    const text = renderTokenList("policies/aws/support/taggable-types.generate.js", "@pulumi/aws", version,
        "AWS resource types whose Args take a `tags` map (TAGGING).", "taggableTypes", tokens);
    return { file: path.join(__dirname, "taggable-types.ts"), text, summary: `taggable ${tokens.length}` };
}

module.exports = { generate };
writeWhenMain(module, generate);
