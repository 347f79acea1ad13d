import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './writeFileAtomic.js';

/** Under a stream of changes, a document is saved at most this often (see `JsonDocument.updateSoon`). */
export const SAVE_INTERVAL_MS = 1000;

/**
 * One JSON document in the data folder, kept in memory and written atomically on every
 * change. A file that cannot be parsed or fails `isValid` is set aside (renamed with a
 * `.corrupt-<time>` suffix) with a warning and replaced by the defaults: bad data costs
 * its contents, never the bot.
 */
export class JsonDocument<T> {
  #value: T | undefined;
  /** A save waiting for its turn (see `updateSoon`). */
  #pending: NodeJS.Timeout | undefined;
  #lastSave = 0;
  readonly #saveAtExit = (): void => {
    try {
      this.flush();
    } catch {
      // Exiting anyway: the previous version of the file stays whole (atomic writes).
    }
  };

  constructor(
    readonly path: string,
    private readonly defaults: () => T,
    private readonly isValid: (value: unknown) => value is T,
    private readonly warn: (message: string) => void,
  ) {}

  /** The current value (read from disk the first time). */
  get value(): T {
    this.#value ??= this.#read();
    return this.#value;
  }

  /** Changes the document and saves it before returning. */
  update(change: (value: T) => void): void {
    change(this.value);
    this.#save();
  }

  /**
   * Changes the document and saves it now — or, when it was saved less than
   * `SAVE_INTERVAL_MS` ago, once that interval is over. A stream of changes (a count per
   * question) then costs one write per interval however many arrive: rewriting the whole
   * file on each would block the event loop longer the more the file holds. A pending save
   * is also made by `flush`, by the next `update`, and when the process exits.
   */
  updateSoon(change: (value: T) => void): void {
    change(this.value);
    if (this.#pending) return;
    const wait = this.#lastSave + SAVE_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.#save();
      return;
    }
    this.#pending = setTimeout(() => {
      try {
        this.flush();
      } catch (error) {
        this.warn(`Data: could not save ${this.path} (${(error as Error).message})`);
      }
    }, wait);
    this.#pending.unref();
    process.once('exit', this.#saveAtExit);
  }

  /** Makes a pending save now (see `updateSoon`). */
  flush(): void {
    if (this.#pending) this.#save();
  }

  #save(): void {
    if (this.#pending) {
      clearTimeout(this.#pending);
      this.#pending = undefined;
      process.off('exit', this.#saveAtExit);
    }
    writeFileAtomic(this.path, `${JSON.stringify(this.value, null, 2)}\n`);
    this.#lastSave = Date.now();
  }

  #read(): T {
    if (!existsSync(this.path)) return this.defaults();
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined && this.isValid(parsed)) return parsed;
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(this.path, aside);
      this.warn(`Data: ${this.path} was unreadable; set it aside as ${aside} and started empty`);
    } catch (error) {
      this.warn(`Data: ${this.path} was unreadable and could not be set aside (${(error as Error).message})`);
    }
    return this.defaults();
  }
}

/** Per-server settings moderators change. */
export interface GuildSettings {
  /** Channels the bot answers in; empty = everywhere. */
  channels: string[];
}

export interface Settings {
  guilds: Record<string, GuildSettings>;
}

export type Vote = 'up' | 'down';

/** Reader feedback on answers, counted per cited paragraph and server. */
export interface Feedback {
  /** `guild|story|paragraph` → votes. */
  votes: Record<string, { up: number; down: number }>;
}

/** A question a reader asked that the stories did not answer (kept for the newsroom). */
export interface DeclinedQuestion {
  guild: string;
  question: string;
  at: string;
}

