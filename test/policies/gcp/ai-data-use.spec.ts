// AI-DATA-USE on Google Cloud (issue 16): the AI APIs a project enables are under the Cloud BAA.
import assert from "node:assert/strict";
import { resourceOutcome } from "../../../policies/lib/evaluate";
import type { ResourceRule } from "../../../policies/lib/rule";
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource, ruleNamed } from "../../support/policies";

const service = (name: unknown) => resource("gcp:projects/service:Service", { service: name, disableOnDestroy: false });
const NAME = "gcp-ai-data-use-project-service";

describe("gcp AI-DATA-USE", () => {
    describe(NAME, () => {
        it("passes the Vision and Vertex AI APIs", () => {
            assertNoFinding(findingsOf(NAME, [service("vision.googleapis.com"), service("aiplatform.googleapis.com")]));
        });
        it("reports the Gemini Developer API in any spelling, and a covered API not spelled as Google names it", () => {
            for (const name of ["generativelanguage.googleapis.com", "GenerativeLanguage.googleapis.com", " generativelanguage.googleapis.com",
                "generative\u200blanguage.googleapis.com", "ｇｅｎｅｒａｔｉｖｅｌａｎｇｕａｇｅ.googleapis.com", "vision.googleapis.com\u200b"]) {
                assertOneViolation(findingsOf(NAME, [service(name)]), "service");
            }
            assertOneViolation(findingsOf(NAME, [service("Vision.googleapis.com")]), "service");
            assertOneViolation(findingsOf(NAME, [service(["vision.googleapis.com"])]), "service");
        });
        it("leaves other APIs not judged by it, and is unknown while the service is unknown", () => {
            const other = service("compute.googleapis.com");
            assertNoFinding(findingsOf(NAME, [other]));
            const o = resourceOutcome(ruleNamed(NAME) as ResourceRule, other);
            assert.equal(o?.outcome, "not-applicable");
            assert.equal(o?.otherKind, true);
            assertOnlyUnknown(findingsOf(NAME, [service(UNKNOWN)]), "service");
        });
    });
});
