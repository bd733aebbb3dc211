// What a registration carries from the program's process to the process that judges it.
import assert from "node:assert/strict";
import * as s3 from "@pulumi/aws/s3";
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { lazyOutputProperties, lightenPromiseDebugging } from "../../checker/hooks";
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

    describe("a custom resource's outputs, made when the program first reads them", () => {
        /**
         * A program that reads one output before its bucket is registered and others only after, assigns one,
         * and lists the bucket's properties; what it registered, the keys it saw, and how each output was held.
         */
        async function bucketProgram() {
            const requests: { type: string; name: string; inputs: unknown }[] = [];
            installMocks({ project: "p", stack: "s", config: { "aws:region": "us-east-1" }, preview: true }, {
                registration: req => { requests.push({ type: req.getType(), name: req.getName(), inputs: req.getObject()?.toJavaScript() }); },
                unknownInvoke: () => undefined,
            });
            let keys: string[] = [];
            let heldBeforeRead: PropertyDescriptor | undefined;
            await runInStack(async () => {
                const bucket = new s3.Bucket("b", { tags: { "data-classification": "phi" } });
                const early = bucket.arn;
                heldBeforeRead = Object.getOwnPropertyDescriptor(bucket, "bucketRegionalDomainName");
                await new Promise(resolve => bucket.urn.apply(resolve)); // registered and answered by now
                new s3.BucketPolicy("p", {
                    bucket: bucket.bucket,
                    policy: pulumi.all([early, bucket.tags]).apply(values => JSON.stringify(values)),
                });
                (bucket as unknown as Record<string, unknown>).website = "assigned";
                keys = Object.keys(bucket).filter(k => (bucket as unknown as Record<string, unknown>)[k] !== "assigned" || k === "website");
            });
            return { requests, keys, heldBeforeRead };
        }

        it("registers the same, and the program sees the same values and properties, as with the SDK's own outputs", async () => {
            const sdks = await bucketProgram();
            const restore = lazyOutputProperties();
            let lazy: Awaited<ReturnType<typeof bucketProgram>>;
            try {
                lazy = await bucketProgram();
            } finally {
                restore();
            }
            assert.deepEqual(lazy.requests, sdks.requests);
            const policy = lazy.requests.find(r => r.name === "p")?.inputs as { bucket?: unknown; policy?: string } | undefined;
            assert.ok(policy?.bucket && policy.policy?.includes("arn:aws:s3:::") && policy.policy.includes("data-classification"), "outputs read before and after the registration carry its answers");
            assert.deepEqual(lazy.keys, sdks.keys, "the same properties, in the same order");
            assert.ok(sdks.heldBeforeRead && "value" in sdks.heldBeforeRead, "the SDK makes every output at construction");
            assert.ok(lazy.heldBeforeRead?.get, "an output nobody has read yet is not made");
        });
    });
});
