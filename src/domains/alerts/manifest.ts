// The alerts capability plugs in: its rules, the fan-out, delivery, sweep, digest and consent jobs,
// the fan-out of every call that opens, and the subscription as an optional part of a person.
import { defineManifest } from '../../platform/manifest.ts';
import { seedAlertsDemo } from './demo.ts';
import { alertJobs, onCallOpened } from './jobs.ts';
import { sweepFanouts } from './fanout.ts';
import { alertsPersonalData } from './person.ts';
import { alertRules } from './policy.ts';

export const manifest = defineManifest({
  name: 'alerts',
  policies: [alertRules],
  jobs: alertJobs,
  listeners: (deps) => ({
    // The minute sweep catches an event lost in a crash.
    'calls.opened': ({ id }) => onCallOpened(deps, id).then(() => undefined),
  }),
  // The embedded database has one process: deliveries left "sending" by a crash are orphans.
  boot: async (deps, ctx) => {
    if (ctx.embedded) await sweepFanouts(deps, { exclusive: true });
  },
  personalData: alertsPersonalData,
  demo: { seed: seedAlertsDemo },
});
