import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import dotenv from 'dotenv';
import { loadCoreConfig } from '../config.js';
import { normalizeText } from '../core/corpus/normalizeText.js';
import type { Story } from '../core/corpus/types.js';
import { answerQuestion } from '../core/answer/answerQuestion.js';
import type { ExcerptResult } from '../core/answer/types.js';
import { openLibrary } from '../store/openLibrary.js';
import { factCounts, factTableOf } from '../core/facts/buildFactTable.js';

dotenv.config({ quiet: true });

/** One evaluation question: gold paragraphs and phrases one of which the top excerpt must hold. */
interface EvalQuestion {
  q: string;
  paras: number[];
  answers: string[];
  /** Story id; defaults to --story or the first story. */
  story?: string;
}

interface Scores {
  hit1: number;
  hit3: number;
  phrase: number;
  answered: number;
  declined: number;
  verbatim: number;
  shown: number;
  lengths: number[];
  misses: string[];
}

type Answerer = (question: string) => ExcerptResult[];

const USAGE = `Usage: npm run eval [-- --questions FILE ... --negatives FILE ... --story ID]
Defaults: tests/eval/dev-questions.jsonl and tests/eval/dev-negatives.jsonl against SEEDS_DIR.
Question lines: {"q", "paras", "answers", optional "story"}; negative lines: {"q"}.`;

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** Plain MiniSearch with default options over the same sentences: the baseline. */
function plainMiniSearch(stories: readonly Story[]): Answerer {
  const documents = stories.flatMap((story) =>
    story.paragraphs.flatMap((paragraph) =>
      paragraph.sentences.map((sentence) => ({
        id: `${story.id}#${paragraph.number}#${sentence.index}`,
        text: sentence.text,
        story: story.id,
        paragraph: paragraph.number,
      })),
    ),
  );
  const index = new MiniSearch({ fields: ['text'], storeFields: ['text', 'story', 'paragraph'] });
  index.addAll(documents);
  return (question) =>
    index
      .search(question)
      .slice(0, 5)
      .map((hit) => ({
        story: hit.story as string,
        paragraph: hit.paragraph as number,
        excerpt: hit.text as string,
        score: hit.score,
        citation: `${hit.story as string} ¶${hit.paragraph as number}`,
      }));
}

function score(
  answer: Answerer,
  stories: readonly Story[],
  questions: readonly EvalQuestion[],
  negatives: readonly { q: string }[],
  defaultStory: string,
): Scores {
  const scores: Scores = {
    hit1: 0,
    hit3: 0,
    phrase: 0,
    answered: 0,
    declined: 0,
    verbatim: 0,
    shown: 0,
    lengths: [],
    misses: [],
  };
  const paragraphs = new Map(stories.map((s) => [s.id, s.paragraphs]));
  for (const question of questions) {
    const story = question.story ?? defaultStory;
    const results = answer(question.q);
    const isGold = (r: ExcerptResult) => r.story === story && question.paras.includes(r.paragraph);
    const top = results[0];
    if (top) {
      scores.answered++;
      scores.lengths.push(top.excerpt.length);
    }
    if (top && isGold(top)) scores.hit1++;
    if (results.slice(0, 3).some(isGold)) scores.hit3++;
    if (top && question.answers.some((a) => normalizeText(top.excerpt).includes(normalizeText(a))))
      scores.phrase++;
    else scores.misses.push(question.q);
    for (const r of results) {
      scores.shown++;
      if (paragraphs.get(r.story)?.[r.paragraph - 1]?.text.includes(r.excerpt)) scores.verbatim++;
    }
  }
  for (const negative of negatives) if (answer(negative.q).length === 0) scores.declined++;
  scores.lengths.sort((a, b) => a - b);
  return scores;
}

const ratio = (n: number, d: number) => (d === 0 ? '-' : (n / d).toFixed(2));

function main(): void {
  const { values } = parseArgs({
    options: {
      questions: { type: 'string', multiple: true },
      negatives: { type: 'string', multiple: true },
      story: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = loadCoreConfig();
  const library = openLibrary(config.seedsDir);
  const questions = (values.questions ?? ['tests/eval/dev-questions.jsonl']).flatMap((f) =>
    readJsonl<EvalQuestion>(f),
  );
  const negatives = (values.negatives ?? ['tests/eval/dev-negatives.jsonl']).flatMap((f) =>
    readJsonl<{ q: string }>(f),
  );
  const defaultStory = values.story ?? library.stories[0]!.id;
  const engine = score(
    (q) => answerQuestion(library.index, q).results,
    library.stories,
    questions,
    negatives,
    defaultStory,
  );
  const baseline = score(
    plainMiniSearch(library.stories),
    library.stories,
    questions,
    negatives,
    defaultStory,
  );
  const n = questions.length;
  const rows: [string, (s: Scores) => string][] = [
    ['hit@1 (top paragraph right)', (s) => ratio(s.hit1, n)],
    ['hit@3', (s) => ratio(s.hit3, n)],
    ['answer phrase in top excerpt', (s) => ratio(s.phrase, n)],
    ['top excerpt length median', (s) => String(s.lengths[Math.floor(s.lengths.length / 2)] ?? 0)],
    ['top excerpt length max', (s) => String(s.lengths.at(-1) ?? 0)],
    ['answered in-story questions', (s) => `${s.answered}/${n}`],
    ['declined out-of-story questions', (s) => `${s.declined}/${negatives.length}`],
    ['verbatim excerpts', (s) => `${s.verbatim}/${s.shown}`],
  ];
  const out: string[] = [
    `newsdesk eval: ${n} questions, ${negatives.length} out-of-story questions, ${library.stories.length} stories from ${config.seedsDir}`,
    '',
    `${'measure'.padEnd(34)}${'newsdesk'.padStart(10)}${'plain MiniSearch'.padStart(18)}`,
    ...rows.map(([label, f]) => `${label.padEnd(34)}${f(engine).padStart(10)}${f(baseline).padStart(18)}`),
  ];
  const counts = factCounts(factTableOf(library.index), { includeInternal: true });
  out.push(
    '',
    `facts per type: ${Object.entries(counts)
      .map(([type, count]) => `${type} ${count}`)
      .join(', ')}`,
  );
  if (values.verbose && engine.misses.length > 0)
    out.push('', 'answer phrase missing for:', ...engine.misses.map((q) => `  - ${q}`));
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
