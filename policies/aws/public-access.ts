// PUBLIC-ACCESS on AWS: no public principals, ACLs or endpoints on PHI stores (shared/CONTROLS.md 1b).
import { equalsAnyIgnoreCase, looseForm, terraformReads } from "../lib/inputs";
import { expect, expectGiven, notApplicable, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { get, isUnknown, parseJson, UNKNOWN } from "../lib/values";
import { BucketIndex, missing, onBucket, onOutsideBucket } from "./support/buckets";
import { CFN_S3_BUCKET, judgeDesiredState } from "./support/cloudcontrol";
import { admitsInternet } from "../lib/network";
import { holdsUnknown } from "../lib/unknowns";
import { isPublicStatement, publicNote, statementsAt } from "../lib/iam";
import { judgeGrant } from "./support/principals";
import { T, rdsDatabaseTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["PUBLIC-ACCESS" as const];
const blockFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
/** Public canned ACLs, in S3's spelling (public-read) or CloudFormation's AccessControl (PublicRead): compared without case or hyphens. */
const publicCannedAcls = new Set(["publicread", "publicreadwrite", "authenticatedread"]);
const isPublicCannedAcl = (v: unknown) => typeof v === "string" && publicCannedAcls.has(looseForm(v).replace(/[-_]/g, ""));
/** The public grantee groups, compared without scheme, case or a trailing slash (`https://acs.amazonaws.com/groups/global/allusers/`). */
const publicGroupUris = new Set(["acs.amazonaws.com/groups/global/allusers", "acs.amazonaws.com/groups/global/authenticatedusers"]);
const isPublicGroupUri = (uri: unknown) => typeof uri === "string" && publicGroupUris.has(looseForm(uri).replace(/^https?:\/\//, "").replace(/\/+$/, ""));

const withNote = (v: Violation, note: string): Violation => ({ ...v, note: [v.note, note].filter(Boolean).join(" ") });

/** The four flags on, under a path prefix and a spelling (CloudFormation's are PascalCase). */
function blockAllAt(props: Record<string, unknown>, prefix = "", spell = (f: string) => f): Violation[] {
    return blockFlags.flatMap(f => expect(props, prefix + spell(f), terraformReads.on, "true"));
}

const blockAll = (r: PolicyResource) => blockAllAt(r.props);
const pascal = (f: string) => f[0].toUpperCase() + f.slice(1);

/**
 * S3 has blocked public access and turned ACLs off on new buckets by default since April 2023; CONTROLS.md
 * still asks for both resources, so that the setting is in the reviewed program and `pulumi up` restores it
 * when someone changes it outside the stack. The finding says so, so nobody reads it as "this bucket is public".
 */
const explicitOnly = "S3's default for new buckets since April 2023 is the same; declaring it keeps it in the reviewed program and restores it on `pulumi up` if changed outside the stack.";

function bucketBlocks(bucket: PolicyResource, buckets: BucketIndex): Violation[] {
    const out: Violation[] = [];
    const blocks = buckets.attached(bucket, T.s3PublicAccessBlock);
    if (!blocks.length) out.push(withNote(missing(bucket, T.s3PublicAccessBlock[0], "an aws.s3.BucketPublicAccessBlock with all four flags true"), explicitOnly));
    for (const b of blocks) out.push(...onBucket(bucket, b, blockAll(b)));
    const ownership = buckets.attached(bucket, T.s3Ownership);
    if (!ownership.length) out.push(withNote(missing(bucket, T.s3Ownership[0], "an aws.s3.BucketOwnershipControls with objectOwnership \"BucketOwnerEnforced\""), explicitOnly));
    for (const o of ownership) out.push(...onBucket(bucket, o, ownershipOf(o)));
    return out;
}

const ownershipOf = (o: PolicyResource) => expect(o.props, "rule.objectOwnership", v => v === "BucketOwnerEnforced", "\"BucketOwnerEnforced\" (ACLs off)");

export const s3Bucket = stackRule({
    name: "aws-public-access-s3-bucket", cloud, controls, severity: "critical",
    judges: [T.s3Bucket],
    reads: { bucket: [T.s3PublicAccessBlock, T.s3Ownership] },
    description: "Every S3 bucket has a public access block with all four flags on and ownership controls that turn ACLs off.",
    remediation: "Add an aws.s3.BucketPublicAccessBlock (blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets true) and an aws.s3.BucketOwnershipControls (objectOwnership \"BucketOwnerEnforced\") for the bucket.",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        return [
            ...buckets.buckets.flatMap(b => bucketBlocks(b, buckets)),
            // A block or ownership resource on a bucket outside the stack: its own flags are judged.
            ...buckets.unattached(T.s3PublicAccessBlock).flatMap(b => onOutsideBucket(b, blockAll(b))),
            ...buckets.unattached(T.s3Ownership).flatMap(o => onOutsideBucket(o, ownershipOf(o))),
        ];
    },
});

/** Public canned ACLs and grants to AllUsers/AuthenticatedUsers, on an ACL resource or inline. */
function aclViolations(props: Record<string, unknown>, aclPath: string, grantsPath: string, uriOf: (g: Record<string, unknown>) => unknown): Violation[] {
    const out = expect(props, aclPath, v => !isPublicCannedAcl(v), "\"private\" (no public-read, public-read-write or authenticated-read)");
    const grants = get(props, grantsPath);
    if (isUnknown(grants)) return [...out, { property: grantsPath, found: grants, wanted: "no grant to AllUsers or AuthenticatedUsers" }];
    (Array.isArray(grants) ? grants : []).forEach((g, i) => {
        const uri = g && typeof g === "object" ? uriOf(g as Record<string, unknown>) : undefined;
        if (isPublicGroupUri(uri)) out.push({ property: `${grantsPath}[${i}]`, found: g, wanted: "no grant to AllUsers or AuthenticatedUsers" });
    });
    return out;
}

const aclResourceViolations = (a: PolicyResource) => aclViolations(a.props, "acl", "accessControlPolicy.grants", g => get(g, "grantee.uri"));

export const s3BucketAcl = stackRule({
    name: "aws-public-access-s3-bucket-acl", cloud, controls, severity: "critical",
    judges: [T.s3Bucket],
    reads: { bucket: [T.s3Acl] },
    description: "No S3 bucket is made public by an ACL: no public canned ACL and no grant to AllUsers or AuthenticatedUsers (aws.s3.BucketAcl, or the deprecated inline acl/grants).",
    remediation: "Remove the public ACL or grant (use acl \"private\", or better no ACL with ownership \"BucketOwnerEnforced\").",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        return [
            ...buckets.buckets.flatMap(bucket => [
                ...buckets.attached(bucket, T.s3Acl).flatMap(a => onBucket(bucket, a, aclResourceViolations(a))),
                ...onBucket(bucket, undefined, aclViolations(bucket.props, "acl", "grants", g => g.uri)),
            ]),
            ...buckets.unattached(T.s3Acl).flatMap(a => onOutsideBucket(a, aclResourceViolations(a))),
        ];
    },
});

export const s3ObjectAcl = resourceRule({
    name: "aws-public-access-s3-object-acl", cloud, controls, severity: "critical", types: [T.s3Object],
    description: "No S3 object is uploaded with a public canned ACL (public-read, public-read-write, authenticated-read): an object ACL makes one object public in a bucket that is not.",
    remediation: "Remove `acl` from the object (or set \"private\"); with ownership \"BucketOwnerEnforced\" S3 refuses ACLs altogether.",
    check: r => aclViolations(r.props, "acl", "grants", g => g.uri),
});

const wantedPrivate = "no Allow to Principal \"*\" (or another wildcard principal, or NotPrincipal) without a Condition that limits who acts";

/** Statements that grant everyone (a public bucket policy), judged by the one IAM reading (lib/iam.ts). */
function publicStatements(props: Record<string, unknown>): Violation[] {
    const statements = statementsAt(props, "policy");
    if (isUnknown(statements)) return [{ property: "policy", found: statements, wanted: wantedPrivate }];
    return statements.flatMap((s, i) => {
        const why = isPublicStatement(s);
        return why ? [{ property: `policy.Statement[${i}]`, found: s, wanted: wantedPrivate, note: publicNote(s, why) }] : [];
    });
}

export const s3BucketPolicy = stackRule({
    name: "aws-public-access-s3-bucket-policy", cloud, controls, severity: "critical",
    // A bucket policy is judged by its content wherever its bucket is declared, so it is judged itself.
    judges: [T.s3Bucket, T.s3Policy],
    description: "No S3 bucket policy allows everyone (Principal \"*\", a wildcard principal, or NotPrincipal) without a condition that limits who acts, whether the bucket is declared in the stack or named from outside it.",
    remediation: "Name the principals that need access (the hospital's roles) instead of \"*\", or add a Condition that limits the statement.",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        return [
            ...buckets.buckets.flatMap(bucket => [
                ...buckets.attached(bucket, T.s3Policy).flatMap(p => onBucket(bucket, p, [...expectGiven(p.props, "policy", "a bucket policy document"), ...publicStatements(p.props)])),
                ...(bucket.props.policy !== undefined ? onBucket(bucket, undefined, publicStatements(bucket.props)) : []),
            ]),
            ...buckets.unattached(T.s3Policy).flatMap(p => onOutsideBucket(p, [...expectGiven(p.props, "policy", "a bucket policy document"), ...publicStatements(p.props)])),
        ];
    },
});

/**
 * An S3 bucket declared through CloudControl (AWS::S3::Bucket): the same judgments on the CloudFormation
 * properties that carry them inline (PublicAccessBlockConfiguration, OwnershipControls, AccessControl).
 * Its bucket policy is a separate resource: an aws.s3.BucketPolicy naming it is judged by the policy rule.
 */
export const cloudControlS3Bucket = resourceRule({
    name: "aws-public-access-cloudcontrol-s3-bucket", cloud, controls, severity: "critical", types: [T.cloudcontrolResource],
    description: "An S3 bucket declared through CloudControl (AWS::S3::Bucket) blocks public access with all four flags, turns ACLs off and has no public canned ACL.",
    remediation: "In desiredState set PublicAccessBlockConfiguration {BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets: true}, OwnershipControls {Rules: [{ObjectOwnership: \"BucketOwnerEnforced\"}]} and no AccessControl.",
    check: judgeDesiredState(CFN_S3_BUCKET, "public access blocked", props => {
        const rules = get(props, "desiredState.OwnershipControls.Rules");
        const ownership = isUnknown(rules) || !Array.isArray(rules) || !rules.length
            ? [{ property: "desiredState.OwnershipControls.Rules", found: rules, wanted: "[{ObjectOwnership: \"BucketOwnerEnforced\"}] (ACLs off)" }]
            : rules.flatMap((_, i) => expect(props, `desiredState.OwnershipControls.Rules[${i}].ObjectOwnership`, v => v === "BucketOwnerEnforced", "\"BucketOwnerEnforced\" (ACLs off)"));
        return [
            ...blockAllAt(props, "desiredState.PublicAccessBlockConfiguration.", pascal).map(v => v.found === undefined ? withNote(v, explicitOnly) : v),
            ...ownership,
            ...expect(props, "desiredState.AccessControl", v => !isPublicCannedAcl(v), "unset or \"Private\" (no PublicRead, PublicReadWrite or AuthenticatedRead)"),
        ];
    }),
});

export const s3AccountPublicAccessBlock = resourceRule({
    name: "aws-public-access-s3-account-public-access-block", cloud, controls, severity: "high", types: [T.s3AccountPublicAccessBlock],
    description: "The account-level S3 public access block turns on all four flags.",
    remediation: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true.",
    check: blockAll,
});

export const redshiftCluster = resourceRule({
    name: "aws-public-access-redshift-cluster", cloud, controls, severity: "critical", types: [T.redshiftCluster],
    description: "A Redshift cluster is not publicly accessible.",
    remediation: "Set publiclyAccessible to false (the default) and reach the cluster through the VPC.",
    check: r => expect(r.props, "publiclyAccessible", terraformReads.offOrUnset, "false or unset"),
});

export const rdsDatabase = resourceRule({
    name: "aws-public-access-rds-database", cloud, controls, severity: "critical", types: [rdsDatabaseTypes, T.rdsClusterInstance],
    description: "An RDS instance or Aurora cluster instance is not publicly accessible (no public DNS address).",
    remediation: "Set publiclyAccessible to false (the default) and reach the database through the VPC.",
    check: r => T.rdsCluster.includes(r.type as never) ? notApplicable("an Aurora cluster's instances carry publiclyAccessible")
        : expect(r.props, "publiclyAccessible", terraformReads.offOrUnset, "false or unset"),
});

export const emrBlockPublicAccess = resourceRule({
    name: "aws-public-access-emr-block-public-access", cloud, controls, severity: "high", types: [T.emrBlockPublicAccess],
    description: "EMR block public access refuses clusters whose security groups admit the internet.",
    remediation: "Set blockPublicSecurityGroupRules to true.",
    check: r => expect(r.props, "blockPublicSecurityGroupRules", terraformReads.on, "true"),
});

export const subnet = resourceRule({
    name: "aws-public-access-subnet", cloud, controls, severity: "high", types: [T.subnet],
    description: "A subnet does not give instances public IP addresses on launch (Config subnet-auto-assign-public-ip-disabled, emr-master-no-public-ip).",
    remediation: "Set mapPublicIpOnLaunch to false (the default); reach the internet, if at all, through a NAT gateway.",
    check: r => expect(r.props, "mapPublicIpOnLaunch", terraformReads.offOrUnset, "false or unset"),
});

export const lambdaFunctionUrl = resourceRule({
    name: "aws-public-access-lambda-function-url", cloud, controls, severity: "critical", types: [T.lambdaFunctionUrl],
    description: "A Lambda function URL requires IAM authentication (authorizationType \"AWS_IAM\"): with \"NONE\" anyone on the internet who has the URL invokes the function.",
    remediation: "Set authorizationType \"AWS_IAM\" and sign the callers' requests (SigV4), or put an API that authenticates in front of the function.",
    // Exactly "AWS_IAM": the provider takes "NONE" or "AWS_IAM", so any other spelling is no authentication this pack can vouch for.
    check: r => expect(r.props, "authorizationType", v => v === "AWS_IAM", "\"AWS_IAM\" (\"NONE\" lets anyone who has the URL invoke the function)"),
});

const wantedGrant = "a named account or role, or a service principal held to one source by sourceArn or sourceAccount (or principalOrgId for \"*\")";

export const lambdaPermission = resourceRule({
    name: "aws-public-access-lambda-permission", cloud, controls, severity: "critical", types: [T.lambdaPermission],
    description: "A Lambda permission does not let everyone invoke the function (principal \"*\" without principalOrgId, sourceAccount or a fixed sourceArn), " +
        "and a service principal is held to one source by sourceArn or sourceAccount (otherwise any account's bucket, topic or API of that service can invoke it).",
    remediation: "Name the account or role that invokes, or for a service principal set sourceArn (the bucket's, topic's or API's ARN) or sourceAccount.",
    check: r => {
        const p = r.props;
        const grant = judgeGrant({
            principal: p.principal,
            conditions: { "aws:SourceArn": p.sourceArn, "aws:SourceAccount": p.sourceAccount, "aws:PrincipalOrgID": p.principalOrgId },
            sourceToken: p.eventSourceToken,
        });
        if (grant.verdict === "limited") return [];
        if (grant.verdict === "unknown") return [{ property: "principal/sourceArn/sourceAccount", found: UNKNOWN, wanted: wantedGrant }];
        const note = grant.verdict === "public" ? `It grants everyone: ${grant.why}.` : `It is open to a confused deputy: ${grant.why}.`;
        return [{ property: "principal", found: p.principal, wanted: wantedGrant, note }];
    },
});

/**
 * Resource policies of queues, topics, secrets, file systems and registries, inline (`policy` on a queue,
 * topic or secret) or as their own resource: the same reading of "everyone" as a bucket policy
 * (lib/iam.ts). A queue, topic or secret without a policy is reachable by its own account only. The
 * separate policy resources are judged by their content, whichever resource they name.
 */
export const resourcePolicy = resourceRule({
    name: "aws-public-access-resource-policy", cloud, controls, severity: "critical",
    types: [T.sqsQueue, T.sqsQueuePolicy, T.snsTopic, T.snsTopicPolicy, T.secret, T.secretPolicy, T.efsFileSystemPolicy, T.ecrRepositoryPolicy, T.apigatewayRestApi],
    description: "No SQS queue, SNS topic, Secrets Manager secret, EFS file system, ECR repository or API Gateway REST API policy allows everyone (Principal \"*\", a wildcard principal, or NotPrincipal) without a condition that limits who acts.",
    remediation: "Name the principals that need access instead of \"*\", or add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.",
    // The policy resources' `policy` is required (a queue, topic or secret may have none).
    check: r => [...(policyResourceTypes.has(r.type) ? expectGiven(r.props, "policy", "a policy document") : []), ...publicStatements(r.props)],
});

const policyResourceTypes: ReadonlySet<string> = new Set([...T.sqsQueuePolicy, ...T.snsTopicPolicy, ...T.secretPolicy, ...T.efsFileSystemPolicy, ...T.ecrRepositoryPolicy]);

/**
 * The EKS API server: public by default (endpointPublicAccess true, publicAccessCidrs 0.0.0.0/0). Public
 * access is acceptable only held to ranges that are not the internet (lib/network.ts, the same judgment as
 * security groups); better, private access only (Security Hub EKS.1).
 */
export const eksCluster = resourceRule({
    name: "aws-public-access-eks-cluster", cloud, controls, severity: "critical", types: [T.eksCluster],
    description: "An EKS cluster's Kubernetes API endpoint is private, or public only to ranges that are not the internet (publicAccessCidrs).",
    remediation: "Set vpcConfig.endpointPublicAccess false and endpointPrivateAccess true, or publicAccessCidrs to the hospital's own ranges.",
    check: r => {
        const open = get(r.props, "vpcConfig.endpointPublicAccess");
        if (isUnknown(open)) return [{ property: "vpcConfig.endpointPublicAccess", found: open, wanted: "false" }];
        if (terraformReads.off(open)) return [];
        const cidrs = get(r.props, "vpcConfig.publicAccessCidrs");
        const given = cidrs !== undefined && cidrs !== null && !(Array.isArray(cidrs) && !cidrs.length);
        // Only a list of ranges is read as ranges: anything else (a number, an object) admits nothing lib/network.ts can
        // see, so it would pass; the provider refuses it, and so does this rule.
        if (given && (!Array.isArray(cidrs) || cidrs.some(c => typeof c !== "string" && !holdsUnknown(c)))) {
            return [{ property: "vpcConfig.publicAccessCidrs", found: cidrs, wanted: "a list of CIDR ranges that are not the internet" }];
        }
        const reach = given ? admitsInternet([cidrs]) : "yes";
        if (reach === "no") return [];
        const wanted = "endpointPublicAccess false, or publicAccessCidrs that are not the internet";
        if (reach === "unknown") return [{ property: "vpcConfig.publicAccessCidrs", found: UNKNOWN, wanted }];
        return [{ property: given ? "vpcConfig.publicAccessCidrs" : "vpcConfig.endpointPublicAccess", found: given ? cidrs : open, wanted,
            note: given ? "The ranges admit the internet." : "Unset, the endpoint is public to 0.0.0.0/0." }];
    },
});

const wantedAuth = "an authorizer (AWS_IAM, COGNITO_USER_POOLS, CUSTOM or JWT): \"NONE\" lets anyone who reaches the API call it";
/**
 * The authorizers API Gateway knows, exactly as it spells them: anything else ("NONE", "", a case or
 * spacing variant, a number) is read as no authorization, so that no spelling passes for one.
 */
const authorizers = new Set(["AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM", "JWT"]);
const unauthenticated = (v: unknown) => !(typeof v === "string" && authorizers.has(v));

/** HTTP methods API Gateway's OpenAPI import reads; OPTIONS is CORS's preflight, answered without a caller. */
const openApiMethods = ["get", "put", "post", "delete", "patch", "head", "x-amazon-apigateway-any-method"];

/** The operations of an OpenAPI body with no security requirement (none of their own and none at the top). */
function openOperations(body: unknown): string[] | typeof UNKNOWN {
    const doc = parseJson(body);
    if (isUnknown(doc)) return doc;
    if (!doc || typeof doc !== "object") return [];
    // `{}` in a security list means "or no authentication at all" (OpenAPI 3): a list holding one is open.
    const secured = (s: unknown) => Array.isArray(s) && s.length > 0 && s.every(x => x && typeof x === "object" && Object.keys(x).length > 0);
    const top = secured((doc as Record<string, unknown>).security);
    const out: string[] = [];
    for (const [path, item] of Object.entries(((doc as Record<string, unknown>).paths ?? {}) as Record<string, unknown>)) {
        if (!item || typeof item !== "object") continue;
        for (const [method, op] of Object.entries(item as Record<string, unknown>)) {
            if (!openApiMethods.includes(method.toLowerCase()) || !op || typeof op !== "object") continue;
            const own = (op as Record<string, unknown>).security;
            if (own !== undefined ? !secured(own) : !top) out.push(`${method.toUpperCase()} ${path}`);
        }
    }
    return out;
}

/**
 * API Gateway authorization: a REST method, an HTTP/WebSocket route, an HTTP API made by quick create
 * (`target`: one $default route with no authorizer) and a REST API defined by an OpenAPI body. A REST
 * method with only apiKeyRequired is still open: an API key identifies a client for throttling, it does not
 * authenticate (API Gateway Developer Guide, "API keys"). OPTIONS (CORS preflight) needs no caller.
 */
export const apiGatewayAuthorization = resourceRule({
    name: "aws-public-access-api-gateway-authorization", cloud, controls, severity: "critical",
    types: [T.apigatewayMethod, T.apigatewayv2Route, T.apigatewayv2Api, T.apigatewayRestApi],
    description: "Every API Gateway method and route (REST, HTTP, WebSocket, and the operations of an OpenAPI body) requires an authorizer: IAM, Cognito, a Lambda authorizer or JWT.",
    remediation: "Set authorization (REST method) or authorizationType (route) to AWS_IAM, COGNITO_USER_POOLS, CUSTOM or JWT with authorizerId; in an OpenAPI body give each operation a security requirement.",
    check: r => {
        const p = r.props;
        if (T.apigatewayMethod.includes(r.type as never)) {
            const method = p.httpMethod;
            // "Not applicable" is the safe answer: only OPTIONS as API Gateway reads it, never a near miss (" OPTIONS").
            if (equalsAnyIgnoreCase(method, "OPTIONS")) return notApplicable("an OPTIONS method answers CORS preflight requests, which carry no caller");
            return expect(p, "authorization", v => !unauthenticated(v), wantedAuth);
        }
        if (T.apigatewayv2Route.includes(r.type as never)) {
            const key = p.routeKey;
            if (typeof key === "string" && /^OPTIONS \//i.test(key)) return notApplicable("an OPTIONS route answers CORS preflight requests, which carry no caller");
            return expect(p, "authorizationType", v => !unauthenticated(v), wantedAuth);
        }
        if (T.apigatewayv2Api.includes(r.type as never)) {
            const out: Violation[] = expect(p, "target", v => v === undefined || v === null || v === "", "unset: quick create makes a $default route with no authorizer; declare aws.apigatewayv2.Route resources with authorizers");
            const ops = p.body === undefined || p.body === null ? [] : openOperations(p.body);
            if (isUnknown(ops)) return [...out, { property: "body", found: ops, wanted: "an OpenAPI body whose operations require security" }];
            return [...out, ...ops.map(op => ({ property: "body", found: op, wanted: "a security requirement on the operation (or at the top of the body)" }))];
        }
        // A REST API: its methods are resources judged above, unless defined by an OpenAPI body.
        if (p.body === undefined || p.body === null) return notApplicable("its methods are aws.apigateway.Method resources, each judged on its own");
        const ops = openOperations(p.body);
        if (isUnknown(ops)) return [{ property: "body", found: ops, wanted: "an OpenAPI body whose operations require security" }];
        return ops.map(op => ({ property: "body", found: op, wanted: "a security requirement on the operation (or at the top of the body)",
            note: "The operation is imported with no authorizer: anyone who reaches the API calls it." }));
    },
});

/**
 * An S3 website endpoint serves objects over plain HTTP to anyone the bucket policy admits, and has no HTTPS
 * at all; a PHI bucket is never a website. A bucket that serves a public site holds no PHI: exempt it in the
 * policy config with that reason (README's example exempts "stmary-public-site*").
 */
export const s3Website = resourceRule({
    name: "aws-public-access-s3-website", cloud, controls, severity: "high", types: [T.s3Website],
    description: "No S3 bucket is configured as a website: a website endpoint serves objects anonymously over plain HTTP.",
    remediation: "Serve the site through CloudFront with an origin access control and remove the website configuration, or exempt a bucket that holds no PHI with that reason.",
    check: r => [{ property: "indexDocument", found: get(r.props, "indexDocument.suffix") ?? get(r.props, "redirectAllRequestsTo.hostName") ?? "a website configuration",
        wanted: "no website configuration on a bucket that may hold PHI", note: `It makes bucket ${JSON.stringify(isUnknown(r.props.bucket) ? "unknown until deployment" : r.props.bucket)} a website.` }],
});

/** AppSync: an API key identifies a client, it does not authenticate a person (the same reading as API Gateway's), on the default and every additional provider. */
export const appsyncApi = resourceRule({
    name: "aws-public-access-appsync-api", cloud, controls, severity: "critical", types: [T.appsyncApi],
    description: "An AppSync GraphQL API authenticates every caller (AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA), never by an API key alone.",
    remediation: "Set authenticationType (and each additionalAuthenticationProviders entry) to AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA.",
    check: r => {
        const wanted = "AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA (an API key authenticates no one)";
        const strong = (v: unknown) => typeof v === "string" && ["AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA"].includes(v);
        const extra = r.props.additionalAuthenticationProviders;
        return [
            ...expect(r.props, "authenticationType", strong, wanted),
            ...(isUnknown(extra) ? [{ property: "additionalAuthenticationProviders", found: extra, wanted }]
                : (Array.isArray(extra) ? extra : []).flatMap((_, i) => expect(r.props, `additionalAuthenticationProviders[${i}].authenticationType`, strong, wanted))),
        ];
    },
});

export const rules: Rule[] = [appsyncApi, eksCluster, apiGatewayAuthorization, s3Website, resourcePolicy, lambdaFunctionUrl, lambdaPermission, s3Bucket, s3BucketAcl, s3ObjectAcl, s3BucketPolicy, cloudControlS3Bucket, s3AccountPublicAccessBlock, redshiftCluster, rdsDatabase, emrBlockPublicAccess, subnet];
