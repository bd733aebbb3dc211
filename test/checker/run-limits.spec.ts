// The bounds of one run: the program's process's heap, and what the judging process reads from it. A
// bound a program hits ends the run as a refusal (the CLI's exit 2) saying how far it got and which
// limit it hit; it never becomes a verdict, and never node's raw out-of-memory dump in the judging process.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckError } from "../../checker/errors";
import { defaultRunLimits, ProgramProcess, RunLimits } from "../../checker/program-process";
import { resolveTarget } from "../../checker/target";
import { spawnTimeout, tempDir } from "./helpers";

/** A program folder whose index.js is `body`. */
function program(body: string): string {
    const dir = tempDir("limits");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: limits\nruntime: nodejs\nmain: index.js\nconfig:\n  aws:region: us-east-1\n");
    fs.writeFileSync(path.join(dir, "index.js"), `const s3 = require("@pulumi/aws/s3");\n${body}\n`);
    return dir;
}

async function refusal(dir: string, limits: Partial<RunLimits>): Promise<string> {
    const programs = new ProgramProcess({ ...defaultRunLimits, ...limits });
    try {
        await programs.run(resolveTarget({ program: dir }), 120);
    } catch (e) {
        assert.ok(e instanceof CheckError, `a refusal, not ${e}`);
        return e.message;
    } finally {
        programs.stop();
    }
    assert.fail("the run was judged");
}

describe("run limits", function () {
    this.timeout(spawnTimeout);

    it("a program that runs out of its process's heap is refused with its registrations so far and the limit", async () => {
        const dir = program(`for (let i = 0; i < 3; i++) new s3.Bucket("b" + i);
setTimeout(() => { const hog = []; for (;;) hog.push(new Array(100000).fill(0).map((_, i) => ({ i }))); }, 1000);`);
        const message = await refusal(dir, { heapMb: 160 });
        assert.match(message, /index\.js: the program ran out of memory after [1-9]\d* registrations \([\d.]+ MB\): its process's heap limit is 160 MB/);
    });

    it("stops reading at the registration limit, saying how far it got", async () => {
        const message = await refusal(program(`for (let i = 0; i < 40; i++) new s3.Bucket("b" + i);`), { registrations: 10 });
        assert.match(message, /the check stopped after 10 registrations \([\d.]+ MB\): the program sent more than 10 registrations, the most one check reads/);
    });

    it("stops reading at the byte limit", async () => {
        const message = await refusal(program(`new s3.Bucket("big", { tags: { note: "x".repeat(2 * 1024 * 1024) } });`), { registrationBytes: 1024 * 1024 });
        assert.match(message, /the check stopped after \d+ registrations \([\d.]+ MB\): the program sent more than 1\.0 MB of registrations/);
    });

    it("bounds the registrations a program writes to the channel itself, which cost it nothing", async () => {
        const message = await refusal(program(`const { RegisterResourceRequest } = require("@pulumi/pulumi/proto/resource_pb");
const req = new RegisterResourceRequest();
req.setType("aws:s3/bucket:Bucket");
req.setName("forged");
const payload = Buffer.from(req.serializeBinary());
const head = Buffer.alloc(5);
head.writeUInt32BE(payload.length);
head[4] = 0x52;
for (let i = 0; i < 1000; i++) require("node:fs").writeSync(3, Buffer.concat([head, payload]));`), { registrations: 100 });
        assert.match(message, /the check stopped after 100 registrations .*: the program sent more than 100 registrations/);
    });

    it("a run within the limits is read whole", async () => {
        const programs = new ProgramProcess({ ...defaultRunLimits, registrations: 10 });
        try {
            const run = await programs.run(resolveTarget({ program: program(`for (let i = 0; i < 3; i++) new s3.Bucket("b" + i);`) }), 120);
            assert.deepEqual(run.resources.filter(r => r.type === "aws:s3/bucket:Bucket").map(r => r.name), ["b0", "b1", "b2"]);
        } finally {
            programs.stop();
        }
    });
});
