// Network: a custom-mode VPC, one subnet with Private Google Access and flow logs, a logged
// deny-all ingress rule, and — only when an Access Context Manager policy is configured — a VPC Service
// Controls perimeter around the project (creating one needs organisation-level rights, G27).
import * as pulumi from "@pulumi/pulumi";
import * as accesscontextmanager from "@pulumi/gcp/accesscontextmanager";
import * as compute from "@pulumi/gcp/compute";
import { physicalName } from "../naming";
import { GcpArgs, gcpArgsProblems, projectNumber } from "./shared";
import { parseCidr } from "../cidr";
import { assertArgs } from "../problems";

/** The Google APIs that hold or touch PHI: only reachable from inside the perimeter (NETWORK-PRIVATE). */
export const restrictedServices = [
    "storage.googleapis.com", "bigquery.googleapis.com", "healthcare.googleapis.com",
    "dataproc.googleapis.com", "cloudkms.googleapis.com", "logging.googleapis.com",
] as const;

export interface NetworkArgs extends GcpArgs {
    /** The subnet's private range; default 10.40.0.0/16. */
    cidr?: string;
    /**
     * Optional: the numeric id of the organisation's Access Context Manager policy. When set, a VPC Service
     * Controls perimeter restricts `restrictedServices` to the project; default none (no perimeter).
     */
    accessPolicy?: string;
    /** Google APIs the perimeter restricts beyond `restrictedServices` (e.g. vision.googleapis.com for image analysis); default none. */
    moreRestrictedServices?: readonly string[];
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function networkProblems(args: NetworkArgs): string[] {
    const services = (args.moreRestrictedServices ?? []).filter(s => typeof s !== "string" || !/^[a-z0-9-]+\.googleapis\.com$/.test(s));
    return [
        ...gcpArgsProblems(args),
        args.cidr === undefined || parseCidr(args.cidr) ? undefined : `'cidr' must be an IPv4 CIDR such as 10.40.0.0/16 (no leading zeros, no host bits); got ${JSON.stringify(args.cidr)}.`,
        args.accessPolicy === undefined || /^\d+$/.test(args.accessPolicy) ? undefined : `'accessPolicy' must be the numeric id of an Access Context Manager policy; got ${JSON.stringify(args.accessPolicy)}.`,
        services.length ? `'moreRestrictedServices' must be Google API names such as vision.googleapis.com; got ${services.map(s => JSON.stringify(s)).join(", ")}.` : undefined,
    ].filter((p): p is string => p !== undefined);
}

export class Network extends pulumi.ComponentResource {
    public readonly network: compute.Network;
    public readonly subnet: compute.Subnetwork;
    public readonly denyIngress: compute.Firewall;
    public readonly perimeter?: accesscontextmanager.ServicePerimeter;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:Network", name, {}, opts);
        assertArgs("Network", name, args, networkProblems(args));

        this.network = new compute.Network(`${name}-vpc`, {
            project: args.project,
            name: physicalName(args.tenant, "vpc"),
            autoCreateSubnetworks: false, // NETWORK-PRIVATE: no subnets in every region with default rules
            routingMode: "REGIONAL",
        }, { parent: this });

        this.subnet = new compute.Subnetwork(`${name}-subnet`, {
            project: args.project,
            name: physicalName(args.tenant, "private"),
            network: this.network.id,
            region: args.region,
            ipCidrRange: args.cidr ?? "10.40.0.0/16",
            privateIpGoogleAccess: true, // NETWORK-PRIVATE: Google APIs without external IPs (G26)
            logConfig: { // AUDIT-LOG: VPC flow logs
                aggregationInterval: "INTERVAL_5_SEC",
                flowSampling: 1,
                metadata: "INCLUDE_ALL_METADATA",
            },
        }, { parent: this });

        // NETWORK-PRIVATE: VPC networks already deny ingress implicitly, but the implied rule cannot be
        // logged; this explicit rule just above it (lowest priority but one) logs every denied attempt.
        this.denyIngress = new compute.Firewall(`${name}-deny-ingress`, {
            project: args.project,
            name: physicalName(args.tenant, "deny-all-ingress"),
            network: this.network.id,
            direction: "INGRESS",
            priority: 65534,
            sourceRanges: ["0.0.0.0/0"],
            denies: [{ protocol: "all" }],
            logConfig: { metadata: "INCLUDE_ALL_METADATA" },
        }, { parent: this });

        if (args.accessPolicy) {
            const number = projectNumber(args.project, this);
            this.perimeter = new accesscontextmanager.ServicePerimeter(`${name}-perimeter`, {
                parent: `accessPolicies/${args.accessPolicy}`,
                // Perimeter names allow letters, digits and underscores only.
                name: `accessPolicies/${args.accessPolicy}/servicePerimeters/${args.tenant.replace(/-/g, "_")}_phi`,
                title: `${args.tenant} PHI`,
                perimeterType: "PERIMETER_TYPE_REGULAR",
                status: {
                    resources: [pulumi.interpolate`projects/${number}`],
                    restrictedServices: [...restrictedServices, ...(args.moreRestrictedServices ?? [])],
                    // Inside the VPC, only the restricted services are reachable through the perimeter.
                    vpcAccessibleServices: { enableRestriction: true, allowedServices: ["RESTRICTED-SERVICES"] },
                },
            }, { parent: this });
        }
        this.registerOutputs({ networkId: this.network.id, subnetId: this.subnet.id });
    }
}
