import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
    defaultInstanceTypes, kerberosRealm, Processing, ProcessingArgs, processingProblems,
} from "../../../components/aws/processing";
import type { RecordedResource } from "../../../checker/mocks";
import { record, Recorded } from "../../support/record";
import { pinnedUrns } from "../../support/urns";

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/test-key";
const config = { "aws:region": "us-east-1" };
const T = {
    component: "hipaa-cloud:aws:ProcessingCluster",
    cluster: "aws:emr/cluster:Cluster",
    securityConfiguration: "aws:emr/securityConfiguration:SecurityConfiguration",
    blockPublicAccess: "aws:emr/blockPublicAccessConfiguration:BlockPublicAccessConfiguration",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    password: "random:index/randomPassword:RandomPassword",
    bucketComponent: "hipaa-cloud:aws:EncryptedBucket",
    bucket: "aws:s3/bucket:Bucket",
};

function clusterArgs(extra: Partial<ProcessingArgs> = {}): ProcessingArgs {
    return {
        tenant: "mercy", key: keyArn, vpcId: "vpc-1", subnetId: "subnet-0a1b2c3d4", vpcCidr: "10.40.0.0/16",
        accessLogBucket: "mercy-access-logs", region: "us-east-1", ...extra,
    };
}

function processing(extra: Partial<ProcessingArgs> = {}): Promise<Recorded> {
    return record(() => { new Processing("processing", clusterArgs(extra)); }, { config });
}

function securityConfiguration(r: Recorded): any {
    return JSON.parse(r.one(T.securityConfiguration).inputs.configuration as string);
}

function policyDocuments(r: Recorded): { name: string; doc: any }[] {
    return r.ofType(T.policy).map(p => ({ name: p.name, doc: JSON.parse(p.inputs.policy as string) }));
}

function actionsOf(statement: any): string[] {
    return [statement.Action ?? [], statement.NotAction ?? []].flat();
}

