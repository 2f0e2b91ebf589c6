// `npm run demo` (demo:serve) and `npx approdo demo:seed`: the demo dataset, clearly labelled,
// on the embedded default; the server then prints the demo sign-in.
import { createUser } from '../domains/accounts/index.ts';
import { SYSTEM_ACTOR } from '../platform/authz/index.ts';
import { advanceLifecycle } from '../domains/calls/index.ts';
import { seedDemo, DEMO_USERS, DEMO_PASSWORD } from '../../seeds/demo.ts';
import type { Runtime } from '../runtime.ts';
import { guarded, parseOptions, withRuntime, type CliCommand } from './support.ts';

async function ensureDemo(rt: Runtime): Promise<{ created: boolean; calls: number }> {
  const result = await seedDemo(rt.deps, {
    createUsers: async (users, password) => {
      for (const u of users) {
        const r = await createUser(rt.deps, SYSTEM_ACTOR, { ...u, password, locale: 'it' });
        if (!r.ok && r.error.code !== 'conflict') throw new Error(`demo user ${u.email}: ${JSON.stringify(r.error)}`);
      }
    },
  });
  // Past deadlines become closed now rather than at the next minute's tick.
  await advanceLifecycle(rt.deps);
  rt.deps.flags.demo = true;
  rt.deps.cache.invalidate();
  return result;
}

function signInText(baseUrl: string): string {
  return [
    '',
    '  Approdo — DEMO (fictional "Azienda Sanitaria Demo"; nothing here is real)',
    `  Site:     ${baseUrl}/`,
    `  Sign in:  ${baseUrl}/accedi`,
    ...DEMO_USERS.map((u) => `            ${u.role.padEnd(10)} ${u.email}`),
    `  Password: ${DEMO_PASSWORD} (all three demo users)`,
    '',
  ].join('\n');
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
          const r = await ensureDemo(rt);
          if (r.created) rt.deps.logger.info({ calls: r.calls }, 'demo dataset created');
          console.log(signInText(rt.deps.config.baseUrl));
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
        const r = await ensureDemo(rt);
        console.log(r.created ? `Demo dataset created: ${r.calls} calls.` : 'The demo dataset is already there.');
        console.log(signInText(rt.deps.config.baseUrl));
        return 0;
      });
    }),
};
