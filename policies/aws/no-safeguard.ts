// AWS types that no safeguard of the Security Rule applies to: each has no input that stores PHI, grants
// access, opens a network path or changes encryption or logging (read from the @pulumi/aws 7.48 SDK's Args,
// every input named in `inputs`). What does those things is another resource, named in the reason and
// judged by its own rule. Each entry is a rule of the most related control that answers "not applicable"
// with the reason, which every report shows; never "compliant". One table, so that adding a type here is
// a visible decision with a reason a reader can check; a type with any such input gets a rule of its own.
// Not here, on purpose: aws:cloudformation/stack:Stack and the `command` provider (they can create anything,
// unseen), aws:ec2/mainRouteTableAssociation (a route path, left for a rule of its own).
import type { ControlId } from "../controls";
import type { Rule } from "../lib/rule";
import { noSafeguardRules } from "../lib/no-safeguard";

interface NoSafeguard {
    type: string;
    /** `aws-<control>-<slug>` names the rule. */
    slug: string;
    control: ControlId;
    /** The inputs that leave it not applicable: an input beyond these leaves the resource not judged. */
    inputs: readonly string[];
    reason: string;
}

const eventTargets = "the function, queue, topic or bus it names receives them only through that target's own resource policy (a lambda.Permission, a queue or " +
    "topic policy, judged by PUBLIC-ACCESS) and keeps them under that target's key; a role it assumes (roleArn) is judged on the role by LEAST-PRIVILEGE";

