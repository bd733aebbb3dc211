#!/usr/bin/env node
// The installed command. Runs the compiled checker (dist/, built by `npm run build`, which `npm ci`
// runs through `prepare`): no type-checking at start-up.
require("../dist/checker/cli.js").main(process.argv.slice(2)).then(code => { process.exitCode = code; });
