import assert from "node:assert/strict";
import { defaultPackConfig, resolveConfig } from "../../../policies/lib/config";
import { nonProductionEnvironment } from "../../../policies/lib/environment";

describe("the stack's environment (pack config `environment`; deletion protection on every cloud)", () => {
    it("is prod by default", () => {
        assert.equal(defaultPackConfig().environment, "prod");
        assert.equal(resolveConfig({}).environment, "prod");
        assert.equal(nonProductionEnvironment(resolveConfig(undefined)), undefined);
    });
    it("names staging and dev, exactly as the hospital config spells them", () => {
        assert.deepEqual((["dev", "staging"] as const).map(environment => nonProductionEnvironment({ environment })), ["dev", "staging"]);
    });
    it("judges every other value as production: prod, another case, spaces, an unlisted name, a non-string", () => {
        for (const environment of ["prod", "DEV", " dev", "Dev ", "development", "test", "qa", 1, null, undefined, ["dev"]]) {
            assert.equal(nonProductionEnvironment({ environment: environment as never }), undefined, String(environment));
        }
    });
});
