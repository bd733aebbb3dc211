// Every gcp policy of the pack, one control per file (policies/gcp/<control-id>.ts).
import type { Rule } from "../lib/rule";
import { rules as encRestCmk } from "./enc-rest-cmk";
import { rules as publicAccess } from "./public-access";
import { rules as networkPrivate } from "./network-private";
import { rules as auditLog } from "./audit-log";

export const rules: Rule[] = [
    ...encRestCmk, ...publicAccess, ...networkPrivate, ...auditLog,
];
