// Regions of each cloud and the regions where each hospital service is offered: data, in one place,
// with the source each list was read from. Config validation (config.ts) is the only reader; a
// region or service that is missing here is refused with the list below, so keep it current.
import type { Cloud, Service } from "./config";

/** Where a list was read from, printed with the validation message when a region is refused. */
export interface RegionSource { regions: string; services: Partial<Record<Service, string>> }

export const regionSources: Record<Cloud, RegionSource> = {
    aws: {
        regions: "AWS General Reference, 'AWS service endpoints' (commercial partitions), and AWS GovCloud (US)",
        services: {
            imaging: "AWS HealthImaging endpoints and quotas: us-east-1, us-west-2, eu-west-1, ap-southeast-2",
            analysis: "Amazon Rekognition endpoints and quotas (AWS General Reference, image API operations)",
        },
    },
    azure: {
        regions: "Azure 'List locations' (az account list-locations), public cloud and US Government",
        services: {
            imaging: "Azure products by region: Azure Health Data Services (DICOM service)",
            processing: "Azure products by region: Azure Synapse Analytics",
            warehouse: "Azure products by region: Azure Synapse Analytics",
            analysis: "Azure AI Vision (Computer Vision) region availability",
        },
    },
    gcp: {
        regions: "Google Cloud 'Cloud locations' (compute regions)",
        services: {
            imaging: "Cloud Healthcare API 'Regions' (locations that hold datasets)",
        },
    },
};

export const cloudRegions: Record<Cloud, readonly string[]> = {
    aws: [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1",
        "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1",
        "il-central-1", "me-south-1", "me-central-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1",
    ],
    azure: [
        "eastus", "eastus2", "southcentralus", "westus2", "westus3", "australiaeast", "southeastasia", "northeurope",
        "swedencentral", "uksouth", "westeurope", "centralus", "southafricanorth", "centralindia", "eastasia",
        "japaneast", "koreacentral", "canadacentral", "francecentral", "germanywestcentral", "italynorth",
        "norwayeast", "polandcentral", "spaincentral", "switzerlandnorth", "mexicocentral", "uaenorth",
        "brazilsouth", "israelcentral", "qatarcentral", "northcentralus", "westus", "westcentralus", "japanwest",
        "koreasouth", "canadaeast", "ukwest", "australiasoutheast", "australiacentral", "southindia", "westindia",
        "francesouth", "germanynorth", "norwaywest", "switzerlandwest", "uaecentral", "brazilsoutheast",
        "swedensouth", "usgovvirginia", "usgovarizona", "usgovtexas",
    ],
    gcp: [
        "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
        "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1", "southamerica-east1",
        "southamerica-west1", "europe-central2", "europe-north1", "europe-north2", "europe-southwest1", "europe-west1",
        "europe-west2", "europe-west3", "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10",
        "europe-west12", "me-central1", "me-central2", "me-west1", "africa-south1", "asia-east1", "asia-east2",
        "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1", "asia-south2", "asia-southeast1",
        "asia-southeast2", "australia-southeast1", "australia-southeast2",
    ],
};

/**
 * Regions where a service is offered, for the services that are not offered everywhere. A service
 * with no entry runs in every region of its cloud (EMR, Redshift, S3, Cloud Storage, Dataproc,
 * BigQuery, Azure Storage all do; the Cloud Vision API is global, with no regional choice the platform makes).
 */
export const serviceRegions: Record<Cloud, Partial<Record<Service, readonly string[]>>> = {
    aws: {
        imaging: ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"],
        // Rekognition's image operations; only regions read in the endpoint list are here (a region it
        // reaches later is refused with this list, never admitted unread).
        analysis: [
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
            "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "us-gov-west-1",
        ],
    },
    azure: {
        imaging: [
            "eastus", "eastus2", "southcentralus", "westus2", "westus3", "centralus", "northcentralus", "westcentralus",
            "canadacentral", "uksouth", "westeurope", "northeurope", "swedencentral", "francecentral",
            "germanywestcentral", "switzerlandnorth", "australiaeast", "southeastasia", "japaneast", "koreacentral",
            "centralindia", "qatarcentral", "usgovvirginia", "usgovarizona",
        ],
        processing: synapseRegions(),
        warehouse: synapseRegions(),
        // An AI Vision (ComputerVision) account: the regions listed for the Image Analysis API.
        analysis: [
            "eastus", "eastus2", "westus", "westus2", "westus3", "centralus", "northcentralus", "southcentralus",
            "westcentralus", "canadacentral", "brazilsouth", "uksouth", "westeurope", "northeurope", "francecentral",
            "germanywestcentral", "switzerlandnorth", "swedencentral", "norwayeast", "australiaeast", "southeastasia",
            "eastasia", "japaneast", "japanwest", "koreacentral", "centralindia", "uaenorth", "southafricanorth",
            "usgovvirginia", "usgovarizona",
        ],
    },
    gcp: {
        imaging: [
            "us-central1", "us-east1", "us-east4", "us-west1", "us-west2", "us-west3", "us-west4", "us-south1",
            "northamerica-northeast1", "northamerica-northeast2", "southamerica-east1", "europe-west1", "europe-west2",
            "europe-west3", "europe-west4", "europe-west6", "europe-west9", "europe-north1", "europe-central2",
            "europe-southwest1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast3", "asia-south1",
            "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2", "me-west1",
        ],
    },
};

// Synapse is offered in most, not all, Azure regions; processing and warehouse share one workspace.
function synapseRegions(): readonly string[] {
    return [
        "eastus", "eastus2", "southcentralus", "westus2", "westus3", "centralus", "northcentralus", "westcentralus",
        "westus", "canadacentral", "canadaeast", "brazilsouth", "uksouth", "ukwest", "westeurope", "northeurope",
        "swedencentral", "francecentral", "germanywestcentral", "switzerlandnorth", "norwayeast", "italynorth",
        "polandcentral", "australiaeast", "australiasoutheast", "southeastasia", "eastasia", "japaneast", "japanwest",
        "koreacentral", "centralindia", "southafricanorth", "uaenorth", "qatarcentral", "israelcentral",
        "usgovvirginia", "usgovarizona",
    ];
}

/** The regions of `cloud` where `service` is offered. */
export function regionsOffering(cloud: Cloud, service: Service): readonly string[] {
    return serviceRegions[cloud][service] ?? cloudRegions[cloud];
}
