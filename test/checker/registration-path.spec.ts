// What a registration carries from the program's process to the process that judges it.
import assert from "node:assert/strict";
import * as s3 from "@pulumi/aws/s3";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { lightenPromiseDebugging } from "../../checker/hooks";
import { installMocks, runInStack, skipCallsites } from "../../checker/mocks";

describe("registration path", () => {
    it("sends no source position or call stack: nothing judges them, and they were half of a registration's bytes", async () => {
        const requests: resproto.RegisterResourceRequest[] = [];
        const restore = skipCallsites();
        after(restore);
        installMocks({ project: "p", stack: "s", config: { "aws:region": "us-east-1" } },
            { registration: req => { requests.push(req); }, unknownInvoke: () => undefined });
        await runInStack(() => { new s3.Bucket("b", { tags: { "data-classification": "phi" } }); });
        const bucket = requests.find(r => r.getType() === "aws:s3/bucket:Bucket");
        assert.ok(bucket, "the bucket was registered");
        assert.equal(bucket.getSourceposition(), undefined);
        assert.deepEqual(bucket.getStacktrace()?.getFramesList() ?? [], []);
        assert.deepEqual(bucket.getObject()?.toJavaScript().tags, { "data-classification": "phi" }, "its inputs still travel");
    });

    it("adds no promise hop of the SDK's leak bookkeeping to a registration's promises", () => {
        after(lightenPromiseDebugging());
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise<T>(p: Promise<T>, ctx: string): Promise<T> };
        const p = Promise.resolve(1);
        assert.equal(debuggablePromise(p, "registerResource"), p);
    });
});
