import { stemmer } from 'stemmer';

/**
 * Groups of words a reader uses interchangeably with the story's own words. Every member is
 * indexed and queried as the group's first member, so "hurt" finds "injuring" and "Kiev"
 * finds "Kyiv". Spelling variants of names sit here too. Kept general: nothing in these
 * lists names a fact of one particular story.
 *
 * Words related in meaning beyond these come from the lexical resource (WordNet synonyms and
 * word vectors, see `relatedMatches`). Measured (npm run eval, 2026-12): replacing these
 * groups by the resource alone left new genres unchanged (train hit@1 0.74 either way) and
 * cost the stories of earlier rounds 0.04–0.13 hit@1 (an index-time alias counts fully;
 * the resource's relatives count less and bring noise), so both are used.
 */
const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['zelenskiy', 'zelensky', 'zelenskyy', 'zelenskyi', 'zelenski'],
  ['kyiv', 'kiev'],
  ['kharkiv', 'kharkov'],
  ['odesa', 'odessa'],
  ['injured', 'injure', 'injuring', 'injury', 'injuries', 'wound', 'wounded', 'wounding', 'hurt', 'hurting'],
  ['killed', 'kill', 'killing', 'dead', 'death', 'deaths', 'die', 'died', 'dying', 'fatality', 'fatalities'],
  ['weapons', 'weapon', 'arms', 'armament', 'armaments', 'weaponry'],
  ['vehicles', 'vehicle', 'car', 'cars', 'automobile', 'automobiles'],
  [
    'call',
    'calls',
    'called',
    'talk',
    'talks',
    'talked',
    'conversation',
    'conversations',
    'speak',
    'spoke',
    'spoken',
    'speaking',
    'chat',
    'dialogue',
    'dialog',
    'negotiation',
    'negotiations',
    'negotiate',
    'negotiated',
    'negotiating',
  ],
  // "strike" is both an attack and a walkout; either way the reader's word should find it.
  [
    'strike',
    'strikes',
    'attack',
    'attacks',
    'attacked',
    'raid',
    'raids',
    'bombardment',
    'assault',
    'walkout',
    'walkouts',
    'stoppage',
    'stoppages',
  ],
  ['tariff', 'tariffs', 'levy', 'levies', 'duty', 'duties'],
  ['collapse', 'collapsed', 'collapsing', 'breakdown'],
  [
    'halt',
    'halted',
    'halting',
    'pause',
    'paused',
    'pausing',
    'suspend',
    'suspended',
    'suspension',
    'freeze',
    'froze',
    'frozen',
    'stop',
    'stopped',
    'stopping',
    'cease',
    'ceased',
  ],
  ['shipment', 'shipments', 'delivery', 'deliveries', 'deliver', 'delivered'],
  ['aid', 'assistance', 'support', 'supports', 'supported', 'backing', 'help', 'helped', 'helping'],
  ['summon', 'summoned', 'summoning', 'summons'],
  ['earmark', 'earmarked', 'allocate', 'allocated', 'allocation', 'allot', 'allotted'],
  ['military', 'army', 'defense', 'defence'],
  ['resume', 'resumed', 'resumes', 'restart', 'restarted', 'restore', 'restored', 'renew', 'renewed'],
  ['decide', 'decided', 'deciding', 'determine', 'determined', 'determining'],
  ['building', 'buildings', 'block', 'blocks', 'tower', 'towers'],
  ['apartment', 'apartments', 'flat', 'flats', 'residential'],
  ['infrastructure', 'facility', 'facilities'],
  ['railway', 'railways', 'rail', 'railroad', 'railroads'],
  ['munition', 'munitions', 'bomb', 'bombs', 'ordnance'],
  ['jet', 'jets', 'fighter', 'fighters', 'warplane', 'warplanes', 'aircraft', 'plane', 'planes'],
  ['war', 'wars', 'conflict', 'conflicts', 'fighting', 'hostilities'],
  ['meeting', 'meetings', 'meet', 'summit', 'summits'],
  ['country', 'countries', 'nation', 'nations'],
  ['official', 'officials', 'authorities', 'authority'],
  ['warn', 'warned', 'warning', 'warnings', 'caution', 'cautioned'],
  ['announce', 'announced', 'announcement', 'unveil', 'unveiled'],
  [
    'expect',
    'expected',
    'expects',
    'anticipate',
    'anticipated',
    'predict',
    'predicted',
    'forecast',
    'forecasts',
  ],
  [
    'big',
    'bigger',
    'biggest',
    'large',
    'larger',
    'largest',
    'major',
    'huge',
    'massive',
    'extensive',
    'substantial',
    'significant',
  ],
  ['serious', 'severe', 'grave'],
  ['risk', 'risks', 'danger', 'dangers', 'threat', 'threats', 'hazard', 'hazards'],
  ['quick', 'quickly', 'rapid', 'rapidly', 'swift', 'swiftly', 'prompt', 'promptly', 'fast', 'faster'],
  ['begin', 'begins', 'beginning', 'start', 'started', 'starting', 'starts'],
  ['end', 'ended', 'ending', 'finish', 'finished', 'conclude', 'concluded'],
  ['ruling', 'rulings', 'verdict', 'verdicts', 'judgment', 'judgement', 'decision', 'decisions'],
  ['appeal', 'appeals', 'appealed', 'challenge', 'challenged', 'contest', 'contested'],
  ['lawyer', 'lawyers', 'attorney', 'attorneys', 'counsel', 'solicitor', 'solicitors'],
  ['notify', 'notified', 'notification', 'notifications'],
  [
    'advertising',
    'advertiser',
    'advertisers',
    'advert',
    'adverts',
    'ad',
    'ads',
    'advertisement',
    'advertisements',
  ],
  ['fine', 'fined', 'fines', 'penalty', 'penalties'],
  ['user', 'users', 'customer', 'customers', 'consumer', 'consumers', 'client', 'clients'],
  ['lawmaker', 'lawmakers', 'legislator', 'legislators', 'parliamentarian', 'parliamentarians'],
  ['parliament', 'parliamentary', 'legislature', 'congress'],
  ['spend', 'spending', 'expenditure', 'expenditures', 'outlay', 'outlays'],
  ['deficit', 'deficits', 'shortfall', 'shortfalls'],
  ['vote', 'votes', 'voted', 'voting', 'ballot', 'balloted', 'balloting'],
  ['pass', 'passed', 'approve', 'approved', 'approval', 'adopt', 'adopted'],
  ['reject', 'rejected', 'refuse', 'refused', 'oppose', 'opposed', 'opposes'],
  [
    'criticize',
    'criticise',
    'criticized',
    'criticised',
    'criticism',
    'condemn',
    'condemned',
    'slam',
    'slammed',
  ],
  ['firefighter', 'firefighters', 'fireman', 'firemen'],
  ['wind', 'winds', 'gust', 'gusts'],
  ['contain', 'contained', 'containment'],
  ['burn', 'burned', 'burnt', 'burning', 'scorch', 'scorched'],
  ['helicopter', 'helicopters', 'chopper', 'choppers'],
  ['information', 'info', 'data'],
  ['leave', 'leaving', 'quit', 'emigrate', 'emigrated', 'emigrating'],
  ['worker', 'workers', 'employee', 'employees', 'staff', 'staffer', 'staffers'],
  ['pay', 'wage', 'wages', 'salary', 'salaries'],
  ['doctor', 'doctors', 'physician', 'physicians'],
  ['bank', 'banks', 'lender', 'lenders'],
  ['economy', 'economies', 'economic'],
  ['unemployment', 'jobless', 'joblessness'],
  ['billion', 'billions', 'bn'],
  ['million', 'millions', 'mln'],
  ['rain', 'rains', 'rainfall', 'downpour', 'downpours'],
  ['road', 'roads', 'street', 'streets', 'highway', 'highways'],
  ['claim', 'claims', 'claimed', 'allege', 'alleged', 'allegation', 'allegations'],
  ['investigation', 'investigations', 'investigate', 'investigated', 'probe', 'probes', 'inquiry', 'enquiry'],
  ['agreement', 'agreements', 'deal', 'deals', 'accord', 'accords', 'pact', 'treaty'],
  ['cooperate', 'cooperating', 'cooperation', 'collaborate', 'collaborating'],
  ['buy', 'purchase', 'purchased', 'purchases'],
  ['revenue', 'revenues', 'turnover'],
  ['rescue', 'rescued', 'rescues', 'rescuer', 'rescuers'],
  ['attempt', 'attempted', 'attempting', 'try', 'tried', 'trying'],
  ['discuss', 'discussed', 'discussing', 'discussion', 'discussions'],
  ['result', 'results', 'outcome', 'outcomes'],
  ['kremlin', 'moscow'],
  ['donate', 'donated', 'donation', 'donations', 'give', 'gave', 'given', 'provide', 'provided', 'providing'],
  ['air', 'aerial'],
  ['district', 'districts', 'neighborhood', 'neighborhoods', 'quarter', 'quarters'],
  [
    'concern',
    'concerns',
    'concerned',
    'worry',
    'worries',
    'worried',
    'alarm',
    'alarmed',
    'fear',
    'fears',
    'feared',
  ],
  ['battlefield', 'frontline', 'front-line'],
  ['annual', 'annually', 'yearly'],
  ['key', 'main', 'principal', 'primary'],
  ['power', 'electricity'],
  ['saint', 'st'],
  ['soldiers', 'soldier', 'troops', 'troop'],
  ['deploy', 'deployed', 'deploying', 'send', 'sending', 'sent', 'dispatch', 'dispatched'],
  ['peak', 'peaked', 'crest', 'crested', 'cresting'],
  ['immediately', 'now', 'instantly'],
  ['boss', 'head', 'heads', 'chief', 'chiefs', 'leader', 'leaders', 'chair', 'chairman', 'chairwoman'],
  ['shares', 'share', 'stock', 'stocks'],
  ['job', 'jobs', 'employment'],
  [
    'damage',
    'damaged',
    'damaging',
    'destruction',
    'destroy',
    'destroyed',
    'wreck',
    'wrecked',
    'ruin',
    'ruined',
  ],
  ['fire', 'fires', 'blaze', 'blazes', 'wildfire', 'wildfires', 'bushfire', 'bushfires', 'inferno'],
  ['people', 'person', 'persons', 'civilian', 'civilians', 'resident', 'residents', 'inhabitants'],
  ['intercept', 'intercepted', 'intercepting', 'shoot', 'shot', 'downed'],
  [
    'increase',
    'increased',
    'rise',
    'rose',
    'risen',
    'raise',
    'raised',
    'hike',
    'hiked',
    'climb',
    'climbed',
    'jump',
    'jumped',
    'surge',
    'surged',
    'grow',
    'growth',
    'gain',
    'gains',
    'gained',
  ],
  [
    'decrease',
    'decreased',
    'fall',
    'fell',
    'fallen',
    'drop',
    'dropped',
    'decline',
    'declined',
    'lower',
    'lowered',
    'reduce',
    'reduced',
    'reduction',
    'slide',
    'slid',
  ],
  ['company', 'companies', 'firm', 'firms'],
  ['regulator', 'regulators', 'watchdog', 'watchdogs'],
  ['flood', 'floods', 'flooding', 'flooded', 'deluge'],
  ['evacuate', 'evacuated', 'evacuation', 'evacuations', 'evacuee', 'evacuees'],
  ['home', 'homes', 'house', 'houses', 'housing', 'dwelling', 'dwellings', 'household', 'households'],
  ['child', 'children', 'kid', 'kids'],
  ['department', 'dept', 'depts'],
  ['government', 'govt'],
  ['percent', 'percentage', 'pct'],
  ['dollar', 'dollars', 'usd'],
  ['euro', 'euros', 'eur'],
  ['pound', 'pounds', 'sterling', 'gbp'],
  ['u.s', 'usa', 'u.s.a', 'america', 'american', 'americans'],
  ['u.k', 'britain', 'british'],
  ['e.u'],
  ['u.n'],
  ...[
    'ukraine ukrainian ukrainians',
    'russia russian russians',
    'china chinese',
    'france french',
    'germany german germans',
    'poland polish',
    'japan japanese',
    'israel israeli israelis',
    'iran iranian',
    'india indian',
    'turkey turkish',
    'hungary hungarian',
    'denmark danish',
    'norway norwegian',
    'sweden swedish',
    'finland finnish',
    'spain spanish',
    'italy italian',
    'canada canadian',
    'mexico mexican',
    'brazil brazilian',
    'europe european europeans',
    'syria syrian',
    'korea korean',
    'netherlands dutch',
    'belarus belarusian',
    'australia australian',
    'africa african',
  ].map((line) => line.split(' ')),
];

