// What a registration carries from the program's process to the process that judges it.
import assert from "node:assert/strict";
import * as s3 from "@pulumi/aws/s3";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { installMocks, runInStack } from "../../checker/mocks";

describe("registration path", () => {
    it("sends no source position or call stack: nothing judges them, and they were half of a registration's bytes", async () => {
        const requests: resproto.RegisterResourceRequest[] = [];
        installMocks({ project: "p", stack: "s", config: { "aws:region": "us-east-1" } },
            { registration: req => { requests.push(req); }, unknownInvoke: () => undefined });
        await runInStack(() => { new s3.Bucket("b", { tags: { "data-classification": "phi" } }); });
        const bucket = requests.find(r => r.getType() === "aws:s3/bucket:Bucket");
        assert.ok(bucket, "the bucket was registered");
        assert.equal(bucket.getSourceposition(), undefined);
        assert.deepEqual(bucket.getStacktrace()?.getFramesList() ?? [], []);
        assert.deepEqual(bucket.getObject()?.toJavaScript().tags, { "data-classification": "phi" }, "its inputs still travel");
    });
});