export interface Stats {
  /** Per server (`dm` for direct messages): questions answered and declined. */
  guilds: Record<string, { served: number; declined: number }>;
  declinedQuestions: DeclinedQuestion[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSettings = (value: unknown): value is Settings =>
  isRecord(value) &&
  isRecord(value.guilds) &&
  Object.values(value.guilds).every((g) => isRecord(g) && Array.isArray(g.channels));

const isFeedback = (value: unknown): value is Feedback =>
  isRecord(value) &&
  isRecord(value.votes) &&
  Object.values(value.votes).every(
    (v) => isRecord(v) && typeof v.up === 'number' && typeof v.down === 'number',
  );

const isStats = (value: unknown): value is Stats =>
  isRecord(value) && isRecord(value.guilds) && Array.isArray(value.declinedQuestions);

/** Longest stored question: enough to read what was asked, not a way to store essays. */
const STORED_QUESTION_LENGTH = 300;
/** Declined questions kept at most (the oldest go first), whatever the retention. */
const MAX_DECLINED_KEPT = 5_000;

/**
 * Settings, feedback and usage figures in the data folder. Everything a server left
 * behind can be deleted with `forgetGuild`; stored questions older than the retention
 * period are dropped by `prune`.
 */
export class DataStore {
  readonly settings: JsonDocument<Settings>;
  readonly feedback: JsonDocument<Feedback>;
  readonly stats: JsonDocument<Stats>;

  constructor(
    dir: string,
    private readonly retentionDays: number,
    warn: (message: string) => void,
  ) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new Error(
        `Data: cannot use ${dir} as the data folder (${code}); set DATA_DIR to a folder the bot may write`,
      );
    }
    this.settings = new JsonDocument(join(dir, 'settings.json'), () => ({ guilds: {} }), isSettings, warn);
    this.feedback = new JsonDocument(join(dir, 'feedback.json'), () => ({ votes: {} }), isFeedback, warn);
    this.stats = new JsonDocument(
      join(dir, 'stats.json'),
      () => ({ guilds: {}, declinedQuestions: [] }),
      isStats,
      warn,
    );
    // Read now, so a damaged file is set aside and reported at start rather than at first use.
    for (const document of [this.settings, this.feedback, this.stats]) void document.value;
  }

  /** Channels a server restricted the bot to (empty: no restriction). */
  allowedChannels(guild: string): readonly string[] {
    return this.settings.value.guilds[guild]?.channels ?? [];
  }

  setAllowedChannels(guild: string, channels: readonly string[]): void {
    this.settings.update((settings) => {
      settings.guilds[guild] = { ...settings.guilds[guild], channels: [...new Set(channels)] };
    });
  }

  recordVote(guild: string, story: string, paragraph: number, vote: Vote): void {
    this.feedback.update((feedback) => {
      const key = `${guild}|${story}|${paragraph}`;
      const counts = (feedback.votes[key] ??= { up: 0, down: 0 });
      counts[vote]++;
    });
  }

  /** Counts a question; declined ones are kept (shortened) so the newsroom sees what readers miss. */
  recordQuestion(guild: string, question: string, answered: boolean, now = new Date()): void {
    // Once per question: saved at most once a second (see `updateSoon`); a crash loses at most that.
    this.stats.updateSoon((stats) => {
      const counts = (stats.guilds[guild] ??= { served: 0, declined: 0 });
      if (answered) counts.served++;
      else {
        counts.declined++;
        stats.declinedQuestions.push({
          guild,
          question: question.slice(0, STORED_QUESTION_LENGTH),
          at: now.toISOString(),
        });
        if (stats.declinedQuestions.length > MAX_DECLINED_KEPT)
          stats.declinedQuestions.splice(0, stats.declinedQuestions.length - MAX_DECLINED_KEPT);
      }
    });
  }

  /** Saves what is waiting to be saved (the bot calls it when it stops). */
  flush(): void {
    for (const document of [this.settings, this.feedback, this.stats]) document.flush();
  }

  /** Drops stored questions older than the retention period. */
  prune(now = new Date()): number {
    const cutoff = now.getTime() - this.retentionDays * 86_400_000;
    const before = this.stats.value.declinedQuestions.length;
    const kept = this.stats.value.declinedQuestions.filter((q) => Date.parse(q.at) >= cutoff);
    if (kept.length !== before) this.stats.update((stats) => void (stats.declinedQuestions = kept));
    return before - kept.length;
  }

  /** Deletes everything stored about a server (it removed the bot). */
  forgetGuild(guild: string): void {
    this.settings.update((settings) => void delete settings.guilds[guild]);
    this.feedback.update((feedback) => {
      for (const key of Object.keys(feedback.votes))
        if (key.startsWith(`${guild}|`)) delete feedback.votes[key];
    });
    this.stats.update((stats) => {
      delete stats.guilds[guild];
      stats.declinedQuestions = stats.declinedQuestions.filter((q) => q.guild !== guild);
    });
  }
}