/** British spellings folded to American ones before stemming. */
const SPELLINGS: Readonly<Record<string, string>> = {
  defence: 'defense',
  defences: 'defenses',
  offence: 'offense',
  offences: 'offenses',
  licence: 'license',
  programme: 'program',
  programmes: 'programs',
  centre: 'center',
  centres: 'centers',
  metre: 'meter',
  metres: 'meters',
  theatre: 'theater',
  labour: 'labor',
  favour: 'favor',
  honour: 'honor',
  neighbour: 'neighbor',
  neighbours: 'neighbors',
  neighbourhood: 'neighborhood',
  neighbourhoods: 'neighborhoods',
  colour: 'color',
  harbour: 'harbor',
  tyre: 'tire',
  tyres: 'tires',
  aluminium: 'aluminum',
  grey: 'gray',
  cheque: 'check',
  storey: 'story',
  storeys: 'stories',
  travelled: 'traveled',
  travelling: 'traveling',
  cancelled: 'canceled',
  modelling: 'modeling',
  analyse: 'analyze',
  analysed: 'analyzed',
  jewellery: 'jewelry',
  manoeuvre: 'maneuver',
  fulfil: 'fulfill',
};

/** Irregular verb forms the stemmer cannot reach, folded to the base form first. */
const IRREGULAR_FORMS: Readonly<Record<string, string>> = Object.fromEntries(
  `began:begin begun:begin went:go gone:go took:take taken:take spoke:speak spoken:speak told:tell made:make
  gave:give given:give held:hold left:leave met:meet brought:bring bought:buy sold:sell paid:pay won:win lost:lose
  struck:strike sent:send kept:keep ran:run saw:see seen:see came:come became:become found:find thought:think
  knew:know known:know grew:grow grown:grow drew:draw drawn:draw threw:throw thrown:throw wrote:write
  written:write broke:break broken:break chose:choose chosen:choose fled:flee led:lead fought:fight caught:catch
  taught:teach sought:seek built:build spent:spend stood:stand withdrew:withdraw withdrawn:withdraw drove:drive
  driven:drive rode:ride ridden:ride froze:freeze frozen:freeze hid:hide hidden:hide fell:fall fallen:fall
  rose:rise risen:rise shook:shake shaken:shake swore:swear sworn:swear woke:wake woken:wake forgot:forget
  forgotten:forget forgave:forgive forgiven:forgive overtook:overtake undertook:undertake upheld:uphold
  sank:sink sunk:sink swept:sweep slept:sleep dealt:deal meant:mean felt:feel lent:lend bent:bend sped:speed
  fed:feed bred:breed bled:bleed hung:hang flew:fly flown:fly blew:blow blown:blow wore:wear worn:wear tore:tear
  torn:tear bore:bear borne:bear beat:beat beaten:beat bit:bite bitten:bite ate:eat eaten:eat drank:drink
  drunk:drink sang:sing sung:sing rang:ring rung:ring swam:swim swum:swim began:begin overran:overrun
  arose:arise arisen:arise awoke:awake dug:dig stuck:stick struck:strike strove:strive`
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split(':') as [string, string]),
);

