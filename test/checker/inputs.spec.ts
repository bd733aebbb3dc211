// Inputs that cannot hurt, read without running anything: the files the checker reads from the user
// (bounded, regular files only, UTF-8), the YAML of Pulumi.yaml and stack files (alias bombs, duplicate
// keys, custom tags, merge keys, numbers JSON cannot carry), and the command line (stack names, timeouts,
// job counts, empty values, combinations that would leave it unclear what was checked).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CheckArgs, maxTimerMs, parseArgs, timeoutMs } from "../../checker/args";
import { CheckError } from "../../checker/errors";
import { fileLimits, readBoundedFile } from "../../checker/files";
import { configArguments, readProject, readStackFile, secretPlaceholder, stackFileOf, stackFiles, stackName, stackNameOfFile } from "../../checker/project";
import { tempDir } from "./helpers";

/** Asserts `f` throws a CheckError whose message includes every one of `parts`. */
function refuses(f: () => unknown, ...parts: string[]): void {
    assert.throws(f, (e: Error) => {
        assert.ok(e instanceof CheckError, `not a CheckError: ${e?.stack}`);
        for (const p of parts) assert.ok(e.message.includes(p), `${JSON.stringify(e.message)} does not include ${JSON.stringify(p)}`);
        return true;
    });
}

describe("checker inputs: files the user names", () => {
    const dir = tempDir("inputs");
    const write = (name: string, text: string | Buffer) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

    it("reads a regular file, dropping a byte-order mark", () => {
        assert.equal(readBoundedFile(write("bom.txt", "\ufeffhello"), "x", 100), "hello");
    });

    it("refuses /dev/zero, a symlink to it, a directory and a FIFO by name, without hanging", () => {
        const link = path.join(dir, "zero-link.yaml");
        fs.symlinkSync("/dev/zero", link);
        const fifo = path.join(dir, "fifo.yaml");
        execFileSync("mkfifo", [fifo]);
        const started = Date.now();
        refuses(() => readBoundedFile("/dev/zero", "--config-file /dev/zero", fileLimits.yaml), "--config-file /dev/zero: is a character device");
        refuses(() => readBoundedFile(link, link, fileLimits.yaml), `${link}: is a character device`);
        refuses(() => readBoundedFile(dir, dir, fileLimits.yaml), `${dir}: is a directory`);
        refuses(() => readBoundedFile(fifo, fifo, fileLimits.yaml), `${fifo}: is a FIFO`);
        assert.ok(Date.now() - started < 5000);
    });

    it("refuses a file over the limit without reading it whole (a 100 MB stack file)", () => {
        const big = path.join(dir, "Pulumi.big.yaml");
        const fd = fs.openSync(big, "w");
        fs.ftruncateSync(fd, 100 * 1024 * 1024); // sparse: 100 MB of file, no disk
        fs.closeSync(fd);
        const started = Date.now();
        refuses(() => readStackFile(big, "p"), big, "larger than 1 MiB");
        assert.ok(Date.now() - started < 5000);
        refuses(() => readBoundedFile(write("limit.txt", "12345"), "f", 4), "f: larger than 4 bytes");
        assert.equal(readBoundedFile(write("limit2.txt", "1234"), "f", 4), "1234");
    });

    it("refuses a missing file and bytes that are not UTF-8, naming the file", () => {
        refuses(() => readBoundedFile(path.join(dir, "nope"), "--config-file nope", 10), "--config-file nope: no such file");
        refuses(() => readBoundedFile(write("latin1.yaml", Buffer.from([0x61, 0xe9, 0x0a])), "l.yaml", 10), "l.yaml: is not UTF-8 text");
    });
});

