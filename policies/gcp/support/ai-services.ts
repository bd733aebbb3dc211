// The Google AI APIs the rules know: which Google's Cloud BAA covers (AI-DATA-USE), and every one a workload
// may send PHI to (AUDIT-LOG, NETWORK-PRIVATE, IDENTITY-AUTHN read them too).

/** AI APIs under Google Cloud's HIPAA BAA ("HIPAA compliance on Google Cloud", covered products). */
export const baaAiServices: readonly string[] = [
    "vision.googleapis.com", "aiplatform.googleapis.com", "documentai.googleapis.com", "language.googleapis.com",
    "speech.googleapis.com", "translate.googleapis.com", "videointelligence.googleapis.com",
];
/** AI APIs outside the BAA whose terms let Google use content: never enabled in a PHI project. */
export const nonBaaAiServices: readonly string[] = ["generativelanguage.googleapis.com"];
/** Every AI API the rules know: each receives PHI when a workload sends it images or text (AUDIT-LOG, NETWORK-PRIVATE read it too). */
export const aiServices: readonly string[] = [...baaAiServices, ...nonBaaAiServices];
