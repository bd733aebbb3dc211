#!/usr/bin/env node
// The installed command. Runs the compiled checker (dist/, built by `npm run build`, which `npm ci`
// runs through `prepare`): no type-checking at start-up.
const cli = require("../dist/checker/cli.js");
cli.main(process.argv.slice(2)).then(cli.finish);
