// `npm run demo` (demo:serve) and `npx approdo demo:seed`: the demo dataset, clearly labelled, on
// the embedded default. Every capability's manifest declares its demo (runDemoSeeds runs them in
// demo order); the commands then print the sign-ins the seeds left, staff and partner alike.
import { runDemoSeeds, type DemoRun } from '../platform/demo.ts';
import type { Runtime } from '../runtime.ts';
import { guarded, parseOptions, withRuntime, type CliCommand } from './support.ts';

async function ensureDemo(rt: Runtime): Promise<DemoRun> {
  const run = await runDemoSeeds(rt.deps);
  rt.deps.flags.demo = true;
  rt.deps.cache.invalidate();
  return run;
}

/** What the demo prints: the site, how to sign in, and each demo account (with its portal, if any). */
export function demoSignInText(baseUrl: string, signIns: DemoRun['signIns']): string {
  const base = baseUrl.replace(/\/$/, '');
  const passwords = [...new Set(signIns.map((s) => s.password).filter((p): p is string => !!p))];
  const shared = passwords.length === 1 && signIns.every((s) => s.password) ? passwords[0] : undefined;
  const width = Math.max(10, ...signIns.map((s) => s.label.length));
  return [
    '',
    '  Approdo — DEMO (fictional "Azienda Sanitaria Demo"; nothing here is real)',
    `  Site:     ${base}/`,
    `  Sign in:  ${base}/accedi`,
    ...signIns.map((s) => `            ${s.label.padEnd(width)} ${s.email}${shared || !s.password ? '' : `  password ${s.password}`}${s.where ? `  → ${base}${s.where}` : ''}`),
    shared ? `  Password: ${shared} (every demo account)` : '',
    `  Or ask for a sign-in link on ${base}/accedi: without SMTP_URL the mail waits in the local`,
    `  outbox, ${base}/admin/outbox (signed in as the demo admin).`,
    '',
  ]
    .filter((l, i, all) => l !== '' || i === 0 || i === all.length - 1)
    .join('\n');
}

export const demoServe: CliCommand = {
  summary: 'start the server with the demo dataset (created on first run)',
  usage: 'Usage: npm run demo   (same environment variables as npm start)',
  run: (argv) =>
    guarded(demoServe.usage, async () => {
      parseOptions(argv, {});
      const { startServer } = await import('../server.ts');
      await startServer({
        afterBoot: async (rt) => {
          const run = await ensureDemo(rt);
          rt.deps.logger.info({ seeds: run.ran }, 'demo dataset ready');
          console.log(demoSignInText(rt.deps.config.baseUrl, run.signIns));
        },
      });
      return new Promise<number>(() => {}); // serves until stopped
    }),
};

export const demoSeed: CliCommand = {
  summary: 'add the demo dataset to the database without starting the server',
  usage: 'Usage: npx approdo demo:seed',
  run: (argv) =>
    guarded(demoSeed.usage, async () => {
      parseOptions(argv, {});
      return withRuntime(async (rt) => {
        const run = await ensureDemo(rt);
        console.log(`Demo dataset ready (each seed adds only what is missing): ${run.ran.join(', ')}.`);
        console.log(demoSignInText(rt.deps.config.baseUrl, run.signIns));
        return 0;
      });
    }),
};
