// Every table of the engine emulation (checker/emulation/table.ts), and the one for a package.
import { aws } from "./aws";
import { awsx } from "./awsx";
import { azure } from "./azure";
import { gcp } from "./gcp";
import { kubernetes } from "./kubernetes";
import { pulumi } from "./pulumi";
import type { EmulationTable } from "./table";

export const tables: readonly EmulationTable[] = [aws, awsx, azure, gcp, kubernetes, pulumi];

const byPackage = new Map(tables.flatMap(t => t.packages.map(p => [p, t] as const)));

/** The table of a type or invoke token's package, if any. */
export function tableOf(token: string): EmulationTable | undefined {
    return byPackage.get(token.split(":")[0]);
}
