// The AWS type tokens the pack judges, read from the `__pulumiType` lines of @pulumi/aws 7.48.
// Renamed S3 types keep both spellings (gotcha G1): the un-suffixed tokens are current, the `…V2`
// ones deprecated but still registered by older programs.

export const S3_BUCKET = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"] as const;
export const S3_SSE = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
] as const;
export const S3_PUBLIC_ACCESS_BLOCK = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"] as const;
export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCK = ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"] as const;
export const S3_OWNERSHIP = ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"] as const;
export const S3_VERSIONING = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"] as const;
export const S3_POLICY = ["aws:s3/bucketPolicy:BucketPolicy"] as const;
export const S3_LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"] as const;
export const S3_LIFECYCLE = [
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
] as const;
export const S3_OBJECT_LOCK = [
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
] as const;
export const S3_ACL = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"] as const;
export const S3_REPLICATION = ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"] as const;

export const KMS_KEY = ["aws:kms/key:Key"] as const;
export const KMS_KEY_POLICY = ["aws:kms/keyPolicy:KeyPolicy"] as const;
export const KMS_ALIAS = ["aws:kms/alias:Alias"] as const;

export const EMR_CLUSTER = ["aws:emr/cluster:Cluster"] as const;
export const EMR_SECURITY_CONFIGURATION = ["aws:emr/securityConfiguration:SecurityConfiguration"] as const;
export const EMR_BLOCK_PUBLIC_ACCESS = ["aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration"] as const;

export const REDSHIFT_CLUSTER = ["aws:redshift/cluster:Cluster"] as const;
/** Relational databases (RDS instances, Aurora clusters): PHI stores beyond CONTROLS.md's matrix, judged like the warehouse. */
export const RDS_INSTANCE = ["aws:rds/instance:Instance"] as const;
export const RDS_CLUSTER = ["aws:rds/cluster:Cluster"] as const;
export const RDS_DATABASE = [...RDS_INSTANCE, ...RDS_CLUSTER] as const;
export const RDS_CLUSTER_INSTANCE = ["aws:rds/clusterInstance:ClusterInstance"] as const;
export const RDS_PARAMETER_GROUP = ["aws:rds/parameterGroup:ParameterGroup"] as const;
export const RDS_CLUSTER_PARAMETER_GROUP = ["aws:rds/clusterParameterGroup:ClusterParameterGroup"] as const;
export const REDSHIFT_PARAMETER_GROUP = ["aws:redshift/parameterGroup:ParameterGroup"] as const;
export const REDSHIFT_LOGGING = ["aws:redshift/logging:Logging"] as const;

export const CLOUDCONTROL_RESOURCE = ["aws:cloudcontrol/resource:Resource"] as const;
/** The CloudFormation type of a HealthImaging datastore (gotcha G6: no typed resource in @pulumi/aws). */
export const HEALTHIMAGING_DATASTORE = "AWS::HealthImaging::Datastore";

export const CLOUDTRAIL_TRAIL = ["aws:cloudtrail/trail:Trail"] as const;
export const LOG_GROUP = ["aws:cloudwatch/logGroup:LogGroup"] as const;
export const BACKUP_VAULT = ["aws:backup/vault:Vault"] as const;

/** A VPC the stack creates, or the account's default VPC it adopts (aws.ec2.DefaultVpc), which carries traffic all the same. */
export const VPC = ["aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc"] as const;
export const CLOUDFRONT_DISTRIBUTION = ["aws:cloudfront/distribution:Distribution"] as const;
export const LOAD_BALANCER = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"] as const;
export const S3_OBJECT = ["aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2"] as const;
export const SUBNET = ["aws:ec2/subnet:Subnet"] as const;
export const SECURITY_GROUP = ["aws:ec2/securityGroup:SecurityGroup"] as const;
export const SECURITY_GROUP_RULE = ["aws:ec2/securityGroupRule:SecurityGroupRule"] as const;
export const SECURITY_GROUP_INGRESS_RULE = ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"] as const;
export const DEFAULT_SECURITY_GROUP = ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"] as const;
export const VPC_ENDPOINT = ["aws:ec2/vpcEndpoint:VpcEndpoint"] as const;
export const FLOW_LOG = ["aws:ec2/flowLog:FlowLog"] as const;
export const ROUTE_TABLE = ["aws:ec2/routeTable:RouteTable"] as const;
export const ROUTE = ["aws:ec2/route:Route"] as const;
export const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";

export const IAM_POLICY = ["aws:iam/policy:Policy"] as const;
/** Inline policies: attached to one principal, invisible to policy reuse and review (cdk-nag IAMNoInlinePolicy). */
export const IAM_INLINE_POLICY = ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"] as const;
export const IAM_ROLE = ["aws:iam/role:Role"] as const;
export const IAM_POLICY_ATTACHMENT = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"] as const;
