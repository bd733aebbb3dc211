// `npm run bench`: the checker's costs, measured in one run and printed as ratios (never a pass/fail
// timing in a test). Run compiled (dist/bench/run.js) after `npm run build`.
//   1. one stack: `hipaa-cloud check --stack demo` vs the floor, node loading @pulumi/pulumi alone;
//   2. --all-stacks per stack at 1, 10 and 100 generated hospital configs (the three clouds);
//   3. policy evaluation per resource at 10,000 synthetic resources (the real pack, in-process);
//   4. peak memory of the demo check and of this process;
//   5. 1,000 S3 buckets end to end vs CDK + cdk-nag 3's HIPAA checks on the equivalent CDK app;
//   6. growth: 1,000 vs 10,000 resources (time ratio, peak RSS of the checker and the program's process).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../checker/paths";
import { evaluate } from "../policies/lib/evaluate";
import type { PolicyResource } from "../policies/lib/rule";
import { rules } from "../policies/pack";
import { engineSection } from "./engine";

const bin = path.join(packageRoot, "bin/hipaa-cloud.js");
const compiledStacks = path.join(packageRoot, "dist/stacks/index.js");

interface Timed {
    ms: number;
    code: number | null;
    maxRssKb?: number;
    /** The peak RSS of each process the child started (the program's process), sampled from /proc (Linux only). */
    descendantsPeakKb?: number;
    /** The most RSS the child and its descendants held at one time (each sample sums them), from /proc (Linux only). */
    treePeakKb?: number;
    /** CPU time of the child and of the processes it waited for (the program's process), when it reports it (reportCpu). */
    cpuMs?: number;
    stderr: string;
}

/**
 * Code that makes a node process report its CPU time at exit: its own, and its reaped children's (the
 * program's process, which the checker ends and reaps before it judges) from /proc/self/stat's cutime and
 * cstime (Linux only, in clock ticks of 10 ms: USER_HZ is 100 on every Linux Node runs on). The machine is shared, so CPU time
 * says what wall time under load cannot.
 */
const reportCpu = `process.on("exit", () => { const u = process.resourceUsage(); let children = 0;
    try { const stat = require("fs").readFileSync("/proc/self/stat", "utf8"); const f = stat.slice(stat.lastIndexOf(")") + 2).split(" "); children = (Number(f[13]) + Number(f[14])) * 10; } catch {}
    process.stderr.write("cpu=" + Math.round((u.userCPUTime + u.systemCPUTime) / 1000 + children) + "\\n"); });`;

/** Runs node with `code` (argv after it), wall time, and the child's own peak RSS when it reports it. */
function node(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
    return new Promise(resolve => {
        const t0 = performance.now();
        const child = spawn(process.execPath, args, { cwd: packageRoot, env, stdio: ["ignore", "ignore", "pipe"] });
        const peaks = new Map<number, number>();
        let treePeakKb = 0;
        const sampler = setInterval(() => { treePeakKb = Math.max(treePeakKb, sampleDescendantPeaks(child.pid!, peaks)); }, 100);
        let stderr = "";
        child.stderr.on("data", d => { stderr += d; });
        child.on("close", code => {
            clearInterval(sampler);
            const rss = /maxrss=(\d+)/.exec(stderr);
            const cpu = /cpu=(\d+)/.exec(stderr);
            const descendantsPeakKb = peaks.size ? [...peaks.values()].reduce((a, b) => a + b, 0) : undefined;
            resolve({ ms: performance.now() - t0, code, maxRssKb: rss ? Number(rss[1]) : undefined, descendantsPeakKb, treePeakKb: treePeakKb || undefined, cpuMs: cpu ? Number(cpu[1]) : undefined, stderr });
        });
    });
}

/**
 * Each descendant's high-water RSS (VmHWM, which only grows: the last sample before it exits is within
 * 100 ms of its peak), and returns the RSS the root and its descendants hold now, together (VmRSS): the
 * program's process ends before the judging starts, so the sum of the two peaks overstates what a check
 * holds at once. Node cannot read a reaped child's rusage, so the bench reads /proc while it runs.
 */
