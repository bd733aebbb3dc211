// Issue 17, measured: per cloud a program that shares PHI with a research partner by mistake (a grant onto
// the PHI store, a grant to everyone or a public listing, a write grant, a grant without an end), checked
// end to end by the command with the whole pack. Each mistake must be a mandatory finding of the right control.
import assert from "node:assert/strict";
import * as path from "node:path";
import { todayVariable } from "../../policies/lib/config";
import { fixtures, spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

/** Per cloud: [policy, resource, control] of each finding the mistakes must produce. */
const expected: Record<string, [string, string, string][]> = {
    aws: [
        ["aws-share-deidentified-lakeformation-permissions", "grant-onto-phi", "SHARE-DEIDENTIFIED"],
        ["aws-public-access-lakeformation-permissions", "grant-to-everyone", "PUBLIC-ACCESS"],
        ["aws-least-privilege-lakeformation-permissions", "write-grant", "LEAST-PRIVILEGE"],
        // No hipaa-cloud:share-expires:<account> tag on the database it shares: a grant without an end.
        ["aws-share-deidentified-lakeformation-permissions", "write-grant", "SHARE-DEIDENTIFIED"],
    ],
    azure: [
        ["azure-share-deidentified-storage-role-assignment", "grant-onto-phi", "SHARE-DEIDENTIFIED"],
        ["azure-least-privilege-storage-role-assignment", "write-grant", "LEAST-PRIVILEGE"],
        ["azure-share-deidentified-storage-role-assignment", "grant-without-end", "SHARE-DEIDENTIFIED"],
    ],
    gcp: [
        ["gcp-share-deidentified-analytics-hub", "public-listing-of-phi", "SHARE-DEIDENTIFIED"],
        ["gcp-public-access-analytics-hub", "public-listing-of-phi", "PUBLIC-ACCESS"],
        ["gcp-public-access-analytics-hub", "exchange", "PUBLIC-ACCESS"],
        ["gcp-public-access-analytics-hub", "grant-to-everyone", "PUBLIC-ACCESS"],
        ["gcp-least-privilege-analytics-hub", "write-grant", "LEAST-PRIVILEGE"],
        ["gcp-share-deidentified-analytics-hub", "grant-without-end", "SHARE-DEIDENTIFIED"],
        ["gcp-audit-log-analytics-hub", "public-listing-of-phi", "AUDIT-LOG"],
    ],
};

describe("a program that shares PHI with a research partner by mistake (issue 17)", function () {
    this.timeout(spawnTimeout);
    const reports: Record<string, any> = {};
    const codes: Record<string, number | null> = {};
    before(async () => {
        // Judged on a fixed day, so that no end date here passes with the calendar.
        process.env[todayVariable] = "2026-06-15";
        try {
            await Promise.all(Object.keys(expected).map(async cloud => {
                const result = await checkInProcess(["check", "--program", path.join(fixtures, `program-share-phi-${cloud}`), "--format", "json", "--judging-day", "2026-06-15"]);
                codes[cloud] = result.code;
                reports[cloud] = JSON.parse(result.stdout);
            }));
        } finally {
            delete process.env[todayVariable];
        }
    });

    for (const [cloud, findings] of Object.entries(expected)) {
        it(`on ${cloud}, fails with a mandatory finding of the right control for each mistake`, () => {
            assert.equal(codes[cloud], 1);
            const got = reports[cloud].findings.filter((f: any) => f.enforcement === "mandatory" && !f.exempted && !f.unknown)
                .map((f: any) => `${f.policy} ${f.name} ${f.controls.join(",")}`);
            for (const [policy, name, control] of findings) assert.ok(got.includes(`${policy} ${name} ${control}`), `${policy} on ${name}; got:\n${got.join("\n")}`);
        });
    }
});
