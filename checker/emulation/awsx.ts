// awsx's answers under the checker's mocks. awsx 2's VPC is a remote component (its children live in the
// awsx plugin, which the checker does not run): its outputs stand in for them.
import type { EmulationTable } from "./table";

const subnets = (kind: string, n = 3) => Array.from({ length: n }, (_, i) => `subnet-${kind}${i}`);

export const awsx: EmulationTable = {
    packages: ["awsx"],
    invokes: {},
    outputs: {
        "awsx:ec2:Vpc": () => ({ vpcId: "vpc-awsx", privateSubnetIds: subnets("private"), publicSubnetIds: subnets("public"), isolatedSubnetIds: [], subnets: [], natGateways: [], routeTables: [] }),
        "awsx:ec2:DefaultVpc": () => ({ vpcId: "vpc-default", privateSubnetIds: subnets("private"), publicSubnetIds: subnets("public"), isolatedSubnetIds: [] }),
    },
};
