// Every aws policy of the pack, one control per file (policies/aws/<control-id>.ts).
import type { Rule } from "../lib/rule";

export const rules: Rule[] = [];
