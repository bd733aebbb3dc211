// Issue 16, image analysis on Google Cloud: an AI API a stack enables is audited (Data Access logs) and,
// inside a perimeter, restricted by it.
import assert from "node:assert/strict";
import { stackOutcomes } from "../../../policies/lib/evaluate";
import { StackIndex } from "../../../policies/lib/stack-index";
import type { StackRule } from "../../../policies/lib/rule";
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource, ruleNamed } from "../../support/policies";

const service = (name: unknown) => resource("gcp:projects/service:Service", { service: name, disableOnDestroy: false });
const audit = (svc: unknown, logTypes: unknown = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]) =>
    resource("gcp:projects/iAMAuditConfig:IAMAuditConfig", { service: svc, auditLogConfigs: Array.isArray(logTypes) ? logTypes.map(logType => ({ logType })) : logTypes });
const perimeter = (restricted: unknown, extra: Record<string, unknown> = {}) => resource("gcp:accesscontextmanager/servicePerimeter:ServicePerimeter", {
    perimeterType: "PERIMETER_TYPE_REGULAR", status: { resources: ["projects/1"], restrictedServices: restricted }, ...extra,
});
const AUDIT = "gcp-audit-log-ai-services", PERIMETER = "gcp-network-private-ai-perimeter";

describe("gcp image analysis (AI APIs)", () => {
    describe(AUDIT, () => {
        it("passes an AI API with its own audit config or allServices, and judges it compliant", () => {
            assertNoFinding(findingsOf(AUDIT, [service("vision.googleapis.com"), audit("vision.googleapis.com")]));
            assertNoFinding(findingsOf(AUDIT, [service("vision.googleapis.com"), audit("allServices")]));
            const api = service("vision.googleapis.com");
            const outcome = stackOutcomes(ruleNamed(AUDIT) as StackRule, new StackIndex([api, audit("allServices")])).find(o => o.urn === api.urn);
            assert.equal(outcome?.outcome, "compliant");
        });
        it("reports an AI API without audit logs, with only some log types, or audited under another service", () => {
            assertOneViolation(findingsOf(AUDIT, [service("vision.googleapis.com")]), "IAMAuditConfig");
            assertOneViolation(findingsOf(AUDIT, [service("vision.googleapis.com"), audit("vision.googleapis.com", ["ADMIN_READ"])]), "IAMAuditConfig");
            assertOneViolation(findingsOf(AUDIT, [service("aiplatform.googleapis.com"), audit("storage.googleapis.com")]), "IAMAuditConfig");
            assertOneViolation(findingsOf(AUDIT, [service("Vision.googleapis.com "), audit("storage.googleapis.com")]), "IAMAuditConfig");
        });
        it("is unknown while the audit config's service or the API is unknown, and leaves other APIs not judged", () => {
            assertOnlyUnknown(findingsOf(AUDIT, [service("vision.googleapis.com"), audit(UNKNOWN)]), "IAMAuditConfig");
            assertOnlyUnknown(findingsOf(AUDIT, [service(UNKNOWN)]), "service");
            const other = service("compute.googleapis.com");
            assertNoFinding(findingsOf(AUDIT, [other]));
            assert.equal(stackOutcomes(ruleNamed(AUDIT) as StackRule, new StackIndex([other])).find(o => o.urn === other.urn), undefined);
        });
    });

    describe(PERIMETER, () => {
        it("passes a perimeter that restricts the enabled AI APIs, and a stack with no perimeter (the perimeter-present rule speaks there)", () => {
            assertNoFinding(findingsOf(PERIMETER, [service("vision.googleapis.com"), perimeter(["storage.googleapis.com", "vision.googleapis.com"])]));
            assertNoFinding(findingsOf(PERIMETER, [service("vision.googleapis.com"), perimeter(["*"])]));
            assertNoFinding(findingsOf(PERIMETER, [service("vision.googleapis.com")]));
            assertNoFinding(findingsOf(PERIMETER, [service("vision.googleapis.com"), perimeter([], { perimeterType: "PERIMETER_TYPE_BRIDGE" })]));
        });
        it("reports a perimeter that leaves an enabled AI API open, in any spelling of the API", () => {
            assertOneViolation(findingsOf(PERIMETER, [service("vision.googleapis.com"), perimeter(["storage.googleapis.com"])]), "restrictedServices");
            assertOneViolation(findingsOf(PERIMETER, [service("VISION.googleapis.com"), perimeter(["storage.googleapis.com"])]), "restrictedServices");
            assertOneViolation(findingsOf(PERIMETER, [service("generativelanguage.googleapis.com"), perimeter(["Vision.googleapis.com"])]), "restrictedServices");
        });
        it("is unknown while the perimeter's list is unknown", () => {
            assertOnlyUnknown(findingsOf(PERIMETER, [service("vision.googleapis.com"), perimeter(UNKNOWN)]), "restrictedServices");
        });
    });
});

describe("gcp-identity-authn-api-key (issue 16: no key auth to AI APIs)", () => {
    const KEY = "gcp-identity-authn-api-key";
    const apiKey = (restrictions?: unknown) => resource("gcp:projects/apiKey:ApiKey", restrictions === undefined ? { displayName: "k" } : { displayName: "k", restrictions });
    it("reports a key that may call every API, or names an AI API in any spelling", () => {
        assertOneViolation(findingsOf(KEY, [apiKey()]), "restrictions.apiTargets");
        assertOneViolation(findingsOf(KEY, [apiKey({ apiTargets: [] })]), "restrictions.apiTargets");
        assertOneViolation(findingsOf(KEY, [apiKey({ apiTargets: [{ service: "vision.googleapis.com" }] })]), "apiTargets[0].service");
        assertOneViolation(findingsOf(KEY, [apiKey({ apiTargets: [{ service: "maps-backend.googleapis.com" }, { service: " AIPlatform.googleapis.com" }] })]), "apiTargets[1].service");
        assertOneViolation(findingsOf(KEY, [apiKey({ apiTargets: [{ service: 7 }] })]), "apiTargets[0].service");
    });
    it("leaves a key restricted to other APIs not judged by it, and is unknown while its targets are", () => {
        const maps = apiKey({ apiTargets: [{ service: "maps-backend.googleapis.com" }] });
        assertNoFinding(findingsOf(KEY, [maps]));
        assertOnlyUnknown(findingsOf(KEY, [apiKey({ apiTargets: UNKNOWN })]), "restrictions.apiTargets");
        assertOnlyUnknown(findingsOf(KEY, [apiKey({ apiTargets: [{ service: UNKNOWN }] })]), "apiTargets[0].service");
    });
});
