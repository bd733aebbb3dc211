// Generated hospital stacks for the fleet tests and the fleet measurement (bench): a Pulumi project in a
// temporary folder whose program is this package's stacks/index.ts and whose stack files are hospitals
// across the three clouds; every `devEvery`-th is a dev stack without the policy config that says so
// (its DELETION-PROTECTION findings fail it), and `broken` names stacks whose config is refused (error).
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../checker/helpers";

const root = path.resolve(__dirname, "../..");

const clouds = [
    { cloud: "aws", region: "us-east-1", provider: "aws:region", admin: "arn:aws:iam::123456789012:role/phi-platform-admin" },
    { cloud: "azure", region: "eastus2", provider: "azure-native:location", admin: "3f2504e0-4f89-41d3-9a0c-0305e82c3301" },
    { cloud: "gcp", region: "us-central1", provider: "gcp:region", admin: "group:phi-platform-admins@example.org" },
] as const;

export interface FleetOptions { count: number; devEvery?: number; broken?: number[] }

/** Writes the project and returns its folder; stack names are h000, h001, ... */
export function writeFleet(options: FleetOptions): { dir: string; stacks: string[] } {
    const dir = tempDir("fleet");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: hospital\nruntime: nodejs\nmain: ${JSON.stringify(path.join(root, "stacks/index.ts"))}\n`);
    const stacks: string[] = [];
    for (let i = 0; i < options.count; i++) {
        const name = `h${String(i).padStart(3, "0")}`;
        const c = clouds[i % 3];
        const dev = options.devEvery !== undefined && i % options.devEvery === options.devEvery - 1;
        const lines = ["config:", `  ${c.provider}: ${c.region}`, `  hospital:tenant: ${name}`, `  hospital:cloud: ${options.broken?.includes(i) ? "mars" : c.cloud}`,
            `  hospital:region: ${c.region}`, `  hospital:environment: ${dev ? "dev" : "prod"}`, "  hospital:admins:", `    - ${JSON.stringify(c.admin)}`];
        if (c.cloud === "gcp") lines.push(`  gcp:project: ${name}-phi`, "  hospital:gcp:", `    project: ${name}-phi`);
        if (i % 2) lines.push("  hospital:services: [storage, warehouse]");
        fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), lines.join("\n") + "\n");
        stacks.push(name);
    }
    return { dir, stacks };
}

if (require.main === module) process.stdout.write(writeFleet({ count: Number(process.argv[2] ?? 100), devEvery: 7, broken: [] }).dir + "\n");