/** Two-word names folded to one term. */
const PHRASES: Readonly<Record<string, string>> = {
  'united states': 'u.s',
  'united kingdom': 'u.k',
  'european union': 'e.u',
  'united nations': 'u.n',
  'per cent': 'percent',
  'chief executive': 'ceo',
  'federal reserve': 'fed',
  'gross domestic product': 'gdp',
  'economic output': 'gdp',
  'consumer price index': 'cpi',
  'chief executive officer': 'ceo',
  'electric vehicle': 'ev',
  'electric vehicles': 'ev',
  'artificial intelligence': 'ai',
  'armed forces': 'military',
  'set aside': 'earmark',
  'interest rate': 'rate',
  'interest rates': 'rate',
  'front line': 'frontline',
  'right now': 'now',
  'high point': 'peak',
  'call in': 'summon',
  'called in': 'summon',
  'break down': 'collapse',
  'broke down': 'collapse',
  'broken down': 'collapse',
  'industrial action': 'strike',
  'broke out': 'begin',
  'break out': 'begin',
  'broken out': 'begin',
};

/** Upper-case abbreviations written without dots that would otherwise be common words. */
const CAPITAL_ABBREVIATIONS: Readonly<Record<string, string>> = {
  US: 'u.s',
  UK: 'u.k',
  EU: 'e.u',
  UN: 'u.n',
};

