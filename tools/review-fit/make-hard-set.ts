/**
 * `node tools/review-fit/run-ts.mjs tools/review-fit/make-hard-set.ts [N] [--seed S] [--dir D]`:
 * writes N hard shapes images (default 300, seed 1) and their manifest.json to D
 * (default test-results/hard-set-<seed>-<N>).
 */
import process from 'node:process';
import { writeHardSet } from './hard-set-files.js';
import { argValue } from './args.js';

const args = process.argv.slice(3);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 300);
const seed = Number(argValue(args, '--seed') ?? 1);
const dir = argValue(args, '--dir') ?? `test-results/hard-set-${seed}-${count}`;
const manifest = await writeHardSet(dir, seed, count);
const kinds = new Map<string, number>();
for (const { kind } of manifest.images) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
console.log(`${count} images (seed ${seed}) in ${dir}:`, Object.fromEntries(kinds));
