// Every component validates all of its arguments and throws once, with every problem, each naming its
// argument (components/problems.ts): the shared helper, then one component per cloud given several bad
// arguments at once, then the pure problem lists of the components that had none before.
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { unknown } from "@pulumi/pulumi/output";
import { assertArgs, auditDaysProblem, ComponentArgsError, commonArgsProblems, oneOfProblem, principalsProblem, wholeNumberProblem } from "../../components/problems";
import { Storage as AwsStorage, storageProblems as awsStorageProblems } from "../../components/aws/storage";
import { auditProblems as azureAuditProblems } from "../../components/azure/audit";
import { Imaging as AzureImaging } from "../../components/azure/imaging";
import { rules as awsRules } from "../../policies/aws";
import { evaluate } from "../../policies/lib/evaluate";
import { recordWith } from "./azure/harness";
import { keysProblems as awsKeysProblems, Keys as AwsKeys } from "../../components/aws/keys";
import { networkProblems as awsNetworkProblems } from "../../components/aws/network";
import { imagingProblems as awsImagingProblems } from "../../components/aws/imaging";
import { auditProblems as awsAuditProblems } from "../../components/aws/audit";
import { processingProblems as awsProcessingProblems } from "../../components/aws/processing";
import { networkProblems as azureNetworkProblems } from "../../components/azure/network";
import { processingProblems as azureProcessingProblems } from "../../components/azure/processing";
import { warehouseProblems as azureWarehouseProblems } from "../../components/azure/warehouse";
import { imageAnalysisProblems as azureImageAnalysisProblems } from "../../components/azure/analysis";
import { imageAnalysisProblems as awsImageAnalysisProblems } from "../../components/aws/analysis";
import { imageAnalysisProblems as gcpImageAnalysisProblems } from "../../components/gcp/analysis";
import { Keys as AzureKeys, keysProblems as azureKeysProblems } from "../../components/azure/keys";
import { researchShareProblems as azureResearchShareProblems } from "../../components/azure/research-share";
import { synapseWorkspaceProblems as azureSynapseProblems } from "../../components/azure/synapse";
import { Keys as GcpKeys, keysProblems as gcpKeysProblems } from "../../components/gcp/keys";
import { auditProblems as gcpAuditProblems } from "../../components/gcp/audit";
import { storageProblems as gcpStorageProblems } from "../../components/gcp/storage";
import { processingProblems as gcpProcessingProblems } from "../../components/gcp/processing";
import { networkProblems as gcpNetworkProblems } from "../../components/gcp/network";
import { warehouseProblems as gcpWarehouseProblems } from "../../components/gcp/warehouse";
import { imagingProblems as gcpImagingProblems } from "../../components/gcp/imaging";
import { Storage as AzureStorage } from "../../components/azure/storage";
import { record } from "../support/record";
import { gcpConfig, project, region } from "./gcp/support";

/** Each problem names its argument first, in quotes: the arguments named, in order. */
const argsNamed = (problems: readonly string[]) => problems.map(p => /^'([\w.[\]]+)'/.exec(p)?.[1] ?? p);

