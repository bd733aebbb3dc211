// Every azure policy of the pack, one control per file (policies/azure/<control-id>.ts).
import type { Rule } from "../lib/rule";

export const rules: Rule[] = [];
