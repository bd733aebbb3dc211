// The facts both sides stand on (facts/): each is checked against what it claims to be — the calendar,
// CloudWatch's accepted values, the providers' own type tokens — and both sides are checked to read it alike.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as awsFacts from "../../facts/aws";
import * as calendar from "../../facts/calendar";
import * as cloudsFacts from "../../facts/clouds";
import * as environmentsFacts from "../../facts/environments";
import * as retention from "../../facts/retention";
import * as statefulTypesFacts from "../../facts/stateful-types";
import * as tags from "../../facts/tags";
import { environments } from "../../facts/environments";
import { auditRetentionFloorDays, cloudWatchRetentionValues, defaultAuditRetentionDays, sixYearsOf365Days, sixYearsWithLeapDays } from "../../facts/retention";
import { awsStatefulTypes, azureClassicStatefulTypes, azureNativeStatefulTypes, gcpStatefulTypes, statefulTypes } from "../../facts/stateful-types";
import { validateHospitalConfig } from "../../components/config";
import { C } from "../../policies/azure/support/classic";
import { configSchema, defaultPackConfig } from "../../policies/lib/config";
import { dataStoreTypes } from "../../policies/lib/declared-exemption";
import { nonProductionEnvironment } from "../../policies/lib/environment";
import { preventTypes } from "../../policies/gcp/deletion-protection";

const dayMs = 86_400_000;

describe("facts/retention: six years, counted two ways", () => {
    it("six years of 365 days is the shortest six calendar years, and six years with leap days the longest, whatever the first day (a 400-year cycle)", () => {
        let shortest = Infinity, longest = 0;
        for (let t = Date.UTC(2001, 0, 1); t < Date.UTC(2401, 0, 1); t += dayMs) {
            const d = new Date(t);
            // 29 February six years on is 1 March (the last day of February would be one day shorter).
            const days = (Date.UTC(d.getUTCFullYear() + 6, d.getUTCMonth(), d.getUTCDate()) - t) / dayMs;
            shortest = Math.min(shortest, days);
            longest = Math.max(longest, days);
        }
        assert.deepEqual([shortest, longest], [sixYearsOf365Days, sixYearsWithLeapDays]);
        assert.deepEqual([sixYearsOf365Days, sixYearsWithLeapDays], [2190, 2192]);
    });

    it("defaults audit logs to a value CloudWatch Logs accepts, which the floor is not: why the two differ", () => {
        assert.ok(cloudWatchRetentionValues.includes(defaultAuditRetentionDays));
        assert.ok(!cloudWatchRetentionValues.includes(auditRetentionFloorDays));
        assert.ok(defaultAuditRetentionDays >= auditRetentionFloorDays);
    });

    it("gives the hospital config and the pack config the same floor and default", () => {
        assert.equal(defaultPackConfig().minimumRetentionDays, auditRetentionFloorDays);
        const base = { tenant: "stmary", cloud: "azure", region: "eastus", admins: ["00000000-0000-4000-8000-000000000001"] };
        assert.equal(validateHospitalConfig(base).retention.auditDays, defaultAuditRetentionDays);
        assert.doesNotThrow(() => validateHospitalConfig({ ...base, retention: { auditDays: auditRetentionFloorDays } }));
        assert.throws(() => validateHospitalConfig({ ...base, retention: { auditDays: auditRetentionFloorDays - 1 } }), /hospital:retention\.auditDays: got 2189; expected at least 2190/);
    });
});

describe("facts/environments: one list for the hospital config and the pack config", () => {
    const base = { tenant: "stmary", cloud: "aws", region: "us-east-1", admins: ["arn:aws:iam::123456789012:role/admin"] };
    const hospitalAccepts = (environment: unknown) => { try { validateHospitalConfig({ ...base, environment }); return true; } catch { return false; } };

    it("is what the pack config's schema lists, and each is accepted by the hospital config", () => {
        assert.deepEqual(configSchema.properties.environment.enum, [...environments]);
        assert.deepEqual(environments.filter(hospitalAccepts), [...environments]);
    });

    it("accepts no other value on either side, and none of them relaxes deletion protection", () => {
        for (const environment of ["production", "PROD", "Dev", "test", "toString", "constructor", "__proto__", "", 0, null, ["dev"], { toString: () => "dev" }]) {
            assert.equal(hospitalAccepts(environment), false, String(environment));
            assert.ok(!(configSchema.properties.environment.enum as readonly unknown[]).includes(environment), String(environment));
            assert.equal(nonProductionEnvironment({ environment: environment as never }), undefined, String(environment));
        }
    });
});

/** The file of a provider class that declares a type token (its `__pulumiType`, or an alias of it). */
function providerFile(token: string): string {
    const [provider, module, name] = token.split(":");
    const root = path.dirname(require.resolve(`@pulumi/${provider}/package.json`));
    if (provider === "azure-native") {
        // azure-native 2's documentdb module is an alias of azure-native 3's cosmosdb.
        const folder = module === "documentdb" ? "cosmosdb" : module;
        return path.join(root, folder, `${name[0].toLowerCase()}${name.slice(1)}.js`);
    }
    return path.join(root, `${module}.js`);
}

describe("facts/stateful-types", () => {
    it("names only types the providers declare (read from each class's file)", () => {
        for (const token of [...awsStatefulTypes, ...azureNativeStatefulTypes, ...gcpStatefulTypes]) {
            const file = providerFile(token);
            assert.ok(fs.existsSync(file), `${token}: no ${file}`);
            assert.ok(fs.readFileSync(file, "utf8").includes(`'${token}'`) || fs.readFileSync(file, "utf8").includes(`"${token}"`), `${token} not in ${file}`);
        }
        // @pulumi/azure is not a dependency: its tokens are the ones the pack's classic rules judge (policies/azure/support/classic.ts).
        for (const token of azureClassicStatefulTypes) assert.ok((Object.values(C) as string[]).includes(token), token);
    });

    it("holds every type Google Cloud's deletionPolicy rule guards, and no declared exemption holds on any of them", () => {
        for (const t of preventTypes) assert.ok(gcpStatefulTypes.includes(t), t);
        for (const t of Object.values(statefulTypes).flat()) assert.ok(dataStoreTypes.has(t), t);
    });
});

describe("facts/ as a whole", () => {
    it("is frozen all the way down: a module sharing the process (a test, the in-process check) cannot widen a fact for the policies", () => {
        const folder = path.join(__dirname, "..", "..", "facts");
        const open: string[] = [];
        const walk = (where: string, v: unknown) => {
            if (v === null || typeof v !== "object") return;
            if (!Object.isFrozen(v)) open.push(where);
            for (const [k, inner] of Object.entries(v)) walk(`${where}.${k}`, inner);
        };
        const modules: Record<string, object> = {
            "aws.ts": awsFacts, "calendar.ts": calendar, "clouds.ts": cloudsFacts, "environments.ts": environmentsFacts,
            "retention.ts": retention, "stateful-types.ts": statefulTypesFacts, "tags.ts": tags,
        };
        // A new file of facts/ is read here too: add it to the list above.
        assert.deepEqual(fs.readdirSync(folder).filter(f => f.endsWith(".ts")).sort(), Object.keys(modules).sort());
        for (const [file, exported] of Object.entries(modules)) {
            for (const [name, value] of Object.entries(exported)) walk(`${file} ${name}`, value);
        }
        assert.deepEqual(open, []);
        assert.throws(() => (cloudWatchRetentionValues as number[]).push(auditRetentionFloorDays), TypeError);
        assert.ok(!cloudWatchRetentionValues.includes(auditRetentionFloorDays));
    });
});
