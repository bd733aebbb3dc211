// Every gcp policy of the pack, one control per file (policies/gcp/<control-id>.ts).
import type { Rule } from "../lib/rule";

export const rules: Rule[] = [];
