// Issue 15, the remaining corpus types: subnet groups, Step Functions, SSM parameters, AppSync, the Glue Data Catalog.
import assert from "node:assert/strict";
import { dataSubnetGroup } from "../../../policies/aws/network-private";
import { glueCatalog, ssmParameter, stateMachine as sfnCmk } from "../../../policies/aws/enc-rest-cmk";
import { appsyncApi as appsyncLogs, stateMachine as sfnLogs } from "../../../policies/aws/audit-log";
import { appsyncApi as appsyncAuth } from "../../../policies/aws/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { KEY_ARN, outcomeOf, res, run, stackOutcomesByName } from "./fixtures";

const SUBNET = "aws:ec2/subnet:Subnet";
const PARAM = "aws:ssm/parameter:Parameter";

describe("aws remaining corpus types (issue 15)", () => {
    it("RDS and ElastiCache subnet groups hold only private subnets of the stack", () => {
        const priv = res(SUBNET, "priv", { mapPublicIpOnLaunch: false }), pub = res(SUBNET, "pub", { mapPublicIpOnLaunch: true });
        const rt = res("aws:ec2/routeTable:RouteTable", "rt", { routes: [] });
        const assoc = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "a", { subnetId: "s", routeTableId: "r" }, { deps: { subnetId: [priv], routeTableId: [rt] } });
        const outcomes = stackOutcomesByName(dataSubnetGroup, [priv, pub, rt, assoc,
            res("aws:rds/subnetGroup:SubnetGroup", "db-private", { subnetIds: ["a"] }, { deps: { subnetIds: [priv] } }),
            res("aws:rds/subnetGroup:SubnetGroup", "db-public", { subnetIds: ["b"] }, { deps: { subnetIds: [pub] } }),
            res("aws:elasticache/subnetGroup:SubnetGroup", "cache-elsewhere", { subnetIds: ["subnet-123"] }),
            res("aws:rds/subnetGroup:SubnetGroup", "db-unknown", { subnetIds: UNKNOWN }),
        ]);
        assert.equal(outcomes["db-private"], "compliant");
        assert.equal(outcomes["db-public"], "violation");
        assert.equal(outcomes["cache-elsewhere"], "violation");
        assert.equal(outcomes["db-unknown"], "unknown");
    });

    it("Step Functions: executions under a CMK and logged", () => {
        const SM = "aws:sfn/stateMachine:StateMachine";
        const good = { encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: KEY_ARN }, loggingConfiguration: { level: "ALL", logDestination: "arn:aws:logs:us-east-1:1:log-group:g:*" } };
        assert.equal(outcomeOf(sfnCmk, res(SM, "m", good)), "compliant");
        assert.equal(outcomeOf(sfnLogs, res(SM, "m", good)), "compliant");
        assert.equal(outcomeOf(sfnCmk, res(SM, "m", { encryptionConfiguration: { type: "AWS_OWNED_KEY" } })), "violation");
        assert.equal(outcomeOf(sfnLogs, res(SM, "m", { loggingConfiguration: { level: "OFF", logDestination: "x" } })), "violation");
        assert.equal(outcomeOf(sfnLogs, res(SM, "m", {})), "violation");
        assert.equal(outcomeOf(sfnCmk, res(SM, "m", { encryptionConfiguration: UNKNOWN })), "unknown");
    });

    it("SSM: SecureString under a CMK; a credential in a plain parameter (by name, URL or the program's secret marking) fails; other plain ones not applicable", () => {
        assert.equal(outcomeOf(ssmParameter, res(PARAM, "p", { name: "/app/db", type: "SecureString", value: "x", keyId: KEY_ARN })), "compliant");
        assert.equal(outcomeOf(ssmParameter, res(PARAM, "p", { name: "/app/db", type: "SecureString", value: "x" })), "violation");
        assert.equal(outcomeOf(ssmParameter, res(PARAM, "p", { name: "/app/db_password", type: "String", value: "hunter2" })), "violation");
        assert.equal(outcomeOf(ssmParameter, res(PARAM, "p", { name: "/app/db", type: "String", value: "mysql://u:hunter2@h/db" })), "violation");
        const marked = res(PARAM, "p", { name: "/app/x", type: "String", value: "abc" });
        marked.secrets = ["value"];
        assert.equal(outcomeOf(ssmParameter, marked), "violation");
        assert.ok(!run(ssmParameter, res(PARAM, "p", { name: "/app/db_password", type: "String", value: "hunter2" }))[0].message.includes("hunter2"));
        assert.equal(outcomeOf(ssmParameter, res(PARAM, "p", { name: "/app/region", type: "String", value: "us-east-1" })), "not-applicable");
        assert.equal(outcomeOf(ssmParameter, res(PARAM, "p", { name: UNKNOWN, type: "String", value: "x" })), "unknown");
        assert.equal(outcomeOf(ssmParameter, res(PARAM, "p", { type: UNKNOWN })), "unknown");
    });

    it("AppSync: no API key authentication, logs on", () => {
        const A = "aws:appsync/graphQLApi:GraphQLApi";
        assert.equal(outcomeOf(appsyncAuth, res(A, "a", { authenticationType: "AMAZON_COGNITO_USER_POOLS" })), "compliant");
        assert.equal(outcomeOf(appsyncAuth, res(A, "a", { authenticationType: "API_KEY" })), "violation");
        assert.equal(outcomeOf(appsyncAuth, res(A, "a", { authenticationType: "AWS_IAM", additionalAuthenticationProviders: [{ authenticationType: "API_KEY" }] })), "violation");
        assert.equal(outcomeOf(appsyncAuth, res(A, "a", { authenticationType: "aws_iam" })), "violation");
        assert.equal(outcomeOf(appsyncLogs, res(A, "a", { logConfig: { fieldLogLevel: "ERROR", cloudwatchLogsRoleArn: "arn:aws:iam::1:role/r" } })), "compliant");
        assert.equal(outcomeOf(appsyncLogs, res(A, "a", { logConfig: { fieldLogLevel: "NONE", cloudwatchLogsRoleArn: "r" } })), "violation");
    });

    it("the Glue Data Catalog: judged by the stack's encryption settings, unverifiable without them", () => {
        const db = res("aws:glue/catalogDatabase:CatalogDatabase", "db", { name: "records" });
        const table = res("aws:glue/catalogTable:CatalogTable", "t", { name: "visits", databaseName: "records" });
        assert.deepEqual(stackOutcomesByName(glueCatalog, [db, table]), { db: "violation", t: "violation" });
        const good = res("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", "enc",
            { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: KEY_ARN } } });
        assert.deepEqual(stackOutcomesByName(glueCatalog, [db, table, good]), { db: "compliant", t: "compliant", enc: "compliant" });
        const off = res("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", "off",
            { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "DISABLED" } } });
        assert.deepEqual(stackOutcomesByName(glueCatalog, [db, off]), { db: "violation", off: "violation" });
    });
});

