import { join } from 'node:path';
import { diffStories, type StoriesDiff } from '../core/corpus/diffStories.js';
import { paragraphHash } from '../core/corpus/paragraphHash.js';
import type { Story } from '../core/corpus/types.js';
import { UserError } from '../core/errors.js';
import { DataStore, JsonDocument, type DeclinedQuestion } from './dataStore.js';
import { LibraryHolder, type HolderOptions, type IndexingStatus } from './libraryHolder.js';
import { StoryFolderError } from './loadStories.js';
import type { Library } from './openLibrary.js';
import { checkUpload, removeStoryFile, storyFileOf, writeStory } from './storyFiles.js';

/**
 * What the newsroom does to the story folder while the bot keeps serving: reload, add or
 * correct a story, remove one — each followed by a reload, so the change is served at
 * once — plus the corrections record and the usage figures. Shared by the Discord
 * `/admin` command and the console; it checks no permissions (its callers do).
 */

/** Paragraph fingerprints last seen, and when paragraphs were corrected, per story. */
interface CorrectionsRecord {
  /** story id → the `paragraphHash` of each paragraph, in order, as last served. */
  seen: Record<string, string[]>;
  /** story id → paragraph number → when a reload found its text changed (ISO 8601). */
  corrected: Record<string, Record<string, string>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCorrections = (value: unknown): value is CorrectionsRecord =>
  isRecord(value) &&
  isRecord(value.seen) &&
  isRecord(value.corrected) &&
  Object.values(value.seen).every((hashes) => Array.isArray(hashes)) &&
  Object.values(value.corrected).every(isRecord);

export interface ReloadOutcome {
  diff: StoriesDiff;
  /** Files skipped by the reload, one line each. */
  warnings: string[];
}

export interface AddOutcome extends ReloadOutcome {
  id: string;
  title: string;
  paragraphs: number;
  internal: boolean;
  /** True when it replaced (corrected) a story with the same id. */
  replaced: boolean;
}

export interface StatsSummary {
  stories: number;
  /** Of which newsroom-only. */
  internal: number;
  paragraphs: number;
  served: number;
  declined: number;
  /** Most recent declined questions, newest first. */
  recentDeclined: DeclinedQuestion[];
  votes: { up: number; down: number };
  /** Paragraphs with the most 👎, most first. */
  mostDownVoted: { story: string; paragraph: number; up: number; down: number }[];
  /** Index and fact extraction progress. */
  indexing: IndexingStatus;
}

const RECENT_DECLINED = 5;
const MOST_DOWN_VOTED = 3;

export class StoryDesk {
  readonly #corrections: JsonDocument<CorrectionsRecord>;
  /** The reload that has been asked for but not started: later requests join it. */
  #queued: Promise<ReloadOutcome> | null = null;
  #last: Promise<unknown> = Promise.resolve();

  constructor(
    readonly holder: LibraryHolder,
    readonly data: DataStore,
    readonly seedsDir: string,
    dataDir: string,
    warn: (message: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#corrections = new JsonDocument(
      join(dataDir, 'corrections.json'),
      () => ({ seen: {}, corrected: {} }),
      isCorrections,
      warn,
    );
    if (holder.ready) this.#observe(holder.current.stories);
  }

  /** The library being served now (see `LibraryHolder.current`: none before the first build). */
  get library(): Library {
    return this.holder.current;
  }

  /**
   * Builds the first library off the main thread (for a desk opened with `'later'`).
   * Throws `StoryFolderError` when the folder cannot be served.
   */
  async start(): Promise<Library> {
    const { library } = await this.holder.start();
    this.#observe(library.stories);
    return library;
  }

  /** Whether stories are being served (false only while the first build runs). */
  get ready(): boolean {
    return this.holder.ready;
  }

  /** Resolves once stories are served (see `LibraryHolder.whenReady`). */
  whenReady(): Promise<void> {
    return this.holder.whenReady();
  }

  /** Indexing progress (see `IndexingStatus`). */
  get indexing(): IndexingStatus {
    return this.holder.status;
  }

