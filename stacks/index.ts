// The Pulumi program: one hospital per stack. Validate the whole config first (every problem at
// once, before any resource is registered), then compose the platform and export its outputs.
import { HospitalPlatform } from "../components/platform";
import { readHospitalConfig } from "../components/read";

const config = readHospitalConfig();
const platform = new HospitalPlatform(config.tenant, { config });

export const cloud = config.cloud;
export const region = config.region;
export const keyId = platform.outputs.keyId;
export const networkId = platform.outputs.networkId;
export const auditLog = platform.outputs.auditLog;
export const storage = platform.outputs.storage;
export const processing = platform.outputs.processing;
export const warehouse = platform.outputs.warehouse;
export const imaging = platform.outputs.imaging;
