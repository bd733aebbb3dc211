// IDENTITY-AUTHN on AWS: strong identity on the processing cluster (Kerberos) and the warehouse (a
// Secrets Manager-managed master password, never one in code or state) (shared/CONTROLS.md 1b).
import { isText, terraformReads } from "../lib/inputs";
import { expect, resourceRule, Rule, writtenSecret } from "../lib/rule";
import { asArray, get, isUnknown, parseJson } from "../lib/values";
import { containersOf, credentialIn, fieldValues } from "./support/containers";
import { T, rdsDatabaseTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["IDENTITY-AUTHN" as const];

export const emrCluster = resourceRule({
    name: "aws-identity-authn-emr-cluster", cloud, controls, severity: "high", types: [T.emrCluster],
    description: "An EMR cluster authenticates users and services with Kerberos: a security configuration and kerberosAttributes (cdk-nag EMRKerberosEnabled, Config emr-kerberos-enabled).",
    remediation: "Set kerberosAttributes.realm and kerberosAttributes.kdcAdminPassword (from a secret), with a security configuration that has a KerberosConfiguration.",
    check: r => [
        ...expect(r.props, "kerberosAttributes.realm", isText, "the Kerberos realm (e.g. EC2.INTERNAL)"),
        ...expect(r.props, "kerberosAttributes.kdcAdminPassword", isText, "the KDC admin password, from a secret"),
        // The cluster's Kerberos provider (its KDC) is set in the security configuration; without one kerberosAttributes configure nothing.
        ...expect(r.props, "securityConfiguration", isText, "the name of a security configuration with a KerberosConfiguration"),
    ],
});

export const emrSecurityConfiguration = resourceRule({
    name: "aws-identity-authn-emr-security-configuration", cloud, controls, severity: "high", types: [T.emrSecurityConfiguration],
    description: "An EMR security configuration sets up Kerberos authentication (a cluster-dedicated or external KDC).",
    remediation: "In configuration set AuthenticationConfiguration.KerberosConfiguration {Provider: \"ClusterDedicatedKdc\", ClusterDedicatedKdcConfiguration: {TicketLifetimeInHours: 24}}.",
    check: r => {
        const config = parseJson(r.props.configuration);
        if (isUnknown(config)) return [{ property: "configuration", found: config, wanted: "a Kerberos configuration" }];
        return expect({ configuration: config ?? {} }, "configuration.AuthenticationConfiguration.KerberosConfiguration.Provider",
            v => v === "ClusterDedicatedKdc" || v === "ExternalKdc", "\"ClusterDedicatedKdc\" or \"ExternalKdc\"");
    },
});

export const redshiftCluster = resourceRule({
    name: "aws-identity-authn-redshift-cluster", cloud, controls, severity: "high", types: [T.redshiftCluster],
    description: "A Redshift cluster's admin password is generated and rotated by Secrets Manager; no password is written in the program or its state.",
    remediation: "Set manageMasterPassword true and remove masterPassword.",
    check: r => [
        ...expect(r.props, "manageMasterPassword", terraformReads.on, "true"),
        ...writtenSecret(r.props, "masterPassword", "unset (use manageMasterPassword)"),
    ],
});

/** RDS instances name the password `password`, Aurora clusters `masterPassword`. */
export const rdsDatabase = resourceRule({
    name: "aws-identity-authn-rds-database", cloud, controls, severity: "high", types: rdsDatabaseTypes,
    description: "An RDS instance's or Aurora cluster's admin password is generated and rotated by Secrets Manager; no password is written in the program or its state.",
    remediation: "Set manageMasterUserPassword true and remove password (instance) or masterPassword (cluster).",
    check: r => [
        ...expect(r.props, "manageMasterUserPassword", terraformReads.on, "true"),
        ...writtenSecret(r.props, T.rdsInstance.includes(r.type as never) ? "password" : "masterPassword", "unset (use manageMasterUserPassword)"),
    ],
});

/**
 * IMDSv2 (Config ec2-imdsv2-check, Security Hub EC2.8): with IMDSv1 any request the instance can be tricked
 * into making (SSRF) reads the role's credentials from 169.254.169.254, and whoever holds them acts as the
 * instance. "required" makes each metadata call authenticate with a session token; an endpoint turned off
 * ("disabled") serves nothing. Unset is the AMI's or account's default, which the program does not show.
 */
export const ec2Imdsv2 = resourceRule({
    name: "aws-identity-authn-ec2-imdsv2", cloud, controls, severity: "high", types: [T.ec2Instance, T.ec2LaunchTemplate, T.ec2LaunchConfiguration],
    description: "An EC2 instance, launch template or launch configuration requires IMDSv2 session tokens for the instance metadata service (metadataOptions.httpTokens \"required\"), or turns the service off.",
    remediation: "Set metadataOptions {httpTokens: \"required\"} (and httpPutResponseHopLimit 1 unless containers on the host need 2).",
    check: r => get(r.props, "metadataOptions.httpEndpoint") === "disabled" ? []
        : expect(r.props, "metadataOptions.httpTokens", v => v === "required", "\"required\" (IMDSv2 only)"),
});

/**
 * A credential in a container's environment is written in the task definition, which anyone with
 * ecs:DescribeTaskDefinition reads, and in the program's state: ECS's `secrets` (valueFrom a Secrets Manager
 * secret or SSM parameter) keeps it out of both (cdk-nag ECSTaskDefinitionNoEnvironmentVariables, Security
 * Hub ECS.8). The value is never shown, only the variable's name.
 */
export const ecsTaskDefinition = resourceRule({
    name: "aws-identity-authn-ecs-task-definition", cloud, controls, severity: "high", types: [T.ecsTaskDefinition],
    description: "No ECS container definition writes a credential (a password, secret, token or key, or a URL with a password) in its environment; credentials come from `secrets` (valueFrom).",
    remediation: "Move the variable to the container's secrets [{name, valueFrom: a Secrets Manager secret's or SSM parameter's ARN}] and give the execution role read access to it.",
    check: r => {
        const containers = containersOf(r);
        if (isUnknown(containers)) return [{ property: "containerDefinitions", found: containers, wanted: "no credential in environment" }];
        // Field names in any capitalisation, each spelling judged (support/containers.ts fieldValues).
        return containers.flatMap((c, i) => fieldValues(c, "environment").flatMap(list => asArray(list as unknown[])).flatMap((e, j) => {
            const names = fieldValues(e, "name"), values = fieldValues(e, "value");
            const why = names.flatMap(n => values.map(v => credentialIn(n, v))).find(w => w !== undefined)
                ?? values.map(v => credentialIn(undefined, v)).find(w => w !== undefined);
            return why ? [{ property: `containerDefinitions[${i}].environment[${j}]`, found: `${JSON.stringify(names[0])} = (value hidden)`,
                wanted: "the credential in secrets (valueFrom), not in environment", note: `Container ${JSON.stringify(fieldValues(c, "name")[0])}: ${why}.` }] : [];
        }));
    },
});

/**
 * IAM users and their access keys are long-lived credentials: people should sign in through the hospital's
 * identity provider (IAM Identity Center) and workloads use roles (Config iam-user-unused-credentials-check,
 * access-keys-rotated). Advisory: a break-glass user or a vendor's integration may need one; the finding
 * names it for a reviewer, and an exemption names why.
 */
export const iamUser = resourceRule({
    name: "aws-identity-authn-iam-user", cloud, controls, severity: "medium", enforcement: "advisory", types: [T.iamUser, T.iamAccessKey],
    description: "The program creates no IAM users or access keys (long-lived credentials); people sign in through an identity provider and workloads use roles.",
    remediation: "Use IAM Identity Center for people and IAM roles for workloads; if a user is unavoidable, exempt it naming the reason and its MFA and key rotation.",
    check: r => {
        const key = T.iamAccessKey.includes(r.type as never);
        const property = key ? "user" : "name";
        // Always a finding (the resource is the credential); its name is shown when known. Never unknown: what it is does not wait for deployment.
        const name = r.props[property];
        return [{ property, found: typeof name === "string" ? name : r.name, wanted: "no IAM user or access key (Identity Center for people, roles for workloads)",
            note: key ? "An access key never expires until someone rotates it, and its secret is in the stack's state." : undefined }];
    },
});

/** A Glue connection's PASSWORD written in connectionProperties is in the program and its state; SECRET_ID names a Secrets Manager secret instead. */
export const glueConnection = resourceRule({
    name: "aws-identity-authn-glue-connection", cloud, controls, severity: "high", types: [T.glueConnection],
    description: "A Glue connection takes its database credentials from Secrets Manager (SECRET_ID), never a PASSWORD written in the program or its state.",
    remediation: "Remove PASSWORD (and USERNAME) from connectionProperties and set SECRET_ID to a Secrets Manager secret's name.",
    check: r => {
        const props = r.props.connectionProperties;
        if (isUnknown(props)) return [{ property: "connectionProperties", found: props, wanted: "no PASSWORD" }];
        const keys = props && typeof props === "object" ? Object.keys(props).filter(k => k.toUpperCase() === "PASSWORD") : [];
        return keys.flatMap(k => writtenSecret(props as Record<string, unknown>, k, "unset (use SECRET_ID)").map(v => ({ ...v, property: `connectionProperties.${k}` })));
    },
});

export const rules: Rule[] = [glueConnection, ecsTaskDefinition, iamUser, ec2Imdsv2, emrCluster, emrSecurityConfiguration, redshiftCluster, rdsDatabase];
