// Browser journeys (tests/e2e/**/*.e2e.test.ts): Debian Chromium against the real server, one file
// at a time (a browser per file on a 2-core machine), on the embedded database.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.{ts,tsx}'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    env: { NODE_ENV: 'test', TZ: 'UTC' },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
});
