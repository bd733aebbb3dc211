// Issue 15, databases, caches, queues, streams, secrets and file systems.
import assert from "node:assert/strict";
import * as cmk from "../../../policies/aws/enc-rest-cmk";
import { elasticache as transitCache, snsSubscription } from "../../../policies/aws/enc-transit";
import { resourcePolicy } from "../../../policies/aws/public-access";
import { dynamodbTable as pitr, elasticache as cacheSnapshots } from "../../../policies/aws/backup-versioning";
import { dynamodbTable as tableProtection, protect, secret as secretWindow } from "../../../policies/aws/deletion-protection";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, outcomeOf, resource, ruleNamed, stackOutcomesByName } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const secretRotation = ruleNamed("aws-key-rotation-secret");

const TABLE = "aws:dynamodb/table:Table";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const CACHE = "aws:elasticache/cluster:Cluster";
const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const json = (v: unknown) => JSON.stringify(v);

describe("aws data services (issue 15)", () => {
    describe("ENC-REST-CMK", () => {
        it("DynamoDB: passes a table and its replicas under a CMK; fails AWS's keys; unknown while unknown", () => {
            const sse = { serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN } };
            assert.equal(outcomeOf(cmk.dynamodbTable, resource(TABLE, { ...sse, replicas: [{ regionName: "us-west-2", kmsKeyArn: KEY_ARN }] }, { name: "t" })), "compliant");
            assert.equal(outcomeOf(cmk.dynamodbTable, resource(TABLE, {}, { name: "t" })), "violation");
            assert.equal(outcomeOf(cmk.dynamodbTable, resource(TABLE, { serverSideEncryption: { enabled: true } }, { name: "t" })), "violation");
            assert.equal(outcomeOf(cmk.dynamodbTable, resource(TABLE, { ...sse, replicas: [{ regionName: "us-west-2" }] }, { name: "t" })), "violation");
            assert.equal(outcomeOf(cmk.dynamodbTable, resource(TABLE, { serverSideEncryption: UNKNOWN }, { name: "t" })), "unknown");
            const [f] = findingsOf(cmk.dynamodbTable, resource(TABLE, { serverSideEncryption: { enabled: true, kmsKeyArn: "alias/aws/dynamodb" } }, { name: "t" }));
            assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
        });
        it("ElastiCache: a replication group under a CMK; a standalone cluster cannot encrypt; a group's node is judged on the group", () => {
            assert.equal(outcomeOf(cmk.elasticacheReplicationGroup, resource(RG, { atRestEncryptionEnabled: true, kmsKeyId: KEY_ARN }, { name: "g" })), "compliant");
            assert.equal(outcomeOf(cmk.elasticacheReplicationGroup, resource(RG, { atRestEncryptionEnabled: true }, { name: "g" })), "violation");
            assert.equal(outcomeOf(cmk.elasticacheReplicationGroup, resource(RG, { atRestEncryptionEnabled: "true", kmsKeyId: UNKNOWN }, { name: "g" })), "unknown");
            // "TRUE" and "TRUE " are not booleans the provider parses (cty takes only "true"/"1"; policies/lib/inputs.ts): never read as encrypted.
            for (const v of ["TRUE", "TRUE "]) assert.equal(outcomeOf(cmk.elasticacheReplicationGroup, resource(RG, { atRestEncryptionEnabled: v, kmsKeyId: UNKNOWN }, { name: "g" })), "violation");
            const node = (cluster: unknown, ...stack: ReturnType<typeof resource>[]) => stackOutcomesByName(cmk.elasticacheCluster, [...stack, resource(CACHE, cluster as Record<string, unknown>, { name: "c" })]).c;
            const group = resource(RG, { replicationGroupId: "phi-cache", atRestEncryptionEnabled: true, kmsKeyId: KEY_ARN }, { name: "g" });
            assert.equal(node({ engine: "memcached" }), "violation");
            assert.equal(node({ replicationGroupId: "phi-cache" }, group), "not-applicable");
            assert.equal(node({ replicationGroupId: "  " }, group), "violation");
            assert.equal(node({ replicationGroupId: UNKNOWN }, group), "unknown");
        });
        it("aws-enc-rest-cmk-elasticache-cluster and aws-enc-transit-elasticache: a node is not applicable only as a node of a group of this stack (ids caseless, as ElastiCache reads them)", () => {
            const group = resource(RG, { replicationGroupId: "phi-cache", atRestEncryptionEnabled: true, kmsKeyId: KEY_ARN, transitEncryptionEnabled: true }, { name: "g" });
            const node = (id: string) => resource(CACHE, { replicationGroupId: id }, { name: "c" });
            for (const rule of [cmk.elasticacheCluster, transitCache]) {
                // A group outside the stack is judged by nothing: its node is a finding, never "not applicable".
                assert.equal(stackOutcomesByName(rule, [group, node("elsewhere")]).c, "violation", rule.name);
                assert.equal(stackOutcomesByName(rule, [node("phi-cache")]).c, "violation", rule.name);
                assert.equal(stackOutcomesByName(rule, [group, node("PHI-Cache")]).c, "not-applicable", rule.name);
            }
        });
        it("a secret under a CMK, its versions judged with it (stack)", () => {
            const good = resource(SECRET, { kmsKeyId: KEY_ARN }, { name: "good" }), bad = resource(SECRET, {}, { name: "bad" }), unk = resource(SECRET, { kmsKeyId: UNKNOWN }, { name: "unk" });
            const V = "aws:secretsmanager/secretVersion:SecretVersion";
            assert.deepEqual(stackOutcomesByName(ruleNamed("aws-enc-rest-cmk-secret"), [good, bad, unk,
                resource(V, { secretId: "x", secretString: "s" }, { name: "good-v", deps: { secretId: [good] } }),
                resource(V, { secretId: "y", secretString: "s" }, { name: "bad-v", deps: { secretId: [bad] } }),
                resource(V, { secretId: "arn:aws:secretsmanager:us-east-1:1:secret:other", secretString: "s" }, { name: "elsewhere-v" }),
            ]), { good: "compliant", bad: "violation", unk: "unknown", "good-v": "compliant", "bad-v": "violation" });
        });
        it("Kinesis, Firehose, EFS, SQS, SNS, serverless caches", () => {
            const cases: [typeof cmk.sqsQueue, string, Record<string, unknown>, string][] = [
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", { encryptionType: "KMS", kmsKeyId: KEY_ARN }, "compliant"],
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", { encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }, "violation"],
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", { encryptionType: "kms", kmsKeyId: KEY_ARN }, "violation"],
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", {}, "violation"],
                [cmk.efsFileSystem, "aws:efs/fileSystem:FileSystem", { encrypted: true, kmsKeyId: KEY_ARN }, "compliant"],
                [cmk.efsFileSystem, "aws:efs/fileSystem:FileSystem", {}, "violation"],
                [cmk.sqsQueue, "aws:sqs/queue:Queue", { kmsMasterKeyId: KEY_ARN }, "compliant"],
                [cmk.sqsQueue, "aws:sqs/queue:Queue", { sqsManagedSseEnabled: true }, "violation"],
                [cmk.sqsQueue, "aws:sqs/queue:Queue", { kmsMasterKeyId: "alias/aws/sqs" }, "violation"],
                [cmk.snsTopic, "aws:sns/topic:Topic", { kmsMasterKeyId: KEY_ARN }, "compliant"],
                [cmk.snsTopic, "aws:sns/topic:Topic", {}, "violation"],
                [cmk.snsTopic, "aws:sns/topic:Topic", { kmsMasterKeyId: UNKNOWN }, "unknown"],
                [cmk.elasticacheServerless, "aws:elasticache/serverlessCache:ServerlessCache", { kmsKeyId: KEY_ARN }, "compliant"],
                [cmk.elasticacheServerless, "aws:elasticache/serverlessCache:ServerlessCache", {}, "violation"],
            ];
            for (const [rule, type, props, want] of cases) assert.equal(outcomeOf(rule, resource(type, props, { name: "x" })), want, `${rule.name} ${JSON.stringify(props)}`);
        });
        it("aws-enc-rest-cmk-firehose-stream: Direct PUT under a CMK; fed by a Kinesis stream, not applicable only when the stream is of this stack", () => {
            const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
            const stream = resource("aws:kinesis/stream:Stream", { name: "stmary-events", encryptionType: "KMS", kmsKeyId: KEY_ARN }, { name: "events" });
            const outcome = (props: Record<string, unknown>, ...stack: ReturnType<typeof resource>[]) => stackOutcomesByName(cmk.firehoseStream, [...stack, resource(FIREHOSE, props, { name: "f" })]).f;
            assert.equal(outcome({ serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY_ARN } }), "compliant");
            assert.equal(outcome({ serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } }), "violation");
            assert.equal(outcome({ serverSideEncryption: UNKNOWN }), "unknown");
            const fed = (kinesisStreamArn: unknown) => ({ kinesisSourceConfiguration: { kinesisStreamArn, roleArn: "arn:aws:iam::123456789012:role/f" } });
            assert.equal(outcome(fed("arn:aws:kinesis:us-east-1:123456789012:stream/stmary-events"), stream), "not-applicable");
            // A stream outside the stack is judged by nothing: a finding, never "not applicable".
            assert.equal(outcome(fed("arn"), stream), "violation");
            assert.equal(outcome(fed("arn:aws:kinesis:us-east-1:123456789012:stream/elsewhere"), stream), "violation");
            assert.equal(outcome(fed(UNKNOWN), stream), "unknown");
        });
    });

    describe("ENC-TRANSIT", () => {
        it("ElastiCache: TLS required, not \"preferred\"; a group's node is judged on the group", () => {
            const outcome = (r: ReturnType<typeof resource>, ...stack: ReturnType<typeof resource>[]) => stackOutcomesByName(transitCache, [...stack, r])[r.name];
            assert.equal(outcome(resource(RG, { transitEncryptionEnabled: true }, { name: "g" })), "compliant");
            assert.equal(outcome(resource(RG, { transitEncryptionEnabled: true, transitEncryptionMode: "required" }, { name: "g" })), "compliant");
            assert.equal(outcome(resource(RG, { transitEncryptionEnabled: true, transitEncryptionMode: "preferred" }, { name: "g" })), "violation");
            assert.equal(outcome(resource(RG, {}, { name: "g" })), "violation");
            assert.equal(outcome(resource(CACHE, { engine: "memcached", transitEncryptionEnabled: true }, { name: "c" })), "compliant");
            assert.equal(outcome(resource(CACHE, { engine: "memcached" }, { name: "c" })), "violation");
            assert.equal(outcome(resource(CACHE, { replicationGroupId: "g" }, { name: "c" }), resource(RG, { replicationGroupId: "g", transitEncryptionEnabled: true }, { name: "g" })), "not-applicable");
            assert.equal(outcome(resource(RG, { transitEncryptionEnabled: UNKNOWN }, { name: "g" })), "unknown");
        });
        it("SNS: no plain-HTTP subscription, in any case or spacing", () => {
            assert.equal(outcomeOf(snsSubscription, resource("aws:sns/topicSubscription:TopicSubscription", { protocol: "https", endpoint: "https://x", topic: "t" }, { name: "s" })), "compliant");
            for (const protocol of ["http", "HTTP", " http "]) {
                const [f] = findingsOf(snsSubscription, resource("aws:sns/topicSubscription:TopicSubscription", { protocol, endpoint: "http://x", topic: "t" }, { name: "s" }));
                assert.deepEqual(f.controls, ["ENC-TRANSIT"], protocol);
            }
            assert.equal(outcomeOf(snsSubscription, resource("aws:sns/topicSubscription:TopicSubscription", { protocol: UNKNOWN }, { name: "s" })), "unknown");
        });
    });

    describe("aws-public-access-resource-policy", () => {
        const open = json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }] });
        const held = json({ Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" },
            { Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: "*", Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:t" } } }] });
        it("fails a policy to everyone on every type it reads; passes named and held principals, and no policy", () => {
            for (const type of ["aws:sqs/queue:Queue", "aws:sqs/queuePolicy:QueuePolicy", "aws:sns/topic:Topic", "aws:sns/topicPolicy:TopicPolicy", SECRET,
                "aws:secretsmanager/secretPolicy:SecretPolicy", "aws:efs/fileSystemPolicy:FileSystemPolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy"]) {
                const [f] = findingsOf(resourcePolicy, resource(type, { policy: open }, { name: "p" }));
                assert.deepEqual(f?.controls, ["PUBLIC-ACCESS"], type);
                assert.equal(outcomeOf(resourcePolicy, resource(type, { policy: held }, { name: "p" })), "compliant", type);
                assert.equal(outcomeOf(resourcePolicy, resource(type, { policy: UNKNOWN }, { name: "p" })), "unknown", type);
            }
            assert.equal(outcomeOf(resourcePolicy, resource("aws:sqs/queue:Queue", {}, { name: "q" })), "compliant");
        });
        it("reads a case-variant or duplicate-key document as the grant it looks like (lib/iam.ts)", () => {
            assert.equal(outcomeOf(resourcePolicy, resource("aws:sns/topic:Topic", { policy: json({ statement: [{ effect: "Allow", principal: { aws: "*" }, action: "sns:Publish" }] }) }, { name: "t" })), "violation");
            assert.equal(outcomeOf(resourcePolicy, resource("aws:sns/topic:Topic", { policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Principal":{"AWS":"123456789012"},"Action":"sns:Publish"}]}' }, { name: "t" })), "error");
        });
    });

    describe("backups, deletion protection, rotation", () => {
        it("DynamoDB point-in-time recovery and deletion protection; ElastiCache snapshots", () => {
            assert.equal(outcomeOf(pitr, resource(TABLE, { pointInTimeRecovery: { enabled: true } }, { name: "t" })), "compliant");
            assert.equal(outcomeOf(pitr, resource(TABLE, {}, { name: "t" })), "violation");
            assert.equal(outcomeOf(pitr, resource(TABLE, { pointInTimeRecovery: { enabled: UNKNOWN } }, { name: "t" })), "unknown");
            assert.equal(outcomeOf(tableProtection, resource(TABLE, { deletionProtectionEnabled: true }, { name: "t" })), "compliant");
            assert.equal(outcomeOf(tableProtection, resource(TABLE, {}, { name: "t" })), "violation");
            assert.equal(outcomeOf(tableProtection, resource(TABLE, {}, { name: "t" }), { environment: "dev" }), "not-applicable");
            assert.equal(outcomeOf(cacheSnapshots, resource(RG, { snapshotRetentionLimit: 7 }, { name: "g" })), "compliant");
            assert.equal(outcomeOf(cacheSnapshots, resource(RG, { snapshotRetentionLimit: 0 }, { name: "g" })), "violation");
            assert.equal(outcomeOf(cacheSnapshots, resource(RG, {}, { name: "g" })), "violation");
        });
        it("asks Pulumi's protect of tables, file systems and volumes", () => {
            for (const type of [TABLE, "aws:efs/fileSystem:FileSystem", "aws:ebs/volume:Volume"]) {
                assert.equal(outcomeOf(protect, resource(type, {}, { name: "x" })), "violation", type);
                assert.equal(outcomeOf(protect, resource(type, {}, { name: "x", protect: true })), "compliant", type);
            }
        });
        it("a secret's recovery window: never 0", () => {
            assert.equal(outcomeOf(secretWindow, resource(SECRET, {}, { name: "s" })), "compliant");
            assert.equal(outcomeOf(secretWindow, resource(SECRET, { recoveryWindowInDays: 7 }, { name: "s" })), "compliant");
            for (const v of [0, "0", 31, "seven"]) assert.equal(outcomeOf(secretWindow, resource(SECRET, { recoveryWindowInDays: v }, { name: "s" })), "violation", String(v));
        });
        it("a secret is rotated by a SecretRotation of the stack (advisory)", () => {
            const rotated = resource(SECRET, {}, { name: "rotated" }), monthly = resource(SECRET, {}, { name: "monthly" }), yearly = resource(SECRET, {}, { name: "never" }), unknown = resource(SECRET, {}, { name: "unknown" }), bare = resource(SECRET, {}, { name: "bare" });
            const outcomes = stackOutcomesByName(secretRotation, [rotated, monthly, yearly, unknown, bare,
                resource(ROTATION, { secretId: "x", rotationRules: { automaticallyAfterDays: 90 } }, { name: "r1", deps: { secretId: [rotated] } }),
                resource(ROTATION, { secretId: "y", rotationRules: { scheduleExpression: "rate(30 days)" } }, { name: "r2", deps: { secretId: [monthly] } }),
                resource(ROTATION, { secretId: "z", rotationRules: { automaticallyAfterDays: 400 } }, { name: "r3", deps: { secretId: [yearly] } }),
                resource(ROTATION, { secretId: "w", rotationRules: UNKNOWN }, { name: "r4", deps: { secretId: [unknown] } }),
            ]);
            assert.deepEqual(outcomes, { rotated: "compliant", monthly: "compliant", never: "violation", unknown: "unknown", bare: "violation",
                r1: "compliant", r2: "compliant", r3: "violation", r4: "unknown" });
            assert.equal(secretRotation.enforcement, "advisory");
        });
        it("a rotation schedule counts only as Secrets Manager reads it: \" rate(30 days)\" or \"cron(…) \" with a blank is none", () => {
            const secret = resource(SECRET, {}, { name: "s" });
            const rotated = (scheduleExpression: string) => stackOutcomesByName(secretRotation, [secret,
                resource(ROTATION, { secretId: "x", rotationRules: { scheduleExpression } }, { name: "r", deps: { secretId: [secret] } })]).s;
            for (const v of [" rate(30 days)", "rate(30 days)\u200b", " cron(0 0 1 * ? *)"]) assert.equal(rotated(v), "violation", JSON.stringify(v));
            assert.equal(rotated("rate(30 days)"), "compliant");
        });
    });
});
