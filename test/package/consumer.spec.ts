// The package as a platform team installs it: `npm pack` builds the tarball (what `files` lets in), it is
// installed into a fresh program of its own (extracted into node_modules/hipaa-cloud, its dependencies
// linked from this checkout's node_modules: no registry), and that program, which uses one component
// alone (the AWS warehouse) with its own VPC and key, is checked offline by the installed command. The
// exports map, the shipped types and the policy pack are used from the installed package only.
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { rules } from "../../policies/pack";

const root = path.join(__dirname, "..", "..");

const program = `import * as ec2 from "@pulumi/aws/ec2";
import * as kms from "@pulumi/aws/kms";
import { Warehouse } from "hipaa-cloud/aws";

// The landing zone's own network and key, handed to one hipaa-cloud component.
const tags = { tenant: "stmary", "data-classification": "phi" };
const key = new kms.Key("landing-key", { enableKeyRotation: true, deletionWindowInDays: 30, tags });
const cidr = "10.50.0.0/16";
const vpc = new ec2.Vpc("landing-vpc", { cidrBlock: cidr, enableDnsHostnames: true, tags });
const subnets = ["a", "b"].map((az, i) => new ec2.Subnet(\`landing-\${az}\`, { vpcId: vpc.id, cidrBlock: \`10.50.\${i}.0/24\`, availabilityZone: \`us-east-1\${az}\`, tags }));
// Private: a route table of their own, with no route to the internet.
const routes = new ec2.RouteTable("landing-private", { vpcId: vpc.id, tags });
subnets.forEach((s, i) => new ec2.RouteTableAssociation(\`landing-private-\${i}\`, { subnetId: s.id, routeTableId: routes.id }));

const warehouse = new Warehouse("stmary-dw", { tenant: "stmary", kmsKeyArn: key.arn, vpcId: vpc.id, subnetIds: subnets.map(s => s.id), vpcCidr: cidr });
export const endpoint = warehouse.endpoint;
`;

