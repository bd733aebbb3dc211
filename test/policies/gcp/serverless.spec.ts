// Cloud Functions (1st and 2nd gen) and Cloud Run (v1, v2 services, jobs, worker pools): who may call them,
// from where, what they run as, and what key encrypts them (issue 15).
import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { advises, fails, findings, KEY, passes, res, rule, unknownFinding, UNKNOWN } from "./fixtures";

const SA = "fn-runner@p.iam.gserviceaccount.com";
const fnV1 = (props: Record<string, unknown> = {}) => res("gcp:cloudfunctions/function:Function", {
    runtime: "nodejs20", triggerHttp: true, ingressSettings: "ALLOW_INTERNAL_ONLY", httpsTriggerSecurityLevel: "SECURE_ALWAYS",
    kmsKeyName: KEY, serviceAccountEmail: SA, vpcConnector: "projects/p/locations/us-central1/connectors/c", vpcConnectorEgressSettings: "ALL_TRAFFIC", ...props,
});
const fnV2 = (serviceConfig: Record<string, unknown> = {}, props: Record<string, unknown> = {}) => res("gcp:cloudfunctionsv2/function:Function", {
    location: "us-central1", kmsKeyName: KEY,
    serviceConfig: { ingressSettings: "ALLOW_INTERNAL_AND_GCLB", serviceAccountEmail: SA, directVpcNetworkInterfaces: [{ network: "n" }], directVpcEgress: "VPC_EGRESS_ALL_TRAFFIC", ...serviceConfig },
    ...props,
});
const runV1 = (annotations: Record<string, unknown> = {}, template: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) => res("gcp:cloudrun/service:Service", {
    location: "us-central1",
    metadata: { annotations: { "run.googleapis.com/ingress": "internal", ...annotations } },
    template: {
        metadata: { annotations: { "run.googleapis.com/encryption-key": KEY, "run.googleapis.com/vpc-access-connector": "c", "run.googleapis.com/vpc-access-egress": "all-traffic", ...template } },
        spec: { serviceAccountName: SA, containers: [{ image: "gcr.io/p/app" }], ...spec },
    },
});
const runV2 = (props: Record<string, unknown> = {}, template: Record<string, unknown> = {}) => res("gcp:cloudrunv2/service:Service", {
    location: "us-central1", ingress: "INGRESS_TRAFFIC_INTERNAL_ONLY",
    template: { encryptionKey: KEY, serviceAccount: SA, vpcAccess: { connector: "c", egress: "ALL_TRAFFIC" }, containers: [{ image: "i" }], ...template },
    ...props,
});
const job = (template: Record<string, unknown> = {}) => res("gcp:cloudrunv2/job:Job", {
    location: "us-central1", template: { template: { encryptionKey: KEY, serviceAccount: SA, vpcAccess: { networkInterfaces: [{ network: "n" }], egress: "ALL_TRAFFIC" }, ...template } },
});

