// The type lists the policies judge by are generated from the installed provider SDKs. A provider upgrade
// without regenerating them would leave new resource types unjudged: this fails then, naming the command.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");
const generators = ["policies/aws/support/taggable-types.generate.js", "policies/azure/support/resource-types.generate.js", "policies/gcp/support/labelled-types.generate.js"];

describe("generated type lists", function () {
    this.timeout(60_000);
    for (const generator of generators) {
        it(`${generator} made the committed list from the installed SDK`, () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const { file, text } = require(path.join(root, generator)).generate() as { file: string; text: string };
            assert.ok(fs.readFileSync(file, "utf8") === text, `${path.relative(root, file)} has drifted from the installed SDK: run node ${generator}`);
        });
    }
});
