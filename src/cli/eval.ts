import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { loadCoreConfig } from '../config.js';
import { answerQuestion } from '../core/answer/answerQuestion.js';
import { factCounts, factTableOf } from '../core/facts/buildFactTable.js';
import {
  calibrationTable,
  figuresOf,
  judge,
  openEvalSet,
  openSuite,
  plainMiniSearch,
  SUITES,
  type Figures,
  type Judged,
} from './evalSuites.js';

dotenv.config({ quiet: true });

const USAGE = `Usage: npm run eval [-- --suite NAME | --questions FILE ... --negatives FILE ...] [--verbose]
Suites: ${Object.keys(SUITES).join(', ')} (default: seed, the dev sample against SEEDS_DIR).
With --questions/--negatives the stories come from SEEDS_DIR.
Question lines: {"q", "paras", "answers", optional "story"}; negative lines: {"q", optional "kind": "absent"|"unstated"}.`;

const ratio = (value: number) => value.toFixed(2);

function figureRows(engine: Figures, plain: Figures): string[] {
  const rows: [string, (f: Figures) => string][] = [
    ['hit@1 (top paragraph right)', (f) => ratio(f.hit1)],
    ['answer phrase in top excerpt', (f) => ratio(f.phrase)],
    ['answered (of answerable)', (f) => ratio(f.answered)],
    ['negatives declined', (f) => `${ratio(f.declined)} of ${f.negatives}`],
    ['  naming absent things', (f) => (f.absent === 0 ? '-' : `${ratio(f.declinedAbsent)} of ${f.absent}`)],
    [
      '  asking unstated facts',
      (f) => (f.unstated === 0 ? '-' : `${ratio(f.declinedUnstated)} of ${f.unstated}`),
    ],
    ['right among confidence ≥ 0.9', (f) => `${ratio(f.confidentRight)} of ${f.confident}`],
    ['verbatim excerpts', (f) => ratio(f.verbatim)],
  ];
  return [
    `${'measure'.padEnd(32)}${'newsdesk'.padStart(12)}${'plain MiniSearch'.padStart(18)}`,
    ...rows.map(([label, f]) => `${label.padEnd(32)}${f(engine).padStart(12)}${f(plain).padStart(18)}`),
  ];
}

function calibrationRows(judged: readonly Judged[]): string[] {
  return [
    'calibration (answers given: confidence → share citing a gold paragraph)',
    ...calibrationTable(judged).map(
      (row) =>
        `  ${row.bin.padEnd(10)}${String(row.answers).padStart(6)} answers   ${row.answers === 0 ? '   -' : ratio(row.right)} right`,
    ),
  ];
}

function missRows(judged: readonly Judged[]): string[] {
  const wrong = judged.filter((j) => (j.kind === 'question' ? !j.right : j.answered));
  return [
    'wrong or missing:',
    ...wrong.map((j) => {
      const top = j.results[0];
      const got = top
        ? `${top.citation} (${j.confidence}): ${top.excerpt.slice(0, 90)}`
        : `declined (${j.confidence})`;
      return `  - [${j.kind}] ${j.q}\n      → ${got}`;
    }),
  ];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      suite: { type: 'string' },
      questions: { type: 'string', multiple: true },
      negatives: { type: 'string', multiple: true },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadCoreConfig();
  const set =
    values.questions || values.negatives
      ? openEvalSet([config.seedsDir], values.questions ?? [], values.negatives ?? [])
      : values.suite
        ? openSuite(values.suite)
        : openEvalSet(
            [config.seedsDir],
            ['tests/eval/dev-questions.jsonl'],
            ['tests/eval/dev-negatives.jsonl'],
          );
  const judged = judge(set, (q) => answerQuestion(set.index, q));
  const plain = judge(set, plainMiniSearch(set.stories));
  const counts = factCounts(factTableOf(set.index), { includeInternal: true });
  const out = [
    `newsdesk eval${values.suite ? ` (suite ${values.suite})` : ''}: ${set.questions.length} questions, ${set.negatives.length} negatives, ${set.stories.length} stories`,
    '',
    ...figureRows(figuresOf(judged), figuresOf(plain)),
    '',
    ...calibrationRows(judged),
    '',
    `facts per type: ${Object.entries(counts)
      .map(([type, count]) => `${type} ${count}`)
      .join(', ')}`,
  ];
  if (values.verbose) out.push('', ...missRows(judged));
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
