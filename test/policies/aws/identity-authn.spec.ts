import assert from "node:assert/strict";
import { emrCluster, emrSecurityConfiguration, redshiftCluster } from "../../../policies/aws/identity-authn";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run } from "./fixtures";

describe("aws IDENTITY-AUTHN", () => {
    it("aws-identity-authn-emr-cluster: passes Kerberos attributes and reports their absence", () => {
        const TYPE = "aws:emr/cluster:Cluster";
        assert.deepEqual(run(emrCluster, res(TYPE, "c", { securityConfiguration: "sc", kerberosAttributes: { realm: "EC2.INTERNAL", kdcAdminPassword: UNKNOWN } })).filter(f => !f.unknown), []);
        const findings = run(emrCluster, res(TYPE, "c", {}));
        assert.equal(findings.length, 3);
        // Issue 14: Kerberos is set up in the security configuration; a cluster without one has none.
        assert.match(findings[2].message, /securityConfiguration is unset/);
        assert.deepEqual(findings[0].controls, ["IDENTITY-AUTHN"]);
        assert.match(findings[0].message, /kerberosAttributes\.realm is unset/);
    });

    it("aws-identity-authn-emr-security-configuration: requires a KDC provider", () => {
        const TYPE = "aws:emr/securityConfiguration:SecurityConfiguration";
        const kerberos = { AuthenticationConfiguration: { KerberosConfiguration: { Provider: "ClusterDedicatedKdc", ClusterDedicatedKdcConfiguration: { TicketLifetimeInHours: 24 } } } };
        assert.deepEqual(run(emrSecurityConfiguration, res(TYPE, "sc", { configuration: JSON.stringify(kerberos) })), []);
        assert.match(run(emrSecurityConfiguration, res(TYPE, "sc", { configuration: "{}" }))[0].message, /KerberosConfiguration\.Provider is unset/);
    });

    it("aws-identity-authn-redshift-cluster: a managed master password and no password in the program", () => {
        const TYPE = "aws:redshift/cluster:Cluster";
        assert.deepEqual(run(redshiftCluster, res(TYPE, "w", { manageMasterPassword: true })), []);
        const findings = run(redshiftCluster, res(TYPE, "w", { masterPassword: "Sup3rSecret!" }));
        assert.equal(findings.length, 2);
        assert.match(findings[1].message, /masterPassword is "a password \(value hidden\)"/);
        assert.ok(findings.every(f => !f.message.includes("Sup3rSecret")), "the password itself never reaches a report");
    });
});
