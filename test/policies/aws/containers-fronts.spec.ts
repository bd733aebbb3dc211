// Issue 15, containers and fronts: ECS, ECR, EKS, load balancers, CloudFront, API Gateway, Elastic IPs, IAM users.
import assert from "node:assert/strict";
import * as audit from "../../../policies/aws/audit-log";
import * as cmk from "../../../policies/aws/enc-rest-cmk";
import * as transit from "../../../policies/aws/enc-transit";
import * as pub from "../../../policies/aws/public-access";
import * as net from "../../../policies/aws/network-private";
import * as authn from "../../../policies/aws/identity-authn";
import * as lp from "../../../policies/aws/least-privilege";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { KEY_ARN, outcomeOf, res, run } from "./fixtures";

const json = (v: unknown) => JSON.stringify(v);
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const task = (containers: unknown, extra: Record<string, unknown> = {}) => res(TASK, "t", { family: "f", containerDefinitions: typeof containers === "string" ? containers : json(containers), ...extra });
const EKS = "aws:eks/cluster:Cluster";
const LISTENER = "aws:lb/listener:Listener";
const CF = "aws:cloudfront/distribution:Distribution";

describe("aws containers and fronts (issue 15)", () => {
    describe("ECS", () => {
        it("audit: ECS Exec sessions logged unless NONE; OVERRIDE names a destination", () => {
            const C = "aws:ecs/cluster:Cluster";
            const exec = (e: unknown) => res(C, "c", { configuration: { executeCommandConfiguration: e } });
            assert.equal(outcomeOf(audit.ecsCluster, res(C, "c", {})), "compliant");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "DEFAULT" })), "compliant");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: "g" } })), "compliant");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "NONE" })), "violation");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "none" })), "violation");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "OVERRIDE" })), "violation");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: UNKNOWN } })), "unknown");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: UNKNOWN })), "unknown");
            assert.equal(cmk.ecsCluster.enforcement, "advisory");
            assert.equal(outcomeOf(cmk.ecsCluster, res(C, "c", { configuration: { managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: KEY_ARN } } })), "compliant");
        });
        it("identity: no credential in a container's environment (by name or a URL with a password), value never shown", () => {
            assert.equal(outcomeOf(authn.ecsTaskDefinition, task([{ name: "app", environment: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD_ARN", value: "" }],
                secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:db" }] }])), "compliant");
            for (const env of [{ name: "DB_PASSWORD", value: "hunter2" }, { name: "db-pass_word", value: "hunter2" }, { name: "PGPASSWD", value: "x" }, { name: "Slack_Token", value: "xoxb-1" },
                { name: "STRIPE_API_KEY", value: "sk_live" }, { name: "DATABASE_URL", value: "postgres://admin:hunter2@db:5432/phi" }]) {
                const findings = run(authn.ecsTaskDefinition, task([{ name: "app", environment: [env] }]));
                assert.equal(findings.length, 1, env.name);
                assert.deepEqual(findings[0].controls, ["IDENTITY-AUTHN"]);
                assert.ok(!findings[0].message.includes("hunter2") && !findings[0].message.includes("xoxb"), findings[0].message);
            }
            assert.equal(outcomeOf(authn.ecsTaskDefinition, task([{ Name: "app", Environment: [{ Name: "DB_PASSWORD", Value: "hunter2" }] }])), "violation");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, task([{ name: "app", environment: [{ name: "LOG", value: "x" }], ENVIRONMENT: [{ NAME: "API_TOKEN", VALUE: "t" }] }])), "violation");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, res(TASK, "t", { containerDefinitions: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, res(TASK, "t", { containerDefinitions: `[{"name":"a","environment":[{"name":"X","value":"${UNKNOWN_STRING}"}]}]` })), "unknown");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, res(TASK, "t", { containerDefinitions: "[{not json" })), "error");
        });
        it("least privilege: no privileged container; transit: EFS volumes with TLS", () => {
            assert.equal(outcomeOf(lp.ecsTaskDefinition, task([{ name: "a" }, { name: "b", privileged: false }])), "compliant");
            for (const v of [true, "true", 1, "yes"]) assert.equal(outcomeOf(lp.ecsTaskDefinition, task([{ name: "a", privileged: v }])), "violation", String(v));
            // Go's encoding/json (the provider's) matches field names without case, the last spelling winning: each spelling is judged.
            assert.equal(outcomeOf(lp.ecsTaskDefinition, task([{ name: "a", Privileged: true }])), "violation");
            assert.equal(outcomeOf(lp.ecsTaskDefinition, task('[{"name":"a","privileged":false,"PRIVILEGED":true}]')), "violation");
            assert.equal(outcomeOf(lp.ecsTaskDefinition, res(TASK, "t", { containerDefinitions: [{ name: "a", privileged: UNKNOWN }] })), "unknown");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }])), "not-applicable");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }], { volumes: [{ name: "v", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED" } }] })), "compliant");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }], { volumes: [{ name: "v", efsVolumeConfiguration: { fileSystemId: "fs-1" } }] })), "violation");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }], { volumes: UNKNOWN })), "unknown");
        });
        it("network: no public IP on a service's tasks", () => {
            const S = "aws:ecs/service:Service";
            assert.equal(outcomeOf(net.ecsService, res(S, "s", { networkConfiguration: { subnets: ["s"], assignPublicIp: false } })), "compliant");
            assert.equal(outcomeOf(net.ecsService, res(S, "s", {})), "compliant");
            assert.equal(outcomeOf(net.ecsService, res(S, "s", { networkConfiguration: { subnets: ["s"], assignPublicIp: true } })), "violation");
            assert.equal(outcomeOf(net.ecsService, res(S, "s", { networkConfiguration: UNKNOWN })), "unknown");
        });
    });

    describe("ECR, EKS", () => {
        it("ECR images under a CMK (advisory)", () => {
            const R = "aws:ecr/repository:Repository";
            assert.equal(outcomeOf(cmk.ecrRepository, res(R, "r", { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }] })), "compliant");
            assert.equal(outcomeOf(cmk.ecrRepository, res(R, "r", {})), "violation");
            assert.equal(outcomeOf(cmk.ecrRepository, res(R, "r", { encryptionConfigurations: [{ encryptionType: "AES256" }] })), "violation");
            assert.equal(cmk.ecrRepository.enforcement, "advisory");
        });
        it("EKS: endpoint not public to the internet, secrets under a CMK, audit and authenticator logs", () => {
            const priv = { vpcConfig: { subnetIds: ["s"], endpointPublicAccess: false, endpointPrivateAccess: true } };
            assert.equal(outcomeOf(pub.eksCluster, res(EKS, "k", priv)), "compliant");
            assert.equal(outcomeOf(pub.eksCluster, res(EKS, "k", { vpcConfig: { subnetIds: ["s"], publicAccessCidrs: ["203.0.113.0/24"] } })), "compliant");
            for (const vpcConfig of [{ subnetIds: ["s"] }, { endpointPublicAccess: true }, { publicAccessCidrs: ["0.0.0.0/0"] }, { publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] },
                { publicAccessCidrs: [] }, { endpointPublicAccess: "TRUE" }]) {
                const [f] = run(pub.eksCluster, res(EKS, "k", { vpcConfig }));
                assert.deepEqual(f?.controls, ["PUBLIC-ACCESS"], json(vpcConfig));
            }
            assert.equal(outcomeOf(pub.eksCluster, res(EKS, "k", { vpcConfig: { publicAccessCidrs: [UNKNOWN] } })), "unknown");
            // Type confusion: not a list of ranges is not read as "no internet".
            for (const publicAccessCidrs of [0, { cidr: "0.0.0.0/0" }, [0], "10.0.0.0/8"]) {
                assert.equal(outcomeOf(pub.eksCluster, res(EKS, "k", { vpcConfig: { publicAccessCidrs } })), "violation", json(publicAccessCidrs));
            }
            assert.equal(outcomeOf(cmk.eksCluster, res(EKS, "k", { encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY_ARN } } })), "compliant");
            assert.equal(outcomeOf(cmk.eksCluster, res(EKS, "k", {})), "violation");
            assert.equal(outcomeOf(audit.eksCluster, res(EKS, "k", { enabledClusterLogTypes: ["api", "audit", "authenticator"] })), "compliant");
            assert.equal(outcomeOf(audit.eksCluster, res(EKS, "k", { enabledClusterLogTypes: ["api", "Audit"] })), "violation");
            assert.equal(outcomeOf(audit.eksCluster, res(EKS, "k", { enabledClusterLogTypes: UNKNOWN })), "unknown");
        });
    });

    describe("load balancers and CloudFront", () => {
        it("listeners: HTTPS/TLS with a TLS 1.2 policy, HTTP only as a redirect", () => {
            const good = "ELBSecurityPolicy-TLS13-1-2-2021-06";
            assert.equal(outcomeOf(transit.lbListener, res(LISTENER, "l", { protocol: "HTTPS", sslPolicy: good })), "compliant");
            assert.equal(outcomeOf(transit.lbListener, res("aws:alb/listener:Listener", "l", { protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01" })), "compliant");
            assert.equal(outcomeOf(transit.lbListener, res(LISTENER, "l", { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] })), "compliant");
            for (const props of [{ protocol: "HTTPS" }, { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" }, { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-1-2021-06" },
                { protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "tg" }] }, { protocol: "HTTP" }, { protocol: "TCP" }, { protocol: "https", sslPolicy: good },
                { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }, { type: "forward" }] }]) {
                const [f] = run(transit.lbListener, res(LISTENER, "l", props));
                assert.deepEqual(f?.controls, ["ENC-TRANSIT"], json(props));
            }
            assert.equal(outcomeOf(transit.lbListener, res(LISTENER, "l", { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: UNKNOWN } }] })), "unknown");
        });
        it("target groups over TLS (advisory), Lambda targets not applicable; load balancer access logs", () => {
            const TG = "aws:lb/targetGroup:TargetGroup";
            assert.equal(outcomeOf(transit.lbTargetGroup, res(TG, "tg", { protocol: "HTTPS", port: 443 })), "compliant");
            assert.equal(outcomeOf(transit.lbTargetGroup, res(TG, "tg", { protocol: "HTTP", port: 80 })), "violation");
            assert.equal(outcomeOf(transit.lbTargetGroup, res(TG, "tg", { targetType: "lambda" })), "not-applicable");
            const LB = "aws:lb/loadBalancer:LoadBalancer";
            assert.equal(outcomeOf(audit.loadBalancer, res(LB, "lb", { accessLogs: { enabled: true, bucket: "logs" } })), "compliant");
            assert.equal(outcomeOf(audit.loadBalancer, res(LB, "lb", { accessLogs: { bucket: "logs" } })), "violation");
            assert.equal(outcomeOf(audit.loadBalancer, res(LB, "lb", { loadBalancerType: "gateway" })), "not-applicable");
        });
        it("CloudFront: HTTPS viewers with TLS 1.2 on an own certificate, HTTPS origins, access logs", () => {
            const good = { defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" }, orderedCacheBehaviors: [{ viewerProtocolPolicy: "https-only" }],
                viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x", minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
                origins: [{ domainName: "b.s3.amazonaws.com", originId: "s3" }, { domainName: "api.example.org", originId: "api", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], httpPort: 80, httpsPort: 443 } }],
                loggingConfig: { bucket: "logs.s3.amazonaws.com" } };
            assert.equal(outcomeOf(transit.cloudfrontDistribution, res(CF, "d", good)), "compliant");
            assert.equal(outcomeOf(audit.cloudfrontDistribution, res(CF, "d", good)), "compliant");
            const bad = (patch: Record<string, unknown>) => outcomeOf(transit.cloudfrontDistribution, res(CF, "d", { ...good, ...patch }));
            assert.equal(bad({ defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" } }), "violation");
            assert.equal(bad({ orderedCacheBehaviors: [{ viewerProtocolPolicy: "allow-all" }] }), "violation");
            assert.equal(bad({ viewerCertificate: { cloudfrontDefaultCertificate: true } }), "violation");
            assert.equal(bad({ viewerCertificate: { acmCertificateArn: "a", minimumProtocolVersion: "TLSv1.1_2016" } }), "violation");
            assert.equal(bad({ origins: [{ domainName: "x", originId: "x", customOriginConfig: { originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] } }] }), "violation");
            assert.equal(bad({ origins: [{ domainName: "x", originId: "x", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1", "TLSv1.2"] } }] }), "violation");
            assert.equal(bad({ origins: UNKNOWN }), "unknown");
            assert.equal(outcomeOf(audit.cloudfrontDistribution, res(CF, "d", {})), "violation");
        });
    });

    describe("API Gateway", () => {
        it("authorization on REST methods, routes, quick-create APIs and OpenAPI bodies; OPTIONS not applicable", () => {
            const M = "aws:apigateway/method:Method", R = "aws:apigatewayv2/route:Route", A = "aws:apigatewayv2/api:Api", RA = "aws:apigateway/restApi:RestApi";
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(M, "m", { httpMethod: "GET", authorization: "AWS_IAM" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(M, "m", { httpMethod: "GET", authorization: "NONE", apiKeyRequired: true })), "violation");
            for (const authorization of ["none", "", " ", "aws_iam", " AWS_IAM", 0, true, ["AWS_IAM"]]) {
                assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(M, "m", { httpMethod: "GET", authorization })), "violation", json(authorization));
            }
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(M, "m", { httpMethod: "OPTIONS", authorization: "NONE" })), "not-applicable");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(M, "m", { httpMethod: "GET", authorization: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(R, "r", { routeKey: "GET /records", authorizationType: "JWT", authorizerId: "a" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(R, "r", { routeKey: "GET /records" })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(R, "r", { routeKey: "$default", authorizationType: "NONE" })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(A, "a", { protocolType: "HTTP" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(A, "a", { protocolType: "HTTP", target: "arn:aws:lambda:us-east-1:1:function:f" })), "violation");
            const body = (security: unknown, opSecurity?: unknown) => json({ openapi: "3.0.1", ...(security ? { security } : {}),
                paths: { "/records": { get: { ...(opSecurity ? { security: opSecurity } : {}) }, options: {} } } });
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(RA, "api", {})), "not-applicable");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(RA, "api", { body: body([{ sigv4: [] }]) })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(RA, "api", { body: body(undefined, [{ cognito: [] }]) })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(RA, "api", { body: body(undefined) })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(RA, "api", { body: body([{ sigv4: [] }], []) })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(RA, "api", { body: body([{ sigv4: [] }, {}]) })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, res(RA, "api", { body: UNKNOWN })), "unknown");
        });
        it("access logs on stages; integrations over https; a REST API's resource policy", () => {
            for (const S of ["aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage"]) {
                assert.equal(outcomeOf(audit.apiGatewayStage, res(S, "s", { accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:g", format: "{}" } })), "compliant");
                assert.equal(outcomeOf(audit.apiGatewayStage, res(S, "s", {})), "violation");
            }
            assert.equal(outcomeOf(transit.apiGatewayIntegration, res("aws:apigateway/integration:Integration", "i", { type: "HTTP_PROXY", uri: "https://api.example.org/{proxy}" })), "compliant");
            assert.equal(outcomeOf(transit.apiGatewayIntegration, res("aws:apigateway/integration:Integration", "i", { type: "AWS_PROXY", uri: "arn:aws:apigateway:us-east-1:lambda:path/f" })), "compliant");
            assert.equal(outcomeOf(transit.apiGatewayIntegration, res("aws:apigateway/integration:Integration", "i", { type: "HTTP_PROXY", uri: " HTTP://api.example.org" })), "violation");
            assert.equal(outcomeOf(transit.apiGatewayIntegration, res("aws:apigatewayv2/integration:Integration", "i", { integrationType: "HTTP_PROXY", integrationUri: "http://10.0.0.1" })), "violation");
            assert.equal(outcomeOf(pub.resourcePolicy, res("aws:apigateway/restApi:RestApi", "api", { policy: json({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] }) })), "violation");
        });
    });

    describe("Elastic IPs, S3 websites, IAM users", () => {
        it("an Elastic IP on compute is a violation; one held for NAT is not applicable", () => {
            assert.equal(outcomeOf(net.elasticIp, res("aws:ec2/eip:Eip", "e", { domain: "vpc", instance: "i-1" })), "violation");
            assert.equal(outcomeOf(net.elasticIp, res("aws:ec2/eip:Eip", "e", { domain: "vpc" })), "not-applicable");
            assert.equal(outcomeOf(net.elasticIp, res("aws:ec2/eip:Eip", "e", { domain: "vpc", networkInterface: UNKNOWN })), "unknown");
            assert.equal(outcomeOf(net.elasticIp, res("aws:ec2/eipAssociation:EipAssociation", "a", { allocationId: "eipalloc-1", instanceId: "i-1" })), "violation");
        });
        it("an S3 website is a finding; IAM users and access keys are advisory findings", () => {
            const [w] = run(pub.s3Website, res("aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration", "site", { bucket: "b", indexDocument: { suffix: "index.html" } }));
            assert.deepEqual(w.controls, ["PUBLIC-ACCESS"]);
            const [u] = run(authn.iamUser, res("aws:iam/user:User", "u", { name: "deployer" }));
            assert.equal(u.enforcement, "advisory");
            assert.equal(outcomeOf(authn.iamUser, res("aws:iam/accessKey:AccessKey", "k", { user: UNKNOWN })), "violation");
        });
    });
});