function sampleDescendantPeaks(root: number, peaks: Map<number, number>): number {
    let entries: string[];
    try {
        entries = fs.readdirSync("/proc").filter(e => /^\d+$/.test(e));
    } catch {
        return 0;
    }
    const parentOf = new Map<number, number>();
    for (const e of entries) {
        try {
            const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
            parentOf.set(Number(e), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        } catch { /* exited meanwhile */ }
    }
    const descends = (pid: number) => { for (let p = parentOf.get(pid); p !== undefined && p > 1; p = parentOf.get(p)) if (p === root) return true; return false; };
    let together = 0;
    for (const pid of parentOf.keys()) {
        if (pid !== root && !descends(pid)) continue;
        try {
            const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
            together += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
            const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
            if (hwm && pid !== root) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(hwm[1])));
        } catch { /* exited meanwhile */ }
    }
    return together;
}

/** The installed command, reporting its peak RSS and its CPU time on exit. */
function hipaaCloud(args: string[], env?: NodeJS.ProcessEnv): Promise<Timed> {
    const wrapper = `process.argv.splice(1, 0, "hipaa-cloud"); process.on("exit", () => process.stderr.write("maxrss=" + process.resourceUsage().maxRSS + "\\n")); ${reportCpu} require(${JSON.stringify(bin)});`;
    return node(["-e", wrapper, ...args], env);
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

/** A project of `n` generated hospital stacks over the three clouds, running the compiled stacks/. */
function generatedProject(n: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hipaa-cloud-bench-${n}-`));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: hospital\nruntime: nodejs\nmain: ${compiledStacks}\n`);
    const clouds = [
        { cloud: "aws", region: "us-east-1", provider: "aws:region: us-east-1", admin: "arn:aws:iam::123456789012:role/phi-admin" },
        { cloud: "azure", region: "eastus", provider: "azure-native:location: eastus", admin: "00000000-0000-0000-0000-000000000abc" },
        { cloud: "gcp", region: "us-central1", provider: "gcp:project: hospital-project\n  gcp:region: us-central1", admin: "group:phi-admins@hospital.org" },
    ];
    const services = ["[storage, processing, warehouse, imaging]", "[storage, warehouse]", "[storage, imaging]", "[storage]"];
    for (let i = 0; i < n; i++) {
        const c = clouds[i % 3];
        fs.writeFileSync(path.join(dir, `Pulumi.h${String(i).padStart(3, "0")}.yaml`), [
            "config:", `  ${c.provider}`, `  hospital:tenant: h${i}-${c.cloud}`, `  hospital:cloud: ${c.cloud}`, `  hospital:region: ${c.region}`,
            `  hospital:environment: ${i % 4 === 3 ? "dev" : "prod"}`, `  hospital:services: ${services[i % services.length]}`,
            `  hospital:admins: [${JSON.stringify(c.admin)}]`, ""].join("\n"));
    }
    return dir;
}

/** 10,000 resources: 2,000 PHI buckets, each with SSE, public access block, versioning and a TLS-only policy. */
function syntheticResources(buckets: number): PolicyResource[] {
    const provider = { type: "pulumi:providers:aws", urn: "urn:pulumi:bench::hospital::pulumi:providers:aws::default", props: { region: "us-east-1" } };
    const out: PolicyResource[] = [];
    const key = "arn:aws:kms:us-east-1:123456789012:key/bench";
    for (let i = 0; i < buckets; i++) {
        const name = `phi-${i}`;
        const urn = (t: string, n: string) => `urn:pulumi:bench::hospital::${t}::${n}`;
        const bucketUrn = urn("aws:s3/bucket:Bucket", name);
        const tags = { tenant: "bench", "data-classification": "phi" };
        const child = (type: string, suffix: string, props: Record<string, unknown>): PolicyResource =>
            ({ type, name: `${name}-${suffix}`, urn: urn(type, `${name}-${suffix}`), props: { bucket: name, ...props }, provider,
                opts: { protect: true, dependencies: [bucketUrn], propertyDependencies: { bucket: [bucketUrn] } } });
        out.push({ type: "aws:s3/bucket:Bucket", name, urn: bucketUrn, props: { bucket: name, tags, objectLockEnabled: true }, provider, opts: { protect: true } });
        out.push(child("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse",
            { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key }, bucketKeyEnabled: true }] }));
        out.push(child("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab",
            { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }));
        out.push(child("aws:s3/bucketVersioning:BucketVersioning", "versioning", { versioningConfiguration: { status: "Enabled" } }));
        out.push(child("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [
            { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) }));
    }
    return out;
}

