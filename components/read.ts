// Reading the hospital config of the running Pulumi program.
import * as pulumi from "@pulumi/pulumi";
import { HospitalConfig, rawConfigFromPulumi, validateHospitalConfig } from "./config";

/** Reads and validates every `hospital:*` key of the current stack; throws HospitalConfigError. */
export function readHospitalConfig(): HospitalConfig {
    const stack = pulumi.getStack();
    return validateHospitalConfig(rawConfigFromPulumi(pulumi.runtime.allConfig()), `stack ${stack}: hospital config`);
}
