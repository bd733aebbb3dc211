// The Azure components' names before one vocabulary on three clouds (issue 13), kept so that users'
// programs still compile. Each renamed component still registers its old type token, so no URN changes
// (components/aws/deprecated.ts says why).
import { Audit, AuditArgs, auditProblems } from "./audit";
import { Imaging, ImagingArgs } from "./imaging";
import { Keys, KeysArgs, keysProblems } from "./keys";
import { Network, NetworkArgs } from "./network";
import { Processing, ProcessingArgs } from "./processing";
import { Storage, StorageArgs, storageProblems } from "./storage";
import { Warehouse, WarehouseArgs } from "./warehouse";

/** @deprecated use Keys */
export const HospitalKeys = Keys;
/** @deprecated use Keys */
export type HospitalKeys = Keys;
/** @deprecated use KeysArgs */
export type HospitalKeysArgs = KeysArgs;
/** @deprecated use keysProblems */
export const hospitalKeysProblems = keysProblems;

/** @deprecated use Audit */
export const AuditLog = Audit;
/** @deprecated use Audit */
export type AuditLog = Audit;
/** @deprecated use AuditArgs */
export type AuditLogArgs = AuditArgs;
/** @deprecated use auditProblems */
export const auditLogProblems = auditProblems;

/** @deprecated use Storage */
export const EncryptedStorage = Storage;
/** @deprecated use Storage */
export type EncryptedStorage = Storage;
/** @deprecated use StorageArgs */
export type EncryptedStorageArgs = StorageArgs;
/** @deprecated use storageProblems */
export const encryptedStorageProblems = storageProblems;

/** @deprecated use Processing */
export const SparkPool = Processing;
/** @deprecated use Processing */
export type SparkPool = Processing;
/** @deprecated use ProcessingArgs */
export type SparkPoolArgs = ProcessingArgs;

/** @deprecated use Network */
export const HospitalNetwork = Network;
/** @deprecated use Network */
export type HospitalNetwork = Network;
/** @deprecated use NetworkArgs */
export type HospitalNetworkArgs = NetworkArgs;

/** @deprecated use Imaging */
export const DicomImaging = Imaging;
/** @deprecated use Imaging */
export type DicomImaging = Imaging;
/** @deprecated use ImagingArgs */
export type DicomImagingArgs = ImagingArgs;

/** @deprecated use Warehouse */
export const DedicatedSqlPool = Warehouse;
/** @deprecated use Warehouse */
export type DedicatedSqlPool = Warehouse;
/** @deprecated use WarehouseArgs */
export type DedicatedSqlPoolArgs = WarehouseArgs;
