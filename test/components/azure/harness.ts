// Shared set-up for the Azure component tests: the stack file's config, a recorded platform, and the
// network/audit/keys every service component needs.
import * as path from "node:path";
import { rawConfigFromPulumi, validateHospitalConfig, HospitalConfig } from "../../../components/config";
import { HospitalPlatform } from "../../../components/platform";
import { Audit } from "../../../components/azure/audit";
import { Keys } from "../../../components/azure/keys";
import { Network } from "../../../components/azure/network";
import { readStackFile } from "../../../checker/project";
import { record, Recorded } from "../../support/record";

export const exampleStack = "stlukes-azure";

/** The example stack file's config, flat (`namespace:key` → string, structured values as JSON), as Pulumi holds it. */
export function stackConfig(stack = exampleStack): Record<string, string> {
    return readStackFile(path.join(__dirname, "../../../stacks", `Pulumi.${stack}.yaml`), "hospital").values;
}

/** The example stack's hospital config, validated, with `changes` merged over it. */
export function hospitalConfig(changes: Partial<HospitalConfig> = {}): HospitalConfig {
    return validateHospitalConfig({ ...rawConfigFromPulumi(stackConfig()), ...changes });
}

/** Records a whole hospital platform, as stacks/program.ts builds it. */
export function recordPlatform(config: HospitalConfig): Promise<Recorded> {
    return record(() => { new HospitalPlatform(config.tenant, { config }); },
        { stack: exampleStack, config: { ...stackConfig(), "azure-native:location": config.region } });
}

export const scope = { tenant: "stlukes", resourceGroupName: "stlukes-rg", location: "eastus2" };

/** The network, audit log and keys a service component is built on. */
export function foundation(consumers: string[], environment: "prod" | "dev" = "prod") {
    const args = { ...scope, environment };
    const network = new Network("net", args);
    const audit = new Audit("audit", { ...args, network });
    const keys = new Keys("keys", { ...args, network, audit, consumers });
    return { args, network, audit, keys };
}

/** Records a component built on the foundation. */
export function recordWith(build: (f: ReturnType<typeof foundation>) => void, consumers: string[],
    environment: "prod" | "dev" = "prod"): Promise<Recorded> {
    return record(() => build(foundation(consumers, environment)), { config: { "azure-native:location": "eastus2" } });
}