describe("components/aws/processing Processing", () => {
    let r: Recorded;
    before(async () => { r = await processing(); });

    it("registers exactly the pinned URNs (test/components/urns/aws-processing.txt)", () => {
        const { actual, expected } = pinnedUrns(r, T.component, "aws-processing");
        assert.deepEqual(actual, expected);
    });

    it("registers the EMR cluster, its security configuration, roles, groups and buckets under the component", () => {
        const component = r.one(T.component, "processing");
        for (const type of [T.cluster, T.securityConfiguration, T.blockPublicAccess, T.instanceProfile, T.password]) {
            assert.equal(r.one(type).parent, component.urn, type);
        }
        assert.equal(r.ofType(T.role).length, 2);
        assert.equal(r.ofType(T.securityGroup).length, 3);
        const buckets = r.ofType(T.bucketComponent);
        assert.deepEqual(buckets.map(b => b.name).sort(), ["processing-data", "processing-logs"]);
        for (const b of buckets) assert.equal(b.parent, component.urn);
    });

    it("encrypts S3 data with SSE-KMS and local and EBS disks with the CMK", () => {
        const c = securityConfiguration(r).EncryptionConfiguration;
        assert.equal(c.EnableAtRestEncryption, true);
        assert.deepEqual(c.AtRestEncryptionConfiguration.S3EncryptionConfiguration, { EncryptionMode: "SSE-KMS", AwsKmsKey: keyArn });
        assert.deepEqual(c.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration,
            { EncryptionKeyProviderType: "AwsKms", AwsKmsKey: keyArn, EnableEbsEncryption: true });
    });

    it("encrypts in transit with EMR-managed certificates whose CA secret uses the CMK", () => {
        const c = securityConfiguration(r).EncryptionConfiguration;
        assert.equal(c.EnableInTransitEncryption, true);
        const tls = c.InTransitEncryptionConfiguration.TLSCertificateConfiguration;
        assert.equal(tls.CertificateProviderType, "EMR");
        assert.equal(tls.AwsKmsKey, keyArn);
        assert.ok(tls.SecretTags.some((t: any) => t.Key === "data-classification" && t.Value === "phi"));
    });

    it("authenticates with a cluster-dedicated Kerberos KDC and allows IMDSv2 only", () => {
        const doc = securityConfiguration(r);
        assert.equal(doc.AuthenticationConfiguration.KerberosConfiguration.Provider, "ClusterDedicatedKdc");
        assert.equal(doc.AuthenticationConfiguration.KerberosConfiguration.ClusterDedicatedKdcConfiguration.TicketLifetimeInHours, 24);
        assert.deepEqual(doc.InstanceMetadataServiceConfiguration, { MinimumInstanceMetadataServiceVersion: 2, HttpPutResponseHopLimit: 1 });
    });

    it("renames the security configuration when its document changes, so a change never edits it in place", async () => {
        const other = await record(() => { new Processing("processing", clusterArgs({ key: `${keyArn}-2` })); }, { config });
        assert.notEqual(other.one(T.securityConfiguration).inputs.name, r.one(T.securityConfiguration).inputs.name);
    });

    it("uses the security configuration and Kerberos attributes fed by the generated password", () => {
        const cluster = r.one(T.cluster);
        const inputs = cluster.inputs as any;
        assert.match(inputs.securityConfiguration, /^mercy-emr-security-[0-9a-f]{10}$/);
        assert.equal(inputs.securityConfiguration, r.one(T.securityConfiguration).inputs.name);
        assert.equal(inputs.kerberosAttributes.realm, "EC2.INTERNAL");
        assert.ok(cluster.propertyDependencies.kerberosAttributes.includes(r.one(T.password).urn),
            "the KDC admin password comes from the RandomPassword, not from a literal");
        const password = r.one(T.password).inputs as any;
        assert.ok(password.length >= 32);
    });

    it("hands the cluster the KDC password as a Pulumi secret, so state holds it only encrypted", async () => {
        const seen: pulumi.ResourceTransformationArgs[] = [];
        await record(() => {
            new Processing("processing", clusterArgs(), { transformations: [a => { seen.push(a); return undefined; }] });
        }, { config });
        const props = seen.find(a => a.type === T.cluster)!.props;
        assert.equal(await pulumi.isSecret(pulumi.output(props.kerberosAttributes)), true);
    });

    it("puts no literal password in any recorded input: the only one is the generated KDC password", () => {
        const generated = (r.one(T.cluster).inputs as any).kerberosAttributes.kdcAdminPassword;
        assert.match(generated, /^mock-processing-kdc-admin/, "the mocks' stand-in for RandomPassword.result");
        for (const res of r.resources) {
            const text = JSON.stringify(res.inputs).split(JSON.stringify(generated)).join("\"<generated>\"");
            assert.doesNotMatch(text, /"(masterPassword|password|kdcAdminPassword|adDomainJoinPassword|crossRealmTrustPrincipalPassword)":"[^"<]+"/i, res.name);
        }
    });

    it("launches in the private subnet with the three managed security groups and the instance profile", () => {
        const ec2 = (r.one(T.cluster).inputs as any).ec2Attributes;
        assert.equal(ec2.subnetId, "subnet-0a1b2c3d4");
        const groupId = (name: string) => `sg-${name}`;
        assert.equal(ec2.emrManagedMasterSecurityGroup, groupId("processing-primary"));
        assert.equal(ec2.emrManagedSlaveSecurityGroup, groupId("processing-core"));
        assert.equal(ec2.serviceAccessSecurityGroup, groupId("processing-service-access"));
        assert.match(ec2.instanceProfile, /^arn:aws:iam::123456789012:instanceProfile\/processing-node-profile$/);
        assert.ok(r.one(T.cluster).propertyDependencies.ec2Attributes.includes(r.one(T.instanceProfile).urn));
        assert.equal(ec2.keyName, undefined, "no SSH key pair: access is through Kerberos");
    });

    it("opens nothing to 0.0.0.0/0: groups carry no inline rules and every rule stays inside the VPC", () => {
        for (const sg of r.ofType(T.securityGroup)) {
            assert.equal(sg.inputs.ingress, undefined, sg.name);
            assert.equal(sg.inputs.revokeRulesOnDelete, true, sg.name);
            assert.equal((sg.inputs.tags as any)["for-use-with-amazon-emr-managed-policies"], "true", sg.name);
        }
        const rules = [...r.ofType(T.ingressRule), ...r.ofType(T.egressRule)];
        assert.ok(rules.length >= 5);
        for (const rule of rules) {
            const { cidrIpv4, referencedSecurityGroupId, prefixListId } = rule.inputs;
            assert.ok(cidrIpv4 === "10.40.0.0/16" || referencedSecurityGroupId !== undefined || prefixListId !== undefined, `${rule.name} has a destination inside the network`);
            assert.ok(cidrIpv4 === undefined || cidrIpv4 === "10.40.0.0/16", `${rule.name}: ${cidrIpv4}`);
            assert.equal(rule.inputs.cidrIpv6, undefined, rule.name);
        }
        const ingress = r.one(T.ingressRule).inputs;
        assert.equal(ingress.fromPort, 9443);
        assert.equal(ingress.referencedSecurityGroupId, "sg-processing-primary");
    });

    it("lets the nodes reach S3 only through the gateway endpoint's prefix list, over HTTPS", () => {
        for (const role of ["primary", "core"]) {
            const rule = r.one(T.egressRule, `processing-${role}-to-s3`).inputs;
            assert.equal(rule.prefixListId, "pl-63a5400a");
            assert.equal(rule.securityGroupId, `sg-processing-${role}`);
            assert.equal(rule.fromPort, 443);
            assert.equal(rule.toPort, 443);
        }
        assert.deepEqual(r.unknownInvokes, []);
    });

    it("tags the subnet for AmazonEMRServicePolicy_v2 before the cluster launches", () => {
        const tag = r.one("aws:ec2/tag:Tag");
        assert.deepEqual(tag.inputs, { resourceId: "subnet-0a1b2c3d4", key: "for-use-with-amazon-emr-managed-policies", value: "true" });
        assert.ok(r.one(T.cluster).dependencies.includes(tag.urn));
    });

    it("blocks public security-group rules account-wide with no permitted port", () => {
        const bpa = r.one(T.blockPublicAccess).inputs;
        assert.equal(bpa.blockPublicSecurityGroupRules, true);
        assert.equal(bpa.permittedPublicSecurityGroupRuleRanges, undefined);
    });

    it("leaves the account-wide setting to the stack named in accountSettingsStack, and declares it when that is this stack", async () => {
        const shared = await processing({ accountSettingsStack: "stmary" });
        assert.deepEqual(shared.ofType(T.blockPublicAccess), [], "another hospital's stack declares it");
        assert.equal(shared.ofType(T.cluster).length, 1);
        const own = await processing({ accountSettingsStack: "test" });
        assert.equal(own.ofType(T.blockPublicAccess).length, 1, "this stack (\"test\") is the one named");
    });

    it("logs to the encrypted emr-logs bucket and encrypts the logs with the CMK", () => {
        const inputs = r.one(T.cluster).inputs as any;
        const logBucket = r.ofType(T.bucket).find(b => (b.inputs.bucketPrefix as string).includes("emr-logs"));
        assert.ok(logBucket, "an emr-logs bucket");
        assert.equal(inputs.logUri, `s3://${logBucket.name}/emr/`);
        assert.equal(inputs.logEncryptionKmsKeyId, keyArn);
    });

    it("protects the buckets and the cluster in prod", () => {
        assert.equal((r.one(T.cluster).inputs as any).terminationProtection, true);
        for (const b of r.ofType(T.bucket)) assert.equal(b.protect, true, b.name);
    });

    it("leaves dev unprotected so a test hospital can be torn down", async () => {
        const dev = await processing({ environment: "dev" });
        assert.equal((dev.one(T.cluster).inputs as any).terminationProtection, false);
        for (const b of dev.ofType(T.bucket)) assert.equal(b.protect, false, b.name);
    });

    it("grants through managed policies only, with no '*' action and no inline policy", () => {
        assert.equal(r.ofType(T.rolePolicy).length, 0);
        for (const role of r.ofType(T.role)) {
            assert.equal(role.inputs.inlinePolicies, undefined, role.name);
            assert.equal(role.inputs.managedPolicyArns, undefined, role.name);
        }
        for (const { name, doc } of policyDocuments(r)) {
            for (const s of doc.Statement) {
                assert.equal(s.Effect, "Allow");
                for (const action of actionsOf(s)) assert.doesNotMatch(action, /\*/, `${name} ${s.Sid}: ${action}`);
                for (const resource of [s.Resource].flat()) assert.notEqual(resource, "*", `${name} ${s.Sid}`);
            }
        }
    });

    it("scopes key use to the CMK and S3 access to this cluster's buckets", () => {
        const node = policyDocuments(r).find(p => p.name === "processing-node-policy")!.doc;
        const dataBucket = r.ofType(T.bucket).find(b => b.name === "processing-data")!;
        const logBucket = r.ofType(T.bucket).find(b => b.name === "processing-logs")!;
        for (const s of node.Statement) {
            for (const resource of [s.Resource].flat() as string[]) {
                const ok = resource === keyArn || resource.startsWith(`arn:aws:s3:::${dataBucket.name}`) || resource.startsWith(`arn:aws:s3:::${logBucket.name}`);
                assert.ok(ok, `${s.Sid}: ${resource}`);
            }
        }
        const useCmk = node.Statement.find((s: any) => s.Sid === "UseCmk");
        assert.ok(useCmk.Action.includes("kms:Decrypt") && useCmk.Action.includes("kms:GenerateDataKey"));
    });

    it("names AmazonEMRServicePolicy_v2 in the partition of the region (GovCloud has its own)", async () => {
        const gov = await record(() => { new Processing("processing", clusterArgs({ region: "us-gov-west-1" })); }, { config: { "aws:region": "us-gov-west-1" } });
        assert.ok(gov.ofType(T.attachment).map(a => a.inputs.policyArn).includes("arn:aws-us-gov:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"));
    });

    it("attaches AmazonEMRServicePolicy_v2 and a policy letting the service role pass only the node role", () => {
        const attached = r.ofType(T.attachment).map(a => a.inputs.policyArn);
        assert.ok(attached.includes("arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2"));
        assert.equal(attached.length, 3);
        const service = policyDocuments(r).find(p => p.name === "processing-service-policy")!.doc;
        const pass = service.Statement.find((s: any) => s.Sid === "PassNodeRole");
        assert.match(pass.Resource, /:role\/processing-node-role$/);
        assert.equal(pass.Condition.StringLike["iam:PassedToService"], "ec2.amazonaws.com*");
        const grants = service.Statement.find((s: any) => s.Sid === "EbsGrantsForAwsResources");
        assert.equal(grants.Condition.Bool["kms:GrantIsForAWSResource"], "true");
    });

    it("lets only EMR for this account assume the service role, and only EC2 the node role", () => {
        const trust = (role: RecordedResource) => JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0];
        const service = trust(r.one(T.role, "processing-service-role"));
        assert.deepEqual(service.Principal, { Service: "elasticmapreduce.amazonaws.com" });
        assert.equal(service.Condition.StringEquals["aws:SourceAccount"], "123456789012");
        assert.deepEqual(trust(r.one(T.role, "processing-node-role")).Principal, { Service: "ec2.amazonaws.com" });
    });

    it("tags every taggable resource as PHI of the tenant", () => {
        for (const res of r.resources.filter(x => x.custom && x.inputs.tags !== undefined)) {
            const tags = res.inputs.tags as Record<string, string>;
            assert.equal(tags["data-classification"], "phi", res.name);
            assert.equal(tags.tenant, "mercy", res.name);
        }
    });
});

