#!/usr/bin/env node
// Runs a compiled entry point from dist/, rebuilding first when any source is newer than the
// last build. This keeps `npm start` and `npm run cli` fast (plain JavaScript, no compile at
// every start) without a build step the user has to remember after editing the code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const lock = join(root, 'dist', '.build-lock');

function newestSource(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = ['src', 'commands', 'bench'].map((d) => newestSource(join(root, d)));
  return Math.max(...sources, statSync(join(root, 'tsconfig.json')).mtimeMs) > built;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function build() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than a build could take was left by a killed process: take it over.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000 || waited > 120_000) rmSync(lock, { recursive: true, force: true });
      sleep(100);
    }
  }
  try {
    if (!isStale()) return;
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0) {
      process.stderr.write('newsdesk: the TypeScript build failed (see above)\n');
      process.exit(1);
    }
    writeFileSync(stamp, new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const entry = process.argv[2];
if (entry === '--build') {
  build();
} else if (entry) {
  if (isStale()) build();
  process.argv.splice(2, 1);
  await import(pathToFileURL(join(root, 'dist', `${entry}.js`)).href);
} else {
  process.stderr.write('usage: node scripts/launch.mjs <entry under dist, e.g. src/main> | --build\n');
  process.exit(2);
}
