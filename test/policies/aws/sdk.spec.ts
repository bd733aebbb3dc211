import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { T } from "../../../policies/aws/support/tokens";
import { taggableTypes } from "../../../policies/aws/tagging";
import { noSafeguardTypes } from "../../../policies/aws/no-safeguard";
import { rulesOf } from "../../support/policies";

const rules = rulesOf({ cloud: "aws" });

// What the catalogue spec (test/policies/catalogue.spec.ts) does not check for every cloud: the AWS rules
// against the installed @pulumi/aws (both spellings of renamed S3 types, tags inputs, the inputs they read).
describe("aws rules against @pulumi/aws", () => {
    it("lists both spellings of every renamed S3 type a resource rule judges (G1)", () => {
        const renamed = (Object.values(T) as readonly (readonly string[])[]).filter((v): v is readonly [string, string] => v.length === 2 && v[1].includes("V2"));
        assert.ok(renamed.length >= 7);
        for (const rule of rules) {
            if (rule.kind !== "resource") continue;
            for (const [current, deprecated] of renamed) {
                if (rule.types.includes(current)) assert.ok(rule.types.includes(deprecated), `${rule.name} lacks ${deprecated}`);
            }
        }
    });

    describe("against the installed @pulumi/aws", () => {
        const sdk = join(__dirname, "../../../node_modules/@pulumi/aws");
        /** The SDK's file (without .js) for each token, as its class declares `__pulumiType` (kendra/index_ for aws:kendra/index:Index). */
        let files: Map<string, string> | undefined;
        const fileOf = (token: string) => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            files ??= new Map((require("../../../scripts/sdk-args").sdkResources("@pulumi/aws").resources as { token: string; file: string }[]).map(r => [r.token, r.file]));
            return files.get(token) ?? token.slice(4, token.lastIndexOf(":"));
        };
        it("has a tags input on every type the tagging rule lists (HealthImaging keeps its Tags in desiredState)", () => {
            for (const token of taggableTypes.filter(t => t !== "aws:cloudcontrol/resource:Resource")) {
                const dts = readFileSync(join(sdk, `${fileOf(token)}.d.ts`), "utf8");
                const args = dts.slice(dts.indexOf("Args {"));
                assert.match(args, /\n {4}tags\?: /, token);
            }
        });
        /** The top-level inputs the rules read, per type: each must be an input of the SDK's Args. */
        const inputsRead: Record<string, string[]> = {
            "aws:kms/key:Key": ["keyUsage", "customerMasterKeySpec", "isEnabled", "multiRegion", "deletionWindowInDays", "enableKeyRotation", "rotationPeriodInDays", "policy", "bypassPolicyLockoutSafetyCheck", "tags", "region"],
            "aws:kms/keyPolicy:KeyPolicy": ["policy", "bypassPolicyLockoutSafetyCheck"],
            "aws:s3/bucket:Bucket": ["bucket", "serverSideEncryptionConfiguration", "versioning", "logging", "lifecycleRules", "objectLockConfiguration", "objectLockEnabled", "policy", "acl", "grants", "forceDestroy", "tags"],
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": ["bucket", "rules"],
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": ["bucket", "blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"],
            "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"],
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls": ["bucket", "rule"],
            "aws:s3/bucketVersioning:BucketVersioning": ["bucket", "versioningConfiguration"],
            "aws:s3/bucketPolicy:BucketPolicy": ["bucket", "policy"],
            "aws:s3/bucketLogging:BucketLogging": ["bucket", "targetBucket"],
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": ["bucket", "rules"],
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": ["bucket", "rule"],
            "aws:s3/bucketAcl:BucketAcl": ["bucket", "acl", "accessControlPolicy"],
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig": ["rules"],
            "aws:rds/instance:Instance": ["engine", "parameterGroupName", "enabledCloudwatchLogsExports", "storageEncrypted", "kmsKeyId", "publiclyAccessible", "backupRetentionPeriod", "deletionProtection", "skipFinalSnapshot", "finalSnapshotIdentifier", "password", "manageMasterUserPassword", "tags"],
            "aws:rds/cluster:Cluster": ["engine", "dbClusterParameterGroupName", "enabledCloudwatchLogsExports", "storageEncrypted", "kmsKeyId", "backupRetentionPeriod", "deletionProtection", "skipFinalSnapshot", "finalSnapshotIdentifier", "masterPassword", "manageMasterUserPassword", "tags"],
            "aws:rds/clusterInstance:ClusterInstance": ["publiclyAccessible"],
            "aws:rds/parameterGroup:ParameterGroup": ["family", "parameters"],
            "aws:rds/clusterParameterGroup:ClusterParameterGroup": ["family", "parameters"],
            "aws:emr/cluster:Cluster": ["securityConfiguration", "logEncryptionKmsKeyId", "logUri", "ec2Attributes", "kerberosAttributes", "terminationProtection"],
            "aws:emr/securityConfiguration:SecurityConfiguration": ["configuration"],
            "aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration": ["blockPublicSecurityGroupRules"],
            "aws:redshift/cluster:Cluster": ["encrypted", "kmsKeyId", "publiclyAccessible", "enhancedVpcRouting", "clusterSubnetGroupName", "vpcSecurityGroupIds",
                "clusterParameterGroupName", "manageMasterPassword", "masterPassword", "automatedSnapshotRetentionPeriod", "skipFinalSnapshot", "finalSnapshotIdentifier", "clusterIdentifier"],
            "aws:redshift/parameterGroup:ParameterGroup": ["parameters", "name"],
            "aws:redshift/logging:Logging": ["clusterIdentifier", "logDestinationType", "logExports", "bucketName"],
            "aws:redshift/snapshotCopy:SnapshotCopy": ["destinationRegion"],
            "aws:cloudcontrol/resource:Resource": ["typeName", "desiredState"],
            "aws:cloudtrail/trail:Trail": ["isMultiRegionTrail", "includeGlobalServiceEvents", "enableLogging", "cloudWatchLogsGroupArn", "cloudWatchLogsRoleArn",
                "advancedEventSelectors", "eventSelectors", "enableLogFileValidation", "kmsKeyId", "s3BucketName"],
            "aws:cloudwatch/logGroup:LogGroup": ["kmsKeyId", "retentionInDays", "deletionProtectionEnabled", "logGroupClass"],
            "aws:backup/vault:Vault": ["kmsKeyArn", "forceDestroy"],
            "aws:ec2/subnet:Subnet": ["mapPublicIpOnLaunch"],
            "aws:ec2/securityGroup:SecurityGroup": ["ingress"],
            "aws:ec2/securityGroupRule:SecurityGroupRule": ["type", "cidrBlocks", "ipv6CidrBlocks", "protocol", "fromPort", "toPort"],
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["cidrIpv4", "cidrIpv6", "ipProtocol", "fromPort", "toPort"],
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["ingress", "egress"],
            "aws:ec2/vpcEndpoint:VpcEndpoint": ["vpcEndpointType", "privateDnsEnabled", "subnetIds", "securityGroupIds", "serviceName", "vpcId"],
            "aws:ec2/flowLog:FlowLog": ["vpcId", "trafficType"],
            "aws:ec2/routeTable:RouteTable": ["routes"],
            "aws:ec2/route:Route": ["destinationCidrBlock", "destinationIpv6CidrBlock", "gatewayId"],
            "aws:iam/policy:Policy": ["policy"],
            "aws:iam/rolePolicy:RolePolicy": ["policy"],
            "aws:iam/role:Role": ["inlinePolicies", "assumeRolePolicy"],
            // Issue 15: workloads.
            "aws:lambda/function:Function": ["environment", "snapStart", "kmsKeyArn", "vpcConfig", "loggingConfig", "name"],
            "aws:lambda/functionUrl:FunctionUrl": ["authorizationType"],
            "aws:lambda/permission:Permission": ["principal", "sourceArn", "sourceAccount", "principalOrgId", "eventSourceToken"],
            "aws:ec2/instance:Instance": ["rootBlockDevice", "ebsBlockDevices", "associatePublicIpAddress", "subnetId", "launchTemplate", "primaryNetworkInterface", "networkInterfaces", "metadataOptions"],
            "aws:ec2/launchTemplate:LaunchTemplate": ["blockDeviceMappings", "networkInterfaces", "metadataOptions"],
            "aws:ec2/launchConfiguration:LaunchConfiguration": ["rootBlockDevice", "ebsBlockDevices", "associatePublicIpAddress", "metadataOptions"],
            "aws:ebs/volume:Volume": ["encrypted", "kmsKeyId"],
            "aws:dynamodb/table:Table": ["serverSideEncryption", "replicas", "pointInTimeRecovery", "deletionProtectionEnabled"],
            "aws:elasticache/replicationGroup:ReplicationGroup": ["atRestEncryptionEnabled", "kmsKeyId", "transitEncryptionEnabled", "transitEncryptionMode", "snapshotRetentionLimit"],
            "aws:elasticache/cluster:Cluster": ["replicationGroupId", "transitEncryptionEnabled"],
            "aws:elasticache/serverlessCache:ServerlessCache": ["kmsKeyId", "snapshotRetentionLimit"],
            "aws:kinesis/stream:Stream": ["encryptionType", "kmsKeyId"],
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": ["kinesisSourceConfiguration", "serverSideEncryption"],
            "aws:efs/fileSystem:FileSystem": ["encrypted", "kmsKeyId"],
            "aws:sqs/queue:Queue": ["kmsMasterKeyId", "policy"],
            "aws:sqs/queuePolicy:QueuePolicy": ["policy"],
            "aws:sns/topic:Topic": ["kmsMasterKeyId", "policy"],
            "aws:sns/topicPolicy:TopicPolicy": ["policy"],
            "aws:sns/topicSubscription:TopicSubscription": ["protocol"],
            "aws:secretsmanager/secret:Secret": ["kmsKeyId", "policy", "recoveryWindowInDays"],
            "aws:secretsmanager/secretPolicy:SecretPolicy": ["policy"],
            "aws:secretsmanager/secretRotation:SecretRotation": ["secretId", "rotationEnabled", "rotationRules"],
            "aws:efs/fileSystemPolicy:FileSystemPolicy": ["policy"],
            "aws:ecr/repositoryPolicy:RepositoryPolicy": ["policy"],
            "aws:ecs/cluster:Cluster": ["configuration"],
            "aws:ecs/service:Service": ["networkConfiguration"],
            "aws:ecs/taskDefinition:TaskDefinition": ["containerDefinitions", "volumes"],
            "aws:ecr/repository:Repository": ["encryptionConfigurations"],
            "aws:eks/cluster:Cluster": ["vpcConfig", "encryptionConfig", "enabledClusterLogTypes"],
            "aws:lb/listener:Listener": ["protocol", "sslPolicy", "defaultActions"],
            "aws:lb/targetGroup:TargetGroup": ["protocol", "targetType"],
            "aws:lb/loadBalancer:LoadBalancer": ["loadBalancerType", "accessLogs"],
            "aws:cloudfront/distribution:Distribution": ["defaultCacheBehavior", "orderedCacheBehaviors", "viewerCertificate", "origins", "loggingConfig"],
            "aws:apigateway/method:Method": ["httpMethod", "authorization"],
            "aws:apigateway/restApi:RestApi": ["body", "policy"],
            "aws:apigateway/stage:Stage": ["accessLogSettings"],
            "aws:apigateway/integration:Integration": ["uri"],
            "aws:apigatewayv2/api:Api": ["target", "body"],
            "aws:apigatewayv2/route:Route": ["routeKey", "authorizationType"],
            "aws:apigatewayv2/stage:Stage": ["accessLogSettings"],
            "aws:apigatewayv2/integration:Integration": ["integrationUri"],
            "aws:ec2/eip:Eip": ["instance", "networkInterface"],
            "aws:ec2/eipAssociation:EipAssociation": ["instanceId", "networkInterfaceId"],
            "aws:cloudwatch/eventBus:EventBus": ["kmsKeyIdentifier"],
            "aws:iam/accessKey:AccessKey": ["user"],
            "aws:iam/user:User": ["name"],
            "aws:organizations/policy:Policy": ["type", "content"],
            "aws:organizations/policyAttachment:PolicyAttachment": ["policyId", "targetId"],
            "aws:rds/subnetGroup:SubnetGroup": ["subnetIds"],
            "aws:elasticache/subnetGroup:SubnetGroup": ["subnetIds"],
            "aws:sfn/stateMachine:StateMachine": ["encryptionConfiguration", "loggingConfiguration"],
            "aws:ssm/parameter:Parameter": ["type", "keyId", "name", "value", "insecureValue"],
            "aws:appsync/graphQLApi:GraphQLApi": ["authenticationType", "additionalAuthenticationProviders", "logConfig"],
            "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings": ["dataCatalogEncryptionSettings"],
            "aws:secretsmanager/secretVersion:SecretVersion": ["secretId"],
            "aws:glue/job:Job": ["securityConfiguration"],
            "aws:glue/crawler:Crawler": ["securityConfiguration"],
            "aws:glue/securityConfiguration:SecurityConfiguration": ["encryptionConfiguration"],
            "aws:glue/connection:Connection": ["connectionProperties"],
            "aws:athena/database:Database": ["encryptionConfiguration"],
            "aws:synthetics/canary:Canary": ["artifactConfig"],
            "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation": ["routeTableId"],
        };

        it("no-safeguard.ts names every input of each type it lists, and only inputs the SDK's Args declare", () => {
            for (const entry of noSafeguardTypes) {
                const dts = readFileSync(join(sdk, `${fileOf(entry.type)}.d.ts`), "utf8");
                const args = dts.slice(dts.indexOf("Args {"));
                const declared = new Set([...args.matchAll(/\n {4}(?:readonly )?(\w+)\??: /g)].map(m => m[1]));
                for (const input of entry.inputs) assert.ok(declared.has(input), `${entry.type}.${input}`);
            }
        });

        it("reads only inputs that the SDK's Args declare", () => {
            for (const [token, inputs] of Object.entries(inputsRead)) {
                const dts = readFileSync(join(sdk, `${fileOf(token)}.d.ts`), "utf8");
                const args = dts.slice(dts.indexOf("Args {"));
                const declared = new Set([...args.matchAll(/\n {4}(?:readonly )?(\w+)\??: /g)].map(m => m[1]));
                for (const input of inputs) assert.ok(declared.has(input), `${token}.${input}`);
            }
        });
    });
});
