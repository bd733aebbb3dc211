// The research-sharing rules on Google Cloud (policies/gcp/share-deidentified.ts): compliant, violating
// and unknown cases, and the ways a program could share PHI through Analytics Hub and be called compliant.
import assert from "node:assert/strict";
import { todayVariable } from "../../../policies/lib/config";
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, dependsOn, findingsOf, resource } from "../../support/policies";

const today = "2026-06-15";
const DATASET = "gcp:bigquery/dataset:Dataset";
const EXCHANGE = "gcp:bigqueryanalyticshub/dataExchange:DataExchange";
const LISTING = "gcp:bigqueryanalyticshub/listing:Listing";
const MEMBER = "gcp:bigqueryanalyticshub/listingIamMember:ListingIamMember";
const SHARE = "gcp-share-deidentified-analytics-hub";
const PUBLIC = "gcp-public-access-analytics-hub";
const READ = "gcp-least-privilege-analytics-hub";
const LOGGED = "gcp-audit-log-analytics-hub";
const until = (instant: string) => ({ title: "until", expression: `request.time < timestamp("${instant}")` });

function stack(opts: { classification?: unknown; condition?: unknown; member?: string; role?: string; listing?: Record<string, unknown> } = {}) {
    const labels = opts.classification === undefined ? { tenant: "mercy" } : { tenant: "mercy", "data-classification": opts.classification };
    const dataset = resource(DATASET, { datasetId: "mercy_deid_cohort", labels }, { name: "ds" });
    const exchange = resource(EXCHANGE, { dataExchangeId: "mercy_research", discoveryType: "DISCOVERY_TYPE_PRIVATE", logLinkedDatasetQueryUserEmail: true }, { name: "x" });
    const listing = dependsOn(resource(LISTING, {
        dataExchangeId: "mercy_research", listingId: "cohort", bigqueryDataset: { dataset: "projects/p/datasets/mercy_deid_cohort" },
        discoveryType: "DISCOVERY_TYPE_PRIVATE", restrictedExportConfig: { enabled: true, restrictQueryResult: true }, logLinkedDatasetQueryUserEmail: true, ...opts.listing,
    }, { name: "l" }), "bigqueryDataset", dataset);
    const member = dependsOn(resource(MEMBER, {
        dataExchangeId: "mercy_research", listingId: "cohort", role: opts.role ?? "roles/analyticshub.subscriber",
        member: opts.member ?? "group:research@university.edu", condition: "condition" in opts ? opts.condition : until("2027-02-01T00:00:00Z"),
    }, { name: "m" }), "listingId", listing);
    return [dataset, exchange, listing, member];
}

