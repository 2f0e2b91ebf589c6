// What every CLI command shares: the command shape, strict option parsing with clear errors, and
// booting the application (configuration checked, database migrated) around the command's work.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.ts';
import { DataDirLockedError } from '../db/client.ts';
import { createLogger } from '../platform/logger.ts';
import { boot, type Runtime } from '../runtime.ts';

export interface CliCommand {
  summary: string;
  usage: string;
  /** Returns the process exit code: 0 done, 1 refused (bad input, not found), 2 usage, 3 environment. */
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {}

export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Boots the app without serving HTTP, runs fn, closes everything; maps start-up errors to messages. */
export async function withRuntime(fn: (rt: Runtime) => Promise<number>): Promise<number> {
  let rt: Runtime;
  try {
    const config = loadConfig();
    // Quiet unless asked: the command's own output is what the operator reads.
    rt = await boot(config, { work: false, logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataDirLockedError) {
      console.error(e.message);
      return 3;
    }
    throw e;
  }
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** Runs a command body, turning usage mistakes into a message and exit code 2. */
export async function guarded(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${usage}`);
      return 2;
    }
    throw e;
  }
}
