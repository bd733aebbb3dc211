// Reading the hospital config of the running Pulumi program.
import * as pulumi from "@pulumi/pulumi";
import * as runtimeConfig from "@pulumi/pulumi/runtime/config";
import { HospitalConfig, rawConfigFromPulumi, validateHospitalConfig } from "./config";

/**
 * Reads and validates every `hospital:*` key of the current stack, with the providers' region keys
 * and which keys are secrets; throws HospitalConfigError.
 */
export function readHospitalConfig(): HospitalConfig {
    const stack = pulumi.getStack();
    const all = pulumi.runtime.allConfig();
    return validateHospitalConfig(rawConfigFromPulumi(all), `stack ${stack}: hospital config`, {
        secretKeys: Object.keys(all).filter(isSecret),
        providerConfig: all,
    });
}

// The SDK marks secret config keys (PULUMI_CONFIG_SECRET_KEYS) but exports the test only internally.
const isConfigSecret = (runtimeConfig as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;

function isSecret(key: string): boolean {
    if (typeof isConfigSecret !== "function") throw new Error("@pulumi/pulumi no longer has runtime/config isConfigSecret: hipaa-cloud cannot tell which config keys are secrets");
    return isConfigSecret(key);
}
