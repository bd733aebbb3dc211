import assert from "node:assert/strict";
import { nonProductionEnvironment } from "../../../policies/lib/environment";

describe("non-production environments (deletion protection on every cloud)", () => {
    it("names dev, development, test and staging in any case", () => {
        assert.deepEqual(["dev", "Development", "TEST", " staging "].map(nonProductionEnvironment), ["dev", "Development", "TEST", " staging "]);
    });
    it("judges everything else as production: prod, untagged, an unlisted name, a non-string", () => {
        assert.deepEqual(["prod", undefined, "qa", "prd", 1].map(nonProductionEnvironment), [undefined, undefined, undefined, undefined, undefined]);
    });
});
