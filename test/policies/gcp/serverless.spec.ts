// Cloud Functions (1st and 2nd gen) and Cloud Run (v1, v2 services, jobs, worker pools): who may call them,
// from where, what they run as, and what key encrypts them (issue 15).
import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { UNKNOWN, assertAdvice, assertNoFinding, assertOneAdvice, assertOneViolation, assertOnlyUnknown, findingsOf, resource, ruleNamed } from "../../support/policies";
import { KEY } from "./baselines";

const SA = "fn-runner@p.iam.gserviceaccount.com";
const fnV1 = (props: Record<string, unknown> = {}) => resource("gcp:cloudfunctions/function:Function", {
    runtime: "nodejs20", triggerHttp: true, ingressSettings: "ALLOW_INTERNAL_ONLY", httpsTriggerSecurityLevel: "SECURE_ALWAYS",
    kmsKeyName: KEY, serviceAccountEmail: SA, vpcConnector: "projects/p/locations/us-central1/connectors/c", vpcConnectorEgressSettings: "ALL_TRAFFIC", ...props,
});
const fnV2 = (serviceConfig: Record<string, unknown> = {}, props: Record<string, unknown> = {}) => resource("gcp:cloudfunctionsv2/function:Function", {
    location: "us-central1", kmsKeyName: KEY,
    serviceConfig: { ingressSettings: "ALLOW_INTERNAL_AND_GCLB", serviceAccountEmail: SA, directVpcNetworkInterfaces: [{ network: "n" }], directVpcEgress: "VPC_EGRESS_ALL_TRAFFIC", ...serviceConfig },
    ...props,
});
const runV1 = (annotations: Record<string, unknown> = {}, template: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => resource("gcp:cloudrun/service:Service", {
    location: "us-central1",
    metadata: { annotations: { "run.googleapis.com/ingress": "internal", ...annotations } },
    template: {
        metadata: { annotations: { "run.googleapis.com/encryption-key": KEY, "run.googleapis.com/vpc-access-connector": "c", "run.googleapis.com/vpc-access-egress": "all-traffic", ...template } },
        spec: { serviceAccountName: SA, containers: [{ image: "gcr.io/p/app" }], ...spec },
    },
});
const runV2 = (props: Record<string, unknown> = {}, template: Record<string, unknown> = {}) => resource("gcp:cloudrunv2/service:Service", {
    location: "us-central1", ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
    template: { encryptionKey: KEY, serviceAccount: SA, vpcAccess: { connector: "c", egress: "ALL_TRAFFIC" }, containers: [{ image: "i" }], ...template },
    ...props,
});
const job = (template: Record<string, unknown> = {}) => resource("gcp:cloudrunv2/job:Job", {
    location: "us-central1", template: { template: { encryptionKey: KEY, serviceAccount: SA, vpcAccess: { networkInterfaces: [{ network: "n" }], egress: "ALL_TRAFFIC" }, ...template } },
});

describe("policies/gcp serverless (Cloud Functions, Cloud Run)", () => {
    it("rejects allUsers / allAuthenticatedUsers as invokers of functions and Cloud Run services, as CallbackFunction grants by default", () => {
        for (const type of ["gcp:cloudfunctions/functionIamMember:FunctionIamMember", "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
            "gcp:cloudrun/iamMember:IamMember", "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "gcp:cloudrunv2/jobIamMember:JobIamMember"]) {
            assertNoFinding(findingsOf("gcp-public-access-iam-member", [resource(type, { role: "roles/run.invoker", member: `serviceAccount:${SA}` })]));
            assertOneViolation(findingsOf("gcp-public-access-iam-member", [resource(type, { role: "roles/cloudfunctions.invoker", member: "allUsers" })]), "member");
            assertOnlyUnknown(findingsOf("gcp-public-access-iam-member", [resource(type, { role: "roles/run.invoker", member: UNKNOWN })]), "member");
        }
        assertOneViolation(findingsOf("gcp-public-access-iam-binding", [resource("gcp:cloudrun/iamBinding:IamBinding", { role: "roles/run.invoker", members: ["allAuthenticatedUsers"] })]), "members[0]");
        assertOneViolation(findingsOf("gcp-public-access-iam-policy", [resource("gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy", { policyData: JSON.stringify({ bindings: [{ role: "roles/cloudfunctions.invoker", members: ["allUsers"] }] }) })]), "policyData.bindings[0].members[0]");
        // Spellings of the public members in another case or with blanks count as public (one judgement for every IAM shape and ACL).
        for (const member of ["AllUsers", " allUsers", "allusers\t", "all\u200bUsers", "ALLAUTHENTICATEDUSERS", "PrincipalSet://goog/public:all"]) {
            assertOneViolation(findingsOf("gcp-public-access-iam-member", [resource("gcp:cloudfunctions/functionIamMember:FunctionIamMember", { role: "roles/cloudfunctions.invoker", member })]), "member");
        }
        assertOneViolation(findingsOf("gcp-public-access-storage-acl", [resource("gcp:storage/bucketACL:BucketACL", { bucket: "b", roleEntities: ["READER:AllUsers"] })]), "roleEntities[0]");
        assertOneViolation(findingsOf("gcp-public-access-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", accesses: [{ role: "READER", specialGroup: "allAuthenticatedUsers " }] })]), "accesses[0].specialGroup");
        // The IAM v2 spelling of allUsers is the same principal.
        assertOneViolation(findingsOf("gcp-public-access-iam-member", [resource("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", { role: "roles/run.invoker", member: "principalSet://goog/public:all" })]), "member");
    });

    it("requires the Cloud Run invoker check on (v2 invokerIamDisabled, v1 annotation), any truthy spelling failing", () => {
        assertNoFinding(findingsOf("gcp-public-access-cloud-run-invoker-check", [runV2(), runV1(), runV2({ invokerIamDisabled: false }), runV1({ "run.googleapis.com/invoker-iam-disabled": "false" })]));
        assertOneViolation(findingsOf("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: true })]), "invokerIamDisabled");
        assertOneViolation(findingsOf("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: "TRUE" })]), "invokerIamDisabled");
        assertOneViolation(findingsOf("gcp-public-access-cloud-run-invoker-check", [runV1({ "run.googleapis.com/invoker-iam-disabled": "true" })]), "run.googleapis.com/invoker-iam-disabled");
        // Type confusion: a number or "yes" is not false.
        assertOneViolation(findingsOf("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: 1 })]), "invokerIamDisabled");
        assertOnlyUnknown(findingsOf("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: UNKNOWN })]), "invokerIamDisabled");
    });

    it("requires internal ingress on HTTP functions and Cloud Run services (the default is the whole internet)", () => {
        const name = "gcp-network-private-serverless-ingress";
        assertNoFinding(findingsOf(name, [fnV1(), fnV2(), runV1(), runV2(), fnV1({ ingressSettings: "ALLOW_INTERNAL_AND_GCLB" })]));
        assertOneViolation(findingsOf(name, [fnV1({ ingressSettings: undefined })]), "ingressSettings");
        assertOneViolation(findingsOf(name, [fnV1({ ingressSettings: "ALLOW_ALL" })]), "ingressSettings");
        // Spellings the API refuses never pass: case, blanks, a number.
        assertOneViolation(findingsOf(name, [fnV1({ ingressSettings: "allow_internal_only" })]), "ingressSettings");
        assertOneViolation(findingsOf(name, [fnV1({ ingressSettings: " ALLOW_INTERNAL_ONLY" })]), "ingressSettings");
        assertOneViolation(findingsOf(name, [fnV1({ ingressSettings: 1 })]), "ingressSettings");
        assertOneViolation(findingsOf(name, [fnV2({ ingressSettings: "ALLOW_ALL" })]), "serviceConfig.ingressSettings");
        assertOneViolation(findingsOf(name, [fnV2({}, { serviceConfig: undefined })]), "serviceConfig.ingressSettings");
        assertOneViolation(findingsOf(name, [runV2({ ingress: "INGRESS_TRAFFIC_ALL" })]), "ingress");
        assertOneViolation(findingsOf(name, [runV2({ ingress: undefined })]), "ingress");
        assertOneViolation(findingsOf(name, [runV1({ "run.googleapis.com/ingress": "all" })]), "run.googleapis.com/ingress");
        assertOneViolation(findingsOf(name, [resource("gcp:cloudrun/service:Service", { location: "l", template: {} })]), "run.googleapis.com/ingress");
        assertOnlyUnknown(findingsOf(name, [fnV1({ ingressSettings: UNKNOWN })]), "ingressSettings");
        assertOnlyUnknown(findingsOf(name, [resource("gcp:cloudrun/service:Service", { location: "l", metadata: { annotations: UNKNOWN } })]), "run.googleapis.com/ingress");
    });

    it("refuses a Cloud Run annotation given twice in two spellings, and reads only the exact key", () => {
        const name = "gcp-network-private-serverless-ingress";
        // "Run.googleapis.com/ingress" is not the key Cloud Run reads: the exact key is unset, so all traffic.
        const twice = runV1({ "run.googleapis.com/ingress": "internal", "Run.googleapis.com/ingress": "all" });
        const f = findingsOf(name, [twice]);
        assert.equal(f.length, 1);
        assert.equal(f[0].enforcement, "mandatory");
        assert.match(f[0].message, /only in case or blanks/);
        const misspelt = resource("gcp:cloudrun/service:Service", { location: "l", metadata: { annotations: { "run.googleapis.com/ingress ": "internal" } } });
        assert.match(findingsOf(name, [misspelt])[0].message, /only in case or blanks/);
    });

    it("judges a 1st gen event-triggered function's ingress and HTTPS as not applicable, and an unknown trigger as unknown", () => {
        const event = fnV1({ triggerHttp: undefined, eventTrigger: { eventType: "google.pubsub.topic.publish", resource: "t" }, ingressSettings: undefined, httpsTriggerSecurityLevel: undefined });
        const { outcomes } = evaluateOutcomes([ruleNamed("gcp-network-private-serverless-ingress"), ruleNamed("gcp-enc-transit-cloud-function")], [event]);
        assert.deepEqual(outcomes.map(o => o.outcome), ["not-applicable", "not-applicable"]);
        // triggerHttp "false" as a YAML program writes it, with an event trigger: still no URL.
        assertNoFinding(findingsOf("gcp-network-private-serverless-ingress", [fnV1({ triggerHttp: "false", eventTrigger: { eventType: "e", resource: "t" }, ingressSettings: undefined })]));
        // An HTTP trigger beside an event trigger (refused by the provider) is judged as HTTP.
        assertOneViolation(findingsOf("gcp-network-private-serverless-ingress", [fnV1({ eventTrigger: { eventType: "e", resource: "t" }, ingressSettings: "ALLOW_ALL" })]), "ingressSettings");
        assertOnlyUnknown(findingsOf("gcp-network-private-serverless-ingress", [fnV1({ triggerHttp: UNKNOWN, eventTrigger: undefined, ingressSettings: undefined })]), "triggerHttp");
        assertNoFinding(findingsOf("gcp-network-private-serverless-ingress", [fnV1({ triggerHttp: UNKNOWN })]));
        assertOnlyUnknown(findingsOf("gcp-enc-transit-cloud-function", [fnV1({ triggerHttp: undefined, eventTrigger: UNKNOWN, httpsTriggerSecurityLevel: "SECURE_OPTIONAL" })]), "triggerHttp");
    });

    it("requires SECURE_ALWAYS on a 1st gen HTTP function", () => {
        assertNoFinding(findingsOf("gcp-enc-transit-cloud-function", [fnV1()]));
        assertOneViolation(findingsOf("gcp-enc-transit-cloud-function", [fnV1({ httpsTriggerSecurityLevel: undefined })]), "httpsTriggerSecurityLevel");
        assertOneViolation(findingsOf("gcp-enc-transit-cloud-function", [fnV1({ httpsTriggerSecurityLevel: "SECURE_OPTIONAL" })]), "httpsTriggerSecurityLevel");
        assertOnlyUnknown(findingsOf("gcp-enc-transit-cloud-function", [fnV1({ httpsTriggerSecurityLevel: UNKNOWN })]), "httpsTriggerSecurityLevel");
    });

    it("requires a customer-managed key on functions, Cloud Run services, jobs and worker pools", () => {
        const name = "gcp-enc-rest-cmk-serverless";
        assertNoFinding(findingsOf(name, [fnV1(), fnV2(), runV1(), runV2(), job(), resource("gcp:cloudrunv2/workerPool:WorkerPool", { location: "l", template: { encryptionKey: KEY } })]));
        assertOneViolation(findingsOf(name, [fnV1({ kmsKeyName: undefined })]), "kmsKeyName");
        assertOneViolation(findingsOf(name, [fnV2({}, { kmsKeyName: "" })]), "kmsKeyName");
        assertOneViolation(findingsOf(name, [runV1({}, { "run.googleapis.com/encryption-key": undefined })]), "run.googleapis.com/encryption-key");
        assertOneViolation(findingsOf(name, [runV2({}, { encryptionKey: undefined })]), "template.encryptionKey");
        assertOneViolation(findingsOf(name, [job({ encryptionKey: 7 })]), "template.template.encryptionKey");
        assertOnlyUnknown(findingsOf(name, [runV2({}, { encryptionKey: UNKNOWN })]), "template.encryptionKey");
        assertOnlyUnknown(findingsOf(name, [runV1({}, { "run.googleapis.com/encryption-key": UNKNOWN })]), "run.googleapis.com/encryption-key");
    });

    it("requires a dedicated service account, not the App Engine or Compute Engine default, in any case", () => {
        const name = "gcp-least-privilege-serverless-service-account";
        assertNoFinding(findingsOf(name, [fnV1(), fnV2(), runV1(), runV2(), job()]));
        assertOneViolation(findingsOf(name, [fnV1({ serviceAccountEmail: undefined })]), "serviceAccountEmail");
        assertOneViolation(findingsOf(name, [fnV1({ serviceAccountEmail: "p@appspot.gserviceaccount.com" })]), "serviceAccountEmail");
        assertOneViolation(findingsOf(name, [fnV2({ serviceAccountEmail: "123-compute@developer.gserviceaccount.com" })]), "serviceConfig.serviceAccountEmail");
        assertOneViolation(findingsOf(name, [fnV2({ serviceAccountEmail: "123-COMPUTE@Developer.gserviceaccount.com " })]), "serviceConfig.serviceAccountEmail");
        assertOneViolation(findingsOf(name, [fnV2({ serviceAccountEmail: "123-compute@developer.gserviceaccount.com\u200b" })]), "serviceConfig.serviceAccountEmail");
        assertOneViolation(findingsOf(name, [runV1({}, {}, { serviceAccountName: undefined })]), "template.spec.serviceAccountName");
        assertOneViolation(findingsOf(name, [runV2({}, { serviceAccount: "  " })]), "template.serviceAccount");
        assertOneViolation(findingsOf(name, [job({ serviceAccount: undefined })]), "template.template.serviceAccount");
        assertOnlyUnknown(findingsOf(name, [runV2({}, { serviceAccount: UNKNOWN })]), "template.serviceAccount");
        // The Dataproc rule shares the judgement: an upper-case default account no longer passes there either.
        assertOneViolation(findingsOf("gcp-least-privilege-dataproc-cluster", [resource("gcp:dataproc/cluster:Cluster", { clusterConfig: { gceClusterConfig: { serviceAccount: "123-COMPUTE@developer.gserviceaccount.com" } } })]), "clusterConfig.gceClusterConfig.serviceAccount");
    });

    it("advises routing all egress through the VPC", () => {
        const name = "gcp-network-private-serverless-egress";
        assertNoFinding(findingsOf(name, [fnV1(), fnV2(), runV1(), runV2(), job()]));
        assertOneAdvice(findingsOf(name, [fnV1({ vpcConnector: undefined })]), "vpcConnector");
        assertOneAdvice(findingsOf(name, [fnV1({ vpcConnectorEgressSettings: "PRIVATE_RANGES_ONLY" })]), "vpcConnectorEgressSettings");
        assertOneAdvice(findingsOf(name, [fnV2({ directVpcEgress: undefined })]), "serviceConfig.vpcConnectorEgressSettings");
        assertOneAdvice(findingsOf(name, [runV1({}, { "run.googleapis.com/vpc-access-egress": "private-ranges-only" })]), "run.googleapis.com/vpc-access-egress");
        assertAdvice(findingsOf(name, [runV2({}, { vpcAccess: undefined })]), ["template.vpcAccess.connector", "template.vpcAccess.egress"]);
        assertOneAdvice(findingsOf(name, [job({ vpcAccess: { networkInterfaces: [], egress: "ALL_TRAFFIC" } })]), "template.template.vpcAccess.connector");
        assertOnlyUnknown(findingsOf(name, [runV2({}, { vpcAccess: UNKNOWN })]), "template.vpcAccess.connector", "template.vpcAccess.egress");
    });
});

describe("policies/gcp App Engine versions", () => {
    const version = (props: Record<string, unknown> = {}, type = "gcp:appengine/standardAppVersion:StandardAppVersion") => resource(type, {
        service: "default", runtime: "nodejs20", deployment: {}, entrypoint: { shell: "node app.js" }, serviceAccount: SA,
        handlers: [{ urlRegex: ".*", securityLevel: "SECURE_ALWAYS", script: { scriptPath: "auto" } }], ...props,
    });

    it("requires HTTPS on every handler and a dedicated service account", () => {
        for (const type of ["gcp:appengine/standardAppVersion:StandardAppVersion", "gcp:appengine/flexibleAppVersion:FlexibleAppVersion"]) {
            assertNoFinding(findingsOf("gcp-enc-transit-app-engine-version", [version({}, type)]));
            assertOneViolation(findingsOf("gcp-enc-transit-app-engine-version", [version({ handlers: undefined }, type)]), "handlers");
            assertOneViolation(findingsOf("gcp-enc-transit-app-engine-version", [version({ handlers: [{ urlRegex: "/api/.*", securityLevel: "SECURE_ALWAYS" }, { urlRegex: ".*" }] }, type)]), "handlers[1].securityLevel");
            assertOnlyUnknown(findingsOf("gcp-enc-transit-app-engine-version", [version({ handlers: UNKNOWN }, type)]), "handlers");
            assertNoFinding(findingsOf("gcp-least-privilege-serverless-service-account", [version({}, type)]));
            assertOneViolation(findingsOf("gcp-least-privilege-serverless-service-account", [version({ serviceAccount: undefined }, type)]), "serviceAccount");
            assertOneViolation(findingsOf("gcp-least-privilege-serverless-service-account", [version({ serviceAccount: "p@appspot.gserviceaccount.com" }, type)]), "serviceAccount");
        }
    });
});
