// JSON: the stable format other tools parse (shared/DESIGN.md). One report, or for --all-stacks
// {"stacks": [report, ...], "summary": {...}, "fleet": {...}} (fleet: added, the stacks × controls matrix, fleet.ts).
import { fleetOf } from "./fleet";
import { allStacksSummary, RenderInput } from "./model";

export function renderJson(input: RenderInput): string {
    if (!input.allStacks) return JSON.stringify(input.reports[0], null, 2) + "\n";
    return JSON.stringify({ stacks: input.reports, summary: allStacksSummary(input), fleet: fleetOf(input) }, null, 2) + "\n";
}
