// The policy pack for the real engine: `pulumi preview --policy-pack policies`. Only this: the
// PolicyPack constructor starts an analyzer server, so nothing else may import this file.
import { PolicyPack } from "@pulumi/policy";
import { toPulumiPolicies } from "./lib/adapter";
import { packName, rules } from "./pack";
import { refuseMovedJudgingDay } from "./lib/config";

refuseMovedJudgingDay();
new PolicyPack(packName, { policies: toPulumiPolicies(rules) });
