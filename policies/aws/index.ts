// Every aws policy of the pack, one control per file (policies/aws/<control-id>.ts).
import type { Rule } from "../lib/rule";
import { rules as aiDataUse } from "./ai-data-use";
import { rules as auditLog } from "./audit-log";
import { rules as backupVersioning } from "./backup-versioning";
import { rules as deletionProtection } from "./deletion-protection";
import { rules as encRestCmk } from "./enc-rest-cmk";
import { rules as encTransit } from "./enc-transit";
import { rules as identityAuthn } from "./identity-authn";
import { rules as keyRotation } from "./key-rotation";
import { rules as leastPrivilege } from "./least-privilege";
import { rules as logIntegrity } from "./log-integrity";
import { rules as networkPrivate } from "./network-private";
import { rules as noSafeguard } from "./no-safeguard";
import { rules as publicAccess } from "./public-access";
import { rules as residency } from "./residency";
import { rules as retention } from "./retention";
import { rules as shareDeidentified } from "./share-deidentified";
import { rules as tagging } from "./tagging";

export const rules: Rule[] = [
    ...encRestCmk,
    ...encTransit,
    ...publicAccess,
    ...networkPrivate,
    ...auditLog,
    ...logIntegrity,
    ...retention,
    ...backupVersioning,
    ...deletionProtection,
    ...keyRotation,
    ...leastPrivilege,
    ...identityAuthn,
    ...tagging,
    ...residency,
    ...aiDataUse,
    ...shareDeidentified,
    ...noSafeguard,
];
