import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * MedCom's own test examples, read in place from `../shared/standards/medcom` beside the repository
 * (never copied in): the inputs of the round-trip tests. A git worktree one folder deeper finds it one
 * level up. Without that folder the tests that need them skip and name it.
 */
const root = path.resolve(import.meta.dirname, '../..');
const candidates = ['../shared/standards/medcom', '../../shared/standards/medcom'].map((p) => path.resolve(root, p));
export const MEDCOM_STANDARDS = candidates.find((c) => existsSync(c)) ?? candidates[0]!;
export const haveMedcomExamples = existsSync(MEDCOM_STANDARDS);

export const medcomExample = (relative: string): unknown => JSON.parse(readFileSync(path.join(MEDCOM_STANDARDS, relative), 'utf8'));

export const medcomExamples = (folder: string): string[] =>
  readdirSync(path.join(MEDCOM_STANDARDS, folder))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(folder, f));