const NUMBER_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty`
    .split(/\s+/)
    .filter(Boolean)
    .map((word, i) => [word, String(i)])
    .concat(
      ['thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((word, i) => [
        word,
        String(30 + 10 * i),
      ]),
    ),
);

/** Own-property lookup: words like "constructor" must not find Object.prototype members. */
function lookup(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Stems a plain lower-case word; dotted abbreviations and numbers are left alone. */
export function stemWord(word: string): string {
  if (/[^a-z]/.test(word)) return word.replace(/(\d)s$/, '$1');
  return stemmer(word);
}

function buildAliasTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const group of ALIAS_GROUPS) {
    const canonical = stemWord(lookup(SPELLINGS, group[0]!) ?? group[0]!);
    for (const word of group) {
      const stem = stemWord(lookup(SPELLINGS, word) ?? word);
      const existing = table.get(stem);
      if (existing !== undefined && existing !== canonical) {
        throw new Error(`Aliases: "${word}" is in two alias groups (${existing}, ${canonical})`);
      }
      table.set(stem, canonical);
    }
  }
  return table;
}

const ALIASES = buildAliasTable();

/** The index term of one normalised word: spelling folded, number words as digits, stemmed, aliased. */
export function termOfWord(word: string): string {
  const spelled =
    lookup(SPELLINGS, word) ?? lookup(NUMBER_WORDS, word) ?? lookup(IRREGULAR_FORMS, word) ?? word;
  const stem = stemWord(spelled);
  return ALIASES.get(stem) ?? stem;
}

/** The term of a two-word name or idiom (`United States`, `right now`), if it is one. */
export function phraseTerm(first: string, second: string): string | undefined {
  const phrase = lookup(PHRASES, `${first} ${second}`);
  return phrase === undefined ? undefined : termOfWord(phrase);
}

/**
 * The phrase starting at word `i` of a text's normalised words, three words before two
 * ("gross domestic product" → gdp, "set aside" → earmark), with how many words it spans.
 */
export function phraseAt(words: readonly string[], i: number): { term: string; length: number } | undefined {
  for (const length of [3, 2]) {
    if (i + length > words.length) continue;
    const phrase = lookup(PHRASES, words.slice(i, i + length).join(' '));
    if (phrase !== undefined) return { term: termOfWord(phrase), length };
  }
  return undefined;
}

/** The value of a number word ("fourteen" → "14"), if it is one. */
export function numberWord(word: string): string | undefined {
  return lookup(NUMBER_WORDS, word);
}

export function capitalAbbreviation(surface: string): string | undefined {
  return lookup(CAPITAL_ABBREVIATIONS, surface);
}
