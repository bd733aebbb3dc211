export * from "./config";
export * from "./naming";
export * from "./platform";
export { readHospitalConfig } from "./read";
export { cloudRegions, serviceRegions, regionsOffering } from "./regions";
