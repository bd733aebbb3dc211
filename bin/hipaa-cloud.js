#!/usr/bin/env node
// The installed command. Runs the compiled checker (dist/, built by `npm run build`, which `npm ci`
// runs through `prepare`): no type-checking at start-up.
require("../dist/checker/cli.js").main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
    // A checked program may leave timers or handles behind (or never settle): do not wait for them.
    require("node:timers").setTimeout(() => process.exit(code), 50).unref();
});
