// AI-DATA-USE on Google Cloud: the AI APIs a stack turns on are ones Google's Cloud BAA covers, whose
// content Google processes only to provide the service (Cloud Data Processing Addendum). The Gemini
// Developer API (generativelanguage.googleapis.com) is governed by the Gemini API terms instead, under
// which content sent to unpaid services may be used to improve Google's products: PHI must not reach it.
import { looseForm } from "../lib/inputs";
import { notOfKind, resourceRule, Rule } from "../lib/rule";
import { isUnknown } from "../lib/values";
import { T } from "./support/tokens";
import { baaAiServices, nonBaaAiServices } from "./support/ai-services";

const controls = ["AI-DATA-USE"] as const;

export const projectService = resourceRule({
    name: "gcp-ai-data-use-project-service", cloud: "gcp", controls: [...controls], severity: "high",
    types: [T.projectService],
    description: "An AI API a project enables is one Google's Cloud BAA covers (Vision, Vertex AI, ...), never the Gemini Developer API, whose terms let Google use content.",
    remediation: "Use vision.googleapis.com or aiplatform.googleapis.com (Vertex AI) and remove the gcp.projects.Service of generativelanguage.googleapis.com.",
    check: r => {
        const service = r.props.service;
        const wanted = `an AI API under the Cloud BAA (${baaAiServices.join(", ")})`;
        if (isUnknown(service)) return [{ property: "service", found: service, wanted }];
        if (typeof service !== "string") return [{ property: "service", found: service, wanted }];
        // Read as Google reads a service name would be exact; any spelling of an AI API is judged as that API,
        // so "Vision.googleapis.com " is not a way around the rule (and is refused when spelled so).
        const folded = looseForm(service);
        if (nonBaaAiServices.includes(folded)) {
            return [{ property: "service", found: service, wanted, note: "Its terms let Google use content sent to it; it is not under the Cloud BAA." }];
        }
        if (baaAiServices.includes(folded)) {
            return folded === service ? [] : [{ property: "service", found: service, wanted: `"${folded}", spelled exactly so` }];
        }
        return notOfKind("not an AI API: AI-DATA-USE judges the AI APIs a project enables");
    },
});

export const rules: Rule[] = [projectService];
