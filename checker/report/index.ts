// The report formats, by name. Each renderer loads only when asked for (junit pulls in an XML builder).
import type { RenderInput } from "./model";

export const formats = ["text", "json", "markdown", "sarif", "junit", "mermaid", "oscal"] as const;
export type Format = typeof formats[number];

/* eslint-disable @typescript-eslint/no-require-imports */
const renderers: Record<Format, () => (input: RenderInput) => string> = {
    text: () => (require("./text") as typeof import("./text")).renderText,
    json: () => (require("./json") as typeof import("./json")).renderJson,
    markdown: () => (require("./markdown") as typeof import("./markdown")).renderMarkdown,
    sarif: () => (require("./sarif") as typeof import("./sarif")).renderSarif,
    junit: () => (require("./junit") as typeof import("./junit")).renderJunit,
    mermaid: () => (require("./mermaid") as typeof import("./mermaid")).renderMermaid,
    oscal: () => (require("./oscal") as typeof import("./oscal")).renderOscal,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export function render(format: Format, input: RenderInput): string {
    return renderers[format]()(input);
}

/** Loads the renderer of `format` now (cli.ts loadWhatJudges), so that rendering later loads no code. */
export function loadRenderer(format: Format): void {
    renderers[format]();
}
