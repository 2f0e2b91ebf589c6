#!/usr/bin/env node
// Entry point of `npx approdo …`: runs the TypeScript CLI through tsx with the project's own Node.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodeBin = join(root, 'node_modules', 'node', 'bin', 'node');
const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const { existsSync } = await import('node:fs');
const exe = existsSync(nodeBin) ? nodeBin : process.execPath;
const r = spawnSync(exe, [tsx, join(root, 'src', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
