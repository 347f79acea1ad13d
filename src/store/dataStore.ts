import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './writeFileAtomic.js';

/**
 * One JSON document in the data folder, kept in memory and written atomically on every
 * change. A file that cannot be parsed or fails `isValid` is set aside (renamed with a
 * `.corrupt-<time>` suffix) with a warning and replaced by the defaults: bad data costs
 * its contents, never the bot.
 */
export class JsonDocument<T> {
  #value: T | undefined;

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
    const value = this.value;
    change(value);
    writeFileAtomic(this.path, `${JSON.stringify(value, null, 2)}\n`);
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
  Object.values(value.votes).every((v) => isRecord(v) && typeof v.up === 'number' && typeof v.down === 'number');

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
    mkdirSync(dir, { recursive: true });
    this.settings = new JsonDocument(join(dir, 'settings.json'), () => ({ guilds: {} }), isSettings, warn);
    this.feedback = new JsonDocument(join(dir, 'feedback.json'), () => ({ votes: {} }), isFeedback, warn);
    this.stats = new JsonDocument(join(dir, 'stats.json'), () => ({ guilds: {}, declinedQuestions: [] }), isStats, warn);
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
    this.stats.update((stats) => {
      const counts = (stats.guilds[guild] ??= { served: 0, declined: 0 });
      if (answered) counts.served++;
      else {
        counts.declined++;
        stats.declinedQuestions.push({ guild, question: question.slice(0, STORED_QUESTION_LENGTH), at: now.toISOString() });
        if (stats.declinedQuestions.length > MAX_DECLINED_KEPT) stats.declinedQuestions.splice(0, stats.declinedQuestions.length - MAX_DECLINED_KEPT);
      }
    });
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
      for (const key of Object.keys(feedback.votes)) if (key.startsWith(`${guild}|`)) delete feedback.votes[key];
    });
    this.stats.update((stats) => {
      delete stats.guilds[guild];
      stats.declinedQuestions = stats.declinedQuestions.filter((q) => q.guild !== guild);
    });
  }
}