  /**
   * Re-reads the story folder off the hot path and swaps the index in. Every call starts
   * a reload that begins after it was made (so it sees every file written before), but a
   * request made while another waits to start joins that one. A folder that cannot be
   * served (two files with one id…) is a `UserError` with the reason; the previous stories
   * stay served.
   */
  reload(): Promise<ReloadOutcome> {
    if (this.#queued) return this.#queued;
    const next = this.#last
      .catch(() => undefined)
      .then(async () => {
        this.#queued = null;
        const { library, diff } = await this.holder.reload().catch((error: unknown) => {
          // A folder that cannot be served (two files with one id…) is the newsroom's to fix: say why.
          if (error instanceof StoryFolderError) {
            throw new UserError(`${error.message}; still serving the previous stories`);
          }
          throw error;
        });
        this.#observe(library.stories);
        return { diff, warnings: library.warnings };
      });
    this.#queued = next;
    this.#last = next;
    return next;
  }

  /**
   * Checks an uploaded story (see `checkUpload`), writes it atomically and serves it at
   * once. `replace` corrects an existing story. Throws `UserError` with the reason when the
   * file is refused; the folder is then unchanged.
   */
  async add(fileName: string, bytes: Uint8Array, replace = false): Promise<AddOutcome> {
    const upload = checkUpload(this.seedsDir, fileName, bytes, replace);
    const before = this.library.stories;
    writeStory(this.seedsDir, upload);
    const { warnings } = await this.reload();
    const after = this.library.stories;
    return {
      id: upload.id,
      title: upload.story.title,
      paragraphs: upload.story.paragraphs.length,
      internal: upload.story.visibility === 'internal',
      replaced: before.some((story) => story.id === upload.id),
      diff: diffStories(before, after),
      warnings,
    };
  }

  /** True when the folder holds a story file with this id. */
  hasStory(id: string): boolean {
    return storyFileOf(this.seedsDir, id) !== null;
  }

  /** Deletes a story's file and stops serving it. Throws `UserError` when there is no such story. */
  async remove(id: string): Promise<ReloadOutcome> {
    const before = this.library.stories;
    if (before.length === 1 && before[0]!.id === id) {
      throw new UserError(`Stories: "${id}" is the only story; add another before removing it`);
    }
    removeStoryFile(this.seedsDir, id);
    const { warnings } = await this.reload();
    return { diff: diffStories(before, this.library.stories), warnings };
  }

  /** When paragraph `paragraph` of a story was corrected, or null when it never was. */
  correctedAt(story: string, paragraph: number): string | null {
    return this.#corrections.value.corrected[story]?.[String(paragraph)] ?? null;
  }

  /** Stories and usage figures; `guild` narrows questions and votes to one server (null: all). */
  stats(guild: string | null): StatsSummary {
    const { stories } = this.library;
    const usage = this.data.stats.value;
    const guilds =
      guild === null ? Object.values(usage.guilds) : [usage.guilds[guild] ?? { served: 0, declined: 0 }];
    const votes = { up: 0, down: 0 };
    const perParagraph: StatsSummary['mostDownVoted'] = [];
    for (const [key, counts] of Object.entries(this.data.feedback.value.votes)) {
      const [voteGuild, story, paragraph] = key.split('|');
      if (guild !== null && voteGuild !== guild) continue;
      votes.up += counts.up;
      votes.down += counts.down;
      const same = perParagraph.find(
        (entry) => entry.story === story && entry.paragraph === Number(paragraph),
      );
      if (same) {
        same.up += counts.up;
        same.down += counts.down;
      } else perParagraph.push({ story: story ?? '', paragraph: Number(paragraph), ...counts });
    }
    return {
      indexing: this.holder.status,
      stories: stories.length,
      internal: stories.filter((story) => story.visibility === 'internal').length,
      paragraphs: stories.reduce((sum, story) => sum + story.paragraphs.length, 0),
      served: guilds.reduce((sum, counts) => sum + counts.served, 0),
      declined: guilds.reduce((sum, counts) => sum + counts.declined, 0),
      recentDeclined: usage.declinedQuestions
        .filter((question) => guild === null || question.guild === guild)
        .slice(-RECENT_DECLINED)
        .reverse(),
      votes,
      mostDownVoted: perParagraph
        .filter((entry) => entry.down > 0)
        .sort((a, b) => b.down - a.down || a.up - b.up)
        .slice(0, MOST_DOWN_VOTED),
    };
  }

  /**
   * Compares the stories now served with the fingerprints last seen (across restarts, so a
   * file edited while the bot was down counts too) and records changed paragraphs as
   * corrected. Stories that are gone lose their record.
   */
  #observe(stories: readonly Story[]): void {
    const record = this.#corrections.value;
    const at = this.now().toISOString();
    let dirty = false;
    const present = new Set(stories.map((story) => story.id));
    for (const id of Object.keys(record.seen)) {
      if (present.has(id)) continue;
      delete record.seen[id];
      delete record.corrected[id];
      dirty = true;
    }
    for (const story of stories) {
      const hashes = story.paragraphs.map((paragraph) => paragraphHash(paragraph.text));
      const seen = record.seen[story.id];
      if (seen && seen.join() === hashes.join()) continue;
      dirty = true;
      record.seen[story.id] = hashes;
      if (!seen) continue;
      const corrected = (record.corrected[story.id] ??= {});
      for (const key of Object.keys(corrected)) if (Number(key) > hashes.length) delete corrected[key];
      hashes.forEach((hash, i) => {
        if (seen[i] !== undefined && seen[i] !== hash) corrected[String(i + 1)] = at;
      });
      if (Object.keys(corrected).length === 0) delete record.corrected[story.id];
    }
    if (dirty) this.#corrections.update(() => undefined);
  }
}

/** Paragraph numbers as `¶1, ¶3–¶5`. */
function paragraphList(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(
      j > i + 1
        ? `¶${numbers[i]}–¶${numbers[j]}`
        : j === i + 1
          ? `¶${numbers[i]}, ¶${numbers[j]}`
          : `¶${numbers[i]}`,
    );
    i = j;
  }
  return parts.join(', ');
}

