// A component spec pins the URNs its component registers (test/components/urns/<name>.txt), as the stack
// specs pin a whole stack's: a refactor of the constructor (a planning module, a renamed argument) that
// would rename or replace a resource fails in the component's own spec. If the change is meant, write the
// new list, and give deployed stacks an alias.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Recorded } from "./record";

/** The URNs under `componentType` that `recorded` registered, sorted, and the pinned list `name`. */
export function pinnedUrns(recorded: Recorded, componentType: string, name: string): { actual: string[]; expected: string[] } {
    const file = path.join(__dirname, "..", "components", "urns", `${name}.txt`);
    return {
        actual: recorded.resources.map(r => r.urn).filter(urn => urn.includes(componentType)).sort(),
        expected: fs.readFileSync(file, "utf8").trim().split("\n"),
    };
}
