// The aws platform: composes the aws components from a validated hospital config.
import type * as pulumi from "@pulumi/pulumi";
import type { HospitalConfig } from "../config";
import type { PlatformOutputs } from "../platform";

export function buildPlatform(_parent: pulumi.ComponentResource, config: HospitalConfig): PlatformOutputs {
    throw new Error(`hospital:cloud ${config.cloud}: the aws platform is not built yet`);
}
