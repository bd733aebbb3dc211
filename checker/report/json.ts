// JSON: the stable format other tools parse (shared/DESIGN.md). One report, or for --all-stacks
// {"stacks": [report, ...], "summary": {...}}.
import { allStacksSummary, RenderInput } from "./model";

export function renderJson(input: RenderInput): string {
    if (!input.allStacks) return JSON.stringify(input.reports[0], null, 2) + "\n";
    return JSON.stringify({ stacks: input.reports, summary: allStacksSummary(input) }, null, 2) + "\n";
}
