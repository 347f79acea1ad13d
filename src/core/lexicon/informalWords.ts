/**
 * Chat spellings readers type in Discord and the words they stand for. No lexical resource
 * lists these (WordNet and news-trained vectors know written English), so they are data here:
 * general English, nothing from any story.
 */
const INFORMAL_WORDS: Readonly<Record<string, string>> = {
  whats: 'what is',
  whos: 'who is',
  wheres: 'where is',
  whens: 'when is',
  hows: 'how is',
  whys: 'why is',
  wat: 'what',
  wht: 'what',
  hw: 'how',
  ppl: 'people',
  pple: 'people',
  govt: 'government',
  gov: 'government',
  approx: 'approximately',
  abt: 'about',
  bc: 'because',
  cuz: 'because',
  thx: 'thanks',
  u: 'you',
  ur: 'your',
  r: 'are',
  yr: 'year',
  yrs: 'years',
  mins: 'minutes',
  hrs: 'hours',
  ref: 'referee',
  refs: 'referees',
  info: 'information',
  tho: 'though',
  w: 'with',
  b4: 'before',
};

/** Lower case only: "Gov Newsom", "George W Bush", "BC Hydro" are names. */
const INFORMAL = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’.])(${Object.keys(INFORMAL_WORDS).join('|')})(?![\p{L}\p{N}'’.&/-])`,
  'gu',
);
/** …but a question may start with a capitalised one ("Whats the score"). */
const OPENING = /^(\s*)(Whats|Whos|Wheres|Whens|Hows|Whys|Wat|Wht|Hw)\b/u;

/** A question with chat spellings written out ("whats the score" → "what is the score"). */
export function expandInformal(question: string): string {
  return question
    .replace(OPENING, (_, space: string, word: string) => space + word.toLowerCase())
    .replace(INFORMAL, (word) => INFORMAL_WORDS[word] ?? word);
}
