// Issue 15, the remaining corpus types: subnet groups, Step Functions, SSM parameters, AppSync, the Glue Data Catalog.
import assert from "node:assert/strict";
import { ssmParameter, stateMachine as sfnCmk } from "../../../policies/aws/enc-rest-cmk";
import { appsyncApi as appsyncLogs, stateMachine as sfnLogs } from "../../../policies/aws/audit-log";
import { appsyncApi as appsyncAuth } from "../../../policies/aws/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, outcomeOf, resource, ruleNamed, stackOutcomesByName } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const glueCatalog = ruleNamed("aws-enc-rest-cmk-glue-catalog");

const dataSubnetGroup = ruleNamed("aws-network-private-data-subnet-group");

const SUBNET = "aws:ec2/subnet:Subnet";
const PARAM = "aws:ssm/parameter:Parameter";

describe("aws remaining corpus types (issue 15)", () => {
    it("RDS and ElastiCache subnet groups hold only private subnets of the stack", () => {
        const priv = resource(SUBNET, { mapPublicIpOnLaunch: false }, { name: "priv" }), pub = resource(SUBNET, { mapPublicIpOnLaunch: true }, { name: "pub" });
        const rt = resource("aws:ec2/routeTable:RouteTable", { routes: [] }, { name: "rt" });
        const assoc = resource("aws:ec2/routeTableAssociation:RouteTableAssociation", { subnetId: "s", routeTableId: "r" }, { name: "a", deps: { subnetId: [priv], routeTableId: [rt] } });
        const outcomes = stackOutcomesByName(dataSubnetGroup, [priv, pub, rt, assoc,
            resource("aws:rds/subnetGroup:SubnetGroup", { subnetIds: ["a"] }, { name: "db-private", deps: { subnetIds: [priv] } }),
            resource("aws:rds/subnetGroup:SubnetGroup", { subnetIds: ["b"] }, { name: "db-public", deps: { subnetIds: [pub] } }),
            resource("aws:elasticache/subnetGroup:SubnetGroup", { subnetIds: ["subnet-123"] }, { name: "cache-elsewhere" }),
            resource("aws:rds/subnetGroup:SubnetGroup", { subnetIds: UNKNOWN }, { name: "db-unknown" }),
        ]);
        assert.equal(outcomes["db-private"], "compliant");
        assert.equal(outcomes["db-public"], "violation");
        assert.equal(outcomes["cache-elsewhere"], "violation");
        assert.equal(outcomes["db-unknown"], "unknown");
    });

    it("Step Functions: executions under a CMK and logged", () => {
        const SM = "aws:sfn/stateMachine:StateMachine";
        const good = { encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: KEY_ARN }, loggingConfiguration: { level: "ALL", logDestination: "arn:aws:logs:us-east-1:1:log-group:g:*" } };
        assert.equal(outcomeOf(sfnCmk, resource(SM, good, { name: "m" })), "compliant");
        assert.equal(outcomeOf(sfnLogs, resource(SM, good, { name: "m" })), "compliant");
        assert.equal(outcomeOf(sfnCmk, resource(SM, { encryptionConfiguration: { type: "AWS_OWNED_KEY" } }, { name: "m" })), "violation");
        assert.equal(outcomeOf(sfnLogs, resource(SM, { loggingConfiguration: { level: "OFF", logDestination: "x" } }, { name: "m" })), "violation");
        assert.equal(outcomeOf(sfnLogs, resource(SM, {}, { name: "m" })), "violation");
        assert.equal(outcomeOf(sfnCmk, resource(SM, { encryptionConfiguration: UNKNOWN }, { name: "m" })), "unknown");
    });

    it("SSM: SecureString under a CMK; a credential in a plain parameter (by name, URL or the program's secret marking) fails; other plain ones not applicable", () => {
        assert.equal(outcomeOf(ssmParameter, resource(PARAM, { name: "/app/db", type: "SecureString", value: "x", keyId: KEY_ARN }, { name: "p" })), "compliant");
        assert.equal(outcomeOf(ssmParameter, resource(PARAM, { name: "/app/db", type: "SecureString", value: "x" }, { name: "p" })), "violation");
        assert.equal(outcomeOf(ssmParameter, resource(PARAM, { name: "/app/db_password", type: "String", value: "hunter2" }, { name: "p" })), "violation");
        assert.equal(outcomeOf(ssmParameter, resource(PARAM, { name: "/app/db", type: "String", value: "mysql://u:hunter2@h/db" }, { name: "p" })), "violation");
        const marked = resource(PARAM, { name: "/app/x", type: "String", value: "abc" }, { name: "p" });
        marked.secrets = ["value"];
        assert.equal(outcomeOf(ssmParameter, marked), "violation");
        assert.ok(!findingsOf(ssmParameter, resource(PARAM, { name: "/app/db_password", type: "String", value: "hunter2" }, { name: "p" }))[0].message.includes("hunter2"));
        assert.equal(outcomeOf(ssmParameter, resource(PARAM, { name: "/app/region", type: "String", value: "us-east-1" }, { name: "p" })), "not-applicable");
        assert.equal(outcomeOf(ssmParameter, resource(PARAM, { name: UNKNOWN, type: "String", value: "x" }, { name: "p" })), "unknown");
        assert.equal(outcomeOf(ssmParameter, resource(PARAM, { type: UNKNOWN }, { name: "p" })), "unknown");
    });

    it("AppSync: no API key authentication, logs on", () => {
        const A = "aws:appsync/graphQLApi:GraphQLApi";
        assert.equal(outcomeOf(appsyncAuth, resource(A, { authenticationType: "AMAZON_COGNITO_USER_POOLS" }, { name: "a" })), "compliant");
        assert.equal(outcomeOf(appsyncAuth, resource(A, { authenticationType: "API_KEY" }, { name: "a" })), "violation");
        assert.equal(outcomeOf(appsyncAuth, resource(A, { authenticationType: "AWS_IAM", additionalAuthenticationProviders: [{ authenticationType: "API_KEY" }] }, { name: "a" })), "violation");
        assert.equal(outcomeOf(appsyncAuth, resource(A, { authenticationType: "aws_iam" }, { name: "a" })), "violation");
        assert.equal(outcomeOf(appsyncLogs, resource(A, { logConfig: { fieldLogLevel: "ERROR", cloudwatchLogsRoleArn: "arn:aws:iam::1:role/r" } }, { name: "a" })), "compliant");
        assert.equal(outcomeOf(appsyncLogs, resource(A, { logConfig: { fieldLogLevel: "NONE", cloudwatchLogsRoleArn: "r" } }, { name: "a" })), "violation");
    });

    it("the Glue Data Catalog: judged by the stack's encryption settings, unverifiable without them", () => {
        const db = resource("aws:glue/catalogDatabase:CatalogDatabase", { name: "records" }, { name: "db" });
        const table = resource("aws:glue/catalogTable:CatalogTable", { name: "visits", databaseName: "records" }, { name: "t" });
        assert.deepEqual(stackOutcomesByName(glueCatalog, [db, table]), { db: "violation", t: "violation" });
        const good = resource("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: KEY_ARN } } }, { name: "enc" });
        assert.deepEqual(stackOutcomesByName(glueCatalog, [db, table, good]), { db: "compliant", t: "compliant", enc: "compliant" });
        const off = resource("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "DISABLED" } } }, { name: "off" });
        assert.deepEqual(stackOutcomesByName(glueCatalog, [db, off]), { db: "violation", off: "violation" });
    });
});

describe("aws Glue, Athena, Synthetics, main route table (issue 15)", () => {
    it("Glue jobs run under a security configuration whose three encryptions use a CMK; connections keep no password", async () => {
        const { glueJob, glueSecurityConfiguration, athenaDatabase, syntheticsCanary } = await import("../../../policies/aws/enc-rest-cmk");
        const { glueConnection } = await import("../../../policies/aws/identity-authn");
        assert.equal(outcomeOf(glueJob, resource("aws:glue/job:Job", { securityConfiguration: "sc", roleArn: "r" }, { name: "j" })), "compliant");
        assert.equal(outcomeOf(glueJob, resource("aws:glue/crawler:Crawler", { role: "r" }, { name: "c" })), "violation");
        const enc = { s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN }, cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN },
            jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY_ARN } };
        const SC = "aws:glue/securityConfiguration:SecurityConfiguration";
        assert.equal(outcomeOf(glueSecurityConfiguration, resource(SC, { encryptionConfiguration: enc }, { name: "sc" })), "compliant");
        assert.equal(outcomeOf(glueSecurityConfiguration, resource(SC, { encryptionConfiguration: { ...enc, cloudwatchEncryption: { cloudwatchEncryptionMode: "DISABLED" } } }, { name: "sc" })), "violation");
        const C = "aws:glue/connection:Connection";
        assert.equal(outcomeOf(glueConnection, resource(C, { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:x", SECRET_ID: "db" } }, { name: "c" })), "compliant");
        const [f] = findingsOf(glueConnection, resource(C, { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:x", USERNAME: "u", password: "hunter2" } }, { name: "c" }));
        assert.deepEqual(f.controls, ["IDENTITY-AUTHN"]);
        assert.ok(!f.message.includes("hunter2"));
        assert.equal(outcomeOf(glueConnection, resource(C, { connectionProperties: UNKNOWN }, { name: "c" })), "unknown");
        assert.equal(outcomeOf(athenaDatabase, resource("aws:athena/database:Database", { name: "d", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKey: KEY_ARN } }, { name: "d" })), "compliant");
        assert.equal(outcomeOf(athenaDatabase, resource("aws:athena/database:Database", { name: "d", encryptionConfiguration: { encryptionOption: "SSE_S3" } }, { name: "d" })), "violation");
        assert.equal(outcomeOf(syntheticsCanary, resource("aws:synthetics/canary:Canary", { artifactConfig: { s3Encryption: { encryptionMode: "SSE_KMS", kmsKeyArn: KEY_ARN } } }, { name: "c" })), "compliant");
        assert.equal(outcomeOf(syntheticsCanary, resource("aws:synthetics/canary:Canary", {}, { name: "c" })), "violation");
    });

    it("the VPC's main route table association is judged like any other", async () => {
        const { routeTableAssociation } = await import("../../../policies/aws/network-private");
        const pubRt = resource("aws:ec2/routeTable:RouteTable", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] }, { name: "public" });
        const privRt = resource("aws:ec2/routeTable:RouteTable", { routes: [] }, { name: "private" });
        const M = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
        assert.deepEqual(stackOutcomesByName(routeTableAssociation, [pubRt, privRt,
            resource(M, { vpcId: "v", routeTableId: "a" }, { name: "main-public", deps: { routeTableId: [pubRt] } }),
            resource(M, { vpcId: "v", routeTableId: "b" }, { name: "main-private", deps: { routeTableId: [privRt] } })]),
        { "main-public": "violation", "main-private": "compliant" });
    });
});
