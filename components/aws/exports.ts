// The AWS components one by one, for a team that takes one (the encrypted storage, the imaging service) into a
// landing zone of its own: `import { ... } from "hipaa-cloud/aws"` (package.json exports). One line per component file.
export * from "./analysis";
export * from "./audit";
export * from "./imaging";
export * from "./keys";
export * from "./network";
export * from "./processing";
export * from "./research-share";
export * from "./storage";
export * from "./warehouse";
export * from "./deprecated";
