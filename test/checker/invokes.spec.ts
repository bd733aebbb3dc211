// Invoke answers: plausible values of the shape programs index into, and an unknown invoke answered
// with its result's fields unknown (empty when its SDK does not declare them), noted for the report.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unknownSentinel } from "../../checker/invoke-results";
import { answerInvoke } from "../../checker/invokes";
import { defaultIdentity, Recorder } from "../../checker/mocks";

const config = { "aws:region": "eu-west-1", "gcp:project": "records-project" };
const ask = (token: string, inputs: Record<string, unknown> = {}, recorder = new Recorder("hospital", "test")) =>
    answerInvoke(token, inputs, config, defaultIdentity, recorder) as any;

describe("checker invokes", () => {
    it("answers the default VPC lookup and its subnets with ids programs can slice and index", () => {
        assert.match(ask("aws:ec2/getVpc:getVpc", { default: true }).id, /^vpc-/);
        const subnets = ask("aws:ec2/getSubnets:getSubnets").ids;
        assert.ok(subnets.length >= 2 && subnets.every((s: string) => s.startsWith("subnet-")));
    });

    it("answers the organization lookup with a root, as programs read roots[0].id", () => {
        assert.match(ask("aws:organizations/getOrganization:getOrganization").roots[0].id, /^r-/);
    });

    it("answers the ECS recommended-AMI parameter with a JSON document and an image_id parameter with an AMI id", () => {
        assert.match(JSON.parse(ask("aws:ssm/getParameter:getParameter", { name: "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended" }).value).image_id, /^ami-/);
        assert.match(ask("aws:ssm/getParameter:getParameter", { name: "/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/image_id" }).value, /^ami-/);
    });

    it("answers AKS credentials with a base64 kubeconfig, also for a versioned module's token", () => {
        for (const token of ["azure-native:containerservice:listManagedClusterUserCredentials", "azure-native:containerservice/v20190601:listManagedClusterUserCredentials"]) {
            const text = Buffer.from(ask(token).kubeconfigs[0].value, "base64").toString();
            assert.match(text, /^apiVersion: v1\nkind: Config/);
        }
    });

    it("decodes a Kubernetes YAML invoke's text into its objects", () => {
        const result = ask("kubernetes:yaml:decode", { text: "kind: Namespace\nmetadata: {name: a}\n---\nkind: Service\nmetadata: {name: b}\n" }).result;
        assert.deepEqual(result.map((o: any) => o.kind), ["Namespace", "Service"]);
    });

    it("answers GKE engine versions from the config's project and lists of versions", () => {
        const v = ask("gcp:container/getEngineVersions:getEngineVersions");
        assert.equal(v.project, "records-project");
        assert.ok(v.validMasterVersions.includes(v.latestMasterVersion));
    });

    it("answers an unknown invoke with each field of its SDK-declared result unknown, and notes its token", () => {
        const recorder = new Recorder("hospital", "test");
        const answer = ask("aws:ec2/getInstance:getInstance", {}, recorder);
        assert.equal(answer.associatePublicIpAddress, unknownSentinel);
        assert.equal(answer.publicIp, unknownSentinel);
        assert.ok(Object.values(answer).every(v => v === unknownSentinel), JSON.stringify(answer));
        assert.deepEqual([...recorder.unknownInvokes], ["aws:ec2/getInstance:getInstance"]);
    });

    it("finds the declarations of a package's root module, an azure-native module and a gcp one", () => {
        assert.equal(ask("aws:index/getArn:getArn").service, unknownSentinel);
        assert.equal(ask("azure-native:storage:getStorageAccount").allowBlobPublicAccess, unknownSentinel);
        assert.equal(ask("gcp:compute/getSubnetwork:getSubnetwork").ipCidrRange, unknownSentinel);
        // Only the result's fields: the function's arguments (declared in the same file) are not among them.
        assert.ok(!("resourceGroupName" in ask("azure-native:storage:getStorageAccount")));
    });

    it("reads the declarations of the SDK the program's folder resolves, before the checker's", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "invokes-sdk-"));
        const pkg = path.join(dir, "node_modules/@pulumi/acme");
        fs.mkdirSync(path.join(pkg, "records"), { recursive: true });
        fs.writeFileSync(path.join(pkg, "package.json"), JSON.stringify({ name: "@pulumi/acme", version: "1.0.0" }));
        fs.writeFileSync(path.join(pkg, "records/getArchive.d.ts"),
            "export declare function getArchive(args: GetArchiveArgs): Promise<GetArchiveResult>;\nexport interface GetArchiveArgs {\n    name: string;\n}\n" +
            "export interface GetArchiveResult {\n    /**\n     * Open to the world.\n     */\n    readonly publicRead: boolean;\n    readonly tags?: {\n        [key: string]: string;\n    };\n}\n");
        const token = "acme:records/getArchive:getArchive";
        assert.deepEqual(answerInvoke(token, {}, config, defaultIdentity, new Recorder("hospital", "test"), dir), { publicRead: unknownSentinel, tags: unknownSentinel });
        // Without the program's folder only the checker's SDKs are looked at, and none is @pulumi/acme.
        assert.deepEqual(ask(token), {});
    });

    it("answers empty, and still notes the token, when no declaration is found or the token is not a module path", () => {
        for (const token of ["aws:ec2/getNothingAtAll:getNothingAtAll", "acme:index/getThing:getThing", "azure-native:storage/v20000101:getStorageAccount",
            "aws:../../etc/passwd:getX", "aws:ec2/getInstance"]) {
            const recorder = new Recorder("hospital", "test");
            assert.deepEqual(ask(token, {}, recorder), {}, token);
            assert.deepEqual([...recorder.unknownInvokes], [token]);
        }
    });
});
