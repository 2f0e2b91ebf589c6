// The alerts capability (talent pool): subscriptions with double opt-in and consent, matching of
// opening calls (same, equipollent, affine), fan-out and weekly digests, signed subscriber links.
export * from './subscriptions.ts';
export * from './input.ts';
export * from './match-keys.ts';
export * from './links.ts';
export * from './fanout.ts';
export * from './digest.ts';
export * from './jobs.ts';
export { alertsPersonalData } from './person.ts';
export { openCaseForSubscriber } from './case.ts';
export { reasonSentence, type MatchReason } from './mails.ts';
export { FREQUENCIES, SUBSCRIBER_STATUSES, type SubscriptionPrefs, type Frequency } from './tables.ts';
export { alertRules } from './policy.ts';
