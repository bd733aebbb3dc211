// The technology asset inventory (JSON `assetInventory`) and the classes of the PHI-flow map: every
// cloud resource with what it is (its kind), its data classification, the key that encrypts it, where
// it lives, and whether the pack judged its access private. The proposed update of the HIPAA Security
// Rule (published for comment 2025-01-06) asks for a technology asset inventory and a network map of
// how ePHI moves; this is the inventory, phi-map.ts draws the map from it.
//
// Kinds are keyed on resource types (and a CloudControl resource's typeName), never on component names
// or resource names: a hand-written program's bucket is a store as the component's is, and services added
// later (analysis, sharing) fall into their kind by the types they register.
import { classificationTag } from "../../facts/tags";
import { isCloudResource } from "../../policies/lib/coverage";
import type { Outcome } from "../../policies/lib/evaluate";
import type { PolicyResource } from "../../policies/lib/rule";
import { secretTexts, withoutSecrets } from "../../policies/lib/secrets";
import { isUnknown } from "../../policies/lib/values";
import type { Finding } from "../../policies/lib/evaluate";

export const assetKinds = ["store", "cluster", "warehouse", "imaging", "analysis", "sharing", "key", "log", "identity", "network"] as const;
export type AssetKind = typeof assetKinds[number];

export interface Asset {
    urn: string;
    type: string;
    name: string;
    /** What it is for the map; null: none of the kinds (a tag, a route, a lock...). */
    kind: AssetKind | null;
    /** The `data-classification` tag or label on the resource itself; null: none. */
    classification: string | null;
    /** The customer-managed key that encrypts it: the key resource's name when it is in the stack, else the reference given; null: none named (the provider's default key, or nothing to encrypt). */
    key: string | null;
    /** The key resource of the stack, when the reference names one. */
    keyUrn: string | null;
    /** Region or location: the resource's own, its resource group's, or its provider's; null: not stated. */
    location: string | null;
    /** A log store: the resources whose logs it receives (URNs; "control-plane" for an account's, subscription's or project's own logs). */
    logsFrom: string[];
    /**
     * As the pack judged it: false when a PUBLIC-ACCESS or NETWORK-PRIVATE finding on it stands (not
     * exempted), true when a rule of those controls judged it compliant and none stands, null when none judged it.
     */
    private: boolean | null;
}