describe("policies/gcp serverless (Cloud Functions, Cloud Run)", () => {
    it("rejects allUsers / allAuthenticatedUsers as invokers of functions and Cloud Run services, as CallbackFunction grants by default", () => {
        for (const type of ["gcp:cloudfunctions/functionIamMember:FunctionIamMember", "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
            "gcp:cloudrun/iamMember:IamMember", "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "gcp:cloudrunv2/jobIamMember:JobIamMember"]) {
            passes("gcp-public-access-iam-member", [res(type, { role: "roles/run.invoker", member: `serviceAccount:${SA}` })]);
            fails("gcp-public-access-iam-member", [res(type, { role: "roles/cloudfunctions.invoker", member: "allUsers" })], "member");
            unknownFinding("gcp-public-access-iam-member", [res(type, { role: "roles/run.invoker", member: UNKNOWN })], "member");
        }
        fails("gcp-public-access-iam-binding", [res("gcp:cloudrun/iamBinding:IamBinding", { role: "roles/run.invoker", members: ["allAuthenticatedUsers"] })], "members[0]");
        fails("gcp-public-access-iam-policy", [res("gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",
            { policyData: JSON.stringify({ bindings: [{ role: "roles/cloudfunctions.invoker", members: ["allUsers"] }] }) })], "policyData.bindings[0].members[0]");
        // Spellings of the public members in another case or with blanks count as public (one judgement for every IAM shape and ACL).
        for (const member of ["AllUsers", " allUsers", "allusers\t", "all\u200bUsers", "ALLAUTHENTICATEDUSERS", "PrincipalSet://goog/public:all"]) {
            fails("gcp-public-access-iam-member", [res("gcp:cloudfunctions/functionIamMember:FunctionIamMember", { role: "roles/cloudfunctions.invoker", member })], "member");
        }
        fails("gcp-public-access-storage-acl", [res("gcp:storage/bucketACL:BucketACL", { bucket: "b", roleEntities: ["READER:AllUsers"] })], "roleEntities[0]");
        fails("gcp-public-access-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d", accesses: [{ role: "READER", specialGroup: "allAuthenticatedUsers " }] })], "accesses[0].specialGroup");
        // The IAM v2 spelling of allUsers is the same principal.
        fails("gcp-public-access-iam-member", [res("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", { role: "roles/run.invoker", member: "principalSet://goog/public:all" })], "member");
    });

    it("requires the Cloud Run invoker check on (v2 invokerIamDisabled, v1 annotation), any truthy spelling failing", () => {
        passes("gcp-public-access-cloud-run-invoker-check", [runV2(), runV1(), runV2({ invokerIamDisabled: false }), runV1({ "run.googleapis.com/invoker-iam-disabled": "false" })]);
        fails("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: true })], "invokerIamDisabled");
        fails("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: "TRUE" })], "invokerIamDisabled");
        fails("gcp-public-access-cloud-run-invoker-check", [runV1({ "run.googleapis.com/invoker-iam-disabled": "true" })], "run.googleapis.com/invoker-iam-disabled");
        // Type confusion: a number or "yes" is not false.
        fails("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: 1 })], "invokerIamDisabled");
        unknownFinding("gcp-public-access-cloud-run-invoker-check", [runV2({ invokerIamDisabled: UNKNOWN })], "invokerIamDisabled");
    });

    it("requires internal ingress on HTTP functions and Cloud Run services (the default is the whole internet)", () => {
        const name = "gcp-network-private-serverless-ingress";
        passes(name, [fnV1(), fnV2(), runV1(), runV2(), fnV1({ ingressSettings: "ALLOW_INTERNAL_AND_GCLB" })]);
        fails(name, [fnV1({ ingressSettings: undefined })], "ingressSettings");
        fails(name, [fnV1({ ingressSettings: "ALLOW_ALL" })], "ingressSettings");
        // Spellings the API refuses never pass: case, blanks, a number.
        fails(name, [fnV1({ ingressSettings: "allow_internal_only" })], "ingressSettings");
        fails(name, [fnV1({ ingressSettings: " ALLOW_INTERNAL_ONLY" })], "ingressSettings");
        fails(name, [fnV1({ ingressSettings: 1 })], "ingressSettings");
        fails(name, [fnV2({ ingressSettings: "ALLOW_ALL" })], "serviceConfig.ingressSettings");
        fails(name, [fnV2({}, { serviceConfig: undefined })], "serviceConfig.ingressSettings");
        fails(name, [runV2({ ingress: "INGRESS_TRAFFIC_ALL" })], "ingress");
        fails(name, [runV2({ ingress: undefined })], "ingress");
        fails(name, [runV1({ "run.googleapis.com/ingress": "all" })], "run.googleapis.com/ingress");
        fails(name, [res("gcp:cloudrun/service:Service", { location: "l", template: {} })], "run.googleapis.com/ingress");
        unknownFinding(name, [fnV1({ ingressSettings: UNKNOWN })], "ingressSettings");
        unknownFinding(name, [res("gcp:cloudrun/service:Service", { location: "l", metadata: { annotations: UNKNOWN } })], "run.googleapis.com/ingress");
    });

    it("refuses a Cloud Run annotation given twice in two spellings, and reads only the exact key", () => {
        const name = "gcp-network-private-serverless-ingress";
        // "Run.googleapis.com/ingress" is not the key Cloud Run reads: the exact key is unset, so all traffic.
        const twice = runV1({ "run.googleapis.com/ingress": "internal", "Run.googleapis.com/ingress": "all" });
        const f = findings(name, [twice]);
        assert.equal(f.length, 1);
        assert.equal(f[0].enforcement, "mandatory");
        assert.match(f[0].message, /only in case or blanks/);
        const misspelt = res("gcp:cloudrun/service:Service", { location: "l", metadata: { annotations: { "run.googleapis.com/ingress ": "internal" } } });
        assert.match(findings(name, [misspelt])[0].message, /only in case or blanks/);
    });

    it("judges a 1st gen event-triggered function's ingress and HTTPS as not applicable, and an unknown trigger as unknown", () => {
        const event = fnV1({ triggerHttp: undefined, eventTrigger: { eventType: "google.pubsub.topic.publish", resource: "t" }, ingressSettings: undefined, httpsTriggerSecurityLevel: undefined });
        const { outcomes } = evaluateOutcomes([rule("gcp-network-private-serverless-ingress"), rule("gcp-enc-transit-cloud-function")], [event]);
        assert.deepEqual(outcomes.map(o => o.outcome), ["not-applicable", "not-applicable"]);
        // triggerHttp "false" as a YAML program writes it, with an event trigger: still no URL.
        passes("gcp-network-private-serverless-ingress", [fnV1({ triggerHttp: "false", eventTrigger: { eventType: "e", resource: "t" }, ingressSettings: undefined })]);
        // An HTTP trigger beside an event trigger (refused by the provider) is judged as HTTP.
        fails("gcp-network-private-serverless-ingress", [fnV1({ eventTrigger: { eventType: "e", resource: "t" }, ingressSettings: "ALLOW_ALL" })], "ingressSettings");
        unknownFinding("gcp-network-private-serverless-ingress", [fnV1({ triggerHttp: UNKNOWN, eventTrigger: undefined, ingressSettings: undefined })], "triggerHttp");
        passes("gcp-network-private-serverless-ingress", [fnV1({ triggerHttp: UNKNOWN })]);
        unknownFinding("gcp-enc-transit-cloud-function", [fnV1({ triggerHttp: undefined, eventTrigger: UNKNOWN, httpsTriggerSecurityLevel: "SECURE_OPTIONAL" })], "triggerHttp");
    });

    it("requires SECURE_ALWAYS on a 1st gen HTTP function", () => {
        passes("gcp-enc-transit-cloud-function", [fnV1()]);
        fails("gcp-enc-transit-cloud-function", [fnV1({ httpsTriggerSecurityLevel: undefined })], "httpsTriggerSecurityLevel");
        fails("gcp-enc-transit-cloud-function", [fnV1({ httpsTriggerSecurityLevel: "SECURE_OPTIONAL" })], "httpsTriggerSecurityLevel");
        unknownFinding("gcp-enc-transit-cloud-function", [fnV1({ httpsTriggerSecurityLevel: UNKNOWN })], "httpsTriggerSecurityLevel");
    });

    it("requires a customer-managed key on functions, Cloud Run services, jobs and worker pools", () => {
        const name = "gcp-enc-rest-cmk-serverless";
        passes(name, [fnV1(), fnV2(), runV1(), runV2(), job(), res("gcp:cloudrunv2/workerPool:WorkerPool", { location: "l", template: { encryptionKey: KEY } })]);
        fails(name, [fnV1({ kmsKeyName: undefined })], "kmsKeyName");
        fails(name, [fnV2({}, { kmsKeyName: "" })], "kmsKeyName");
        fails(name, [runV1({}, { "run.googleapis.com/encryption-key": undefined })], "run.googleapis.com/encryption-key");
        fails(name, [runV2({}, { encryptionKey: undefined })], "template.encryptionKey");
        fails(name, [job({ encryptionKey: 7 })], "template.template.encryptionKey");
        unknownFinding(name, [runV2({}, { encryptionKey: UNKNOWN })], "template.encryptionKey");
        unknownFinding(name, [runV1({}, { "run.googleapis.com/encryption-key": UNKNOWN })], "run.googleapis.com/encryption-key");
    });

    it("requires a dedicated service account, not the App Engine or Compute Engine default, in any case", () => {
        const name = "gcp-least-privilege-serverless-service-account";
        passes(name, [fnV1(), fnV2(), runV1(), runV2(), job()]);
        fails(name, [fnV1({ serviceAccountEmail: undefined })], "serviceAccountEmail");
        fails(name, [fnV1({ serviceAccountEmail: "p@appspot.gserviceaccount.com" })], "serviceAccountEmail");
        fails(name, [fnV2({ serviceAccountEmail: "123-compute@developer.gserviceaccount.com" })], "serviceConfig.serviceAccountEmail");
        fails(name, [fnV2({ serviceAccountEmail: "123-COMPUTE@Developer.gserviceaccount.com " })], "serviceConfig.serviceAccountEmail");
        fails(name, [fnV2({ serviceAccountEmail: "123-compute@developer.gserviceaccount.com\u200b" })], "serviceConfig.serviceAccountEmail");
        fails(name, [runV1({}, {}, { serviceAccountName: undefined })], "template.spec.serviceAccountName");
        fails(name, [runV2({}, { serviceAccount: "  " })], "template.serviceAccount");
        fails(name, [job({ serviceAccount: undefined })], "template.template.serviceAccount");
        unknownFinding(name, [runV2({}, { serviceAccount: UNKNOWN })], "template.serviceAccount");
        // The Dataproc rule shares the judgement: an upper-case default account no longer passes there either.
        fails("gcp-least-privilege-dataproc-cluster", [res("gcp:dataproc/cluster:Cluster",
            { clusterConfig: { gceClusterConfig: { serviceAccount: "123-COMPUTE@developer.gserviceaccount.com" } } })], "clusterConfig.gceClusterConfig.serviceAccount");
    });

    it("advises routing all egress through the VPC", () => {
        const name = "gcp-network-private-serverless-egress";
        passes(name, [fnV1(), fnV2(), runV1(), runV2(), job()]);
        advises(name, [fnV1({ vpcConnector: undefined })], "vpcConnector");
        advises(name, [fnV1({ vpcConnectorEgressSettings: "PRIVATE_RANGES_ONLY" })], "vpcConnectorEgressSettings");
        advises(name, [fnV2({ directVpcEgress: undefined })], "serviceConfig.vpcConnectorEgressSettings");
        advises(name, [runV1({}, { "run.googleapis.com/vpc-access-egress": "private-ranges-only" })], "run.googleapis.com/vpc-access-egress");
        advises(name, [runV2({}, { vpcAccess: undefined })], "template.vpcAccess.connector");
        advises(name, [job({ vpcAccess: { networkInterfaces: [], egress: "ALL_TRAFFIC" } })], "template.template.vpcAccess.connector");
        unknownFinding(name, [runV2({}, { vpcAccess: UNKNOWN })], "template.vpcAccess");
    });
});

describe("policies/gcp App Engine versions", () => {
    const version = (props: Record<string, unknown> = {}, type = "gcp:appengine/standardAppVersion:StandardAppVersion") => res(type, {
        service: "default", runtime: "nodejs20", deployment: {}, entrypoint: { shell: "node app.js" }, serviceAccount: SA,
        handlers: [{ urlRegex: ".*", securityLevel: "SECURE_ALWAYS", script: { scriptPath: "auto" } }], ...props,
    });

    it("requires HTTPS on every handler and a dedicated service account", () => {
        for (const type of ["gcp:appengine/standardAppVersion:StandardAppVersion", "gcp:appengine/flexibleAppVersion:FlexibleAppVersion"]) {
            passes("gcp-enc-transit-app-engine-version", [version({}, type)]);
            fails("gcp-enc-transit-app-engine-version", [version({ handlers: undefined }, type)], "handlers");
            fails("gcp-enc-transit-app-engine-version", [version({ handlers: [{ urlRegex: "/api/.*", securityLevel: "SECURE_ALWAYS" }, { urlRegex: ".*" }] }, type)], "handlers[1].securityLevel");
            unknownFinding("gcp-enc-transit-app-engine-version", [version({ handlers: UNKNOWN }, type)], "handlers");
            passes("gcp-least-privilege-serverless-service-account", [version({}, type)]);
            fails("gcp-least-privilege-serverless-service-account", [version({ serviceAccount: undefined }, type)], "serviceAccount");
            fails("gcp-least-privilege-serverless-service-account", [version({ serviceAccount: "p@appspot.gserviceaccount.com" }, type)], "serviceAccount");
        }
    });
});