/**
 * `buckets` S3 buckets, every other one hardened (encryption with a KMS key, versioning, public access
 * block, a TLS-only bucket policy): a Pulumi TypeScript program for the checker (3 resources per bucket
 * and the provider) and the equivalent CDK app, with cdk-nag 3's HIPAA pack as a validation plugin (its
 * v3 API; v2's was an aspect). Default aws-cdk-lib settings, except the limit of 500 resources per stack,
 * which a stack of 1,000 buckets passes.
 */
function bucketPrograms(buckets: number): { dir: string; cdkApp: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hipaa-cloud-bench-buckets-${buckets}-`));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: buckets\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(path.join(dir, "Pulumi.bench.yaml"), "config:\n  aws:region: us-east-1\n");
    fs.writeFileSync(path.join(dir, "index.ts"), `import * as s3 from "@pulumi/aws/s3";
for (let i = 0; i < ${buckets}; i++) {
    const bucket = new s3.Bucket(\`b\${i}\`, { tags: { "data-classification": "phi" } });
    if (i % 2) continue;
    new s3.BucketServerSideEncryptionConfiguration(\`b\${i}-sse\`, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] });
    new s3.BucketVersioning(\`b\${i}-versioning\`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new s3.BucketPublicAccessBlock(\`b\${i}-pab\`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new s3.BucketPolicy(\`b\${i}-tls\`, { bucket: bucket.id, policy: bucket.arn.apply(arn => JSON.stringify({ Version: "2012-10-17", Statement: [
        { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, \`\${arn}/*\`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] })) });
}
`);
    const from = (m: string) => JSON.stringify(require.resolve(m, { paths: [packageRoot] }));
    const cdkApp = path.join(dir, "cdk-app.js");
    fs.writeFileSync(cdkApp, `const cdk = require(${from("aws-cdk-lib")});
const s3 = require(${from("aws-cdk-lib/aws-s3")});
const { HIPAASecurityChecks } = require(${from("cdk-nag")});
const app = new cdk.App({ outdir: ${JSON.stringify(path.join(dir, "cdk.out"))}, context: { "@aws-cdk/core:stackResourceLimit": 0 } });
const stack = new cdk.Stack(app, "Buckets");
for (let i = 0; i < ${buckets}; i++) {
    new s3.Bucket(stack, \`b\${i}\`, i % 2 ? {} : { encryption: s3.BucketEncryption.KMS_MANAGED, versioned: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });
}
cdk.Validations.of(app).addPlugins(new HIPAASecurityChecks(app));
app.synth();
`);
    return { dir, cdkApp };
}

/**
 * `hipaa-cloud check` of a bucket program (bucketPrograms); fails the bench unless it ran to the verdict its
 * buckets earn: half of them are insecure, so exit 1 with a mandatory finding on each of those. A check that
 * passed them, or judged fewer, would be timed doing less than the work it stands for.
 */
async function checkBuckets(dir: string, buckets: number): Promise<Timed & { resources: number }> {
    const out = path.join(dir, "report.json");
    const r = await hipaaCloud(["check", "--program", dir, "--stack", "bench", "--format", "json", "--out", out, "--timeout", "3600"]);
    if (r.code !== 1) throw new Error(`the check of ${dir} ended with ${r.code}, where half of its buckets are insecure (exit 1): ${r.stderr}`);
    const report = JSON.parse(fs.readFileSync(out, "utf8")) as { summary: { resources: number }; findings: { urn: string | null; enforcement: string }[] };
    const insecure = Array.from({ length: buckets }, (_, i) => `b${i}`).filter((_, i) => i % 2);
    const found = new Set(report.findings.filter(f => f.enforcement === "mandatory").map(f => f.urn?.split("::").pop()));
    const missed = insecure.filter(name => !found.has(name));
    if (missed.length) throw new Error(`the check of ${dir} has no mandatory finding on ${missed.length} insecure buckets (${missed.slice(0, 3).join(", ")}...)`);
    return { ...r, resources: report.summary.resources };
}

const mb = (kb: number | undefined) => kb === undefined ? "n/a" : `${(kb / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
    if (!fs.existsSync(compiledStacks)) throw new Error("run `npm run build` first: the bench measures the compiled checker");
    const cores = os.availableParallelism();

    // 1. One stack vs the SDK-load floor (median of 5 each, interleaved so load changes hit both), after one untimed
    // run of each: the OS's file cache is as a second check finds it.
    const demoArgs = ["check", "--stack", "demo", "--format", "json"];
    const loadSdk = () => node(["-e", `${reportCpu} require('@pulumi/pulumi')`]);
    await loadSdk();
    await hipaaCloud(demoArgs);
    const floor: Timed[] = [];
    const demo: Timed[] = [];
    for (let i = 0; i < 5; i++) {
        floor.push(await loadSdk());
        demo.push(await hipaaCloud(demoArgs));
    }
    if (demo.some(d => d.code !== 0 && d.code !== 1)) throw new Error(`the demo check failed: ${demo.find(d => d.code !== 0 && d.code !== 1)!.stderr}`);
    const demoReport = path.join(os.tmpdir(), `hipaa-cloud-bench-demo-${process.pid}.json`);
    await hipaaCloud([...demoArgs, "--out", demoReport]);
    const demoResources: number = JSON.parse(fs.readFileSync(demoReport, "utf8")).summary.resources;
    fs.rmSync(demoReport, { force: true });
    const floorMs = median(floor.map(f => f.ms));
    const demoMs = median(demo.map(d => d.ms));
    const cpu = (runs: Timed[]) => runs.every(r => r.cpuMs !== undefined) ? median(runs.map(r => r.cpuMs!)) : undefined;
    const [floorCpu, demoCpu] = [cpu(floor), cpu(demo)];
    console.log(`\n1. one stack: check --stack demo ${demoMs.toFixed(0)} ms vs node loading @pulumi/pulumi alone ${floorMs.toFixed(0)} ms` +
        ` = ${(demoMs / floorMs).toFixed(2)}x the floor (target <= 1.5x); ${demoResources} resources; load average ${os.loadavg()[0].toFixed(1)} on ${cores} cores` +
        (floorCpu && demoCpu ? `\n   CPU time (both processes): ${demoCpu} ms vs ${floorCpu} ms = ${(demoCpu / floorCpu).toFixed(2)}x` : ""));

    // 2. --all-stacks per stack.
    for (const reuse of [false, true]) {
        console.log(`\n2${reuse ? "b" : "a"}. --all-stacks, ${cores} processes at a time, ${reuse ? "processes reused (the default: fresh runtime state per stack, SDK loaded once per process)" : "--process-per-stack"}:`);
        let perStackAt1 = 0;
        for (const n of [1, 10, 100]) {
            const dir = generatedProject(n);
            const r = await hipaaCloud(["check", "--program", dir, "--all-stacks", ...(reuse ? [] : ["--process-per-stack"]), "--format", "json", "--out", path.join(dir, "report.json")]);
            const report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8"));
            fs.rmSync(dir, { recursive: true, force: true });
            const perStack = r.ms / n;
            if (n === 1) perStackAt1 = perStack;
            console.log(`   ${String(n).padStart(3)} stacks: ${(r.ms / 1000).toFixed(1)} s total, ${perStack.toFixed(0)} ms per stack` +
                ` (${(perStack / perStackAt1).toFixed(2)}x the 1-stack cost; ${(perStack / floorMs).toFixed(2)}x the floor), ` +
                `${report.summary.resources} resources, ${report.summary.errors.length} stack errors` + (n === 100 ? `; target: under 20 s` : ""));
        }
    }

    // 3. Policy evaluation per resource.
    const resources = syntheticResources(2000);
    evaluate(rules, resources.slice(0, 500)); // warm up
    const t0 = performance.now();
    const findings = evaluate(rules, resources);
    const evalMs = performance.now() - t0;
    console.log(`\n3. policy evaluation: ${rules.length} rules over ${resources.length} resources in ${evalMs.toFixed(0)} ms = ` +
        `${((evalMs * 1000) / resources.length).toFixed(1)} µs per resource (${findings.length} findings); ` +
        `${((evalMs / resources.length) / (demoMs / demoResources) * 100).toFixed(2)}% of a resource's share of the demo check's time`);

    // 4. Peak memory.
    console.log(`\n4. peak memory: demo check ${((median(demo.map(d => d.maxRssKb ?? 0))) / 1024).toFixed(0)} MB RSS; ` +
        `this process after evaluating ${resources.length} resources ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB RSS`);

    // The engine path (bench/engine.ts): 6,000 resources through the analyzer protocol.
    await engineSection(syntheticResources(1200));
}

/** Sections 5 and 6 (only these: `npm run bench -- --buckets`; the engine section alone: `-- --engine`). */
async function bucketSections(): Promise<void> {
    // 5. 1,000 buckets vs CDK + cdk-nag, pairs interleaved so that load changes hit both.
    const thousand = bucketPrograms(1000);
    const pairs: { check: Timed & { resources: number }; cdk: Timed }[] = [];
    for (let i = 0; i < 3; i++) {
        const check = await checkBuckets(thousand.dir, 1000);
        const cdk = await node([thousand.cdkApp]);
        // cdk-nag's findings fail the synth (exit 1), as the check's do; anything else is not a run.
        if (cdk.code !== 0 && !/HIPAA\.Security-/.test(cdk.stderr)) throw new Error(`the CDK app failed: ${cdk.stderr.slice(-2000)}`);
        pairs.push({ check, cdk });
    }
    fs.rmSync(thousand.dir, { recursive: true, force: true });
    const checkMs = median(pairs.map(p => p.check.ms));
    const cdkMs = median(pairs.map(p => p.cdk.ms));
    console.log(`\n5. 1,000 S3 buckets (${pairs[0].check.resources} resources): check ${(checkMs / 1000).toFixed(1)} s vs CDK + cdk-nag 3 HIPAA ` +
        `${(cdkMs / 1000).toFixed(1)} s = ${median(pairs.map(p => p.check.ms / p.cdk.ms)).toFixed(2)}x (median of ${pairs.length} pairs; ` +
        `pairs ${pairs.map(p => (p.check.ms / p.cdk.ms).toFixed(2)).join(", ")}; target <= 0.5x)`);

    // 6. Linear growth: 1,000 vs 10,000 resources (3 per bucket and the provider).
    const growth: (Timed & { resources: number })[] = [];
    for (const buckets of [333, 3333]) {
        const p = bucketPrograms(buckets);
        growth.push(await checkBuckets(p.dir, buckets));
        fs.rmSync(p.dir, { recursive: true, force: true });
    }
    const [small, large] = growth;
    console.log(`\n6. growth: ${large.resources} resources in ${(large.ms / small.ms).toFixed(1)}x the time of ${small.resources} (target <= 11x); ` +
        `peak RSS at ${large.resources}: checker ${mb(large.maxRssKb)} + program's process ${mb(large.descendantsPeakKb)} ` +
        `= ${mb((large.maxRssKb ?? 0) + (large.descendantsPeakKb ?? 0))}, held at one time ${mb(large.treePeakKb)} (target < 1 GB); at ${small.resources}: ` +
        `${mb(small.maxRssKb)} + ${mb(small.descendantsPeakKb)}, at one time ${mb(small.treePeakKb)}`);
}

const loadAverage = () => os.loadavg().map(l => l.toFixed(1)).join(" ");

async function all(): Promise<void> {
    console.log(`hipaa-cloud bench: node ${process.version}, ${os.availableParallelism()} cores, load average ${loadAverage()}`);
    if (process.argv.includes("--engine")) await engineSection(syntheticResources(1200)); // the engine path alone
    else {
        if (!process.argv.includes("--buckets")) await main();
        await bucketSections();
    }
    console.log(`\nload average at the end: ${loadAverage()}`);
}

all().catch(e => { console.error(`bench failed: ${e instanceof Error ? e.message : e}`); process.exitCode = 1; });