/** Type patterns of each kind (module and resource, any provider version of azure-native). */
const kindPatterns: [AssetKind, RegExp][] = [
    ["key", /^(aws:kms\/(key|replicaKey|externalKey|replicaExternalKey):|azure-native:keyvault(\/v\w+)?:(Key|Vault|ManagedHsm)$|gcp:kms\/(cryptoKey|keyRing):)/],
    ["log", /^(aws:cloudwatch\/logGroup:|aws:cloudtrail\/trail:|azure-native:operationalinsights(\/v\w+)?:(Workspace|Table)$|gcp:logging\/(projectBucketConfig|folderBucketConfig|organizationBucketConfig|billingAccountBucketConfig):)/],
    ["imaging", /^(aws:(healthimaging|medicalimaging)\/|azure-native:healthcareapis(\/v\w+)?:(DicomService|Workspace|FhirService)$|gcp:healthcare\/(dicomStore|dataset|fhirStore|hl7Store):)/],
    ["analysis", /^(aws:(sagemaker|bedrock|comprehend|comprehendmedical|rekognition|textract)\/|azure-native:(machinelearningservices|cognitiveservices)(\/v\w+)?:|gcp:(vertex|notebooks|ml|documentai)\/)/],
    ["sharing", /^(aws:(ram|lakeformation|dataexchange|cleanrooms)\/|aws:s3\/accessPoint:|azure-native:datashare(\/v\w+)?:|gcp:(bigqueryanalyticshub|bigquerydatapolicy)\/)/],
    ["warehouse", /^(aws:redshift\/cluster:|aws:redshiftserverless\/(namespace|workgroup):|azure-native:synapse(\/v\w+)?:(Workspace|SqlPool)$|gcp:bigquery\/(dataset|table):)/],
    ["cluster", /^(aws:(emr\/cluster|emrserverless\/application|eks\/cluster|glue\/job):|azure-native:(hdinsight(\/v\w+)?:Cluster|containerservice(\/v\w+)?:ManagedCluster|databricks(\/v\w+)?:Workspace|synapse(\/v\w+)?:BigDataPool)$|gcp:(dataproc\/cluster|container\/cluster|dataflow\/job):)/],
    ["store", /^(aws:s3\/(bucket|bucketV2):|aws:(rds\/(instance|cluster)|dynamodb\/table|efs\/fileSystem|docdb\/cluster|neptune\/cluster|ebs\/volume|backup\/vault):|azure-native:(storage(\/v\w+)?:(StorageAccount|BlobContainer|FileShare)|sql(\/v\w+)?:(Server|Database)|documentdb(\/v\w+)?:DatabaseAccount|dbforpostgresql(\/v\w+)?:(Server|FlexibleServer))$|gcp:(storage\/bucket|sql\/databaseInstance|spanner\/instance|bigtable\/instance|firestore\/database):)/],
    ["identity", /^(aws:iam\/(role|user|instanceProfile):|azure-native:managedidentity(\/v\w+)?:UserAssignedIdentity$|gcp:serviceaccount\/account:|gcp:projects\/serviceIdentity:)/],
    ["network", /^(aws:ec2\/(vpc|subnet|vpcEndpoint):|azure-native:network(\/v\w+)?:(VirtualNetwork|Subnet|PrivateEndpoint)$|gcp:compute\/(network|subnetwork):|gcp:servicenetworking\/connection:)/],
];

/** CloudControl resources: their kind by `typeName`. */
const cloudControlKinds: [AssetKind, RegExp][] = [
    ["imaging", /^AWS::(HealthImaging|MedicalImaging)::/], ["store", /^AWS::(S3::Bucket|RDS::DBInstance|RDS::DBCluster|DynamoDB::Table)$/],
    ["warehouse", /^AWS::Redshift::Cluster$/], ["key", /^AWS::KMS::Key$/], ["analysis", /^AWS::(SageMaker|Bedrock)::/], ["sharing", /^AWS::(RAM|LakeFormation|DataExchange|CleanRooms)::/],
];

/** An enabled Google API of an AI service: the analysis service of a project (its only resource of its own on Google Cloud). */
const aiApi = /^(vision|aiplatform|healthcare-nlp|language|documentai|videointelligence|speech|translate|automl|generativelanguage)\.googleapis\.com$/;

function kindOf(r: PolicyResource): AssetKind | null {
    if (r.type === "gcp:projects/service:Service") return typeof r.props.service === "string" && aiApi.test(r.props.service) ? "analysis" : null;
    if (r.type === "aws:cloudcontrol/resource:Resource" && typeof r.props.typeName === "string") {
        return cloudControlKinds.find(([, re]) => re.test(r.props.typeName as string))?.[0] ?? null;
    }
    return kindPatterns.find(([, re]) => re.test(r.type))?.[0] ?? null;
}

/** Input names that name an encryption key, across the three clouds (and inside JSON documents: EMR, CloudControl). */
const keyProperty = /^(kmsKeyId|kmsKeyArn|kmsKeyName|kmsMasterKeyId|defaultKmsKeyName|gcePdKmsKeyName|kmsKey|awsKmsKey|keyVaultKeyUri|keyVaultKeyId|keyUri|keyName|encryptionKeyName|keyArn|cmkKeyName|cryptoKeyName|keyEncryptionKeyUrl)$/i;