describe("gcp research sharing (SHARE-DEIDENTIFIED and its companions)", () => {
    beforeEach(() => { process.env[todayVariable] = today; });
    afterEach(() => { delete process.env[todayVariable]; });

    describe(SHARE, () => {
        it("passes a private listing of a de-identified dataset and a subscriber whose grant ends within a year", () => {
            assertNoFinding(findingsOf(SHARE, stack({ classification: "deidentified" })));
        });
        it("reports a listing of a PHI dataset, and the grant on it", () => {
            const f = assertViolations(findingsOf(SHARE, stack({ classification: "phi" })), ["bigqueryDataset.dataset", "listingId (→ l).bigqueryDataset.dataset"]);
            assert.equal(f.filter(x => x.controls[0] === "SHARE-DEIDENTIFIED").length, 2);
        });
        it("reports an unlabelled dataset, a near-miss label and a listing of a dataset not in the stack", () => {
            assertViolations(findingsOf(SHARE, stack()), ["bigqueryDataset.dataset", "listingId (→ l).bigqueryDataset.dataset"]);
            assertViolations(findingsOf(SHARE, stack({ classification: "de-identified" })), ["bigqueryDataset.dataset", "listingId (→ l).bigqueryDataset.dataset"]);
            const [, exchange, listing] = stack({ classification: "deidentified" });
            listing.opts.propertyDependencies = {};
            assertOneViolation(findingsOf(SHARE, [exchange, { ...listing, props: { ...listing.props, bigqueryDataset: { dataset: "projects/other/datasets/phi" } } }]), "bigqueryDataset.dataset");
        });
        it("reports a de-identified dataset whose authorized views, routines or datasets read a PHI or unlabelled dataset", () => {
            const phi = (accesses: unknown[]) => resource(DATASET, { datasetId: "mercy_phi", labels: { "data-classification": "phi" }, accesses }, { name: "phi" });
            const deidStack = stack({ classification: "deidentified" });
            assertNoFinding(findingsOf(SHARE, [...deidStack, phi([{ role: "OWNER", groupByEmail: "admins@mercy.org" }])]));
            assertOneViolation(findingsOf(SHARE, [...deidStack, phi([{ view: { projectId: "p", datasetId: "mercy_deid_cohort", tableId: "v" } }])]), "authorized by accesses[0] of phi");
            assertOneViolation(findingsOf(SHARE, [...deidStack, phi([{ routine: { projectId: "p", datasetId: "mercy_deid_cohort", routineId: "f" } }])]), "authorized by accesses[0] of phi");
            assertOneViolation(findingsOf(SHARE, [...deidStack, phi([{ dataset: { dataset: { projectId: "p", datasetId: "mercy_deid_cohort" }, targetTypes: ["VIEWS"] } }])]), "authorized by accesses[0] of phi");
            const access = resource("gcp:bigquery/datasetAccess:DatasetAccess", { datasetId: "mercy_phi", view: { projectId: "p", datasetId: "mercy_deid_cohort", tableId: "v" } }, { name: "auth" });
            assertOneViolation(findingsOf(SHARE, [...deidStack, phi([]), access]), "authorized by gcp:bigquery/datasetAccess:DatasetAccess");
            assertOneViolation(findingsOf(SHARE, [...deidStack, { ...access, props: { ...access.props, datasetId: "outside" } }]), "authorized by gcp:bigquery/datasetAccess:DatasetAccess");
        });
        it("reports a grant without an end, or an end the pack cannot read as one", () => {
            for (const condition of [undefined, { title: "t", expression: "" }, until("2027-02-01T00:00:00Z") && { title: "t", expression: 'request.time < timestamp("2027-02-01T00:00:00Z") || true' },
                { title: "t", expression: '!(request.time > timestamp("2027-02-01T00:00:00Z"))' },
                { title: "t", expression: "resource.name == 'x && request.time < timestamp(\"2027-02-01T00:00:00Z\")'" },
                { title: "t", expression: 'request.time > timestamp("2027-02-01T00:00:00Z")' },
                { title: "t", expression: 'request.time < timestamp("2027-02-30T00:00:00Z")' },
                { title: "t", expression: 'true ? request.time < timestamp("2027-02-01T00:00:00Z") : true' }]) {
                assertOneViolation(findingsOf(SHARE, stack({ classification: "deidentified", condition })), "condition.expression");
            }
        });
        it("reads a conjunction and the earliest end; refuses an end more than a year ahead", () => {
            assertNoFinding(findingsOf(SHARE, stack({ classification: "deidentified", condition: { title: "t", expression: 'resource.name.startsWith("projects/p") && (request.time < timestamp("2027-06-16T00:00:00Z"))' } })));
            assertNoFinding(findingsOf(SHARE, stack({ classification: "deidentified", condition: { title: "t", expression: 'request.time < timestamp("2099-01-01T00:00:00Z") && request.time < timestamp("2027-01-01T00:00:00Z")' } })));
            assertOneViolation(findingsOf(SHARE, stack({ classification: "deidentified", condition: until("2027-06-17T00:00:00Z") })), "condition.expression");
            assertOneViolation(findingsOf(SHARE, stack({ classification: "deidentified", condition: until("9999-12-31T00:00:00Z") })), "condition.expression");
        });
        it("reports an IAM policy on a listing, and a grant on a listing not in the stack", () => {
            assertOneViolation(findingsOf(SHARE, [resource("gcp:bigqueryanalyticshub/listingIamPolicy:ListingIamPolicy", { policyData: "{}" })]), "policyData");
            assertOneViolation(findingsOf(SHARE, [resource(MEMBER, { dataExchangeId: "x", listingId: "y", role: "roles/analyticshub.subscriber", member: "group:a@b.org", condition: until("2027-01-01T00:00:00Z") })]), "listingId");
        });
        it("reports labels and conditions unknown at preview as unknown", () => {
            assertOnlyUnknown(findingsOf(SHARE, stack({ classification: "deidentified", condition: { title: "t", expression: UNKNOWN } })), "condition.expression");
            const [ds, ...rest] = stack({ classification: "deidentified" });
            assertOnlyUnknown(findingsOf(SHARE, [{ ...ds, props: { ...ds.props, labels: UNKNOWN } }, ...rest]), "bigqueryDataset.dataset", "listingId (→ l).bigqueryDataset.dataset");
        });
    });

    describe(PUBLIC, () => {
        it("passes private listings and named members", () => assertNoFinding(findingsOf(PUBLIC, stack({ classification: "deidentified" }))));
        it("reports a public listing or exchange, and the public, a domain, a principal set or a wildcard as member", () => {
            assertOneViolation(findingsOf(PUBLIC, stack({ listing: { discoveryType: "DISCOVERY_TYPE_PUBLIC" } })), "discoveryType");
            for (const member of ["allUsers", "allAuthenticatedUsers", "domain:university.edu", "principalSet://goog/public:all", "group:*@university.edu", "research@university.edu"]) {
                assertOneViolation(findingsOf(PUBLIC, stack({ member })), "member");
            }
        });
        it("reports every bad member of a binding", () => {
            const f = findingsOf(PUBLIC, [resource("gcp:bigqueryanalyticshub/listingIamBinding:ListingIamBinding", { role: "roles/analyticshub.subscriber", members: ["group:a@b.org", "allUsers"] })]);
            assert.equal(f.length, 1);
            assert.match(f[0].message, /members\[1\]/);
        });
    });

    describe(READ, () => {
        it("passes the subscriber role and a listing that restricts export", () => assertNoFinding(findingsOf(READ, stack({ classification: "deidentified" }))));
        it("reports an administering role and a listing that lets subscribers copy data out", () => {
            assertOneViolation(findingsOf(READ, stack({ role: "roles/analyticshub.admin" })), "role");
            assertOneViolation(findingsOf(READ, stack({ role: "roles/analyticshub.publisher" })), "role");
            assertViolations(findingsOf(READ, stack({ listing: { restrictedExportConfig: { enabled: false } } })), ["restrictedExportConfig.enabled", "restrictedExportConfig.restrictQueryResult"]);
            assertViolations(findingsOf(READ, stack({ listing: { restrictedExportConfig: undefined } })), ["restrictedExportConfig.enabled", "restrictedExportConfig.restrictQueryResult"]);
        });
    });

    describe("unknown at preview", () => {
        it("reports a discovery type, member, role and logging unknown at preview as unknown, never a pass", () => {
            assertOnlyUnknown(findingsOf(PUBLIC, stack({ listing: { discoveryType: UNKNOWN } })), "discoveryType");
            assertOnlyUnknown(findingsOf(PUBLIC, stack({ member: UNKNOWN as unknown as string })), "member");
            assertOnlyUnknown(findingsOf(READ, stack({ role: UNKNOWN as unknown as string })), "role");
            const [ds, x, l] = stack({ listing: { logLinkedDatasetQueryUserEmail: UNKNOWN } });
            assertOnlyUnknown(findingsOf(LOGGED, [ds, { ...x, props: { ...x.props, logLinkedDatasetQueryUserEmail: false } }, l]), "logLinkedDatasetQueryUserEmail");
        });
    });

    describe(LOGGED, () => {
        it("passes a listing or exchange that logs query users", () => {
            assertNoFinding(findingsOf(LOGGED, stack()));
            const [ds, x, l] = stack({ listing: { logLinkedDatasetQueryUserEmail: undefined } });
            assertNoFinding(findingsOf(LOGGED, [ds, x, l]));
        });
        it("reports a listing whose exchange does not log query users either", () => {
            const [ds, x, l] = stack({ listing: { logLinkedDatasetQueryUserEmail: false } });
            assertOneViolation(findingsOf(LOGGED, [ds, { ...x, props: { ...x.props, logLinkedDatasetQueryUserEmail: false } }, l]), "logLinkedDatasetQueryUserEmail");
        });
    });
});