describe("the installed package (npm pack, installed into a program of its own, checked offline)", function () {
    this.timeout(600_000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hipaa-consumer-"));
    const dir = path.join(tmp, "program");
    const installed = path.join(dir, "node_modules", "hipaa-cloud");
    let files: { path: string; size: number }[] = [];
    let tarball = "";

    before(() => {
        // dist/ is what `npm ci` built (prepare); --ignore-scripts packs it without rebuilding.
        const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        const info = JSON.parse(out)[0] as { filename: string; files: { path: string; size: number }[]; size: number; entryCount: number };
        files = info.files;
        tarball = path.join(tmp, info.filename);
        console.log(`      npm pack: ${info.entryCount} files, ${info.size} bytes packed`);
        fs.mkdirSync(installed, { recursive: true });
        execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
        // The package's dependencies, as npm would hoist them beside it: linked from this checkout.
        for (const entry of fs.readdirSync(path.join(root, "node_modules"))) {
            if (entry === "hipaa-cloud" || entry.startsWith(".")) continue;
            fs.symlinkSync(path.join(root, "node_modules", entry), path.join(dir, "node_modules", entry));
        }
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: landing-dw\nruntime: nodejs\ndescription: a landing zone that takes only the warehouse\nconfig:\n  aws:region: us-east-1\n");
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "landing-dw", private: true, dependencies: { "hipaa-cloud": "file:" + tarball } }, null, 2));
        fs.writeFileSync(path.join(dir, "index.ts"), program);
        fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "node16", moduleResolution: "node16", esModuleInterop: true, skipLibCheck: true, noEmit: true }, files: ["index.ts"] }));
    });

    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("ships the build, the command and the docs, and no tests, fixtures, corpus, bench, sources or source maps", () => {
        const paths = files.map(f => f.path);
        assert.ok(paths.includes("bin/hipaa-cloud.js") && paths.includes("dist/checker/cli.js") && paths.includes("docs/report-format.md"));
        const unwanted = paths.filter(p => /^(test|corpus|bench|dist\/bench|dist\/stacks|dist\/test|stacks|scripts)\//.test(p) || /\.map$/.test(p) || (/\.ts$/.test(p) && !/\.d\.ts$/.test(p)));
        assert.deepEqual(unwanted, []);
        assert.ok(paths.length < 400, `${paths.length} files`);
    });

    it("exports the hospital model, each cloud's components by name and the pack's rule list; deep imports are closed", () => {
        const script = `
            const top = require("hipaa-cloud"), aws = require("hipaa-cloud/aws"), azure = require("hipaa-cloud/azure"), gcp = require("hipaa-cloud/gcp");
            const pack = require("hipaa-cloud/policies");
            let deep = "open"; try { require("hipaa-cloud/dist/components/aws/storage"); } catch (e) { deep = e.code; }
            console.log(JSON.stringify({ top: typeof top.HospitalPlatform + typeof top.readHospitalConfig, aws: Object.keys(aws).filter(k => /^[A-Z]/.test(k)).sort(),
                azure: typeof azure.Storage + typeof azure.EncryptedStorage, gcp: typeof gcp.Storage, rules: pack.rules.length, packName: pack.packName, deep,
                from: require.resolve("hipaa-cloud/aws") }));`;
        const r = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" }));
        assert.equal(r.top, "functionfunction");
        // One name per role on every cloud, and the old AWS names still there (deprecated aliases).
        for (const c of ["Audit", "Storage", "Imaging", "Keys", "Network", "Processing", "Warehouse", "ImageAnalysis", "ResearchShare", "EncryptedBucket", "ProcessingCluster"]) assert.ok(r.aws.includes(c), c);
        assert.equal(r.azure, "functionfunction");
        assert.equal(r.gcp, "function");
        assert.equal(r.rules, rules.length);
        assert.equal(r.packName, "hipaa");
        assert.equal(r.deep, "ERR_PACKAGE_PATH_NOT_EXPORTED");
        assert.ok(r.from.startsWith(installed), r.from);
    });

    it("ships types: the program type-checks against the installed package's declarations", () => {
        const r = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
        assert.equal(r.status, 0, r.stdout + r.stderr);
        // And a wrong argument is a type error (the declarations are read, not `any`).
        fs.writeFileSync(path.join(dir, "wrong.ts"), `import { Warehouse } from "hipaa-cloud/aws";\nnew Warehouse("w", { tenant: "t", kmsKeyArn: "k", vpcId: "v", subnetIds: [], vpcCidr: 5 });\n`);
        const wrong = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "--noEmit", "--skipLibCheck", "--esModuleInterop", "--moduleResolution", "node16", "--module", "node16", "wrong.ts"], { cwd: dir, encoding: "utf8" });
        fs.rmSync(path.join(dir, "wrong.ts"));
        assert.notEqual(wrong.status, 0);
        assert.match(wrong.stdout, /wrong\.ts\(2,\d+\): error TS2322: Type .number. is not assignable to type .string./);
    });

    it("the installed command checks the program offline: the warehouse's own resources have no mandatory finding", () => {
        const r = spawnSync(process.execPath, [path.join(installed, "bin", "hipaa-cloud.js"), "check", "--program", ".", "--format", "json"], { cwd: dir, encoding: "utf8", timeout: 300_000 });
        assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
        const report = JSON.parse(r.stdout);
        const types = report.resources.map((x: { type: string }) => x.type);
        assert.ok(types.includes("aws:redshift/cluster:Cluster"), types.join(", "));
        const cluster = report.resources.find((x: { type: string }) => x.type === "aws:redshift/cluster:Cluster");
        const component = cluster.parent;
        const ofComponent = new Set(report.resources.filter((x: { parent: string | null }) => x.parent === component).map((x: { urn: string }) => x.urn));
        const mandatory = report.findings.filter((f: { urn: string; enforcement: string; exempted: boolean }) => ofComponent.has(f.urn) && f.enforcement === "mandatory" && !f.exempted);
        assert.deepEqual(mandatory.map((f: { message: string }) => f.message), []);
        // The program has no node_modules of its own for @pulumi/aws but the linked one: it is the program's copy.
        assert.ok(report.sdk.packages.some((p: { name: string; from: string }) => p.name === "@pulumi/aws" && p.from === "program"), JSON.stringify(report.sdk));
        console.log(`      consumer check: exit ${r.status}, ${report.resources.length} resources, ${report.summary.mandatory} mandatory (${ofComponent.size} resources of the warehouse, none mandatory)`);
    });

    it("the policy pack loads from the installed package as the engine starts it (run-policy-pack prints its port)", async () => {
        // The engine starts the pack in its folder (PolicyPack reads the version from ./package.json there).
        const packDir = path.join(installed, "dist", "policies");
        const pack = spawn(process.execPath, [path.join(dir, "node_modules/@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", packDir],
            { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
        try {
            let stderr = "";
            pack.stderr.on("data", d => { stderr += d; });
            const port = await new Promise<number>((resolve, reject) => {
                let out = "";
                pack.stdout.on("data", d => { out += d; const m = /^(\d+)\s*$/m.exec(out); if (m) resolve(Number(m[1])); });
                pack.on("exit", code => reject(new Error(`the pack exited (${code}) before printing its port: ${stderr}`)));
            });
            assert.ok(port > 0);
            assert.ok(fs.existsSync(path.join(installed, "dist", "policies", "PulumiPolicy.yaml")));
        } finally {
            pack.kill();
        }
    });
});
