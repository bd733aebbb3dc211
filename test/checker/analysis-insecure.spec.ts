// Issue 16: one hand-written program per cloud that uses image analysis the insecure way (a public
// account or bucket, key authentication, no private endpoint, no audit, no AI data-use safeguard), as a
// hospital might write it outside the platform. The check must refuse each, naming the control of every
// insecure choice on the resource that made it.
import assert from "node:assert/strict";
import * as path from "node:path";
import { fixtures, spawnTimeout } from "./helpers";
import { checkInProcess } from "./in-process";

interface Finding { policy: string; controls: string[]; name: string | null; enforcement: string; exempted: boolean; unknown: boolean }

/** policy → the resources it found against (not exempted, not merely unknown). */
function byPolicy(findings: Finding[]): Map<string, { names: (string | null)[]; controls: string[]; enforcement: string }> {
    const out = new Map<string, { names: (string | null)[]; controls: string[]; enforcement: string }>();
    for (const f of findings.filter(x => !x.exempted && !x.unknown)) {
        const entry = out.get(f.policy) ?? { names: [], controls: f.controls, enforcement: f.enforcement };
        entry.names.push(f.name);
        out.set(f.policy, entry);
    }
    return out;
}

const expected: Record<string, [policy: string, control: string, resource: string, enforcement: string][]> = {
    aws: [
        ["aws-network-private-rekognition-endpoint", "NETWORK-PRIVATE", "analysis", "mandatory"],
        ["aws-least-privilege-rekognition-workload", "LEAST-PRIVILEGE", "analysis", "mandatory"],
        ["aws-ai-data-use-opt-out", "AI-DATA-USE", "analysis", "advisory"],
        ["aws-public-access-s3-bucket-policy", "PUBLIC-ACCESS", "images", "mandatory"],
        ["aws-enc-rest-cmk-s3-bucket", "ENC-REST-CMK", "images", "mandatory"],
    ],
    azure: [
        ["azure-public-access-cognitive-account", "PUBLIC-ACCESS", "vision", "mandatory"],
        ["azure-identity-authn-cognitive-account", "IDENTITY-AUTHN", "vision", "mandatory"],
        ["azure-enc-rest-cmk-cognitive-account", "ENC-REST-CMK", "vision", "mandatory"],
        ["azure-network-private-cognitive-account-endpoint", "NETWORK-PRIVATE", "vision", "mandatory"],
        ["azure-audit-log-phi-resource", "AUDIT-LOG", "vision", "mandatory"],
        ["azure-ai-data-use-cognitive-account", "AI-DATA-USE", "vision", "mandatory"],
    ],
    gcp: [
        ["gcp-ai-data-use-project-service", "AI-DATA-USE", "gemini", "mandatory"],
        ["gcp-audit-log-ai-services", "AUDIT-LOG", "vision", "mandatory"],
        ["gcp-audit-log-ai-services", "AUDIT-LOG", "gemini", "mandatory"],
        ["gcp-network-private-ai-perimeter", "NETWORK-PRIVATE", "perimeter", "mandatory"],
        ["gcp-enc-rest-cmk-storage-bucket", "ENC-REST-CMK", "results", "mandatory"],
        ["gcp-public-access-iam-member", "PUBLIC-ACCESS", "results-public", "mandatory"],
        ["gcp-least-privilege-service-account-key", "LEAST-PRIVILEGE", "analysis-key", "mandatory"],
        ["gcp-identity-authn-api-key", "IDENTITY-AUTHN", "vision-key", "mandatory"],
    ],
};

describe("hand-written insecure image analysis, one program per cloud (issue 16)", function () {
    this.timeout(spawnTimeout);
    const reports = new Map<string, { code: number | null; report: any; stderr: string }>();
    before(async () => {
        await Promise.all(Object.keys(expected).map(async cloud => {
            const r = await checkInProcess(["check", "--program", path.join(fixtures, `program-analysis-insecure-${cloud}`), "--format", "json"]);
            reports.set(cloud, { code: r.code, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr });
        }));
    });

    for (const [cloud, wanted] of Object.entries(expected)) {
        describe(cloud, () => {
            it("fails the check (exit 1) with mandatory findings", () => {
                const { code, report, stderr } = reports.get(cloud)!;
                assert.equal(code, 1, stderr);
                assert.ok(report.summary.mandatory > 0);
            });
            for (const [policy, control, resource, enforcement] of wanted) {
                it(`${policy}: ${control} on "${resource}" (${enforcement})`, () => {
                    const found = byPolicy(reports.get(cloud)!.report.findings).get(policy);
                    assert.ok(found, `${policy} found nothing`);
                    assert.deepEqual(found.controls, [control]);
                    assert.ok(found.names.includes(resource), `${policy} names ${JSON.stringify(found.names)}`);
                    assert.equal(found.enforcement, enforcement);
                });
            }
            it("judges every image-analysis resource it declares (the account, the APIs, the policy, the endpoint)", () => {
                const notJudged = reports.get(cloud)!.report.coverage.notJudgedResources.map((n: any) => n.type);
                for (const type of ["azure-native:cognitiveservices:Account", "gcp:projects/service:Service", "aws:iam/policy:Policy", "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter", "gcp:projects/apiKey:ApiKey"]) {
                    assert.ok(!notJudged.includes(type), `${type} is not judged`);
                }
            });
        });
    }
});