describe("component argument validation (components/problems.ts)", () => {
    describe("the shared helper", () => {
        it("throws one ComponentArgsError with the common problems first, then the component's own", () => {
            let thrown: unknown;
            try {
                assertArgs("Storage", "phi", { tenant: "St Mary", environment: "production" as never }, ["'purpose' must be short.", undefined]);
            } catch (e) { thrown = e; }
            assert.ok(thrown instanceof ComponentArgsError);
            assert.deepEqual(argsNamed(thrown.problems), ["tenant", "environment", "purpose"]);
            assert.match(thrown.message, /^Storage "phi": 'tenant' must be a slug.*got "St Mary"\. 'environment' must be one of prod, staging, dev; got "production"\. 'purpose'/);
        });

        it("refuses an environment spelled otherwise: 'Prod' would have turned protect off in prod", () => {
            for (const environment of ["Prod", "prod ", "production", ""]) {
                assert.deepEqual(argsNamed(commonArgsProblems({ tenant: "stmary", environment: environment as never })), ["environment"], environment);
            }
        });

        it("returns when there is no problem", () => {
            assert.doesNotThrow(() => assertArgs("Storage", "phi", { tenant: "stmary", environment: "dev", tags: { team: "radiology" } }, [undefined]));
        });

        it("refuses a tenant that is not a slug, whatever its type", () => {
            for (const tenant of ["", "s", "StMary", "st mary", "-stmary", "s".repeat(32), "stmary\n", 42, undefined]) {
                assert.deepEqual(argsNamed(commonArgsProblems({ tenant: tenant as never })), ["tenant"], String(tenant));
            }
        });

        it("refuses a tag that any cloud would read as a platform tag or a hipaa-cloud key, instead of dropping it silently", () => {
            const problems = commonArgsProblems({ tenant: "stmary", tags: { Tenant: "other", "data_classification": "public", "HIPAA-CLOUD:exempt": "x", team: "ok" } });
            assert.equal(problems.length, 3);
            assert.ok(problems.every(p => p.startsWith("'tags' may not set")));
            assert.ok(!problems.some(p => p.includes('"team"')));
        });

        it("words ranges, choices and principals the same way on every cloud", () => {
            assert.equal(wholeNumberProblem("days", 7, 7, 90), undefined);
            assert.equal(wholeNumberProblem("days", 6.5, 1), "'days' must be a whole number of at least 1; got 6.5.");
            assert.equal(wholeNumberProblem("days", 91, 7, 90, "BACKUP-VERSIONING"), "'days' must be a whole number from 7 to 90 (BACKUP-VERSIONING); got 91.");
            assert.equal(wholeNumberProblem("days", Number.NaN, 1), "'days' must be a whole number of at least 1; got NaN.");
            assert.equal(wholeNumberProblem("days", "30" as never, 1), `'days' must be a whole number of at least 1; got "30".`);
            assert.equal(oneOfProblem("profile", "toString", ["analytics", "genomics"]), `'profile' must be one of "analytics", "genomics"; got "toString".`);
            assert.match(principalsProblem("gcp", "viewers", ["group:ok@x.org", "allUsers", "allAuthenticatedUsers"]) ?? "", /'viewers'.*"allUsers", "allAuthenticatedUsers".*PUBLIC-ACCESS/);
            assert.match(principalsProblem("azure", "admins", ["not-a-guid"]) ?? "", /'admins'.*Entra/);
            assert.match(principalsProblem("aws", "admins", ["arn:aws:iam::123456789012:role/admin", "*"]) ?? "", /'admins'.*"\*"/);
            assert.match(principalsProblem("aws", "admins", "arn:aws:iam::123456789012:role/admin" as never) ?? "", /'admins' must be a list/);
            assert.equal(principalsProblem("aws", "admins", undefined), undefined);
        });
    });

    describe("renamed arguments: the new name, the deprecated one, never both", () => {
        const awsOk = { tenant: "stmary", kmsKeyArn: "alias/stmary-phi" };
        it("aws Audit, Network and Warehouse keep audit data `auditDays`, as Azure and Google Cloud do", () => {
            assert.deepEqual(awsAuditProblems({ ...awsOk, auditDays: 3653 }), []);
            assert.deepEqual(awsAuditProblems({ ...awsOk, retentionDays: 3653 }), []);
            // A problem names the argument the caller wrote.
            assert.deepEqual(argsNamed(awsAuditProblems({ ...awsOk, retentionDays: 365 })), ["retentionDays"]);
            assert.deepEqual(argsNamed(awsAuditProblems({ ...awsOk, auditDays: 365 })), ["auditDays"]);
            assert.match(awsAuditProblems({ ...awsOk, auditDays: 3653, retentionDays: 2192 }).join(" "), /Only one of 'auditDays', 'retentionDays'/);
            assert.match(awsNetworkProblems({ ...awsOk, region: "us-east-1", auditDays: 2192, flowLogRetentionDays: 2192 }).join(" "), /Only one of 'auditDays', 'flowLogRetentionDays'/);
            assert.deepEqual(argsNamed(awsNetworkProblems({ ...awsOk, region: "us-east-1", flowLogRetentionDays: 30 })), ["flowLogRetentionDays"]);
        });

        const awsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        const gcpKey = `projects/${project}/locations/${region}/keyRings/mercy/cryptoKeys/phi`;
        const gcpArgs = { tenant: "mercy", project, region, accessLogBucket: "mercy-usage-logs" };
        const phi = { tenant: "stmary", purpose: "phi", accessLogBucket: "stmary-access-logs" };

        it("the customer-managed key is `key` on the three clouds; the old name still works and a problem names it", async () => {
            assert.deepEqual(awsStorageProblems({ ...phi, key: awsKey }), []);
            assert.deepEqual(awsStorageProblems({ ...phi, kmsKeyArn: awsKey }), []);
            assert.deepEqual(argsNamed(awsStorageProblems({ ...phi, kmsKeyArn: "alias/aws/s3" })), ["kmsKeyArn"]);
            assert.deepEqual(argsNamed(awsStorageProblems({ ...phi, key: "alias/aws/s3" })), ["key"]);
            assert.deepEqual(gcpStorageProblems({ ...gcpArgs, key: gcpKey } as never), []);
            assert.deepEqual(gcpStorageProblems({ ...gcpArgs, keyId: gcpKey } as never), []);
            assert.deepEqual(argsNamed(gcpStorageProblems({ ...gcpArgs, keyId: "phi" } as never)), ["keyId"]);
            // On Azure the old name builds the very same resources as the new one.
            const urns = async (named: "key" | "keys") => (await recordWith(({ args, network, audit, keys }) => {
                new AzureImaging("img", { ...args, network, audit, [named]: keys });
            }, ["dicom"])).resources.map(r => `${r.urn} ${JSON.stringify(r.inputs)}`);
            assert.deepEqual(await urns("keys"), await urns("key"));
        });

        it("refuses both names at once, naming both, whatever the values: the same, an empty string or null", async () => {
            for (const old of [awsKey, "", null]) {
                assert.match(awsStorageProblems({ ...phi, key: awsKey, kmsKeyArn: old as never }).join(" "), /Only one of 'key', 'kmsKeyArn' is allowed/, String(old));
                assert.match(gcpStorageProblems({ ...gcpArgs, key: gcpKey, keyId: old } as never).join(" "), /Only one of 'key', 'keyId' is allowed/, String(old));
            }
            assert.match(gcpStorageProblems({ ...gcpArgs, key: gcpKey, noncurrentVersionDays: 30, phiDays: 30 } as never).join(" "),
                /Only one of 'noncurrentVersionDays', 'phiDays' is allowed/);
            await assert.rejects(recordWith(({ args, network, audit, keys }) => { new AzureImaging("img", { ...args, network, audit, key: keys, keys }); }, ["dicom"]),
                /Imaging "img": Only one of 'key', 'keys' is allowed: 'keys' is the deprecated name of 'key'\./);
        });

        it("an old name set to undefined is not given; set to an empty string or null it is, and is judged (never the default)", () => {
            assert.deepEqual(awsStorageProblems({ ...phi, key: awsKey, kmsKeyArn: undefined }), []);
            assert.deepEqual(argsNamed(awsStorageProblems({ ...phi, kmsKeyArn: undefined })), ["key"], "no key at all");
            assert.match(awsStorageProblems({ ...phi, kmsKeyArn: "" }).join(" "), /^'kmsKeyArn' must be a customer-managed KMS key.*got ""\./);
            assert.match(awsStorageProblems({ ...phi, kmsKeyArn: null as never }).join(" "), /^'kmsKeyArn' must be a customer-managed KMS key.*got null\./);
            assert.match(gcpStorageProblems({ ...gcpArgs, keyId: "" } as never).join(" "), /^'keyId' must be a Cloud KMS crypto key id.*got ""\./);
            assert.deepEqual(argsNamed(gcpStorageProblems(gcpArgs as never)), ["key"], "no key at all");
            // A null retention was read as "use the default": it is a value the caller wrote, and not a number of days.
            assert.match(awsAuditProblems({ ...awsOk, retentionDays: null as never }).join(" "), /^'retentionDays' must be one of .*got null\./);
            assert.match(gcpStorageProblems({ ...gcpArgs, key: gcpKey, phiDays: null } as never).join(" "), /^'phiDays' must be a whole number .*got null\./);
            assert.match(awsStorageProblems({ ...phi, key: awsKey, noncurrentVersionDays: null as never }).join(" "), /^'noncurrentVersionDays' must be a whole number .*got null\./);
            assert.match(azureAuditProblems({ auditDays: null as never }).join(" "), /^'auditDays' must be a whole number .*got null\./);
        });

        it("a key unknown at preview (an Output) is left to the pack, which reports it unknown: never compliant", async () => {
            assert.deepEqual(awsStorageProblems({ ...phi, key: pulumi.output(awsKey) }), []);
            assert.deepEqual(gcpStorageProblems({ ...gcpArgs, key: pulumi.output(gcpKey) } as never), []);
            // Unknown or not, a new name beside an old one is still both names.
            assert.match(awsStorageProblems({ ...phi, key: pulumi.output(awsKey), kmsKeyArn: awsKey }).join(" "), /Only one of 'key', 'kmsKeyArn'/);
            const r = await record(() => { new AwsStorage("phi", { ...phi, key: pulumi.output(unknown) as pulumi.Output<string> }); },
                { preview: true, config: { "aws:region": "us-east-1" } });
            const encryption = evaluate(awsRules, r.policyResources).filter(f => f.controls.includes("ENC-REST-CMK") && f.type?.includes("ServerSideEncryption"));
            assert.ok(encryption.length > 0 && encryption.every(f => f.unknown), JSON.stringify(encryption.map(f => f.message)));
        });

        it("a key the component leaves to the pack (an Output) that names an AWS-managed key is a finding, in any spelling", async () => {
            for (const managed of ["alias/aws/s3", "arn:aws:kms:us-east-1:123456789012:alias/aws/s3", "alias/AWS/s3"]) {
                assert.deepEqual(awsStorageProblems({ ...phi, key: pulumi.output(managed) }), [], "deferred to the pack");
                const r = await record(() => { new AwsStorage("phi", { ...phi, key: pulumi.output(managed) }); }, { preview: true, config: { "aws:region": "us-east-1" } });
                const encryption = evaluate(awsRules, r.policyResources).filter(f => f.controls.includes("ENC-REST-CMK"));
                assert.ok(encryption.some(f => !f.unknown && f.message.includes(`"${managed}"`)), `${managed}: ${JSON.stringify(encryption.map(f => f.message))}`);
            }
        });

        it("the processing size and the access-log bucket have one name on the three clouds, as in hospital:processing; both at once is refused", () => {
            assert.deepEqual(azureProcessingProblems({ workers: 2, instanceType: "XLarge" }), []);
            assert.deepEqual(argsNamed(azureProcessingProblems({ workers: 0, instanceType: "m6i.xlarge" })), ["workers", "instanceType"]);
            assert.match(azureProcessingProblems({ workers: 3, nodes: 3 }).join(" "), /Only one of 'workers', 'nodes'/);
            assert.match(azureProcessingProblems({ instanceType: "XLarge", nodeSize: null as never }).join(" "), /Only one of 'instanceType', 'nodeSize'/);
            const gcp = { ...gcpArgs, key: gcpKey };
            assert.deepEqual(gcpProcessingProblems({ ...gcp, instanceType: "n2-highmem-8" } as never), []);
            assert.deepEqual(gcpProcessingProblems({ ...gcp, machineType: "n2-highmem-8" } as never), []);
            assert.match(gcpProcessingProblems({ ...gcp, instanceType: "n2-highmem-8", machineType: "n2-highmem-8" } as never).join(" "), /Only one of 'instanceType', 'machineType'/);
            assert.deepEqual(gcpStorageProblems({ ...gcp, accessLogBucket: undefined, usageLogBucket: "mercy-usage-logs" } as never), []);
            assert.deepEqual(argsNamed(gcpStorageProblems({ ...gcp, accessLogBucket: undefined } as never)), ["accessLogBucket"], "no log bucket at all");
            assert.deepEqual(argsNamed(gcpStorageProblems({ ...gcp, accessLogBucket: undefined, usageLogBucket: "" } as never)), ["usageLogBucket"]);
            assert.match(gcpStorageProblems({ ...gcp, usageLogBucket: "mercy-usage-logs" } as never).join(" "), /Only one of 'accessLogBucket', 'usageLogBucket'/);
        });

        it("a retention just below the six-year floor is refused under the old name too, on every cloud", () => {
            const justBelow = 2189;
            assert.deepEqual(argsNamed(awsAuditProblems({ ...awsOk, retentionDays: justBelow })), ["retentionDays"]);
            assert.deepEqual(argsNamed(awsNetworkProblems({ ...awsOk, region: "us-east-1", flowLogRetentionDays: justBelow })), ["flowLogRetentionDays"]);
            assert.deepEqual(argsNamed(azureAuditProblems({ auditDays: justBelow })), ["auditDays"]);
            assert.deepEqual(argsNamed(gcpAuditProblems({ ...gcpArgs, key: gcpKey, auditDays: justBelow } as never)), ["auditDays"]);
            assert.deepEqual(argsNamed(awsStorageProblems({ ...phi, key: awsKey, objectLockDays: 2192, noncurrentVersionDays: justBelow })), ["noncurrentVersionDays"]);
            // One floor (facts/retention.ts) for all of them.
            assert.equal(auditDaysProblem("auditDays", 2190, {}), undefined);
            assert.match(auditDaysProblem("auditDays", justBelow, {}) ?? "", /at least 2190/);
            assert.equal(auditDaysProblem("auditDays", 0, { values: [0, 1827, 2192], forever: 0 }), undefined);
            assert.match(auditDaysProblem("auditDays", 1827, { values: [0, 1827, 2192], forever: 0 }) ?? "", /must be one of 0, 2192 /);
        });
    });

    describe("a component given several bad arguments throws once, naming each", () => {
        it("aws Keys", async () => {
            await assert.rejects(record(() => { new AwsKeys("k", { tenant: "StMary", region: "mars", purpose: "PHI!", admins: ["root"] }); }),
                (e: unknown) => e instanceof ComponentArgsError && e.component === "Keys" &&
                    assert.deepEqual(argsNamed(e.problems), ["tenant", "admins", "purpose", "region"]) === undefined);
        });

        it("azure Storage", async () => {
            await assert.rejects(record(() => {
                new AzureStorage("s", {
                    tenant: "stlukes", environment: "live" as never, resourceGroupName: "rg", location: "eastus2",
                    purpose: "Too-Long-Purpose", containers: ["A"], softDeleteDays: 1,
                    network: {} as never, audit: {} as never, key: {} as never,
                });
            }), (e: unknown) => e instanceof ComponentArgsError && assert.deepEqual(argsNamed(e.problems), ["environment", "purpose", "containers", "softDeleteDays"]) === undefined);
        });

        it("gcp Keys: Google Cloud components no longer stop at the first bad argument", async () => {
            await assert.rejects(record(() => { new GcpKeys("k", { tenant: "mercy", project: "P", region, rotationDays: 91, protectionLevel: "ROT13" as never, agents: ["storage", "__proto__" as never] }); }, { config: gcpConfig }),
                (e: unknown) => e instanceof ComponentArgsError && e.component === "Keys" &&
                    assert.deepEqual(argsNamed(e.problems), ["project", "rotationDays", "protectionLevel", "agents"]) === undefined);
        });
    });

    describe("the problem lists of each cloud's components", () => {
        const awsOk = { tenant: "stmary", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" };
        // The Azure key argument is the hospital's Keys: an instance, without registering one.
        const azureKeysStub = Object.create(AzureKeys.prototype) as AzureKeys;
        const gcpOk = { tenant: "mercy", project, region, key: `projects/${project}/locations/${region}/keyRings/mercy/cryptoKeys/phi`, accessLogBucket: "mercy-usage-logs" };

        it("aws: keys, network, imaging, audit and processing name every bad argument", () => {
            assert.deepEqual(awsKeysProblems({ tenant: "stmary", region: "us-east-1", admins: ["arn:aws:iam::123456789012:role/phi-admin"] }), []);
            assert.deepEqual(argsNamed(awsNetworkProblems({ ...awsOk, region: "us-east-1", cidr: "10.40.0.1/16", flowLogRetentionDays: 30, kmsKeyArn: "alias/aws/s3" })),
                ["cidr", "flowLogRetentionDays", "kmsKeyArn"]);
            assert.deepEqual(awsNetworkProblems({ ...awsOk, region: "us-east-1" }), []);
            assert.deepEqual(argsNamed(awsImagingProblems({ ...awsOk, region: "us-east-1", accessLogBucket: "arn:aws:s3:::logs", kmsKeyArn: 7 as never })), ["kmsKeyArn", "accessLogBucket"]);
            assert.deepEqual(argsNamed(awsAuditProblems({ ...awsOk, retentionDays: 365 })), ["retentionDays"]);
            assert.deepEqual(argsNamed(awsProcessingProblems({
                ...awsOk, vpcId: "subnet-1", subnetId: "vpc-1", vpcCidr: "10.40.0.0/16", accessLogBucket: "logs", region: "us-east-1", profile: "gaming" as never,
            })), ["profile", "vpcId", "subnetId"]);
        });

        it("azure: network, processing, warehouse, analysis, keys and research share", () => {
            assert.deepEqual(argsNamed(azureNetworkProblems({ cidr: "10.40.0.0/24", groupIds: ["blob", "constructor" as never, "toString" as never] })), ["cidr", "groupIds"]);
            assert.deepEqual(azureNetworkProblems({ groupIds: ["blob", "vault"] }), []);
            assert.deepEqual(argsNamed(azureProcessingProblems({ profile: "x" as never, nodes: 0, nodeSize: "m6i.xlarge", autoPauseMinutes: 1 })),
                ["profile", "nodes", "nodeSize", "autoPauseMinutes"]);
            assert.deepEqual(azureProcessingProblems({ nodes: 2, nodeSize: "XLarge" }), []);
            assert.deepEqual(argsNamed(azureWarehouseProblems({ sku: "DW100" })), ["sku"]);
            assert.deepEqual(argsNamed(azureImageAnalysisProblems({ sku: "F0", key: azureKeysStub })), ["sku"]);
            assert.deepEqual(argsNamed(azureKeysProblems({ consumers: ["storage"], admins: ["3f2504e0-4f89-41d3-9a0c-0305e82c3301", "alice@example.org"] })), ["admins"]);
            assert.deepEqual(argsNamed(azureResearchShareProblems({ partners: [], keys: { deidentifiedKey: undefined } as never })), ["partners", "keys"]);
        });

        it("azure: the exported problem lists of the synapse workspace and research share judge the key too, as every other component's do", () => {
            const zoneKeys = { deidentifiedKey: {} } as never;
            assert.match(azureResearchShareProblems({ partners: [], key: zoneKeys, keys: zoneKeys }).join(" "), /Only one of 'key', 'keys' is allowed/);
            assert.deepEqual(argsNamed(azureResearchShareProblems({ partners: [] })), ["partners", "key"], "no key at all");
            assert.match(azureSynapseProblems({ key: zoneKeys, keys: zoneKeys }).join(" "), /Only one of 'key', 'keys' is allowed/);
            assert.deepEqual(argsNamed(azureSynapseProblems({})), ["key"], "no key at all");
        });

        it("image analysis judges its key in its exported problem list on every cloud: missing, malformed, or under both names", () => {
            const aws = { ...awsOk, region: "us-east-1", accessLogBucket: "logs", vpcId: "vpc-1", subnetIds: ["subnet-1"], endpointSecurityGroupId: "sg-1" };
            assert.deepEqual(awsImageAnalysisProblems(aws), []);
            assert.deepEqual(argsNamed(awsImageAnalysisProblems({ ...aws, kmsKeyArn: undefined })), ["key"]);
            assert.deepEqual(argsNamed(awsImageAnalysisProblems({ ...aws, kmsKeyArn: "alias/aws/s3" })), ["kmsKeyArn"]);
            assert.match(awsImageAnalysisProblems({ ...aws, key: aws.kmsKeyArn }).join(" "), /Only one of 'key', 'kmsKeyArn' is allowed/);
            assert.deepEqual(azureImageAnalysisProblems({ key: azureKeysStub }), []);
            assert.deepEqual(argsNamed(azureImageAnalysisProblems({})), ["key"]);
            assert.deepEqual(argsNamed(azureImageAnalysisProblems({ key: {} as never })), ["key"]);
            assert.match(azureImageAnalysisProblems({ key: azureKeysStub, keys: azureKeysStub }).join(" "), /Only one of 'key', 'keys' is allowed/);
            const gcp = { ...gcpOk, keyGrant: {} as never };
            assert.deepEqual(gcpImageAnalysisProblems(gcp), []);
            assert.deepEqual(argsNamed(gcpImageAnalysisProblems({ ...gcp, key: `${gcpOk.key}/cryptoKeyVersions/1` })), ["key"]);
            assert.match(gcpImageAnalysisProblems({ ...gcp, keyId: gcpOk.key }).join(" "), /Only one of 'key', 'keyId' is allowed/);
        });

        it("gcp: keys, audit, storage, processing, network, warehouse and imaging", () => {
            assert.deepEqual(gcpKeysProblems(gcpOk), []);
            assert.deepEqual(argsNamed(gcpKeysProblems({ ...gcpOk, rotationDays: 1, purpose: "../x" })), ["rotationDays", "purpose"]);
            assert.deepEqual(argsNamed(gcpAuditProblems({ ...gcpOk, region: "US", auditDays: 2189 } as never)), ["region", "auditDays"]);
            assert.deepEqual(argsNamed(gcpAuditProblems({ ...gcpOk, auditDays: 4000 } as never)), ["auditDays"]);
            assert.deepEqual(argsNamed(gcpStorageProblems({ ...gcpOk, phiDays: 0, softDeleteDays: 6, admins: ["allUsers"] } as never)), ["phiDays", "softDeleteDays", "admins"]);
            assert.deepEqual(argsNamed(gcpProcessingProblems({ ...gcpOk, workers: 1, machineType: "m6i.xlarge", stagingDays: -1, profile: "genomics" } as never)),
                ["workers", "machineType", "stagingDays"]);
            assert.deepEqual(argsNamed(gcpNetworkProblems({ ...gcpOk, cidr: "10.40.0.0/33", accessPolicy: "accessPolicies/1", moreRestrictedServices: ["vision"] })),
                ["cidr", "accessPolicy", "moreRestrictedServices"]);
            assert.deepEqual(gcpNetworkProblems({ ...gcpOk, accessPolicy: "123", moreRestrictedServices: ["vision.googleapis.com"] }), []);
            assert.deepEqual(argsNamed(gcpWarehouseProblems({ ...gcpOk, readers: ["allAuthenticatedUsers"] } as never)), ["readers"]);
            assert.deepEqual(argsNamed(gcpImagingProblems({ ...gcpOk, admins: ["user:a@x.org"], viewers: ["allUsers"] } as never)), ["viewers"]);
        });
    });
});
