// Issue 15, databases, caches, queues, streams, secrets and file systems.
import assert from "node:assert/strict";
import * as cmk from "../../../policies/aws/enc-rest-cmk";
import { elasticache as transitCache, snsSubscription } from "../../../policies/aws/enc-transit";
import { resourcePolicy } from "../../../policies/aws/public-access";
import { dynamodbTable as pitr, elasticache as cacheSnapshots } from "../../../policies/aws/backup-versioning";
import { dynamodbTable as tableProtection, protect, secret as secretWindow } from "../../../policies/aws/deletion-protection";
import { secretRotation } from "../../../policies/aws/key-rotation";
import { UNKNOWN } from "../../../policies/lib/values";
import { KEY_ARN, outcomeOf, res, run, stackOutcomesByName } from "./fixtures";

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
            assert.equal(outcomeOf(cmk.dynamodbTable, res(TABLE, "t", { ...sse, replicas: [{ regionName: "us-west-2", kmsKeyArn: KEY_ARN }] })), "compliant");
            assert.equal(outcomeOf(cmk.dynamodbTable, res(TABLE, "t", {})), "violation");
            assert.equal(outcomeOf(cmk.dynamodbTable, res(TABLE, "t", { serverSideEncryption: { enabled: true } })), "violation");
            assert.equal(outcomeOf(cmk.dynamodbTable, res(TABLE, "t", { ...sse, replicas: [{ regionName: "us-west-2" }] })), "violation");
            assert.equal(outcomeOf(cmk.dynamodbTable, res(TABLE, "t", { serverSideEncryption: UNKNOWN })), "unknown");
            const [f] = run(cmk.dynamodbTable, res(TABLE, "t", { serverSideEncryption: { enabled: true, kmsKeyArn: "alias/aws/dynamodb" } }));
            assert.deepEqual(f.controls, ["ENC-REST-CMK"]);
        });
        it("ElastiCache: a replication group under a CMK; a standalone cluster cannot encrypt; a group's node is judged on the group", () => {
            assert.equal(outcomeOf(cmk.elasticacheReplicationGroup, res(RG, "g", { atRestEncryptionEnabled: true, kmsKeyId: KEY_ARN })), "compliant");
            assert.equal(outcomeOf(cmk.elasticacheReplicationGroup, res(RG, "g", { atRestEncryptionEnabled: true })), "violation");
            assert.equal(outcomeOf(cmk.elasticacheReplicationGroup, res(RG, "g", { atRestEncryptionEnabled: "TRUE ", kmsKeyId: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(cmk.elasticacheCluster, res(CACHE, "c", { engine: "memcached" })), "violation");
            assert.equal(outcomeOf(cmk.elasticacheCluster, res(CACHE, "c", { replicationGroupId: "g" })), "not-applicable");
            assert.equal(outcomeOf(cmk.elasticacheCluster, res(CACHE, "c", { replicationGroupId: "  " })), "violation");
            assert.equal(outcomeOf(cmk.elasticacheCluster, res(CACHE, "c", { replicationGroupId: UNKNOWN })), "unknown");
        });
        it("a secret under a CMK, its versions judged with it (stack)", () => {
            const good = res(SECRET, "good", { kmsKeyId: KEY_ARN }), bad = res(SECRET, "bad", {}), unk = res(SECRET, "unk", { kmsKeyId: UNKNOWN });
            const V = "aws:secretsmanager/secretVersion:SecretVersion";
            assert.deepEqual(stackOutcomesByName(cmk.secret, [good, bad, unk,
                res(V, "good-v", { secretId: "x", secretString: "s" }, { deps: { secretId: [good] } }),
                res(V, "bad-v", { secretId: "y", secretString: "s" }, { deps: { secretId: [bad] } }),
                res(V, "elsewhere-v", { secretId: "arn:aws:secretsmanager:us-east-1:1:secret:other", secretString: "s" }),
            ]), { good: "compliant", bad: "violation", unk: "unknown", "good-v": "compliant", "bad-v": "violation" });
        });
        it("Kinesis, Firehose, EFS, SQS, SNS, serverless caches", () => {
            const cases: [typeof cmk.sqsQueue, string, Record<string, unknown>, string][] = [
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", { encryptionType: "KMS", kmsKeyId: KEY_ARN }, "compliant"],
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", { encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" }, "violation"],
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", { encryptionType: "kms", kmsKeyId: KEY_ARN }, "violation"],
                [cmk.kinesisStream, "aws:kinesis/stream:Stream", {}, "violation"],
                [cmk.firehoseStream, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", { serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY_ARN } }, "compliant"],
                [cmk.firehoseStream, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", { serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } }, "violation"],
                [cmk.firehoseStream, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", { kinesisSourceConfiguration: { kinesisStreamArn: "arn" } }, "not-applicable"],
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
            for (const [rule, type, props, want] of cases) assert.equal(outcomeOf(rule, res(type, "x", props)), want, `${rule.name} ${JSON.stringify(props)}`);
        });
    });

    describe("ENC-TRANSIT", () => {
        it("ElastiCache: TLS required, not \"preferred\"; a group's node is judged on the group", () => {
            assert.equal(outcomeOf(transitCache, res(RG, "g", { transitEncryptionEnabled: true })), "compliant");
            assert.equal(outcomeOf(transitCache, res(RG, "g", { transitEncryptionEnabled: true, transitEncryptionMode: "required" })), "compliant");
            assert.equal(outcomeOf(transitCache, res(RG, "g", { transitEncryptionEnabled: true, transitEncryptionMode: "preferred" })), "violation");
            assert.equal(outcomeOf(transitCache, res(RG, "g", {})), "violation");
            assert.equal(outcomeOf(transitCache, res(CACHE, "c", { engine: "memcached", transitEncryptionEnabled: true })), "compliant");
            assert.equal(outcomeOf(transitCache, res(CACHE, "c", { engine: "memcached" })), "violation");
            assert.equal(outcomeOf(transitCache, res(CACHE, "c", { replicationGroupId: "g" })), "not-applicable");
            assert.equal(outcomeOf(transitCache, res(RG, "g", { transitEncryptionEnabled: UNKNOWN })), "unknown");
        });
        it("SNS: no plain-HTTP subscription, in any case or spacing", () => {
            assert.equal(outcomeOf(snsSubscription, res("aws:sns/topicSubscription:TopicSubscription", "s", { protocol: "https", endpoint: "https://x", topic: "t" })), "compliant");
            for (const protocol of ["http", "HTTP", " http "]) {
                const [f] = run(snsSubscription, res("aws:sns/topicSubscription:TopicSubscription", "s", { protocol, endpoint: "http://x", topic: "t" }));
                assert.deepEqual(f.controls, ["ENC-TRANSIT"], protocol);
            }
            assert.equal(outcomeOf(snsSubscription, res("aws:sns/topicSubscription:TopicSubscription", "s", { protocol: UNKNOWN })), "unknown");
        });
    });

    describe("aws-public-access-resource-policy", () => {
        const open = json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }] });
        const held = json({ Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*" },
            { Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: "*", Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:t" } } }] });
        it("fails a policy to everyone on every type it reads; passes named and held principals, and no policy", () => {
            for (const type of ["aws:sqs/queue:Queue", "aws:sqs/queuePolicy:QueuePolicy", "aws:sns/topic:Topic", "aws:sns/topicPolicy:TopicPolicy", SECRET,
                "aws:secretsmanager/secretPolicy:SecretPolicy", "aws:efs/fileSystemPolicy:FileSystemPolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy"]) {
                const [f] = run(resourcePolicy, res(type, "p", { policy: open }));
                assert.deepEqual(f?.controls, ["PUBLIC-ACCESS"], type);
                assert.equal(outcomeOf(resourcePolicy, res(type, "p", { policy: held })), "compliant", type);
                assert.equal(outcomeOf(resourcePolicy, res(type, "p", { policy: UNKNOWN })), "unknown", type);
            }
            assert.equal(outcomeOf(resourcePolicy, res("aws:sqs/queue:Queue", "q", {})), "compliant");
        });
        it("reads a case-variant or duplicate-key document as the grant it looks like (lib/iam.ts)", () => {
            assert.equal(outcomeOf(resourcePolicy, res("aws:sns/topic:Topic", "t", { policy: json({ statement: [{ effect: "Allow", principal: { aws: "*" }, action: "sns:Publish" }] }) })), "violation");
            assert.equal(outcomeOf(resourcePolicy, res("aws:sns/topic:Topic", "t", { policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Principal":{"AWS":"123456789012"},"Action":"sns:Publish"}]}' })), "error");
        });
    });

    describe("backups, deletion protection, rotation", () => {
        it("DynamoDB point-in-time recovery and deletion protection; ElastiCache snapshots", () => {
            assert.equal(outcomeOf(pitr, res(TABLE, "t", { pointInTimeRecovery: { enabled: true } })), "compliant");
            assert.equal(outcomeOf(pitr, res(TABLE, "t", {})), "violation");
            assert.equal(outcomeOf(pitr, res(TABLE, "t", { pointInTimeRecovery: { enabled: UNKNOWN } })), "unknown");
            assert.equal(outcomeOf(tableProtection, res(TABLE, "t", { deletionProtectionEnabled: true })), "compliant");
            assert.equal(outcomeOf(tableProtection, res(TABLE, "t", {})), "violation");
            assert.equal(outcomeOf(tableProtection, res(TABLE, "t", {}), { environment: "dev" }), "not-applicable");
            assert.equal(outcomeOf(cacheSnapshots, res(RG, "g", { snapshotRetentionLimit: 7 })), "compliant");
            assert.equal(outcomeOf(cacheSnapshots, res(RG, "g", { snapshotRetentionLimit: 0 })), "violation");
            assert.equal(outcomeOf(cacheSnapshots, res(RG, "g", {})), "violation");
        });
        it("asks Pulumi's protect of tables, file systems and volumes", () => {
            for (const type of [TABLE, "aws:efs/fileSystem:FileSystem", "aws:ebs/volume:Volume"]) {
                assert.equal(outcomeOf(protect, res(type, "x", {})), "violation", type);
                assert.equal(outcomeOf(protect, res(type, "x", {}, { protect: true })), "compliant", type);
            }
        });
        it("a secret's recovery window: never 0", () => {
            assert.equal(outcomeOf(secretWindow, res(SECRET, "s", {})), "compliant");
            assert.equal(outcomeOf(secretWindow, res(SECRET, "s", { recoveryWindowInDays: 7 })), "compliant");
            for (const v of [0, "0", 31, "seven"]) assert.equal(outcomeOf(secretWindow, res(SECRET, "s", { recoveryWindowInDays: v })), "violation", String(v));
        });
        it("a secret is rotated by a SecretRotation of the stack (advisory)", () => {
            const rotated = res(SECRET, "rotated"), monthly = res(SECRET, "monthly"), yearly = res(SECRET, "never"), unknown = res(SECRET, "unknown"), bare = res(SECRET, "bare");
            const outcomes = stackOutcomesByName(secretRotation, [rotated, monthly, yearly, unknown, bare,
                res(ROTATION, "r1", { secretId: "x", rotationRules: { automaticallyAfterDays: 90 } }, { deps: { secretId: [rotated] } }),
                res(ROTATION, "r2", { secretId: "y", rotationRules: { scheduleExpression: "rate(30 days)" } }, { deps: { secretId: [monthly] } }),
                res(ROTATION, "r3", { secretId: "z", rotationRules: { automaticallyAfterDays: 400 } }, { deps: { secretId: [yearly] } }),
                res(ROTATION, "r4", { secretId: "w", rotationRules: UNKNOWN }, { deps: { secretId: [unknown] } }),
            ]);
            assert.deepEqual(outcomes, { rotated: "compliant", monthly: "compliant", never: "violation", unknown: "unknown", bare: "violation",
                r1: "compliant", r2: "compliant", r3: "violation", r4: "unknown" });
            assert.equal(secretRotation.enforcement, "advisory");
        });
    });
});
