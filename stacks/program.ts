// The hospital program as a function, so that tests and the checker can run it once per stack in one
// process (a module's top level runs only once). Validates the whole config first (every problem at
// once, before any resource is registered), then composes the platform and returns its outputs.
import { HospitalPlatform } from "../components/platform";
import { readHospitalConfig } from "../components/read";

export function hospitalProgram(): Record<string, unknown> {
    const config = readHospitalConfig();
    const platform = new HospitalPlatform(config.tenant, { config });
    // A service that is off has no output; leave it out rather than export `undefined`.
    const outputs = Object.entries(platform.outputs).filter(([, value]) => value !== undefined);
    return { cloud: config.cloud, region: config.region, ...Object.fromEntries(outputs) };
}
