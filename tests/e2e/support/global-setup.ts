// Global setup of the browser journeys: the same prepared test database as the other suites, and
// an empty .tmp/vnu/ so the Nu HTML checker sees only the pages of this run.
import { rmSync } from 'node:fs';
import prepareDatabase from '../../support/global-setup.ts';
import { VNU_DIR } from './pages.ts';

export default async function setup() {
  rmSync(VNU_DIR, { recursive: true, force: true });
  await prepareDatabase();
}
