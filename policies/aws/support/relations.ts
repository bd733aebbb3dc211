// AWS's key normalisers for the pack's one Lookup (policies/lib/stack-index.ts): the texts other resources
// name a target by (an ARN, a domain name) read as the name the target is keyed by. A text that embeds a
// value unknown at preview is UNKNOWN there, never a name.
import type { KeyOf } from "../../lib/stack-index";

const ARN_PREFIX = "arn:aws:s3:::";
const S3_DOMAIN = /\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;
const POLICY_ARN = /^arn:[^:]+:iam::\d*:policy\/(?:[^/]*\/)*/;

/** A text naming a bucket, as the bucket's name: `arn:aws:s3:::name/...` and `name.s3.amazonaws.com` → name. */
export const bucketKey = ((text: string) => text.startsWith(ARN_PREFIX) ? text.slice(ARN_PREFIX.length).split("/")[0] : text.replace(S3_DOMAIN, "")) satisfies KeyOf;

/** A managed policy's ARN (`arn:aws:iam::123:policy/path/name`) as the policy's name. */
export const policyKey = ((text: string) => text.replace(POLICY_ARN, "")) satisfies KeyOf;

const STREAM_ARN = /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\//;

/** A Kinesis data stream's ARN (`arn:aws:kinesis:region:account:stream/name`) as the stream's name. */
export const streamKey = ((text: string) => text.replace(STREAM_ARN, "")) satisfies KeyOf;
