import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import MiniSearch from 'minisearch';
import type { Story } from '../core/corpus/types.js';
import { normalizeText } from '../core/corpus/normalizeText.js';
import type { ExcerptResult } from '../core/answer/types.js';
import { buildIndex, type NewsIndex } from '../core/search/buildIndex.js';
import { loadStories } from '../store/loadStories.js';
import { loadLexicon } from '../store/lexicon.js';

/** One evaluation question: gold paragraphs and phrases one of which the top excerpt must hold. */
export interface EvalQuestion {
  q: string;
  paras: number[];
  answers: string[];
  /** Story id; defaults to the first story. */
  story?: string;
}

/** A question the stories do not answer: it names something absent, or asks a fact no story states. */
export interface EvalNegative {
  q: string;
  story?: string;
  kind?: 'absent' | 'unstated';
  /** The file it was read from (set on reading): groups negatives that name no story. */
  file?: string;
}

/** Stories with the questions asked of them. */
export interface EvalSet {
  stories: Story[];
  index: NewsIndex;
  questions: EvalQuestion[];
  negatives: EvalNegative[];
  defaultStory: string;
}

/** Named sets of stories and questions kept in the repo (paths from the project root). */
export const SUITES: Readonly<Record<string, { stories: string[]; eval: string[] }>> = {
  /** The seed story and the dev sample of questions about it. */
  seed: { stories: ['seeds'], eval: ['tests/eval'] },
  /** Stories of new genres to tune on (tests/fixtures/genres/README.md). */
  train: {
    stories: ['seeds', 'tests/fixtures/genres/train/stories'],
    eval: ['tests/fixtures/genres/train/eval'],
  },
  /** Stories checked in earlier rounds: answers must not regress on them. */
  regression: {
    stories: [
      'seeds',
      'tests/fixtures/stories',
      'tests/fixtures/heldout/stories',
      'tests/fixtures/heldout2/stories',
    ],
    eval: ['tests/fixtures/eval', 'tests/fixtures/heldout/eval', 'tests/fixtures/heldout2/eval'],
  },
  /** Stories of new genres never tuned on: scored once, at the end of a piece of work. */
  heldout: {
    stories: ['seeds', 'tests/fixtures/genres/heldout/stories'],
    eval: ['tests/fixtures/genres/heldout/eval'],
  },
};

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