/** A reload diff as plain lines (`Added: …`, `Removed: …`, `Changed: …`), or one line saying nothing changed. */
export function describeDiff(diff: StoriesDiff): string[] {
  const lines: string[] = [];
  if (diff.added.length) lines.push(`Added: ${diff.added.join(', ')}`);
  if (diff.removed.length) lines.push(`Removed: ${diff.removed.join(', ')}`);
  for (const change of diff.changed) {
    const count = change.before === change.after ? '' : ` (${change.before} → ${change.after} paragraphs)`;
    lines.push(`Changed: ${change.story} ${paragraphList(change.paragraphs)}${count}`);
  }
  return lines.length ? lines : ['No change: the stories are the same as before.'];
}

export interface OpenedDesk {
  desk: StoryDesk;
  data: DataStore;
}

/**
 * Opens the story folder (or serves `library` first) behind a `LibraryHolder`, and the data
 * folder: settings, feedback, stats, corrections, index snapshots. Corrupt data files are
 * set aside with a warning, never fatal. With `'later'` nothing is read yet: call
 * `desk.reload()` to build the first library off the main thread.
 */
export function openStoryDesk(
  settings: { seedsDir: string; dataDir: string; dataRetentionDays: number },
  warn: (message: string) => void,
  library?: Library | 'later',
  options: Omit<HolderOptions, 'snapshotDir'> = {},
): OpenedDesk {
  const holder = new LibraryHolder(
    settings.seedsDir,
    { ...options, snapshotDir: join(settings.dataDir, 'index-cache') },
    library,
  );
  const data = new DataStore(settings.dataDir, settings.dataRetentionDays, warn);
  const desk = new StoryDesk(holder, data, settings.seedsDir, settings.dataDir, warn);
  return { desk, data };
}
