#!/usr/bin/env node
// The installed command. Runs the compiled checker (dist/, built by `npm run build`, which `npm ci`
// runs through `prepare`): no type-checking at start-up. Errors writing standard output are watched
// before anything is written (a report not delivered is exit 2, not a verdict); a rejection that
// escapes main() is exit 2 too, never the 0 an unfinished run would otherwise leave.
// V8's code cache of this process's modules (the rules, the report writers, the SDK's decoder) is on before
// any of them loads, and written when the command ends, with the functions the check ran compiled.
const { cacheDir, enableCompileCache } = require("../dist/checker/compile-cache.js");
const compileCache = enableCompileCache(cacheDir("checker"));
if (compileCache) process.on("exit", () => compileCache.write());
const cli = require("../dist/checker/cli.js");
cli.watchOutput();
cli.main(process.argv.slice(2)).then(cli.finish, e => {
    process.stderr.write(`hipaa-cloud: internal error (a bug in hipaa-cloud, please report it): ${e && e.message || e}\n`);
    cli.finish(2);
});
