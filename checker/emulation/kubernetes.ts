// Kubernetes' and Docker's answers under the checker's mocks: a YAML decode is answered by decoding it;
// a Helm chart cannot be rendered offline (no objects); an image already in a registry has a digest;
// a LoadBalancer Service has an address.
import type { EmulationTable } from "./table";

export const kubernetes: EmulationTable = {
    packages: ["kubernetes", "docker"],
    invokes: {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        "kubernetes:yaml:decode": i => ({ result: (require("js-yaml") as typeof import("js-yaml")).loadAll(String(i.text ?? "")).filter(o => o && typeof o === "object") }),
        "kubernetes:helm:template": () => ({ result: [] }),
        // An image already in a registry: its digest (programs pull by it).
        "docker:index/getRegistryImage:getRegistryImage": i => ({ id: i.name, name: i.name, sha256Digest: "sha256:c0ffee0000000000000000000000000000000000000000000000000000000000", insecureSkipVerify: false }),
    },
    outputs: {
        // A LoadBalancer Service's address, which programs export or hand to DNS.
        "kubernetes:core/v1:Service": (_n, i) => ({ status: { loadBalancer: { ingress: i.spec?.type === "LoadBalancer" ? [{ ip: "34.0.0.40", hostname: "lb.checker.example.com" }] : [] } } }),
    },
};