describe("checker inputs: YAML", () => {
    const dir = tempDir("yaml");
    const write = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

    it("refuses an alias bomb (billion laughs) quickly, naming the file", () => {
        let bomb = "config:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
        for (let i = 1; i < 10; i++) bomb += `  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(", ")}]\n`;
        assert.ok(bomb.length < 1000); // a few hundred bytes; 9^10 "lol"s expanded
        const file = write("Pulumi.bomb.yaml", bomb);
        const started = Date.now();
        refuses(() => readStackFile(file, "p"), file, "alias");
        assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
        // The same shape in Pulumi.yaml.
        const project = path.join(dir, "bomb-project");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: p\nruntime: nodejs\n" + bomb);
        refuses(() => readProject(project), path.join(project, "Pulumi.yaml"), "alias");
    });

    it("reads a file of 70,000 keys in seconds, not minutes (the duplicate check is one pass)", function () {
        this.timeout(60_000);
        const file = write("Pulumi.many.yaml", ["config:", ...Array.from({ length: 70_000 }, (_, i) => `  p:k${i}: 1`), ""].join("\n"));
        const started = Date.now();
        assert.equal(Object.keys(readStackFile(file, "p").values).length, 70_000);
        assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`); // the parser's own check took 86 s
    });

    it("still expands a few ordinary aliases", () => {
        const file = write("Pulumi.alias.yaml", "config:\n  a:services: &s [storage, imaging]\n  b:services: *s\n");
        assert.deepEqual(readStackFile(file, "p").values, { "a:services": '["storage","imaging"]', "b:services": '["storage","imaging"]' });
    });

    it("refuses a key given twice, in one spelling or in two that name the same config key, naming it", () => {
        const twice = write("Pulumi.twice.yaml", "config:\n  hospital:environment: prod\n  hospital:tenant: x\n  hospital:environment: dev\n");
        refuses(() => readStackFile(twice, "hospital"), twice, 'key "hospital:environment" is given twice, at lines 2 and 4');
        const quoted = write("Pulumi.quoted.yaml", 'config:\n  hospital:environment: prod\n  "hospital:environment": dev\n');
        refuses(() => readStackFile(quoted, "hospital"), quoted, 'key "hospital:environment" is given twice');
        const spellings = write("Pulumi.spellings.yaml", "config:\n  hospital:environment: prod\n  hospital:config:environment: dev\n");
        refuses(() => readStackFile(spellings, "hospital"), spellings, '"hospital:environment" and "hospital:config:environment" are both hospital:environment');
        const bare = write("Pulumi.bare.yaml", "config:\n  environment: dev\n  hospital:environment: prod\n");
        refuses(() => readStackFile(bare, "hospital"), bare, "are both hospital:environment");
        const nested = write("Pulumi.nested.yaml", "config:\n  hospital:retention:\n    auditDays: 2190\n    auditDays: 30\n");
        refuses(() => readStackFile(nested, "hospital"), nested, "auditDays");
        const project = path.join(dir, "twice-project");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "index.js"), "");
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: hospital\nruntime: nodejs\nconfig:\n  environment: dev\n  hospital:environment: prod\n");
        refuses(() => readProject(project), path.join(project, "Pulumi.yaml"), "are both hospital:environment");
        refuses(() => configArguments(["environment=prod", "hospital:environment=dev"], "hospital"), "hospital:environment", "give it once");
        assert.deepEqual(configArguments(["environment=prod", "aws:region=us-east-1"], "hospital").values, { "hospital:environment": "prod", "aws:region": "us-east-1" });
    });

    it("refuses custom and YAML 1.1 tags (!!js/function, !!binary, !!timestamp, local tags), naming the file and tag", () => {
        for (const [name, value] of [["js", "!!js/function 'function () { return 1 }'"], ["binary", "!!binary aGk="], ["ts", "!!timestamp 2026-01-01"], ["local", "!env HOME"], ["set", "!!set {a, b}"]]) {
            const file = write(`Pulumi.tag-${name}.yaml`, `config:\n  p:key: ${value}\n`);
            refuses(() => readStackFile(file, "p"), file, "Unresolved tag");
        }
        // YAML 1.2's own types stay: !!str makes a string of a number.
        assert.deepEqual(readStackFile(write("Pulumi.str.yaml", "config:\n  p:k: !!str 5\n  p:o: {n: !!str 5}\n"), "p").values, { "p:k": "5", "p:o": '{"n":"5"}' });
    });

    it("refuses merge keys, non-string keys, several documents and numbers JSON cannot carry", () => {
        const cases: [string, string, string][] = [
            ["merge", "config:\n  hospital:retention: {<<: {auditDays: 2190}, phiDays: 30}\n", "merge keys (<<)"],
            ["listkey", "config:\n  ? [a, b]\n  : x\n", "keys must be strings"],
            ["twodocs", "config:\n  p:a: 1\n---\nconfig:\n  p:a: 2\n", "multiple documents"],
            ["inf", "config:\n  hospital:retention: {auditDays: .inf}\n", "not a number JSON can carry"],
            ["huge", "config:\n  hospital:retention: {auditDays: 1e400}\n", "not a number JSON can carry"],
            ["nan", "config:\n  hospital:retention: [.nan]\n", "not a number JSON can carry"],
            ["tab", "config:\n\tp:a: 1\n", "Tabs"],
            ["nul", 'config:\n  "p:a\\0b": 1\n', "is not valid"],
            ["esc", "environment:\n  - hospital-prod\nconfig:\n  p:a: 1\n", "ESC"],
            ["toplevel", "config:\n  p:a: 1\nhospital:environment: dev\n", 'unknown top-level key "hospital:environment"'],
        ];
        for (const [name, text, why] of cases) {
            const file = write(`Pulumi.${name}.yaml`, text);
            refuses(() => readStackFile(file, "p"), file, why);
        }
    });

    it("quotes nothing of a file that is not YAML but a key it repeats (a stack file may be a symlink to credentials)", () => {
        const creds = write("credentials", "[default]\naws_access_key_id = AKIAEXAMPLEKEY\naws_secret_access_key = SECRETSECRET\n");
        const link = path.join(dir, "Pulumi.creds.yaml");
        fs.symlinkSync(creds, link);
        assert.throws(() => readStackFile(link, "p"), (e: Error) => e instanceof CheckError && e.message.includes(link) && !/AKIA|SECRET/.test(e.message));
    });

    it("keeps a plain top-level value as written, as Pulumi does, and types values inside objects", () => {
        const file = write("Pulumi.plain.yaml", "config:\n  p:a: 010\n  p:b: 1.50\n  p:c: 0x1F\n  p:d: 1e400\n  p:e: true\n  p:f: '010'\n  p:o: {n: 0x1F}\n");
        assert.deepEqual(readStackFile(file, "p").values, { "p:a": "010", "p:b": "1.50", "p:c": "0x1F", "p:d": "1e400", "p:e": "true", "p:f": "010", "p:o": '{"n":31}' });
    });

    it("refuses numbers inside objects and lists that YAML 1.1 (Pulumi's Go reader) reads differently: 02190 is 1160 there", () => {
        for (const n of ["02190", "010", "-07", "1_000", "2_190.5", "0x_1F", "-0x1F", "+0b11"]) {
            const file = write(`Pulumi.num-${n.replace(/[^a-z0-9]/gi, "")}.yaml`, `config:\n  hospital:retention: {auditDays: ${n}}\n`);
            refuses(() => readStackFile(file, "hospital"), file, `config key hospital:retention: the number ${n} reads differently`);
        }
        const ok = write("Pulumi.num-ok.yaml", "config:\n  p:o: {a: 0, b: 0.5, c: 2190, d: 0x1F, e: abc_1, f: '010', g: v1_2, h: 1e3, i: -3}\n  p:top: 010\n");
        assert.deepEqual(readStackFile(ok, "p").values, { "p:o": '{"a":0,"b":0.5,"c":2190,"d":31,"e":"abc_1","f":"010","g":"v1_2","h":1000,"i":-3}', "p:top": "010" });
    });

    it("accepts a byte-order mark and CRLF line ends, and keeps secure values secret", () => {
        const file = write("Pulumi.crlf.yaml", "\ufeffconfig:\r\n  p:a: one\r\n  p:s:\r\n    secure: AAAB\r\n");
        assert.deepEqual(readStackFile(file, "p"), { values: { "p:a": "one", "p:s": secretPlaceholder }, secretKeys: ["p:s"] });
    });

    it("refuses a stack with both a .yaml and a .yml file, and a project with both Pulumi.yaml and Pulumi.yml", () => {
        const project = path.join(dir, "both");
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: p\nruntime: nodejs\nmain: index.js\n");
        fs.writeFileSync(path.join(project, "index.js"), "");
        fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), "config:\n  p:a: 1\n");
        fs.writeFileSync(path.join(project, "Pulumi.prod.yml"), "config:\n  p:a: 2\n");
        const p = readProject(project);
        refuses(() => stackFiles(p), "stack prod has two files, Pulumi.prod.yaml and Pulumi.prod.yml");
        refuses(() => stackFileOf(p, "prod"), "stack prod has two files");
        fs.rmSync(path.join(project, "Pulumi.prod.yml"));
        assert.equal(stackFileOf(p, "prod"), path.join(project, "Pulumi.prod.yaml"));
        assert.equal(stackFileOf(p, "other"), null);
        fs.writeFileSync(path.join(project, "Pulumi.yml"), "name: q\nruntime: nodejs\n");
        refuses(() => readProject(project), "both Pulumi.yaml and Pulumi.yml");
    });
});

describe("checker inputs: the command line", () => {
    const check = (...args: string[]) => parseArgs(["check", ...args]) as CheckArgs;

    it("takes a stack's name, never a path or anything Pulumi would not call a stack", () => {
        for (const name of ["demo", "st-mary", "prod_2", "v1.2", "A".repeat(100)]) assert.equal(check("--stack", name).stack, name);
        for (const bad of ["a/../../../../tmp/x", "../x", "/etc/passwd", "a\\b", ".", "..", "...", "a\0b", "a b", "stäck", "x".repeat(101), "-", "a:b"]) {
            if (bad === "-") { assert.equal(stackName(bad), "-"); continue; } // Pulumi allows it; it is one file name
            refuses(() => check("--stack", bad), `--stack ${JSON.stringify(bad)}`);
        }
        refuses(() => check("--stack", "acme/hospital/prod"), "give the stack's own name");
        // The stack a --config-file names is held to the same rule: it goes into every URN.
        assert.equal(stackNameOfFile("/x/Pulumi.st-mary.yaml"), "st-mary");
        assert.equal(stackNameOfFile("/x/ci.yml"), "ci");
        refuses(() => stackNameOfFile("/x/Pulumi.a::b.yaml"), '/x/Pulumi.a::b.yaml gives the stack name "a::b": not a stack name');
        refuses(() => check("--stack", ""), "--stack needs a value; got an empty one");
        refuses(() => check("--stack="), "--stack needs a value; got an empty one");
    });

    it("refuses an empty --out, --config-file, --policy-config and --program instead of reading it as not given", () => {
        for (const flag of ["--out", "--config-file", "--policy-config", "--program", "--rules", "--format", "--timeout"]) {
            refuses(() => check("--stack", "demo", flag, ""), `${flag} needs a value; got an empty one`);
        }
    });

    it("takes --timeout as finite seconds in digits, and clamps the timer to what Node's timers hold", () => {
        // 3000000 s is accepted and waits as long as a timer can (2^31 - 1 ms), not 1 ms as an overflowing timer would.
        assert.equal(check("--stack", "demo", "--timeout", "3000000").timeoutSeconds, maxTimerMs / 1000);
        assert.equal(timeoutMs(check("--stack", "demo", "--timeout", "3000000").timeoutSeconds), maxTimerMs);
        assert.equal(timeoutMs(3000000), maxTimerMs);
        assert.equal(timeoutMs(120), 120_000);
        assert.equal(timeoutMs(0.0001), 1);
        assert.equal(check("--stack", "demo", "--timeout", "0.001").timeoutSeconds, 0.001);
        // What --all-stacks hands a worker (String(timeoutSeconds)) parses again.
        for (const t of ["0.001", "3000000", "1" + "0".repeat(30)]) {
            const seconds = check("--stack", "demo", "--timeout", t).timeoutSeconds;
            assert.equal(check("--stack", "demo", "--timeout", String(seconds)).timeoutSeconds, seconds);
        }
        for (const bad of ["1e9999", "Infinity", "NaN", "-1", "0", "0.0", "0.0000001", "1e3", "9".repeat(400), " 5", "0x10"]) {
            refuses(() => check("--stack", "demo", "--timeout", bad), `--timeout ${bad.slice(0, 40)}`);
        }
    });

    it("takes --jobs from 1 to 256, only with --all-stacks", () => {
        assert.equal(check("--all-stacks", "--jobs", "256").jobs, 256);
        refuses(() => check("--all-stacks", "--jobs", "100000"), "--jobs 100000", "1 to 256");
        refuses(() => check("--all-stacks", "--jobs", "99999999999999999999999"), "1 to 256");
        refuses(() => check("--stack", "demo", "--jobs", "2"), "--jobs goes with --all-stacks");
    });

    it("refuses --stack with --config-file (which would win is not for the reader to guess)", () => {
        refuses(() => check("--stack", "demo", "--config-file", "other.yaml"), "--stack demo and --config-file other.yaml: give one");
        refuses(() => check("--program", "p", "--stack", "demo", "--config-file", "other.yaml"), "give one");
        assert.equal(check("--config-file", "other.yaml").configFile, "other.yaml");
    });

    it("takes formats in their one spelling", () => {
        refuses(() => check("--stack", "demo", "--format", "JSON"), "--format JSON: not a format");
        assert.equal(check("--stack", "demo", "--format", "json").format, "json");
    });
});

describe("checker inputs: help is asked for, never given as a value", () => {
    it("prints help for --help or -h where an option stands, and reads them as values after an option", () => {
        for (const argv of [[], ["--help"], ["-h"], ["help"], ["check", "--help"], ["check", "--stack", "demo", "-h"], ["policies", "--help"]]) {
            assert.equal(parseArgs(argv).command, "help", JSON.stringify(argv));
        }
        // Each of these once printed usage and exited 0 without checking anything.
        refuses(() => parseArgs(["check", "--stack", "demo", "--config", "--help"]), '--config "--help": expected KEY=VALUE');
        refuses(() => parseArgs(["check", "--stack", "demo", "--config", "-h"]), '--config "-h": expected KEY=VALUE');
        assert.equal((parseArgs(["check", "--stack", "-h"]) as CheckArgs).stack, "-h"); // Pulumi's rule allows it; no such stack file, refused later
        assert.equal((parseArgs(["check", "--config-file", "-h"]) as CheckArgs).configFile, "-h"); // a file named -h: read (and refused if missing) later
    });
});