describe("aws Glue, Athena, Synthetics, main route table (issue 15)", () => {
    it("Glue jobs run under a security configuration whose three encryptions use a CMK; connections keep no password", async () => {
        const { glueJob, glueSecurityConfiguration, athenaDatabase, syntheticsCanary } = await import("../../../policies/aws/enc-rest-cmk");
        const { glueConnection } = await import("../../../policies/aws/identity-authn");
        assert.equal(outcomeOf(glueJob, res("aws:glue/job:Job", "j", { securityConfiguration: "sc", roleArn: "r" })), "compliant");
        assert.equal(outcomeOf(glueJob, res("aws:glue/crawler:Crawler", "c", { role: "r" })), "violation");
        const enc = { s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN }, cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN },
            jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY_ARN } };
        const SC = "aws:glue/securityConfiguration:SecurityConfiguration";
        assert.equal(outcomeOf(glueSecurityConfiguration, res(SC, "sc", { encryptionConfiguration: enc })), "compliant");
        assert.equal(outcomeOf(glueSecurityConfiguration, res(SC, "sc", { encryptionConfiguration: { ...enc, cloudwatchEncryption: { cloudwatchEncryptionMode: "DISABLED" } } })), "violation");
        const C = "aws:glue/connection:Connection";
        assert.equal(outcomeOf(glueConnection, res(C, "c", { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:x", SECRET_ID: "db" } })), "compliant");
        const [f] = run(glueConnection, res(C, "c", { connectionProperties: { JDBC_CONNECTION_URL: "jdbc:x", USERNAME: "u", password: "hunter2" } }));
        assert.deepEqual(f.controls, ["IDENTITY-AUTHN"]);
        assert.ok(!f.message.includes("hunter2"));
        assert.equal(outcomeOf(glueConnection, res(C, "c", { connectionProperties: UNKNOWN })), "unknown");
        assert.equal(outcomeOf(athenaDatabase, res("aws:athena/database:Database", "d", { name: "d", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKey: KEY_ARN } })), "compliant");
        assert.equal(outcomeOf(athenaDatabase, res("aws:athena/database:Database", "d", { name: "d", encryptionConfiguration: { encryptionOption: "SSE_S3" } })), "violation");
        assert.equal(outcomeOf(syntheticsCanary, res("aws:synthetics/canary:Canary", "c", { artifactConfig: { s3Encryption: { encryptionMode: "SSE_KMS", kmsKeyArn: KEY_ARN } } })), "compliant");
        assert.equal(outcomeOf(syntheticsCanary, res("aws:synthetics/canary:Canary", "c", {})), "violation");
    });

    it("the VPC's main route table association is judged like any other", async () => {
        const { routeTableAssociation } = await import("../../../policies/aws/network-private");
        const pubRt = res("aws:ec2/routeTable:RouteTable", "public", { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] });
        const privRt = res("aws:ec2/routeTable:RouteTable", "private", { routes: [] });
        const M = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";
        assert.deepEqual(stackOutcomesByName(routeTableAssociation, [pubRt, privRt,
            res(M, "main-public", { vpcId: "v", routeTableId: "a" }, { deps: { routeTableId: [pubRt] } }),
            res(M, "main-private", { vpcId: "v", routeTableId: "b" }, { deps: { routeTableId: [privRt] } })]),
        { "main-public": "violation", "main-private": "compliant" });
    });
});
