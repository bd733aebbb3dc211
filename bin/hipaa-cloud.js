#!/usr/bin/env node
// The installed command. Runs the compiled checker (dist/, built by `npm run build`, which `npm ci`
// runs through `prepare`): no type-checking at start-up. Errors writing standard output are watched
// before anything is written (a report not delivered is exit 2, not a verdict); a rejection that
// escapes main() is exit 2 too, never the 0 an unfinished run would otherwise leave.
// No compiled-code cache (V8's cached data, as Node 22's module.enableCompileCache keeps) in this process or the
// program's: a checked program runs as the same user and could write an entry, V8 code of its choosing that V8
// checks only by the source's length, for the rules of this check or for the SDK of the next program checked.
const cli = require("../dist/checker/cli.js");
cli.watchOutput();
cli.main(process.argv.slice(2)).then(cli.finish, e => {
    process.stderr.write(`hipaa-cloud: internal error (a bug in hipaa-cloud, please report it): ${e && e.message || e}\n`);
    cli.finish(2);
});