function filesIn(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

/** Indexes the stories of several folders together (story ids must differ across them). */
export function openEvalSet(
  storyDirs: readonly string[],
  questionFiles: readonly string[],
  negativeFiles: readonly string[],
  defaultStory?: string,
): EvalSet {
  loadLexicon();
  const stories = storyDirs.flatMap((dir) => loadStories(dir).stories);
  return {
    stories,
    index: buildIndex(stories),
    questions: questionFiles.flatMap((file) => readJsonl<EvalQuestion>(file)),
    negatives: negativeFiles.flatMap((file) =>
      readJsonl<EvalNegative>(file).map((negative) => ({ ...negative, file: basename(file) })),
    ),
    defaultStory: defaultStory ?? stories[0]!.id,
  };
}

/** A suite from `SUITES`, from the project root `root`. */
export function openSuite(name: string, root = '.'): EvalSet {
  const suite = SUITES[name];
  if (!suite) throw new Error(`no eval suite "${name}" (suites: ${Object.keys(SUITES).join(', ')})`);
  const evalDirs = suite.eval.map((dir) => join(root, dir));
  return openEvalSet(
    suite.stories.map((dir) => join(root, dir)),
    evalDirs.flatMap((dir) => filesIn(dir, 'questions.jsonl')),
    evalDirs.flatMap((dir) => filesIn(dir, 'negatives.jsonl')),
  );
}

/** What one answer was judged: asked of the engine, compared with the gold. */
export interface Judged {
  q: string;
  /** 'question' for answerable ones, else the negative's kind. */
  kind: 'question' | 'absent' | 'unstated';
  answered: boolean;
  confidence: number;
  /** The top excerpt cites a gold paragraph (always false for negatives). */
  right: boolean;
  /** The top excerpt holds a gold answer phrase. */
  phrase: boolean;
  /** Every excerpt shown is a substring of its cited paragraph. */
  verbatim: boolean;
  results: ExcerptResult[];
}

export type Answerer = (question: string) => { results: ExcerptResult[]; confidence: number };

/** Asks every question and negative of a set and judges the answers. */
export function judge(set: EvalSet, answer: Answerer): Judged[] {
  const paragraphs = new Map(set.stories.map((s) => [s.id, s.paragraphs]));
  const isVerbatim = (r: ExcerptResult) =>
    paragraphs.get(r.story)?.[r.paragraph - 1]?.text.includes(r.excerpt) ?? false;
  const judged: Judged[] = [];
  for (const question of set.questions) {
    const story = question.story ?? set.defaultStory;
    const { results, confidence } = answer(question.q);
    const top = results[0];
    judged.push({
      q: question.q,
      kind: 'question',
      answered: top !== undefined,
      confidence,
      right: top !== undefined && top.story === story && question.paras.includes(top.paragraph),
      phrase:
        top !== undefined &&
        question.answers.some((a) => normalizeText(top.excerpt).includes(normalizeText(a))),
      verbatim: results.every(isVerbatim),
      results,
    });
  }
  for (const negative of set.negatives) {
    const { results, confidence } = answer(negative.q);
    judged.push({
      q: negative.q,
      kind: negative.kind ?? 'absent',
      answered: results.length > 0,
      confidence,
      right: false,
      phrase: false,
      verbatim: results.every(isVerbatim),
      results,
    });
  }
  return judged;
}

/** Plain MiniSearch with default options over the same sentences: the baseline. */
export function plainMiniSearch(stories: readonly Story[]): Answerer {
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
  return (question) => ({
    confidence: 1,
    results: index
      .search(question)
      .slice(0, 5)
      .map((hit) => ({
        story: hit.story as string,
        paragraph: hit.paragraph as number,
        excerpt: hit.text as string,
        score: hit.score,
        citation: `${hit.story as string} ¶${hit.paragraph as number}`,
      })),
  });
}

/** The figures the answers issue is judged by. */
export interface Figures {
  questions: number;
  hit1: number;
  phrase: number;
  answered: number;
  negatives: number;
  declined: number;
  declinedAbsent: number;
  declinedUnstated: number;
  /** How many negatives of each kind there were. */
  absent: number;
  unstated: number;
  /** Share right among answers given with confidence ≥ 0.9 (right = gold paragraph first). */
  confidentRight: number;
  confident: number;
  verbatim: number;
}

const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

export function figuresOf(judged: readonly Judged[]): Figures {
  const questions = judged.filter((j) => j.kind === 'question');
  const negatives = judged.filter((j) => j.kind !== 'question');
  const ofKind = (kind: string) => negatives.filter((j) => j.kind === kind);
  const confident = judged.filter((j) => j.answered && j.confidence >= 0.9);
  return {
    questions: questions.length,
    hit1: share(questions.filter((j) => j.right).length, questions.length),
    phrase: share(questions.filter((j) => j.phrase).length, questions.length),
    answered: share(questions.filter((j) => j.answered).length, questions.length),
    negatives: negatives.length,
    declined: share(negatives.filter((j) => !j.answered).length, negatives.length),
    declinedAbsent: share(ofKind('absent').filter((j) => !j.answered).length, ofKind('absent').length),
    declinedUnstated: share(ofKind('unstated').filter((j) => !j.answered).length, ofKind('unstated').length),
    absent: ofKind('absent').length,
    unstated: ofKind('unstated').length,
    confidentRight: share(confident.filter((j) => j.right).length, confident.length),
    confident: confident.length,
    verbatim: share(judged.filter((j) => j.verbatim).length, judged.length),
  };
}

/** Confidence bins of the answers given → how many there were and the share right. */
export function calibrationTable(
  judged: readonly Judged[],
): { bin: string; answers: number; right: number }[] {
  const edges = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001];
  const answered = judged.filter((j) => j.answered);
  return edges.slice(0, -1).map((low, i) => {
    const high = edges[i + 1]!;
    const inBin = answered.filter((j) => j.confidence >= low && j.confidence < high);
    return {
      bin: `${low.toFixed(1)}–${Math.min(1, high).toFixed(1)}`,
      answers: inBin.length,
      right: share(inBin.filter((j) => j.right).length, inBin.length),
    };
  });
}
