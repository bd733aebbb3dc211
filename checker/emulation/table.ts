// What the checker's engine emulation answers, as data: one table per cloud (checker/emulation/aws.ts,
// awsx.ts, azure.ts, gcp.ts, kubernetes.ts, pulumi.ts), each a plain object of the identifiers its resources
// hand back, invoke answers and computed outputs by token, read by one mechanism
// (checker/identifiers.ts, invokes.ts, outputs.ts). Adding an answer touches one table. The values are plausible and of the right shape, never real: programs that index into a
// result, split an endpoint or decode a kubeconfig run on.
import type { MockIdentity } from "../mocks";

/** A provider function's answer (an invoke), from its inputs, the stack's config and the mocks' identity. */
export type InvokeAnswer = (inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity) => Record<string, unknown>;

/** The outputs the cloud computes for a resource (an endpoint, a URL, a certificate), laid over its inputs. */
export type ComputedOutputs = (name: string, inputs: Record<string, any>, region: string, identity: MockIdentity) => Record<string, unknown>;

/** The identifiers a resource hands back (id, ARN, name, URL), deterministic and of the shape programs read back. */
export type Identifiers = (type: string, name: string, inputs: Record<string, any>, config: Record<string, string>, identity: MockIdentity) => Record<string, unknown>;

export interface EmulationTable {
    /** The packages (the type tokens' first part) whose tokens this table holds. */
    packages: readonly string[];
    /** The identifiers of the packages' resources; without it, `<name>-id`. */
    identifiers?: Identifiers;
    /** Invoke token → answer. */
    invokes: Readonly<Record<string, InvokeAnswer>>;
    /** Resource type token → its computed outputs. */
    outputs: Readonly<Record<string, ComputedOutputs>>;
}

export const b64 = (text: string) => Buffer.from(text).toString("base64");
/** A resource's name as a DNS label. */
export const host = (name: string) => name.toLowerCase().replace(/[^a-z0-9-]/g, "-");
/** A certificate authority's data, base64 as clusters hand it out. */
export const caData = b64("-----BEGIN CERTIFICATE-----\nY2hlY2tlcg==\n-----END CERTIFICATE-----\n");

/** A kubeconfig for a cluster the checker made up: programs decode it and hand it to a Kubernetes provider. */
export const kubeconfig = b64(["apiVersion: v1", "kind: Config", "clusters:", "- name: checker", "  cluster: {server: 'https://checker.example.com'}",
    "contexts:", "- name: checker", "  context: {cluster: checker, user: checker}", "current-context: checker", "users:", "- name: checker", "  user: {token: checker}", ""].join("\n"));

