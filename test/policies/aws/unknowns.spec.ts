// Every AWS resource rule, table-driven: a compliant resource passes, and the same resource with a
// required input unknown at preview (an Output of a resource not yet created) gives an advisory
// "unknown" finding, never a pass and never a mandatory finding.
import assert from "node:assert/strict";
import { rules as noSafeguard } from "../../../policies/aws/no-safeguard";
import type { ResourceRule } from "../../../policies/lib/rule";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, findingsOf, resource, rulesOf } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const rules = rulesOf({ cloud: "aws" });

const json = (v: unknown) => JSON.stringify(v);
const atRest = { EnableAtRestEncryption: true, AtRestEncryptionConfiguration: {
    S3EncryptionConfiguration: { EncryptionMode: "SSE-KMS", AwsKmsKey: KEY_ARN },
    LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: "AwsKms", AwsKmsKey: KEY_ARN, EnableEbsEncryption: true } } };
const inTransit = { EnableInTransitEncryption: true, InTransitEncryptionConfiguration: { TLSCertificateConfiguration: { CertificateProviderType: "PEM" } } };
const kerberos = { AuthenticationConfiguration: { KerberosConfiguration: { Provider: "ClusterDedicatedKdc" } } };
const trail = { isMultiRegionTrail: true, cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:1:log-group:t:*", cloudWatchLogsRoleArn: "arn:aws:iam::1:role/t" };
const scoped = json({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
const trust = json({ Statement: [{ Effect: "Allow", Principal: { Service: "redshift.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const replication = { status: "Enabled", sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } }, destination: { bucket: "arn:aws:s3:::r", encryptionConfiguration: { replicaKmsKeyId: KEY_ARN } } };

/** rule name → [type, compliant inputs (null: no input is compliant), the input made unknown (null: an option, never unknown)]. */
/** rule name → [type, compliant inputs (null: no input is compliant), the input made unknown (null: an option, never unknown)]. */
const CC = "aws:cloudcontrol/resource:Resource";
const table: Record<string, [string, Record<string, unknown> | null, string | null]> = {
    "aws-enc-rest-cmk-kms-key": ["aws:kms/key:Key", {}, "keyUsage"],
    "aws-enc-rest-cmk-emr-security-configuration": ["aws:emr/securityConfiguration:SecurityConfiguration", { configuration: json({ EncryptionConfiguration: atRest }) }, "configuration"],
    "aws-enc-rest-cmk-emr-cluster": ["aws:emr/cluster:Cluster", { securityConfiguration: "sc", logEncryptionKmsKeyId: KEY_ARN }, "logEncryptionKmsKeyId"],
    "aws-enc-rest-cmk-redshift-cluster": ["aws:redshift/cluster:Cluster", { kmsKeyId: KEY_ARN }, "kmsKeyId"],
    "aws-enc-rest-cmk-healthimaging-datastore": ["aws:cloudcontrol/resource:Resource", { typeName: "AWS::HealthImaging::Datastore", desiredState: json({ KmsKeyArn: KEY_ARN }) }, "desiredState"],
    "aws-enc-rest-cmk-cloudtrail-trail": ["aws:cloudtrail/trail:Trail", { kmsKeyId: KEY_ARN }, "kmsKeyId"],
    "aws-enc-rest-cmk-log-group": ["aws:cloudwatch/logGroup:LogGroup", { kmsKeyId: KEY_ARN }, "kmsKeyId"],
    "aws-enc-rest-cmk-backup-vault": ["aws:backup/vault:Vault", { kmsKeyArn: KEY_ARN }, "kmsKeyArn"],
    "aws-enc-transit-emr-security-configuration": ["aws:emr/securityConfiguration:SecurityConfiguration", { configuration: json({ EncryptionConfiguration: inTransit }) }, "configuration"],
    "aws-public-access-s3-account-public-access-block": ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
        { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, "blockPublicAcls"],
    "aws-public-access-redshift-cluster": ["aws:redshift/cluster:Cluster", {}, "publiclyAccessible"],
    "aws-public-access-emr-block-public-access": ["aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration", { blockPublicSecurityGroupRules: true }, "blockPublicSecurityGroupRules"],
    "aws-public-access-subnet": ["aws:ec2/subnet:Subnet", {}, "mapPublicIpOnLaunch"],
    "aws-public-access-s3-object-acl": ["aws:s3/bucketObjectv2:BucketObjectv2", { bucket: "b", key: "index.html", acl: "private" }, "acl"],
    "aws-network-private-security-group": ["aws:ec2/securityGroup:SecurityGroup", { ingress: [] }, "ingress"],
    "aws-network-private-egress": ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", { cidrIpv4: "10.0.0.0/16", ipProtocol: "-1" }, "cidrIpv4"],
    "aws-network-private-security-group-rule": ["aws:ec2/securityGroupRule:SecurityGroupRule",
        { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/16"] }, "cidrBlocks"],
    "aws-network-private-default-security-group": ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", {}, "ingress"],
    "aws-network-private-vpc-endpoint": ["aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface", privateDnsEnabled: true, subnetIds: ["s"], securityGroupIds: ["g"] }, "privateDnsEnabled"],
    "aws-network-private-emr-cluster": ["aws:emr/cluster:Cluster", { ec2Attributes: { subnetId: "s", serviceAccessSecurityGroup: "g" } }, "ec2Attributes"],
    "aws-network-private-redshift-cluster": ["aws:redshift/cluster:Cluster", { enhancedVpcRouting: true, clusterSubnetGroupName: "g", vpcSecurityGroupIds: ["sg"] }, "enhancedVpcRouting"],
    "aws-network-private-route-table": ["aws:ec2/routeTable:RouteTable", { routes: [{ cidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" }] }, "routes"],
    "aws-audit-log-cloudtrail-trail": ["aws:cloudtrail/trail:Trail", trail, "isMultiRegionTrail"],
    "aws-audit-log-emr-cluster": ["aws:emr/cluster:Cluster", { logUri: "s3://logs/emr/" }, "logUri"],
    "aws-log-integrity-cloudtrail-trail": ["aws:cloudtrail/trail:Trail", { enableLogFileValidation: true }, "enableLogFileValidation"],
    "aws-retention-log-group": ["aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 2192 }, "retentionInDays"],
    "aws-backup-versioning-redshift-cluster": ["aws:redshift/cluster:Cluster", {}, "automatedSnapshotRetentionPeriod"],
    "aws-backup-versioning-s3-replication": ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", { rules: [replication] }, "rules"],
    "aws-deletion-protection-kms-key": ["aws:kms/key:Key", {}, "deletionWindowInDays"],
    "aws-deletion-protection-s3-bucket": ["aws:s3/bucket:Bucket", {}, "forceDestroy"],
    "aws-deletion-protection-redshift-cluster": ["aws:redshift/cluster:Cluster", { finalSnapshotIdentifier: "final" }, "skipFinalSnapshot"],
    "aws-deletion-protection-log-group": ["aws:cloudwatch/logGroup:LogGroup", { deletionProtectionEnabled: true }, "deletionProtectionEnabled"],
    "aws-deletion-protection-emr-cluster": ["aws:emr/cluster:Cluster", { terminationProtection: true }, "terminationProtection"],
    "aws-deletion-protection-backup-vault": ["aws:backup/vault:Vault", {}, "forceDestroy"],
    "aws-deletion-protection-protect": ["aws:s3/bucket:Bucket", {}, null],
    "aws-key-rotation-kms-key": ["aws:kms/key:Key", { enableKeyRotation: true }, "enableKeyRotation"],
    "aws-least-privilege-iam-policy": ["aws:iam/policy:Policy", { policy: scoped }, "policy"],
    "aws-least-privilege-iam-inline-policy": ["aws:iam/rolePolicy:RolePolicy", null, "policy"],
    "aws-least-privilege-iam-role": ["aws:iam/role:Role", { assumeRolePolicy: trust }, "assumeRolePolicy"],
    "aws-least-privilege-managed-policy": ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, "policyArn"],
    "aws-least-privilege-kms-key-policy": ["aws:kms/key:Key", {}, "bypassPolicyLockoutSafetyCheck"],
    "aws-identity-authn-emr-cluster": ["aws:emr/cluster:Cluster", { securityConfiguration: "sc", kerberosAttributes: { realm: "EC2.INTERNAL", kdcAdminPassword: "from-a-secret" } }, "kerberosAttributes"],
    "aws-identity-authn-emr-security-configuration": ["aws:emr/securityConfiguration:SecurityConfiguration", { configuration: json(kerberos) }, "configuration"],
    "aws-identity-authn-redshift-cluster": ["aws:redshift/cluster:Cluster", { manageMasterPassword: true }, "manageMasterPassword"],
    "aws-tagging-resource": ["aws:s3/bucket:Bucket", { tags: { tenant: "stmary", "data-classification": "phi" } }, "tags"],
    "aws-enc-rest-cmk-rds-database": ["aws:rds/instance:Instance", { storageEncrypted: true, kmsKeyId: KEY_ARN }, "kmsKeyId"],
    "aws-public-access-rds-database": ["aws:rds/clusterInstance:ClusterInstance", { clusterIdentifier: "c", publiclyAccessible: false }, "publiclyAccessible"],
    "aws-backup-versioning-rds-database": ["aws:rds/cluster:Cluster", { backupRetentionPeriod: 35 }, "backupRetentionPeriod"],
    "aws-deletion-protection-rds-database": ["aws:rds/instance:Instance", { deletionProtection: true, finalSnapshotIdentifier: "records-final" }, "deletionProtection"],
    "aws-identity-authn-rds-database": ["aws:rds/cluster:Cluster", { manageMasterUserPassword: true }, "manageMasterUserPassword"],
    "aws-audit-log-rds-database": ["aws:rds/instance:Instance", { enabledCloudwatchLogsExports: ["postgresql"] }, "enabledCloudwatchLogsExports"],
    "aws-key-rotation-cloudcontrol-kms-key": [CC, { typeName: "AWS::KMS::Key", desiredState: json({ EnableKeyRotation: true }) }, "desiredState"],
    "aws-least-privilege-cloudcontrol-kms-key-policy": [CC, { typeName: "AWS::KMS::Key", desiredState: json({}) }, "desiredState"],
    "aws-enc-rest-cmk-cloudcontrol-kms-key": [CC, { typeName: "AWS::KMS::Key", desiredState: json({}) }, "desiredState"],
    "aws-deletion-protection-cloudcontrol-kms-key": [CC, { typeName: "AWS::KMS::Key", desiredState: json({ PendingWindowInDays: 30 }) }, "desiredState"],
    "aws-enc-rest-cmk-cloudcontrol-s3-bucket": [CC, { typeName: "AWS::S3::Bucket", desiredState: json({ BucketEncryption: { ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY_ARN }, BucketKeyEnabled: true }] } }) }, "desiredState"],
    "aws-public-access-cloudcontrol-s3-bucket": [CC, { typeName: "AWS::S3::Bucket", desiredState: json({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } }) }, "desiredState"],
    "aws-backup-versioning-cloudcontrol-s3-bucket": [CC, { typeName: "AWS::S3::Bucket", desiredState: json({ VersioningConfiguration: { Status: "Enabled" } }) }, "desiredState"],
    "aws-audit-log-cloudcontrol-s3-bucket": [CC, { typeName: "AWS::S3::Bucket", desiredState: json({ BucketName: "b", LoggingConfiguration: { DestinationBucketName: "logs" } }) }, "desiredState"],
    "aws-residency-kms-key": ["aws:kms/key:Key", {}, "multiRegion"],
    // Issue 15: workloads.
    "aws-enc-rest-cmk-lambda-function": ["aws:lambda/function:Function", { environment: { variables: { A: "1" } }, kmsKeyArn: KEY_ARN }, "kmsKeyArn"],
    "aws-enc-rest-cmk-ec2-instance": ["aws:ec2/instance:Instance", { rootBlockDevice: { encrypted: true, kmsKeyId: KEY_ARN } }, "rootBlockDevice"],
    "aws-enc-rest-cmk-ec2-launch-template": ["aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN } }] }, "blockDeviceMappings"],
    "aws-enc-rest-cmk-ec2-launch-configuration": ["aws:ec2/launchConfiguration:LaunchConfiguration", null, "rootBlockDevice"],
    "aws-enc-rest-cmk-ebs-volume": ["aws:ebs/volume:Volume", { encrypted: true, kmsKeyId: KEY_ARN }, "kmsKeyId"],
    "aws-public-access-lambda-function-url": ["aws:lambda/functionUrl:FunctionUrl", { authorizationType: "AWS_IAM" }, "authorizationType"],
    "aws-public-access-lambda-permission": ["aws:lambda/permission:Permission", { principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::b" }, "sourceArn"],
    "aws-network-private-ec2-launch-template": ["aws:ec2/launchTemplate:LaunchTemplate", { networkInterfaces: [{ associatePublicIpAddress: "false" }] }, "networkInterfaces"],
    "aws-identity-authn-ec2-imdsv2": ["aws:ec2/instance:Instance", { metadataOptions: { httpTokens: "required" } }, "metadataOptions"],
    "aws-enc-rest-cmk-dynamodb-table": ["aws:dynamodb/table:Table", { serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN } }, "serverSideEncryption"],
    "aws-enc-rest-cmk-elasticache-replication-group": ["aws:elasticache/replicationGroup:ReplicationGroup", { atRestEncryptionEnabled: true, kmsKeyId: KEY_ARN }, "kmsKeyId"],
    "aws-enc-rest-cmk-elasticache-serverless": ["aws:elasticache/serverlessCache:ServerlessCache", { kmsKeyId: KEY_ARN }, "kmsKeyId"],
    "aws-enc-rest-cmk-kinesis-stream": ["aws:kinesis/stream:Stream", { encryptionType: "KMS", kmsKeyId: KEY_ARN }, "encryptionType"],
    "aws-enc-rest-cmk-efs-file-system": ["aws:efs/fileSystem:FileSystem", { encrypted: true, kmsKeyId: KEY_ARN }, "encrypted"],
    "aws-enc-rest-cmk-sqs-queue": ["aws:sqs/queue:Queue", { kmsMasterKeyId: KEY_ARN }, "kmsMasterKeyId"],
    "aws-enc-rest-cmk-sns-topic": ["aws:sns/topic:Topic", { kmsMasterKeyId: KEY_ARN }, "kmsMasterKeyId"],
    "aws-enc-transit-sns-subscription": ["aws:sns/topicSubscription:TopicSubscription", { protocol: "sqs", endpoint: "arn:aws:sqs:us-east-1:1:q", topic: "t" }, "protocol"],
    "aws-public-access-resource-policy": ["aws:sqs/queuePolicy:QueuePolicy", { policy: scoped }, "policy"],
    "aws-backup-versioning-dynamodb-table": ["aws:dynamodb/table:Table", { pointInTimeRecovery: { enabled: true } }, "pointInTimeRecovery"],
    "aws-backup-versioning-elasticache": ["aws:elasticache/replicationGroup:ReplicationGroup", { snapshotRetentionLimit: 7 }, "snapshotRetentionLimit"],
    "aws-deletion-protection-dynamodb-table": ["aws:dynamodb/table:Table", { deletionProtectionEnabled: true }, "deletionProtectionEnabled"],
    "aws-deletion-protection-secret": ["aws:secretsmanager/secret:Secret", {}, "recoveryWindowInDays"],
    "aws-enc-rest-cmk-eks-cluster": ["aws:eks/cluster:Cluster", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY_ARN } } }, "encryptionConfig"],
    "aws-enc-rest-cmk-ecs-cluster": ["aws:ecs/cluster:Cluster", { configuration: { managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: KEY_ARN } } }, "configuration"],
    "aws-enc-rest-cmk-ecr-repository": ["aws:ecr/repository:Repository", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }] }, "encryptionConfigurations"],
    "aws-enc-rest-cmk-event-bus": ["aws:cloudwatch/eventBus:EventBus", { kmsKeyIdentifier: KEY_ARN }, "kmsKeyIdentifier"],
    "aws-enc-transit-lb-listener": ["aws:lb/listener:Listener", { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }, "sslPolicy"],
    "aws-enc-transit-lb-target-group": ["aws:lb/targetGroup:TargetGroup", { protocol: "HTTPS" }, "protocol"],
    "aws-enc-transit-cloudfront-distribution": ["aws:cloudfront/distribution:Distribution", { defaultCacheBehavior: { viewerProtocolPolicy: "https-only" },
        viewerCertificate: { acmCertificateArn: "arn", minimumProtocolVersion: "TLSv1.2_2021" }, origins: [] }, "defaultCacheBehavior"],
    "aws-enc-transit-api-gateway-integration": ["aws:apigateway/integration:Integration", { uri: "https://example.org" }, "uri"],
    "aws-enc-transit-ecs-task-definition": ["aws:ecs/taskDefinition:TaskDefinition", { volumes: [{ name: "v", efsVolumeConfiguration: { fileSystemId: "fs", transitEncryption: "ENABLED" } }] }, "volumes"],
    "aws-public-access-eks-cluster": ["aws:eks/cluster:Cluster", { vpcConfig: { endpointPublicAccess: false } }, "vpcConfig"],
    "aws-public-access-api-gateway-authorization": ["aws:apigateway/method:Method", { httpMethod: "GET", authorization: "AWS_IAM" }, "authorization"],
    "aws-public-access-s3-website": ["aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration", null, null],
    "aws-network-private-ecs-service": ["aws:ecs/service:Service", { networkConfiguration: { assignPublicIp: false } }, "networkConfiguration"],
    "aws-network-private-elastic-ip": ["aws:ec2/eipAssociation:EipAssociation", { allocationId: "a" }, "instanceId"],
    "aws-audit-log-ecs-cluster": ["aws:ecs/cluster:Cluster", {}, "configuration"],
    "aws-audit-log-eks-cluster": ["aws:eks/cluster:Cluster", { enabledClusterLogTypes: ["audit", "authenticator"] }, "enabledClusterLogTypes"],
    "aws-audit-log-load-balancer": ["aws:lb/loadBalancer:LoadBalancer", { accessLogs: { enabled: true, bucket: "logs" } }, "accessLogs"],
    "aws-audit-log-cloudfront-distribution": ["aws:cloudfront/distribution:Distribution", { loggingConfig: { bucket: "logs.s3.amazonaws.com" } }, "loggingConfig"],
    "aws-audit-log-api-gateway-stage": ["aws:apigatewayv2/stage:Stage", { accessLogSettings: { destinationArn: "arn", format: "{}" } }, "accessLogSettings"],
    "aws-least-privilege-ecs-task-definition": ["aws:ecs/taskDefinition:TaskDefinition", { containerDefinitions: json([{ name: "a" }]) }, "containerDefinitions"],
    "aws-identity-authn-ecs-task-definition": ["aws:ecs/taskDefinition:TaskDefinition", { containerDefinitions: json([{ name: "a" }]) }, "containerDefinitions"],
    "aws-identity-authn-iam-user": ["aws:iam/user:User", null, null],
    "aws-enc-rest-cmk-state-machine": ["aws:sfn/stateMachine:StateMachine", { encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: KEY_ARN } }, "encryptionConfiguration"],
    "aws-enc-rest-cmk-ssm-parameter": ["aws:ssm/parameter:Parameter", { name: "/db/password", type: "SecureString", keyId: KEY_ARN }, "keyId"],
    "aws-audit-log-state-machine": ["aws:sfn/stateMachine:StateMachine", { loggingConfiguration: { level: "ALL", logDestination: "arn" } }, "loggingConfiguration"],
    "aws-audit-log-appsync-api": ["aws:appsync/graphQLApi:GraphQLApi", { logConfig: { fieldLogLevel: "ALL", cloudwatchLogsRoleArn: "arn" } }, "logConfig"],
    "aws-public-access-appsync-api": ["aws:appsync/graphQLApi:GraphQLApi", { authenticationType: "AWS_IAM" }, "authenticationType"],
    "aws-enc-rest-cmk-glue-job": ["aws:glue/job:Job", { securityConfiguration: "sc" }, "securityConfiguration"],
    "aws-enc-rest-cmk-glue-security-configuration": ["aws:glue/securityConfiguration:SecurityConfiguration", { encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN }, cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: KEY_ARN },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: KEY_ARN } } }, "encryptionConfiguration"],
    "aws-enc-rest-cmk-athena-database": ["aws:athena/database:Database", { encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKey: KEY_ARN } }, "encryptionConfiguration"],
    "aws-enc-rest-cmk-synthetics-canary": ["aws:synthetics/canary:Canary", { artifactConfig: { s3Encryption: { encryptionMode: "SSE_KMS", kmsKeyArn: KEY_ARN } } }, "artifactConfig"],
    "aws-identity-authn-glue-connection": ["aws:glue/connection:Connection", { connectionProperties: { SECRET_ID: "s" } }, "connectionProperties"],
    "aws-residency-redshift-snapshot-copy": ["aws:redshift/snapshotCopy:SnapshotCopy", { destinationRegion: "us-west-2" }, "destinationRegion"],
    "aws-least-privilege-rekognition-workload": ["aws:iam/policy:Policy", { policy: json({ Statement: [{ Effect: "Allow", Action: "rekognition:DetectLabels", Resource: "*" }] }) }, "policy"],
    "aws-least-privilege-rekognition-endpoint-policy": ["aws:ec2/vpcEndpoint:VpcEndpoint", { serviceName: "com.amazonaws.us-east-1.rekognition",
        policy: json({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "rekognition:DetectLabels", Resource: "*" }] }) }, "policy"],
    "aws-public-access-lakeformation-permissions": ["aws:lakeformation/permissions:Permissions", { principal: "210987654321", permissions: ["SELECT"] }, "principal"],
    "aws-least-privilege-lakeformation-permissions": ["aws:lakeformation/permissions:Permissions", { principal: "210987654321", permissions: ["SELECT", "DESCRIBE"] }, "permissions"],
    "aws-least-privilege-lakeformation-resource": ["aws:lakeformation/resource:Resource", { arn: "arn:aws:s3:::b", hybridAccessEnabled: false }, "hybridAccessEnabled"],
};

