// How long logs and PHI versions are kept. RETENTION rests on 45 CFR 164.316(b)(2)(i): documentation
// is kept six years from its creation or last effective date; audit logs adopt the same six years as a
// widely used convention (CONTROLS.md G31). Six years are counted two ways, and each count has its use:

/**
 * Six years of 365 days: the floor. Anything kept this long is accepted as six years (the pack's
 * default minimum, the hospital config's least `retention.auditDays`, a log bucket's shortest expiry).
 */
export const sixYearsOf365Days = 6 * 365;

/**
 * Six calendar years whatever day they start: six years of 365 days plus the most leap days six
 * consecutive years hold, two (2023-03-01 to 2029-03-01 holds 2024-02-29 and 2028-02-29: 2192 days).
 * What the platform sets when it chooses, and a value CloudWatch Logs accepts, which 2190 is not (G8).
 */
export const sixYearsWithLeapDays = sixYearsOf365Days + 2;

/** The least number of days audit logs are kept: what RETENTION and the hospital config ask (both default to it). */
export const auditRetentionFloorDays = sixYearsOf365Days;
/** Days audit logs are kept when the hospital config does not say: six full calendar years. */
export const defaultAuditRetentionDays = sixYearsWithLeapDays;
/**
 * Days a PHI object's previous versions are kept when the hospital config does not say. A default, not a
 * floor: how long PHI itself is kept is medical-records law, outside the Security Rule (the config allows 30).
 */
export const defaultPhiVersionDays = sixYearsOf365Days;

/** The values CloudWatch Logs accepts for retentionInDays (SDK doc of aws.cloudwatch.LogGroup); 0 = never expire. */
export const cloudWatchRetentionValues: readonly number[] = Object.freeze([
    0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
]);