export const noSafeguardTypes: readonly NoSafeguard[] = [
    {
        type: "aws:cloudwatch/eventRule:EventRule", slug: "event-rule", control: "LEAST-PRIVILEGE",
        inputs: ["description", "eventBusName", "eventPattern", "forceDestroy", "isEnabled", "name", "namePrefix", "region", "roleArn", "scheduleExpression", "state", "tags"],
        reason: `an EventBridge rule matches events or a schedule and hands them to its targets, storing nothing: ${eventTargets}`,
    },
    {
        // ecsTarget (a task's network and public IP), httpTarget, appsyncTarget, redshiftTarget, runCommandTargets and
        // sagemakerPipelineTarget start or reach things this table does not read: with one of them the target stays not judged.
        type: "aws:cloudwatch/eventTarget:EventTarget", slug: "event-target", control: "LEAST-PRIVILEGE",
        inputs: ["arn", "batchTarget", "deadLetterConfig", "eventBusName", "forceDestroy", "input", "inputPath", "inputTransformer", "kinesisTarget", "region",
            "retryPolicy", "roleArn", "rule", "sqsTarget", "targetId"],
        reason: `an EventBridge target routes its rule's events: ${eventTargets}`,
    },
    {
        type: "aws:cloudwatch/logStream:LogStream", slug: "log-stream", control: "RETENTION", inputs: ["logGroupName", "name", "region"],
        reason: "a log stream is a sequence of events inside its log group, which holds the key, retention and deletion protection (each judged on the aws.cloudwatch.LogGroup)",
    },
    {
        type: "aws:cloudwatch/logMetricFilter:LogMetricFilter", slug: "log-metric-filter", control: "AUDIT-LOG",
        inputs: ["applyOnTransformedLogs", "logGroupName", "metricTransformation", "name", "pattern", "region"],
        reason: "a metric filter turns matching log events into metric values; it stores no log event and changes nothing of its log group (judged on the group)",
    },
    {
        type: "aws:cloudwatch/metricAlarm:MetricAlarm", slug: "metric-alarm", control: "AUDIT-LOG",
        inputs: ["actionsEnabled", "alarmActions", "alarmDescription", "comparisonOperator", "datapointsToAlarm", "dimensions", "evaluateLowSampleCountPercentiles",
            "evaluationCriteria", "evaluationInterval", "evaluationPeriods", "extendedStatistic", "insufficientDataActions", "metricName", "metricQueries", "name", "namespace",
            "okActions", "period", "region", "statistic", "tags", "threshold", "thresholdMetricId", "treatMissingData", "unit", "warmUpConfiguration"],
        reason: "an alarm watches a metric and notifies its actions (SNS topics, judged on their own); it holds no data of its own",
    },
    {
        type: "aws:cloudwatch/dashboard:Dashboard", slug: "dashboard", control: "AUDIT-LOG", inputs: ["dashboardBody", "dashboardName", "region"],
        reason: "a dashboard is a view of metrics and log queries, readable only by principals the account's IAM allows; it stores no data (what it shows is judged where it is kept)",
    },
    {
        type: "aws:ec2/keyPair:KeyPair", slug: "ec2-key-pair", control: "IDENTITY-AUTHN", inputs: ["keyName", "keyNamePrefix", "publicKey", "region", "tags"],
        reason: "a key pair registers only the public half of an SSH key (the private half never reaches AWS); who can reach SSH is judged on the security groups " +
            "(NETWORK-PRIVATE) and the instance's metadata credentials on IMDSv2 (IDENTITY-AUTHN)",
    },
    {
        type: "aws:ec2/internetGateway:InternetGateway", slug: "internet-gateway", control: "NETWORK-PRIVATE", inputs: ["region", "tags", "vpcId"],
        reason: "an internet gateway carries nothing until a route sends traffic to it: routes to it are judged by aws-network-private-route-table and " +
            "-route-table-association, and public IPs on compute by the instance, launch template, ECS service and Elastic IP rules",
    },
    {
        type: "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", slug: "private-dns-namespace", control: "NETWORK-PRIVATE",
        inputs: ["description", "name", "region", "tags", "vpc"],
        reason: "a private DNS namespace answers only inside its VPC; the services registered in it are judged on their own",
    },
    {
        type: "aws:s3/bucketNotification:BucketNotification", slug: "s3-bucket-notification", control: "PUBLIC-ACCESS",
        inputs: ["bucket", "eventbridge", "lambdaFunctions", "queues", "region", "topics"],
        reason: "a bucket notification sends object event records (bucket, key, size) to the functions, queues and topics it names, which S3 reaches only through " +
            "their own resource policies (a lambda.Permission, a queue or topic policy, judged by PUBLIC-ACCESS); the bucket is judged on its own",
    },
    {
        type: "aws:apigateway/deployment:Deployment", slug: "api-gateway-deployment", control: "PUBLIC-ACCESS", inputs: ["description", "region", "restApi", "triggers", "variables"],
        reason: "a deployment is a snapshot of a REST API's methods for a stage to serve: each method is judged for authorization and each stage for access logs",
    },
    {
        type: "aws:apigateway/resource:Resource", slug: "api-gateway-resource", control: "PUBLIC-ACCESS", inputs: ["parentId", "pathPart", "region", "restApi"],
        reason: "a REST API resource is a path segment; the methods on it are judged for authorization (aws-public-access-api-gateway-authorization)",
    },
    {
        type: "aws:apigateway/model:Model", slug: "api-gateway-model", control: "PUBLIC-ACCESS", inputs: ["contentType", "description", "name", "region", "restApi", "schema"],
        reason: "a model is a JSON schema for request or response bodies; it stores and grants nothing",
    },
    {
        type: "aws:apigateway/requestValidator:RequestValidator", slug: "api-gateway-request-validator", control: "PUBLIC-ACCESS",
        inputs: ["name", "region", "restApi", "validateRequestBody", "validateRequestParameters"],
        reason: "a request validator checks requests against models before the integration runs; it stores and grants nothing",
    },
    {
        type: "aws:apigateway/methodResponse:MethodResponse", slug: "api-gateway-method-response", control: "PUBLIC-ACCESS",
        inputs: ["httpMethod", "region", "resourceId", "responseModels", "responseParameters", "restApi", "statusCode"],
        reason: "a method response declares a status code and headers of a method, which is judged for authorization on its own",
    },
    {
        type: "aws:apigateway/integrationResponse:IntegrationResponse", slug: "api-gateway-integration-response", control: "PUBLIC-ACCESS",
        inputs: ["contentHandling", "httpMethod", "region", "resourceId", "responseParameters", "responseTemplates", "restApi", "selectionPattern", "statusCode"],
        reason: "an integration response maps a backend's answer to a method response; the integration's transport and the method's authorization are judged on their own",
    },
    {
        type: "aws:ecr/lifecyclePolicy:LifecyclePolicy", slug: "ecr-lifecycle-policy", control: "DELETION-PROTECTION", inputs: ["policy", "region", "repository"],
        reason: "a lifecycle policy expires container images by count or age; images are software, not records, and the repository's key and access are judged on it",
    },
    {
        // An imported certificate (privateKey, certificateBody, certificateChain) puts a private key in the program: not in this entry, so not judged.
        type: "aws:acm/certificate:Certificate", slug: "acm-certificate", control: "ENC-TRANSIT",
        inputs: ["certificateAuthorityArn", "domainName", "earlyRenewalDuration", "keyAlgorithm", "options", "region", "subjectAlternativeNames", "tags", "validationMethod", "validationOptions"],
        reason: "an ACM-issued certificate is TLS's credential itself, its private key kept and renewed by ACM; whether TLS is required and at which version is judged on " +
            "the listeners and distributions that use it",
    },
    {
        type: "aws:acm/certificateValidation:CertificateValidation", slug: "acm-certificate-validation", control: "ENC-TRANSIT", inputs: ["certificateArn", "region", "validationRecordFqdns"],
        reason: "a certificate validation only waits for ACM to validate a certificate; it holds nothing",
    },
    {
        type: "aws:cloudfront/originAccessIdentity:OriginAccessIdentity", slug: "cloudfront-origin-access-identity", control: "PUBLIC-ACCESS", inputs: ["comment"],
        reason: "an origin access identity is the principal CloudFront uses to read an S3 origin; what it may read is the bucket policy (aws-public-access-s3-bucket-policy)",
    },
    {
        type: "aws:cloudfront/cachePolicy:CachePolicy", slug: "cloudfront-cache-policy", control: "ENC-TRANSIT",
        inputs: ["comment", "defaultTtl", "maxTtl", "minTtl", "name", "parametersInCacheKeyAndForwardedToOrigin"],
        reason: "a cache policy chooses what CloudFront caches and forwards; the distribution's TLS, origins and logs are judged on the distribution",
    },
    {
        type: "aws:route53/record:Record", slug: "route53-record", control: "PUBLIC-ACCESS",
        inputs: ["aliases", "allowOverwrite", "cidrRoutingPolicy", "failoverRoutingPolicies", "geolocationRoutingPolicies", "geoproximityRoutingPolicy", "healthCheckId",
            "latencyRoutingPolicies", "multivalueAnswerRoutingPolicy", "name", "records", "setIdentifier", "ttl", "type", "weightedRoutingPolicies", "zoneId"],
        reason: "a DNS record publishes a name and the address it points at; what answers there is judged on that resource (a load balancer, distribution, API or instance)",
    },
    {
        type: "aws:iam/group:Group", slug: "iam-group", control: "LEAST-PRIVILEGE", inputs: ["name", "path"],
        reason: "a group grants nothing by itself: its policies and attachments are judged by LEAST-PRIVILEGE, and its members are IAM users (aws-identity-authn-iam-user)",
    },
    {
        type: "aws:iam/groupMembership:GroupMembership", slug: "iam-group-membership", control: "LEAST-PRIVILEGE", inputs: ["group", "name", "users"],
        reason: "a membership puts users in a group; the group's policies are judged by LEAST-PRIVILEGE and the users by aws-identity-authn-iam-user",
    },
    {
        type: "aws:iam/userGroupMembership:UserGroupMembership", slug: "iam-user-group-membership", control: "LEAST-PRIVILEGE", inputs: ["groups", "user"],
        reason: "a membership puts a user in groups; the groups' policies are judged by LEAST-PRIVILEGE and the user by aws-identity-authn-iam-user",
    },
    {
        type: "aws:eks/podIdentityAssociation:PodIdentityAssociation", slug: "eks-pod-identity-association", control: "LEAST-PRIVILEGE",
        inputs: ["clusterName", "disableSessionTags", "namespace", "region", "roleArn", "serviceAccount", "tags", "targetRoleArn"],
        reason: "a pod identity association lets one Kubernetes service account act as an IAM role; what the role may do is judged on the role and its policies (LEAST-PRIVILEGE)",
    },
    {
        type: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", slug: "ecs-cluster-capacity-providers", control: "NETWORK-PRIVATE",
        inputs: ["capacityProviders", "clusterName", "defaultCapacityProviderStrategies", "region"],
        reason: "capacity providers choose Fargate or Auto Scaling groups for a cluster's tasks; the tasks' network and disks are judged on the services, task definitions and launch templates",
    },
    {
        type: "aws:athena/namedQuery:NamedQuery", slug: "athena-named-query", control: "AUDIT-LOG", inputs: ["database", "description", "name", "query", "region", "workgroup"],
        reason: "a named query is saved query text; running it is governed by its workgroup, and the data it reads by the data's own encryption and access",
    },
    {
        type: "aws:glue/trigger:Trigger", slug: "glue-trigger", control: "LEAST-PRIVILEGE",
        inputs: ["actions", "description", "enabled", "eventBatchingConditions", "name", "predicate", "region", "schedule", "startOnCreation", "tags", "type", "workflowName"],
        reason: "a Glue trigger starts jobs and crawlers on a schedule or event; each job and crawler is judged on its own (security configuration, role)",
    },
    {
        type: "aws:appsync/resolver:Resolver", slug: "appsync-resolver", control: "PUBLIC-ACCESS",
        inputs: ["apiId", "cachingConfig", "code", "dataSource", "field", "kind", "maxBatchSize", "pipelineConfig", "region", "requestTemplate", "responseTemplate", "runtime", "syncConfig", "type"],
        reason: "a resolver maps one GraphQL field to a data source; who may call the API is judged on the API (aws-public-access-appsync-api) and the data on its store",
    },
    {
        type: "aws:appsync/apiKey:ApiKey", slug: "appsync-api-key", control: "PUBLIC-ACCESS", inputs: ["apiId", "description", "expires", "region"],
        reason: "an API key counts as authentication only where the API's authenticationType is API_KEY, which aws-public-access-appsync-api refuses",
    },
    {
        // httpConfig (an HTTP endpoint) and relationalDatabaseConfig reach things this table does not read: with one of them it stays not judged.
        type: "aws:appsync/dataSource:DataSource", slug: "appsync-data-source", control: "LEAST-PRIVILEGE",
        inputs: ["apiId", "description", "dynamodbConfig", "eventBridgeConfig", "lambdaConfig", "name", "region", "serviceRoleArn", "type"],
        reason: "a data source points the API at a table, function or bus of AWS, reached with the role it names (judged on the role by LEAST-PRIVILEGE); the store is judged on its own",
    },
    {
        type: "aws:organizations/policy:Policy", slug: "organizations-policy", control: "LEAST-PRIVILEGE",
        inputs: ["content", "description", "name", "skipDestroy", "tags", "type"],
        reason: "an organization policy (service or resource control policy, tag, backup or AI opt-out policy) limits or configures the accounts it is attached to; " +
            "it grants no principal any access (IAM User Guide, 'Service control policies': SCPs never grant permissions)",
    },
    {
        type: "aws:organizations/policyAttachment:PolicyAttachment", slug: "organizations-policy-attachment", control: "LEAST-PRIVILEGE",
        inputs: ["policyId", "skipDestroy", "targetId"],
        reason: "a policy attachment applies an organization policy, which only limits or configures accounts, to an account or unit",
    },
    {
        type: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule", slug: "ecr-pull-through-cache-rule", control: "LEAST-PRIVILEGE",
        inputs: ["credentialArn", "customRoleArn", "ecrRepositoryPrefix", "region", "upstreamRegistryUrl", "upstreamRepositoryPrefix"],
        reason: "a pull-through cache rule copies images from an upstream registry into ECR repositories, each judged on its own; the upstream credential is a Secrets Manager " +
            "secret judged on its own, and the role it may use is judged on the role",
    },
    {
        type: "aws:cloudfront/function:Function", slug: "cloudfront-function", control: "PUBLIC-ACCESS",
        inputs: ["code", "comment", "keyValueStoreAssociations", "name", "publish", "runtime", "tags"],
        reason: "a CloudFront function rewrites viewer requests and responses at the edge with no network access, no file system and no IAM role (CloudFront Developer Guide, " +
            "'Restrictions on CloudFront Functions'); the distribution that runs it is judged on its own",
    },
    {
        type: "aws:organizations/organizationalUnit:OrganizationalUnit", slug: "organizations-unit", control: "LEAST-PRIVILEGE", inputs: ["name", "parentId", "tags"],
        reason: "an organizational unit is a folder of accounts; the policies attached to it are resources of their own",
    },
];

export const rules: Rule[] = noSafeguardRules("aws", "policies/aws/no-safeguard.ts",
    noSafeguardTypes.map(({ type, ...entry }) => ({ ...entry, types: [type] })));
