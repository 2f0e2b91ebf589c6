// `npx approdo <command> [options]`: a small dispatcher. Each command lives in its own module
// under src/cli/ and is loaded only when run; add a command by adding one line to COMMANDS.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './cli/support.ts';

const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  'user:create': () => import('./cli/users.ts').then((m) => m.userCreate),
  'user:list': () => import('./cli/users.ts').then((m) => m.userList),
  'user:set-role': () => import('./cli/users.ts').then((m) => m.userSetRole),
  'user:reset-password': () => import('./cli/users.ts').then((m) => m.userResetPassword),
  'demo:serve': () => import('./cli/demo.ts').then((m) => m.demoServe),
  'demo:seed': () => import('./cli/demo.ts').then((m) => m.demoSeed),
  'reference:load': () => import('./cli/reference.ts').then((m) => m.referenceLoad),
};

async function help(): Promise<void> {
  const lines = ['Usage: npx approdo <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(22)}${(await load()).summary}`);
  lines.push('', 'Run `npx approdo <command> --help` for the options of a command.');
  console.log(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await help();
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`Unknown command "${name}". Run \`npx approdo --help\` for the list.`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\n${command.usage}`);
    return 0;
  }
  return command.run(rest);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
