import assert from "node:assert/strict";
import { emrCluster, emrSecurityConfiguration, redshiftCluster } from "../../../policies/aws/identity-authn";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource } from "../../support/policies";

describe("aws IDENTITY-AUTHN", () => {
    it("aws-identity-authn-emr-cluster: passes Kerberos attributes and reports their absence", () => {
        const TYPE = "aws:emr/cluster:Cluster";
        assert.deepEqual(findingsOf(emrCluster, resource(TYPE, { securityConfiguration: "sc", kerberosAttributes: { realm: "EC2.INTERNAL", kdcAdminPassword: UNKNOWN } }, { name: "c" })).filter(f => !f.unknown), []);
        const findings = findingsOf(emrCluster, resource(TYPE, {}, { name: "c" }));
        assert.equal(findings.length, 3);
        // Issue 14: Kerberos is set up in the security configuration; a cluster without one has none.
        assert.match(findings[2].message, /securityConfiguration is unset/);
        assert.deepEqual(findings[0].controls, ["IDENTITY-AUTHN"]);
        assert.match(findings[0].message, /kerberosAttributes\.realm is unset/);
    });

    it("aws-identity-authn-emr-security-configuration: requires a KDC provider", () => {
        const TYPE = "aws:emr/securityConfiguration:SecurityConfiguration";
        const kerberos = { AuthenticationConfiguration: { KerberosConfiguration: { Provider: "ClusterDedicatedKdc", ClusterDedicatedKdcConfiguration: { TicketLifetimeInHours: 24 } } } };
        assert.deepEqual(findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration: JSON.stringify(kerberos) }, { name: "sc" })), []);
        assert.match(findingsOf(emrSecurityConfiguration, resource(TYPE, { configuration: "{}" }, { name: "sc" }))[0].message, /KerberosConfiguration\.Provider is unset/);
    });

    it("aws-identity-authn-redshift-cluster: a managed master password and no password in the program", () => {
        const TYPE = "aws:redshift/cluster:Cluster";
        assert.deepEqual(findingsOf(redshiftCluster, resource(TYPE, { manageMasterPassword: true }, { name: "w" })), []);
        const findings = findingsOf(redshiftCluster, resource(TYPE, { masterPassword: "Sup3rSecret!" }, { name: "w" }));
        assert.equal(findings.length, 2);
        assert.match(findings[1].message, /masterPassword is "a password \(value hidden\)"/);
        assert.ok(findings.every(f => !f.message.includes("Sup3rSecret")), "the password itself never reaches a report");
    });
});
