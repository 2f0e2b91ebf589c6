// reference:load: reloads the reference data, optionally from a newer ISTAT comuni list (comuni that
// left the list become inactive, never deleted); the newer list is kept across restarts.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { seedReference } from '../../seeds/reference/index.ts';
import { guarded, parseOptions, UsageError, withRuntime, type CliCommand } from './support.ts';

const usage = `Usage: npx approdo reference:load [--comuni <file.csv>] [--force]

  --comuni <file.csv>  a newer ISTAT "Elenco comuni italiani" (;-separated, UTF-8 or Windows-1252);
                       it stays loaded until another list is given
  --force              reload every dataset from the shipped files (undoes --comuni)`;

export const referenceLoad: CliCommand = {
  summary: 'Reload reference data, optionally from a newer ISTAT comuni list',
  usage,
  run: (argv) =>
    guarded(usage, async () => {
      const o = parseOptions(argv, { comuni: { type: 'string' }, force: { type: 'boolean' } });
      const comuni = o.comuni ? resolve(o.comuni) : undefined;
      if (comuni && !existsSync(comuni)) throw new UsageError(`No such file: ${comuni}`);
      return withRuntime(async (rt) => {
        const r = await seedReference(rt.deps.db, rt.deps.logger, { files: comuni ? { comuni } : {}, force: !!o.force });
        for (const l of r.loaded) console.log(`${l.dataset}: ${l.rows} rows (${l.ms} ms)`);
        if (!r.loaded.length) console.log('Nothing changed: every dataset is up to date.');
        if (r.deactivatedComuni.length) console.log(`Comuni no longer in the list, now inactive: ${r.deactivatedComuni.join(', ')}`);
        return 0;
      });
    }),
};
