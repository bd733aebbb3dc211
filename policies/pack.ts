// The list of the pack's rules: what the checker, the tests and policies/index.ts import.
import { rules as aws } from "./aws";
import { rules as azure } from "./azure";
import { rules as gcp } from "./gcp";
import type { Rule } from "./lib/rule";

export const packName = "hipaa";
export const rules: readonly Rule[] = [...aws, ...azure, ...gcp];
