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
import { findingsOf, outcomeOf, resource } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const json = (v: unknown) => JSON.stringify(v);
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const task = (containers: unknown, extra: Record<string, unknown> = {}) => resource(TASK, { family: "f", containerDefinitions: typeof containers === "string" ? containers : json(containers), ...extra }, { name: "t" });
const EKS = "aws:eks/cluster:Cluster";
const LISTENER = "aws:lb/listener:Listener";
const CF = "aws:cloudfront/distribution:Distribution";

describe("aws containers and fronts (issue 15)", () => {
    describe("ECS", () => {
        it("audit: ECS Exec sessions logged unless NONE; OVERRIDE names a destination", () => {
            const C = "aws:ecs/cluster:Cluster";
            const exec = (e: unknown) => resource(C, { configuration: { executeCommandConfiguration: e } }, { name: "c" });
            assert.equal(outcomeOf(audit.ecsCluster, resource(C, {}, { name: "c" })), "compliant");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "DEFAULT" })), "compliant");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: "g" } })), "compliant");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "NONE" })), "violation");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "none" })), "violation");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "OVERRIDE" })), "violation");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: "OVERRIDE", logConfiguration: { cloudWatchLogGroupName: UNKNOWN } })), "unknown");
            assert.equal(outcomeOf(audit.ecsCluster, exec({ logging: UNKNOWN })), "unknown");
            assert.equal(cmk.ecsCluster.enforcement, "advisory");
            assert.equal(outcomeOf(cmk.ecsCluster, resource(C, { configuration: { managedStorageConfiguration: { fargateEphemeralStorageKmsKeyId: KEY_ARN } } }, { name: "c" })), "compliant");
        });
        it("identity: no credential in a container's environment (by name or a URL with a password), value never shown", () => {
            assert.equal(outcomeOf(authn.ecsTaskDefinition, task([{ name: "app", environment: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD_ARN", value: "" }],
                secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:db" }] }])), "compliant");
            for (const env of [{ name: "DB_PASSWORD", value: "hunter2" }, { name: "db-pass_word", value: "hunter2" }, { name: "PGPASSWD", value: "x" }, { name: "Slack_Token", value: "xoxb-1" },
                { name: "STRIPE_API_KEY", value: "sk_live" }, { name: "DATABASE_URL", value: "postgres://admin:hunter2@db:5432/phi" }]) {
                const findings = findingsOf(authn.ecsTaskDefinition, task([{ name: "app", environment: [env] }]));
                assert.equal(findings.length, 1, env.name);
                assert.deepEqual(findings[0].controls, ["IDENTITY-AUTHN"]);
                assert.ok(!findings[0].message.includes("hunter2") && !findings[0].message.includes("xoxb"), findings[0].message);
            }
            assert.equal(outcomeOf(authn.ecsTaskDefinition, task([{ Name: "app", Environment: [{ Name: "DB_PASSWORD", Value: "hunter2" }] }])), "violation");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, task([{ name: "app", environment: [{ name: "LOG", value: "x" }], ENVIRONMENT: [{ NAME: "API_TOKEN", VALUE: "t" }] }])), "violation");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, resource(TASK, { containerDefinitions: UNKNOWN }, { name: "t" })), "unknown");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, resource(TASK, { containerDefinitions: `[{"name":"a","environment":[{"name":"X","value":"${UNKNOWN_STRING}"}]}]` }, { name: "t" })), "unknown");
            assert.equal(outcomeOf(authn.ecsTaskDefinition, resource(TASK, { containerDefinitions: "[{not json" }, { name: "t" })), "error");
        });
        it("least privilege: no privileged container; transit: EFS volumes with TLS", () => {
            assert.equal(outcomeOf(lp.ecsTaskDefinition, task([{ name: "a" }, { name: "b", privileged: false }])), "compliant");
            for (const v of [true, "true", 1, "yes"]) assert.equal(outcomeOf(lp.ecsTaskDefinition, task([{ name: "a", privileged: v }])), "violation", String(v));
            // Go's encoding/json (the provider's) matches field names without case, the last spelling winning: each spelling is judged.
            assert.equal(outcomeOf(lp.ecsTaskDefinition, task([{ name: "a", Privileged: true }])), "violation");
            assert.equal(outcomeOf(lp.ecsTaskDefinition, task('[{"name":"a","privileged":false,"PRIVILEGED":true}]')), "violation");
            assert.equal(outcomeOf(lp.ecsTaskDefinition, resource(TASK, { containerDefinitions: [{ name: "a", privileged: UNKNOWN }] }, { name: "t" })), "unknown");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }])), "not-applicable");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }], { volumes: [{ name: "v", efsVolumeConfiguration: { fileSystemId: "fs-1", transitEncryption: "ENABLED" } }] })), "compliant");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }], { volumes: [{ name: "v", efsVolumeConfiguration: { fileSystemId: "fs-1" } }] })), "violation");
            assert.equal(outcomeOf(transit.ecsTaskDefinition, task([{ name: "a" }], { volumes: UNKNOWN })), "unknown");
        });
        it("network: no public IP on a service's tasks", () => {
            const S = "aws:ecs/service:Service";
            assert.equal(outcomeOf(net.ecsService, resource(S, { networkConfiguration: { subnets: ["s"], assignPublicIp: false } }, { name: "s" })), "compliant");
            assert.equal(outcomeOf(net.ecsService, resource(S, {}, { name: "s" })), "compliant");
            assert.equal(outcomeOf(net.ecsService, resource(S, { networkConfiguration: { subnets: ["s"], assignPublicIp: true } }, { name: "s" })), "violation");
            assert.equal(outcomeOf(net.ecsService, resource(S, { networkConfiguration: UNKNOWN }, { name: "s" })), "unknown");
        });
    });

    describe("ECR, EKS", () => {
        it("ECR images under a CMK (advisory)", () => {
            const R = "aws:ecr/repository:Repository";
            assert.equal(outcomeOf(cmk.ecrRepository, resource(R, { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY_ARN }] }, { name: "r" })), "compliant");
            assert.equal(outcomeOf(cmk.ecrRepository, resource(R, {}, { name: "r" })), "violation");
            assert.equal(outcomeOf(cmk.ecrRepository, resource(R, { encryptionConfigurations: [{ encryptionType: "AES256" }] }, { name: "r" })), "violation");
            assert.equal(cmk.ecrRepository.enforcement, "advisory");
        });
        it("EKS: endpoint not public to the internet, secrets under a CMK, audit and authenticator logs", () => {
            const priv = { vpcConfig: { subnetIds: ["s"], endpointPublicAccess: false, endpointPrivateAccess: true } };
            assert.equal(outcomeOf(pub.eksCluster, resource(EKS, priv, { name: "k" })), "compliant");
            assert.equal(outcomeOf(pub.eksCluster, resource(EKS, { vpcConfig: { subnetIds: ["s"], publicAccessCidrs: ["203.0.113.0/24"] } }, { name: "k" })), "compliant");
            for (const vpcConfig of [{ subnetIds: ["s"] }, { endpointPublicAccess: true }, { publicAccessCidrs: ["0.0.0.0/0"] }, { publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] },
                { publicAccessCidrs: [] }, { endpointPublicAccess: "TRUE" }]) {
                const [f] = findingsOf(pub.eksCluster, resource(EKS, { vpcConfig }, { name: "k" }));
                assert.deepEqual(f?.controls, ["PUBLIC-ACCESS"], json(vpcConfig));
            }
            assert.equal(outcomeOf(pub.eksCluster, resource(EKS, { vpcConfig: { publicAccessCidrs: [UNKNOWN] } }, { name: "k" })), "unknown");
            // Type confusion: not a list of ranges is not read as "no internet".
            for (const publicAccessCidrs of [0, { cidr: "0.0.0.0/0" }, [0], "10.0.0.0/8"]) {
                assert.equal(outcomeOf(pub.eksCluster, resource(EKS, { vpcConfig: { publicAccessCidrs } }, { name: "k" })), "violation", json(publicAccessCidrs));
            }
            assert.equal(outcomeOf(cmk.eksCluster, resource(EKS, { encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY_ARN } } }, { name: "k" })), "compliant");
            assert.equal(outcomeOf(cmk.eksCluster, resource(EKS, {}, { name: "k" })), "violation");
            assert.equal(outcomeOf(audit.eksCluster, resource(EKS, { enabledClusterLogTypes: ["api", "audit", "authenticator"] }, { name: "k" })), "compliant");
            assert.equal(outcomeOf(audit.eksCluster, resource(EKS, { enabledClusterLogTypes: ["api", "Audit"] }, { name: "k" })), "violation");
            assert.equal(outcomeOf(audit.eksCluster, resource(EKS, { enabledClusterLogTypes: UNKNOWN }, { name: "k" })), "unknown");
        });
    });

    describe("load balancers and CloudFront", () => {
        it("listeners: HTTPS/TLS with a TLS 1.2 policy, HTTP only as a redirect", () => {
            const good = "ELBSecurityPolicy-TLS13-1-2-2021-06";
            assert.equal(outcomeOf(transit.lbListener, resource(LISTENER, { protocol: "HTTPS", sslPolicy: good }, { name: "l" })), "compliant");
            assert.equal(outcomeOf(transit.lbListener, resource("aws:alb/listener:Listener", { protocol: "TLS", sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01" }, { name: "l" })), "compliant");
            assert.equal(outcomeOf(transit.lbListener, resource(LISTENER, { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }, { name: "l" })), "compliant");
            for (const props of [{ protocol: "HTTPS" }, { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" }, { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-1-2021-06" },
                { protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: "tg" }] }, { protocol: "HTTP" }, { protocol: "TCP" }, { protocol: "https", sslPolicy: good },
                { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }, { type: "forward" }] }]) {
                const [f] = findingsOf(transit.lbListener, resource(LISTENER, props, { name: "l" }));
                assert.deepEqual(f?.controls, ["ENC-TRANSIT"], json(props));
            }
            assert.equal(outcomeOf(transit.lbListener, resource(LISTENER, { protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { protocol: UNKNOWN } }] }, { name: "l" })), "unknown");
        });
        it("target groups over TLS (advisory), Lambda targets not applicable; load balancer access logs", () => {
            const TG = "aws:lb/targetGroup:TargetGroup";
            assert.equal(outcomeOf(transit.lbTargetGroup, resource(TG, { protocol: "HTTPS", port: 443 }, { name: "tg" })), "compliant");
            assert.equal(outcomeOf(transit.lbTargetGroup, resource(TG, { protocol: "HTTP", port: 80 }, { name: "tg" })), "violation");
            assert.equal(outcomeOf(transit.lbTargetGroup, resource(TG, { targetType: "lambda" }, { name: "tg" })), "not-applicable");
            const LB = "aws:lb/loadBalancer:LoadBalancer";
            assert.equal(outcomeOf(audit.loadBalancer, resource(LB, { accessLogs: { enabled: true, bucket: "logs" } }, { name: "lb" })), "compliant");
            assert.equal(outcomeOf(audit.loadBalancer, resource(LB, { accessLogs: { bucket: "logs" } }, { name: "lb" })), "violation");
            assert.equal(outcomeOf(audit.loadBalancer, resource(LB, { loadBalancerType: "gateway" }, { name: "lb" })), "not-applicable");
        });
        it("CloudFront: HTTPS viewers with TLS 1.2 on an own certificate, HTTPS origins, access logs", () => {
            const good = { defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" }, orderedCacheBehaviors: [{ viewerProtocolPolicy: "https-only" }],
                viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x", minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
                origins: [{ domainName: "b.s3.amazonaws.com", originId: "s3" }, { domainName: "api.example.org", originId: "api", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], httpPort: 80, httpsPort: 443 } }],
                loggingConfig: { bucket: "logs.s3.amazonaws.com" } };
            assert.equal(outcomeOf(transit.cloudfrontDistribution, resource(CF, good, { name: "d" })), "compliant");
            assert.equal(outcomeOf(audit.cloudfrontDistribution, resource(CF, good, { name: "d" })), "compliant");
            const bad = (patch: Record<string, unknown>) => outcomeOf(transit.cloudfrontDistribution, resource(CF, { ...good, ...patch }, { name: "d" }));
            assert.equal(bad({ defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" } }), "violation");
            assert.equal(bad({ orderedCacheBehaviors: [{ viewerProtocolPolicy: "allow-all" }] }), "violation");
            assert.equal(bad({ viewerCertificate: { cloudfrontDefaultCertificate: true } }), "violation");
            assert.equal(bad({ viewerCertificate: { acmCertificateArn: "a", minimumProtocolVersion: "TLSv1.1_2016" } }), "violation");
            assert.equal(bad({ origins: [{ domainName: "x", originId: "x", customOriginConfig: { originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] } }] }), "violation");
            assert.equal(bad({ origins: [{ domainName: "x", originId: "x", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1", "TLSv1.2"] } }] }), "violation");
            assert.equal(bad({ origins: UNKNOWN }), "unknown");
            assert.equal(outcomeOf(audit.cloudfrontDistribution, resource(CF, {}, { name: "d" })), "violation");
        });
    });

    describe("API Gateway", () => {
        it("authorization on REST methods, routes, quick-create APIs and OpenAPI bodies; OPTIONS not applicable", () => {
            const M = "aws:apigateway/method:Method", R = "aws:apigatewayv2/route:Route", A = "aws:apigatewayv2/api:Api", RA = "aws:apigateway/restApi:RestApi";
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(M, { httpMethod: "GET", authorization: "AWS_IAM" }, { name: "m" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(M, { httpMethod: "GET", authorization: "NONE", apiKeyRequired: true }, { name: "m" })), "violation");
            for (const authorization of ["none", "", " ", "aws_iam", " AWS_IAM", 0, true, ["AWS_IAM"]]) {
                assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(M, { httpMethod: "GET", authorization }, { name: "m" })), "violation", json(authorization));
            }
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(M, { httpMethod: "OPTIONS", authorization: "NONE" }, { name: "m" })), "not-applicable");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(M, { httpMethod: "GET", authorization: UNKNOWN }, { name: "m" })), "unknown");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(R, { routeKey: "GET /records", authorizationType: "JWT", authorizerId: "a" }, { name: "r" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(R, { routeKey: "GET /records" }, { name: "r" })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(R, { routeKey: "$default", authorizationType: "NONE" }, { name: "r" })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(A, { protocolType: "HTTP" }, { name: "a" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(A, { protocolType: "HTTP", target: "arn:aws:lambda:us-east-1:1:function:f" }, { name: "a" })), "violation");
            const body = (security: unknown, opSecurity?: unknown) => json({ openapi: "3.0.1", ...(security ? { security } : {}),
                paths: { "/records": { get: { ...(opSecurity ? { security: opSecurity } : {}) }, options: {} } } });
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(RA, {}, { name: "api" })), "not-applicable");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(RA, { body: body([{ sigv4: [] }]) }, { name: "api" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(RA, { body: body(undefined, [{ cognito: [] }]) }, { name: "api" })), "compliant");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(RA, { body: body(undefined) }, { name: "api" })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(RA, { body: body([{ sigv4: [] }], []) }, { name: "api" })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(RA, { body: body([{ sigv4: [] }, {}]) }, { name: "api" })), "violation");
            assert.equal(outcomeOf(pub.apiGatewayAuthorization, resource(RA, { body: UNKNOWN }, { name: "api" })), "unknown");
        });
        it("access logs on stages; integrations over https; a REST API's resource policy", () => {
            for (const S of ["aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage"]) {
                assert.equal(outcomeOf(audit.apiGatewayStage, resource(S, { accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:g", format: "{}" } }, { name: "s" })), "compliant");
                assert.equal(outcomeOf(audit.apiGatewayStage, resource(S, {}, { name: "s" })), "violation");
            }
            assert.equal(outcomeOf(transit.apiGatewayIntegration, resource("aws:apigateway/integration:Integration", { type: "HTTP_PROXY", uri: "https://api.example.org/{proxy}" }, { name: "i" })), "compliant");
            assert.equal(outcomeOf(transit.apiGatewayIntegration, resource("aws:apigateway/integration:Integration", { type: "AWS_PROXY", uri: "arn:aws:apigateway:us-east-1:lambda:path/f" }, { name: "i" })), "compliant");
            assert.equal(outcomeOf(transit.apiGatewayIntegration, resource("aws:apigateway/integration:Integration", { type: "HTTP_PROXY", uri: " HTTP://api.example.org" }, { name: "i" })), "violation");
            assert.equal(outcomeOf(transit.apiGatewayIntegration, resource("aws:apigatewayv2/integration:Integration", { integrationType: "HTTP_PROXY", integrationUri: "http://10.0.0.1" }, { name: "i" })), "violation");
            assert.equal(outcomeOf(pub.resourcePolicy, resource("aws:apigateway/restApi:RestApi", { policy: json({ Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] }) }, { name: "api" })), "violation");
        });
    });

    describe("Elastic IPs, S3 websites, IAM users", () => {
        it("an Elastic IP on compute is a violation; one held for NAT is not applicable", () => {
            assert.equal(outcomeOf(net.elasticIp, resource("aws:ec2/eip:Eip", { domain: "vpc", instance: "i-1" }, { name: "e" })), "violation");
            assert.equal(outcomeOf(net.elasticIp, resource("aws:ec2/eip:Eip", { domain: "vpc" }, { name: "e" })), "not-applicable");
            assert.equal(outcomeOf(net.elasticIp, resource("aws:ec2/eip:Eip", { domain: "vpc", networkInterface: UNKNOWN }, { name: "e" })), "unknown");
            assert.equal(outcomeOf(net.elasticIp, resource("aws:ec2/eipAssociation:EipAssociation", { allocationId: "eipalloc-1", instanceId: "i-1" }, { name: "a" })), "violation");
        });
        it("an S3 website is a finding; IAM users and access keys are advisory findings", () => {
            const [w] = findingsOf(pub.s3Website, resource("aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration", { bucket: "b", indexDocument: { suffix: "index.html" } }, { name: "site" }));
            assert.deepEqual(w.controls, ["PUBLIC-ACCESS"]);
            const [u] = findingsOf(authn.iamUser, resource("aws:iam/user:User", { name: "deployer" }, { name: "u" }));
            assert.equal(u.enforcement, "advisory");
            assert.equal(outcomeOf(authn.iamUser, resource("aws:iam/accessKey:AccessKey", { user: UNKNOWN }, { name: "k" })), "violation");
        });
    });
});