/** The first key reference in a resource's inputs: its top-level property and value. Bounded: a program's inputs can be anything. */
function keyReference(props: Record<string, unknown>): { top: string; value: string } | undefined {
    let budget = 5000;
    const visit = (v: unknown, depth: number): string | undefined => {
        if (--budget < 0 || depth > 8 || v === null || v === undefined || isUnknown(v)) return undefined;
        if (typeof v === "string") {
            if (!/^\s*\{/.test(v) || v.length > 1_000_000) return undefined;
            try { return visit(JSON.parse(v), depth + 1); } catch { return undefined; }
        }
        if (typeof v !== "object") return undefined;
        for (const [k, x] of Object.entries(v)) {
            if (keyProperty.test(k) && typeof x === "string" && x.trim() !== "") return x;
        }
        for (const x of Object.values(v)) {
            const found = visit(x, depth + 1);
            if (found !== undefined) return found;
        }
        return undefined;
    };
    for (const [top, v] of Object.entries(props)) {
        const value = keyProperty.test(top) && typeof v === "string" && v.trim() !== "" ? v : visit(v, 0);
        if (value !== undefined) return { top, value };
    }
    return undefined;
}

function tagOf(r: PolicyResource, key: string): unknown {
    for (const bag of [r.props.tags, r.props.labels]) {
        if (bag && typeof bag === "object" && !isUnknown(bag) && Object.prototype.hasOwnProperty.call(bag, key)) return (bag as Record<string, unknown>)[key];
    }
    return undefined;
}

/** A value as the inventory shows it: text, with any secret hidden; unknown values said so. */
function shown(v: unknown, r: PolicyResource): string | null {
    if (v === undefined || v === null) return null;
    if (isUnknown(v)) return "(unknown until deployment)";
    const s = typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
    return withoutSecrets(s, secretTexts(r));
}

/** Resources that send logs somewhere, and the inputs that say where. */
const logPathType = /DiagnosticSetting$|:ProjectSink$|logging\/(project|folder|organization)Sink:|bucketLogging(V2)?:|flowLog:|cloudtrail\/trail:|redshift\/logging:|storage\/bucket:Bucket$/;
const logSinkProperty = /^(targetBucket|s3BucketName|cloudWatchLogsGroupArn|logDestination|logGroupName|workspaceId|storageAccountId|destination|bucketName|logging)$/;

/** Properties by which a part names the resource it belongs to (a bucket's encryption configuration, a trail's bucket). */
const ownerProperty = /^(bucket|bucketName|s3BucketName|targetBucket|storageAccountName|accountName|workspaceName|sqlPoolName|resourceId|targetResourceId|scope|dataset)$/;

export function assetInventory(resources: readonly PolicyResource[], outcomes: readonly Outcome[], findings: readonly Finding[]): Asset[] {
    const cloud = resources.filter(r => isCloudResource({ type: r.type }));
    const byUrn = new Map(cloud.map(r => [r.urn, r]));
    const kinds = new Map(cloud.map(r => [r.urn, kindOf(r)]));
    // Log paths: a resource that sends logs (bucket logging, a diagnostic setting, a sink, a flow log, a
    // trail, Redshift logging) names where by one of these inputs; its other inputs name whose logs they are.
    const logsFrom = new Map<string, Set<string>>();
    for (const r of cloud) {
        if (!logPathType.test(r.type)) continue;
        const pd = Object.entries(r.opts.propertyDependencies ?? {});
        const sinks = pd.filter(([p]) => logSinkProperty.test(p)).flatMap(([, us]) => us).filter(u => byUrn.has(u));
        if (!sinks.length) continue;
        const own = kinds.get(r.urn);
        const sources = own ? [r.urn] : pd.filter(([p]) => !logSinkProperty.test(p)).flatMap(([, us]) => us)
            .filter(u => { const k = kinds.get(u); return !!k && k !== "key" && k !== "identity" && !sinks.includes(u); });
        for (const sink of sinks) {
            const set = logsFrom.get(sink) ?? new Set<string>();
            for (const src of sources.length ? sources : ["control-plane"]) set.add(src);
            logsFrom.set(sink, set);
        }
    }
    // A store that receives other resources' logs (a trail's bucket, a bucket's access-log target) is a log store.
    for (const sink of logsFrom.keys()) if (kinds.get(sink) === "store") kinds.set(sink, "log");

    const keys = new Map<string, { key: string; keyUrn: string | null }>();
    const keyOf = (r: PolicyResource) => {
        const ref = keyReference(r.props);
        if (!ref) return undefined;
        // The key itself rather than its vault or ring, when the property was built from both.
        const candidates = (r.opts.propertyDependencies?.[ref.top] ?? []).filter(u => kinds.get(u) === "key");
        const keyUrn = candidates.find(u => !/(Vault|ManagedHsm|keyRing):/.test(byUrn.get(u)!.type)) ?? candidates[0] ?? null;
        return { key: keyUrn ? byUrn.get(keyUrn)!.name : shown(ref.value, r) ?? ref.value, keyUrn };
    };
    for (const r of cloud) {
        if (kinds.get(r.urn) === "key") continue;
        const k = keyOf(r);
        if (k) keys.set(r.urn, k);
    }
    // A part that holds its owner's key (an S3 encryption configuration, a Synapse key, an EMR security
    // configuration): the key is its owner's, whether the part names the owner or the owner names the part.
    // Who names whom, indexed once (a scan of the stack per resource grows with its square: DESIGN.md).
    const namedBy = new Map<string, string[]>();
    for (const o of cloud) {
        for (const u of new Set(Object.values(o.opts.propertyDependencies ?? {}).flat())) {
            const list = namedBy.get(u) ?? [];
            list.push(o.urn);
            namedBy.set(u, list);
        }
    }
    for (const r of cloud) {
        const k = keys.get(r.urn);
        if (!k || kinds.get(r.urn)) continue;
        const owners = Object.entries(r.opts.propertyDependencies ?? {}).filter(([p]) => ownerProperty.test(p)).flatMap(([, us]) => us);
        for (const u of [...owners, ...namedBy.get(r.urn) ?? []]) if (kinds.get(u) && kinds.get(u) !== "key" && !keys.has(u)) keys.set(u, k);
    }
    // A resource inside another (a blob container in its account, a SQL pool in its workspace, a DICOM
    // store in its dataset) without a key of its own is encrypted by its owner's.
    for (const r of cloud) {
        if (keys.has(r.urn) || !kinds.get(r.urn) || kinds.get(r.urn) === "key") continue;
        const owner = Object.entries(r.opts.propertyDependencies ?? {}).filter(([p]) => ownerProperty.test(p)).flatMap(([, us]) => us).find(u => keys.has(u));
        if (owner) keys.set(r.urn, keys.get(owner)!);
    }
    const accessControls = ["PUBLIC-ACCESS", "NETWORK-PRIVATE"];
    const access = (controls: readonly string[]) => controls.some(c => accessControls.includes(c));
    const standing = new Set(findings.filter(f => !f.exempted && access(f.controls)).map(f => f.urn));
    const judged = new Set(outcomes.filter(o => o.outcome === "compliant" && access(o.controls)).map(o => o.urn));
    return cloud.map(r => {
        const rg = (r.opts.propertyDependencies?.resourceGroupName ?? []).map(u => byUrn.get(u)).find(x => x?.type.includes(":resources:ResourceGroup"));
        const location = r.props.location ?? r.props.region ?? rg?.props.location ?? r.provider?.props.region ?? r.provider?.props.location;
        const k = keys.get(r.urn);
        return {
            urn: r.urn, type: r.type, name: r.name, kind: kinds.get(r.urn) ?? null,
            classification: shown(tagOf(r, classificationTag), r),
            key: k?.key ?? null, keyUrn: k?.keyUrn ?? null,
            location: shown(location, r),
            logsFrom: [...logsFrom.get(r.urn) ?? []],
            private: standing.has(r.urn) ? false : judged.has(r.urn) ? true : null,
        };
    });
}
