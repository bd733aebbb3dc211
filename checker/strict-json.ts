// Moved to policies/lib/strict-json.ts, so that the policy pack (which reads policy documents strictly) needs nothing outside policies/.
export * from "../policies/lib/strict-json";