// The no-safeguard table's rules answer "not applicable" to every input they read (no-safeguard.spec.ts).
const noSafeguardNames = new Set(noSafeguard.map(r => r.name));
const resourceRules = rules.filter((r): r is ResourceRule => r.kind === "resource" && !noSafeguardNames.has(r.name));

describe("aws resource rules: compliant and unknown inputs (table)", () => {
    it("covers every resource rule of the catalogue", () => {
        assert.deepEqual(resourceRules.map(r => r.name).filter(n => !(n in table)), []);
    });

    for (const rule of resourceRules) {
        const [type, compliant, unknownInput] = table[rule.name] ?? ["", null, null];
        if (compliant) {
            it(`${rule.name}: passes a compliant ${type}`, () => {
                assertNoFinding(findingsOf(rule, resource(type, compliant, { name: "r", protect: true })));
            });
        }
        if (unknownInput) {
            it(`${rule.name}: reports ${unknownInput} unknown at preview as advisory, never a pass`, () => {
                const findings = findingsOf(rule, resource(type, { ...(compliant ?? {}), [unknownInput]: UNKNOWN }, { name: "r", protect: true }));
                assert.ok(findings.some(f => f.unknown && f.enforcement === "advisory"), JSON.stringify(findings.map(f => f.message)));
                assert.ok(findings.filter(f => f.unknown).every(f => f.enforcement === "advisory"));
            });
        }
    }
});