describe("components/aws/processing profiles", () => {
    it("analytics uses general-purpose core nodes and the whole data bucket", async () => {
        let cluster: Processing | undefined;
        const r = await record(() => { cluster = new Processing("processing", clusterArgs({ workers: 3 })); }, { config });
        const inputs = r.one(T.cluster).inputs as any;
        assert.equal(inputs.coreInstanceGroup.instanceType, defaultInstanceTypes.analytics);
        assert.match(defaultInstanceTypes.analytics, /^m/);
        assert.equal(inputs.coreInstanceGroup.instanceCount, 3);
        assert.equal(cluster!.dataPrefix, "");
        assert.ok(r.ofType(T.bucket).some(b => (b.inputs.bucketPrefix as string).startsWith("mercy-analytics-")));
    });

    it("genomics uses memory-optimised r-family nodes and its own prefix, to which node access is limited", async () => {
        let cluster: Processing | undefined;
        const r = await record(() => { cluster = new Processing("processing", clusterArgs({ profile: "genomics" })); }, { config });
        const inputs = r.one(T.cluster).inputs as any;
        assert.match(inputs.coreInstanceGroup.instanceType, /^r\d/);
        assert.equal(inputs.coreInstanceGroup.instanceCount, 2);
        assert.equal(cluster!.dataPrefix, "genomics/");
        assert.ok(r.ofType(T.bucket).some(b => (b.inputs.bucketPrefix as string).startsWith("mercy-genomics-")));
        const node = JSON.parse(r.ofType(T.policy).find(p => p.name === "processing-node-policy")!.inputs.policy as string);
        const readWrite = node.Statement.find((s: any) => s.Sid === "ReadWriteData");
        assert.match(readWrite.Resource, /\/genomics\/\*$/);
        const list = node.Statement.find((s: any) => s.Sid === "ListData");
        assert.deepEqual(list.Condition.StringLike["s3:prefix"], ["genomics/*"]);
    });

    it("an explicit instanceType overrides the profile default", async () => {
        const r = await processing({ profile: "genomics", instanceType: "r7i.4xlarge" });
        assert.equal((r.one(T.cluster).inputs as any).coreInstanceGroup.instanceType, "r7i.4xlarge");
    });

    it("names the Kerberos realm after the region's private DNS domain", () => {
        assert.equal(kerberosRealm("us-east-1"), "EC2.INTERNAL");
        assert.equal(kerberosRealm("eu-west-1"), "EU-WEST-1.COMPUTE.INTERNAL");
    });

    it("refuses bad arguments, naming each", () => {
        const problems = processingProblems(clusterArgs({ workers: 0, instanceType: "big", vpcCidr: "everything" }));
        assert.equal(problems.length, 3);
        assert.match(problems.join(" "), /'workers'.*'instanceType'.*'vpcCidr'/);
        assert.deepEqual(processingProblems(clusterArgs()), []);
    });
});
