// After `tsc`, what the policy pack needs beside its compiled index.js so that the installed package's
// dist/policies is a pack the engine runs (`pulumi preview --policy-pack node_modules/hipaa-cloud/dist/policies`):
// PulumiPolicy.yaml (the runtime), and a package.json with the version, which @pulumi/policy's PolicyPack
// reads from the working directory the engine starts the pack in.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const out = path.join(root, "dist", "policies");
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
fs.copyFileSync(path.join(root, "policies", "PulumiPolicy.yaml"), path.join(out, "PulumiPolicy.yaml"));
fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({ name: "hipaa-cloud-policy-pack", version, private: true, main: "index.js" }, null, 2) + "\n");
