// The plan of the AWS Network, from its arguments alone (components/aws/network-plan.ts): no mock runtime,
// no resource registered.
import assert from "node:assert/strict";
import { interfaceEndpointPolicy, interfaceEndpointsProblem, networkPlan, s3EndpointPolicy } from "../../../components/aws/network-plan";

describe("components/aws/network-plan", () => {
    it("cuts two private subnets from the start of the address space, named in address order", () => {
        assert.deepEqual(networkPlan({ tenant: "stmary" }).subnets, [
            { name: "private-1", cidrBlock: "10.40.0.0/18" },
            { name: "private-2", cidrBlock: "10.40.64.0/18" },
        ]);
        assert.deepEqual(networkPlan({ tenant: "stmary", cidr: "10.60.0.0/20" }).subnets.map(s => s.cidrBlock), ["10.60.0.0/22", "10.60.4.0/22"]);
    });

    it("opens the default interface endpoints, or exactly those asked for, and names the flow-log group after the tenant", () => {
        const plan = networkPlan({ tenant: "stmary" });
        assert.ok(["kms", "logs", "sts", "secretsmanager", "medical-imaging"].every(s => plan.interfaceEndpoints.includes(s)));
        assert.deepEqual(networkPlan({ tenant: "stmary", interfaceEndpoints: ["kms"] }).interfaceEndpoints, ["kms"]);
        assert.equal(plan.flowLogGroupName, "/hipaa-cloud/stmary/vpc-flow-logs");
    });

    it("refuses interface endpoints that are not service suffixes, or that repeat (one resource name each)", () => {
        assert.equal(interfaceEndpointsProblem(["kms", "runtime-medical-imaging"]), undefined);
        assert.match(interfaceEndpointsProblem(["kms", "../s3", "KMS", 5]) ?? "", /'interfaceEndpoints'.*"\.\.\/s3", "KMS", 5/);
        assert.match(interfaceEndpointsProblem(["kms", "sts", "kms"]) ?? "", /'interfaceEndpoints' names "kms" twice/);
    });

    it("admits only this account's principals through every endpoint (NETWORK-PRIVATE)", () => {
        const condition = { StringEquals: { "aws:PrincipalAccount": "123456789012" } };
        assert.deepEqual((interfaceEndpointPolicy("123456789012") as any).Statement, [{ Sid: "ThisAccountsPrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: condition }]);
        const [own, repos] = (s3EndpointPolicy("aws", "eu-central-1", "123456789012") as any).Statement;
        assert.deepEqual(own.Condition, condition);
        // The package repositories: read-only, and only the region's.
        assert.equal(repos.Action, "s3:GetObject");
        assert.ok(repos.Resource.every((r: string) => r.startsWith("arn:aws:s3:::") && r.includes("eu-central-1") && r.endsWith("/*")));
    });
});
