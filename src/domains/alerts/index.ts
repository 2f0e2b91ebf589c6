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
export { ANYWHERE, FAILURES_SHOWN, countsByProfession, countsByProvince, countsBySpecialisation, exportSubscribers, fanoutDetail, fanoutProgress, getSubscriber, listFanouts, listSubscribers, subscriberFilterOptions, type AreaLabel, type CountRow, type FanoutDetail, type FanoutListRow, type FanoutProgress, type ProvinceCounts, type SpecialisationHeld, type SubscriberDetail, type SubscriberExportRow, type SubscriberFilters, type SubscriberListRow } from './admin-queries.ts';
