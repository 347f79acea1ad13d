/**
 * Deterministic synthetic news corpus for the benchmark: news-like English stories with a
 * Zipf-distributed vocabulary (stems and inflections), named entities (titled people,
 * places, organisations, acronyms such as U.S. and NATO), numbers, percentages, currency
 * amounts, dates and quotes with “ ” and said/told/warned attributions. Stories go through
 * the real `parseStory`, so the real sentence splitter runs. Questions are built from facts
 * planted in the stories, in the style of tests/eval/dev-questions.jsonl, plus questions
 * about things no story mentions.
 */
import { parseStory } from '../src/core/corpus/parseStory.js';
import type { Story } from '../src/core/corpus/types.js';

/** A benchmark question and, for questions built from a planted fact, where that fact is. */
export interface BenchQuestion {
  q: string;
  kind: 'who' | 'said' | 'warned' | 'quantity' | 'money' | 'percent' | 'when' | 'where' | 'out-of-corpus';
  /** Story and paragraph of the planted fact; null for out-of-corpus questions. */
  story: string | null;
  paragraph: number | null;
}

export interface GeneratedCorpus {
  stories: Story[];
  questions: BenchQuestion[];
  paragraphs: number;
  sentences: number;
  /** Characters of story text (paragraphs only). */
  characters: number;
}

export interface GenerateOptions {
  /** Total paragraphs across all stories. */
  paragraphs: number;
  /** How many questions (default 1,000). */
  questions?: number;
  /** Share of questions about things no story mentions (default 0.1). */
  outOfCorpusShare?: number;
  seed?: number;
}

export const defaultGenerateOptions = { questions: 1000, outOfCorpusShare: 0.1, seed: 20_240_917 } as const;

// ---------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast and good enough for synthetic text. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/**
 * Samples ranks 0..n-1 with probability ∝ 1/(rank+1+offset)^s (Zipf–Mandelbrot). Content
 * words get an offset because function words, which the templates write, hold the top ranks.
 */
class Zipf<T> {
  private readonly cdf: Float64Array;
  constructor(
    readonly items: readonly T[],
    s = 1,
    offset = 0,
  ) {
    this.cdf = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      total += 1 / Math.pow(i + 1 + offset, s);
      this.cdf[i] = total;
    }
    for (let i = 0; i < items.length; i++) this.cdf[i]! /= total;
  }
  sample(rng: Rng): T {
    const x = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo]!;
  }
}

// ---------------------------------------------------------------------------------------
// Vocabulary, roughly most common first (ranks drive the Zipf draw)

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/** `noun`, `noun:irregular-plural`, or `noun=` for a noun without a plural. */
const NOUN_SOURCE = `government official year week day month time country city police= report plan deal
talk election vote party law court case company market price rate bank economy budget tax money= fund aid=
support= security= attack force troop war army border crisis:crises policy program project system service
health= hospital school student teacher child:children family worker job wage union strike protest rally
crowd resident community area region district province state capital village town street road bridge
building home house water= power= energy= oil= gas fuel coal= climate weather= storm flood fire drought heat=
rain= emission carbon= plant factory industry trade= export import tariff supply demand growth= inflation=
debt deficit loan investment investor share stock bond currency dollar euro sale consumer customer product
technology data= network software= computer phone device platform app internet= user account record leader
member group committee council agency department ministry office board panel commission parliament
congress senate lawmaker senator governor mayor judge lawyer prosecutor trial charge crime victim suspect
prison sentence investigation inquiry evidence= witness statement comment question issue problem concern
risk threat warning measure step effort response decision move change increase decline rise fall loss gain
profit revenue cost spending= cut reform rule regulation standard license permit contract agreement treaty
ceasefire peace= conflict fighting= violence= shooting explosion drone missile rocket weapon jet aircraft=
ship vessel port airport flight passenger train railway route traffic= vehicle car truck bus driver
accident crash injury death patient doctor nurse vaccine virus disease outbreak treatment drug medicine
research= study:studies scientist university researcher result finding survey poll voter candidate
campaign ballot seat majority coalition opposition minority protester activist church mosque festival
museum artist film music= player team match season league coach fan stadium farmer crop harvest food=
price grain wheat= rice= fertilizer land= forest river coast island mountain valley sea ocean beach
pollution= waste= recycling= battery charger grid pipeline reactor turbine dam reservoir canal
mine miner metal steel= copper= gold= lithium= chip semiconductor robot satellite launch mission
rescue evacuation shelter camp refugee migrant asylum= visa citizen population household rent= mortgage
landlord tenant apartment neighborhood property developer construction= contractor engineer architect
library park garden zoo airline carrier shipment cargo= container warehouse retailer store shop brand
advertising= media= newspaper journalist editor broadcaster channel website post video image photo
interview speech summit meeting conference visit trip tour delegation envoy ambassador embassy
diplomat sanction embargo negotiation proposal bill amendment vote referendum constitution court
ruling verdict appeal fine penalty settlement lawsuit complaint scandal fraud corruption= bribe audit
review report survey index forecast estimate figure number level target goal deadline schedule
timeline period quarter decade century history= tradition culture= language identity memorial
anniversary ceremony funeral celebration parade holiday weekend morning evening night afternoon
minute hour moment century generation youth= adult senior pension retirement= benefit subsidy grant
scholarship tuition= exam degree graduate classroom curriculum kindergarten hospital clinic ward
ambulance emergency surgery therapy insurance= premium claim payout broker trader fund manager
executive director chairman chairwoman spokesperson spokesman spokeswoman adviser analyst economist
expert observer critic supporter opponent rival ally partner neighbor friend victim survivor hostage
prisoner detainee guard soldier officer commander sailor pilot crew passenger tourist visitor guest
host owner founder employee staff= union contract strike salary bonus overtime= shift layoff hiring=
vacancy application interview candidate applicant`;

/** `verb`, or `verb:past:participle[:ing]` when irregular. */
const VERB_SOURCE = `say:said:said tell:told:told warn announce approve reject launch report confirm deny accuse
criticize urge call claim expect plan:planned:planned:planning agree vote win:won:won:winning
lose:lost:lost lead:led:led meet:met:met hold:held:held rise:rose:risen fall:fell:fallen grow:grew:grown
cut:cut:cut:cutting raise increase reduce boost spend:spent:spent invest build:built:built open close end
begin:began:begun:beginning continue remain become:became:become seek:sought:sought bring:brought:brought
face receive pay:paid:paid sell:sold:sold buy:bought:bought hit:hit:hit:hitting strike:struck:struck kill
injure damage destroy arrest charge investigate release sign pass block ban:banned:banned:banning suspend
delay extend expand cancel:canceled:canceled:canceling postpone protest demand promise pledge allocate
propose introduce support oppose back fund limit restrict allow require prevent protect improve address
discuss review examine assess consider decide respond return leave:left:left arrive visit travel:traveled:traveled
move send:sent:sent deploy evacuate rescue shut:shut:shut:shutting resume halt threaten estimate predict
forecast:forecast:forecast publish reveal show:showed:shown suggest indicate highlight admit:admitted:admitted:admitting
acknowledge insist argue stress note add describe dismiss welcome condemn praise blame question challenge
appeal sue rule order force push pull tighten ease cover hire employ train test develop produce supply
export import recover collapse surge drop:dropped:dropped:dropping slow stabilize struggle fail succeed
manage handle offer provide include involve affect cause trigger spark fuel prompt monitor track record
collect gather count replace repair restore rebuild:rebuilt:rebuilt upgrade install connect disconnect
approve finance subsidize tax price ship deliver transport load store process treat vaccinate diagnose
screen inspect audit regulate license certify register enroll:enrolled:enrolled graduate teach:taught:taught
study learn research design plan draft amend adopt ratify veto campaign elect appoint nominate resign
retire dismiss fire recruit negotiate mediate broker settle compensate reimburse refund borrow lend:lent:lent
owe default restructure merge acquire invest divest list trade float value rate rank`;

const ADJECTIVE_SOURCE = `new former major local national international foreign public private political economic
military federal regional global senior top key large small high low early late recent long short strong
weak significant serious critical urgent heavy sharp steady slight modest massive rapid slow full partial
final initial annual monthly daily weekly main central northern southern eastern western rural urban
coastal industrial financial commercial environmental legal judicial medical social cultural digital
technical strategic diplomatic humanitarian civilian nuclear renewable domestic independent official
temporary permanent additional extra previous current future possible likely unexpected unprecedented
controversial popular unpopular fragile stable volatile severe mild extreme widespread limited broad narrow
deep direct indirect joint separate emergency preliminary detailed fresh bold cautious aggressive peaceful
violent deadly fatal minor crucial vital essential basic fair unfair affordable expensive cheap costly
profitable efficient reliable safe unsafe dangerous hostile friendly rival armed elderly young wealthy poor
vulnerable isolated remote crowded busy quiet empty vacant damaged flooded burning frozen dry wet hot cold
record-high long-term short-term cross-border state-owned low-income high-speed`;

/** Who gets counted: quantity facts ("at least 14 residents were injured"). */
const COUNTED = words(`people residents civilians workers students soldiers migrants passengers patients
protesters employees children tourists miners farmers officers journalists refugees detainees voters
firefighters nurses teachers drivers fishermen pilgrims villagers shoppers volunteers prisoners`);
/** What rises and falls by a percentage. */
const MEASURES = words(`prices exports imports sales revenue profits unemployment inflation output spending
wages rents emissions turnout ridership shares bookings orders deliveries lending borrowing enrolment
production consumption investment remittances arrivals admissions applications subscriptions`).concat([
  'fuel prices',
  'home prices',
  'food prices',
  'electricity bills',
  'grain exports',
  'car sales',
]);
/** Things that take place somewhere. */
const EVENTS = words(`summit conference rally protest festival ceremony meeting trial funeral parade auction
exhibition vigil forum hearing march concert tournament-draw congress convention election-debate fair
marathon-relay commemoration`).map((w) => w.replace(/-/g, ' '));
/** Things a person does to something, for "Who approved the budget?". */
const DEED_VERBS = words(`approved rejected launched announced signed blocked proposed introduced canceled
postponed criticized defended vetoed unveiled drafted endorsed opposed suspended extended negotiated`);

const ADVERB_SOURCE = `also already still now again later soon recently quickly sharply slightly largely nearly
almost roughly publicly privately officially openly firmly strongly briefly repeatedly increasingly
immediately temporarily partly fully directly heavily widely steadily gradually reportedly allegedly`;

const FIRST_NAMES = words(`Maria:f James:m Olena:f Wei:m Ahmed:m Fatima:f Hiroshi:m Sofia:f Daniel:m Amara:f
Carlos:m Elena:f Michael:m Priya:f Omar:m Anna:f David:m Leila:f Pedro:m Ingrid:f John:m Aisha:f Lucas:m
Chen:m Sarah:f Viktor:m Nadia:f Thomas:m Yuki:f Samuel:m Grace:f Mohammed:m Julia:f Andrzej:m Marta:f
Kwame:m Ngozi:f Rafael:m Isabel:f Peter:m Hannah:f Dmitri:m Irina:f Jorge:m Camila:f Robert:m Linh:f
Mehmet:m Zeynep:f Arjun:m Meera:f Paul:m Claire:f Tomasz:m Katarzyna:f Ali:m Mariam:f Jean:m Sophie:f
Kenji:m Min-jun:m Ji-woo:f Alejandro:m Lucia:f Stefan:m Greta:f Pavel:m Yulia:f Emmanuel:m Chioma:f
Rahul:m Ananya:f Mark:m Laura:f Hassan:m Noor:f Oleksandr:m Kateryna:f Luis:m Valentina:f Ben:m Emma:f
Sergio:m Ines:f Joseph:m Rachel:f Ibrahim:m Amina:f Vitali:m Svitlana:f William:m Olivia:f`);

const LAST_NAMES =
  words(`Lopez Smith Kovalenko Zhang Hassan Rahman Tanaka Rossi Garcia Okafor Martinez Petrova
Johnson Sharma Haddad Nowak Cohen Farah Silva Andersen Brown Mensah Schmidt Wang Dubois Moreau Ivanov
Popescu Nagy Yilmaz Kaya Papadopoulos Fernandez Gonzalez Rodriguez Perez Sanchez Ramirez Torres Flores
Rivera Gomez Diaz Reyes Morales Ortiz Gutierrez Chavez Ruiz Alvarez Castillo Jimenez Moreno Romero
Herrera Medina Aguilar Vargas Castro Mendoza Kim Lee Park Choi Nguyen Tran Pham Le Hoang Singh Kumar Patel
Gupta Khan Ali Ahmed Hussain Malik Qureshi Chaudhry Ibrahim Mahmoud Salem Nasser Aziz Karimi Hosseini
Moradi Shevchenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Lysenko Klymenko Marchenko Savchenko
Kowalski Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski Mueller Schneider Fischer Weber
Meyer Wagner Becker Hoffmann Schulz Koch Richter Klein Wolf Neumann Schwarz Braun Zimmermann Hartmann
Bernard Petit Durand Leroy Fournier Girard Bonnet Lambert Fontaine Rousseau Vincent Ferrari Esposito
Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini Rizzo Lombardi
Okonkwo Adeyemi Eze Nwosu Balogun Mwangi Otieno Kamau Njoroge Achieng Abebe Tesfaye Haile Bekele
Sato Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi
Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Ishikawa Ogawa Fujita Okada
Goto Hasegawa Murakami Kondo Ishii Saito Sakamoto Endo Aoki Fujii Nishimura Fukuda Ota Miura Okamoto
Matsuda Nakagawa Harada Ono Tamura Takeuchi Kaneko Wada Nakayama Ishida Ueda Morita Hara Shibata Sakai
Kudo Yokoyama Miyazaki Miyamoto Uchida Takagi Ando Taniguchi Ohno Maruyama Imai Takada Fujimoto Takeda
O’Brien O’Connor Murphy Kelly Walsh Byrne Ryan Doyle McCarthy Gallagher`);

const TITLES = words(`Finance_Minister Foreign_Minister Defense_Minister Health_Minister Interior_Minister
Energy_Minister Economy_Minister Education_Minister Prime_Minister President Vice_President
Secretary_of_State Treasury_Secretary Labor_Secretary Energy_Secretary Central_Bank_Governor
Police_Chief Sen. Gov. Rep. Dr. Gen. Judge Chief_Executive Commissioner Ambassador Fire_Chief
Transport_Minister Trade_Minister Agriculture_Minister Justice_Minister Deputy_Mayor`).map((t) =>
  t.replace(/_/g, ' '),
);

/** Cities first, then countries; diacritics on purpose. */
const CITIES = words(`Kyiv Kharkiv Odesa Warsaw Berlin Paris London Madrid Rome Brussels Vienna Prague
Budapest Bucharest Athens Ankara Istanbul Cairo Lagos Nairobi Johannesburg Accra Dakar Tehran Baghdad
Damascus Beirut Amman Riyadh Dubai Doha Jerusalem Gaza Karachi Islamabad Mumbai Dhaka Kathmandu Colombo
Bangkok Hanoi Jakarta Manila Singapore Beijing Shanghai Taipei Seoul Sydney Melbourne Auckland Ottawa
Toronto Montreal Washington Chicago Houston Miami Atlanta Boston Denver Seattle Phoenix Bogotá Lima
Santiago Caracas Havana Zürich Geneva Munich Hamburg Frankfurt Milan Naples Barcelona Valencia Seville
Lyon Marseille Brno Kraków Gdańsk Dnipro Zaporizhzhia Mykolaiv Kherson Sumy Poltava Chernihiv Mariupol
Marrakesh Tunis Algiers Khartoum Kinshasa Kampala Kigali Lusaka Harare Luanda Maputo Abuja Kano Mombasa
Durban Pretoria Basra Mosul Aleppo Sanaa Muscat Kabul Lahore Chennai Kolkata Bengaluru Hyderabad Osaka
Busan Incheon Perth Brisbane Adelaide Vancouver Calgary Quebec Monterrey Guadalajara Medellín Quito
Recife Salvador Córdoba Rosario Valparaíso Glasgow Edinburgh Manchester Liverpool Birmingham Dublin
Belfast Cardiff Bristol Leeds Antwerp Rotterdam Amsterdam Utrecht Copenhagen Aarhus Stockholm Gothenburg`).concat(
  [
    'New York',
    'Los Angeles',
    'Mexico City',
    'Buenos Aires',
    'São Paulo',
    'Rio de Janeiro',
    'Cape Town',
    'Addis Ababa',
    'New Delhi',
    'Kuala Lumpur',
    'Hong Kong',
    'Tel Aviv',
    'San Francisco',
    'Abu Dhabi',
  ],
);

const COUNTRIES =
  words(`Ukraine Russia Poland Germany France Britain Spain Italy Belgium Austria Hungary Romania
Greece Turkey Egypt Nigeria Kenya Ethiopia Sudan Ghana Senegal Iran Iraq Syria Lebanon Jordan Qatar Israel
Pakistan India Bangladesh Nepal Thailand Vietnam Indonesia Philippines Malaysia China Taiwan Japan Australia
Canada Mexico Colombia Peru Chile Argentina Brazil Venezuela Cuba Denmark Sweden Finland Netherlands
Switzerland Moldova Belarus Serbia Croatia Slovakia Estonia Latvia Lithuania Morocco Tunisia Algeria Libya
Uganda Tanzania Rwanda Zambia Zimbabwe Angola Mozambique Yemen Oman Afghanistan Myanmar Cambodia`).concat([
    'South Africa',
    'Saudi Arabia',
    'South Korea',
    'New Zealand',
    'Sri Lanka',
    'the United States',
    'the U.S.',
    'the U.K.',
    'the Czech Republic',
    'the European Union',
  ]);

const INSTITUTIONS = [
  'NATO',
  'the IMF',
  'the WHO',
  'the EU',
  'the U.N.',
  'OPEC',
  'the FBI',
  'the ECB',
  'the Fed',
  'UNICEF',
  'the U.S. State Department',
  'the U.S. Federal Reserve',
  'the World Bank',
  'the European Commission',
  'the Red Cross',
  'Amnesty International',
  'the African Union',
  'ASEAN',
  'the G7',
  'the Pentagon',
  'the Kremlin',
  'the Bank of England',
  'the European Central Bank',
  'the Supreme Court',
  'Congress',
  'the Senate',
  'the U.N. Security Council',
  'the World Trade Organization',
  'the Health Ministry',
  'the Finance Ministry',
  'the Defense Ministry',
  'the Interior Ministry',
  'the Foreign Ministry',
  'the Transport Ministry',
  'the central bank',
  'the city council',
  'the national weather service',
  'Human Rights Watch',
  'Doctors Without Borders',
  'the International Energy Agency',
  'the OECD',
  'the Environmental Protection Agency',
  'the Federal Aviation Administration',
  'the CDC',
  'the SEC',
];

const COMPANY_HEADS = words(`North Blue Silver Atlas Vertex Harbor Summit Pioneer Crescent Granite Meridian
Orion Apex Cedar Falcon Sterling Horizon Beacon Keystone Lumen Nova Polar Redwood Trident`);
const COMPANY_TAILS = words(`Energy Motors Pharma Logistics Bank Telecom Foods Airlines Mining Steel Systems
Capital Insurance Media Shipping Chemicals`);
const COMPANY_FORMS = ['Inc.', 'Corp.', 'Ltd.', 'Group', 'Holdings', 'Co.', ''];

// Used only by out-of-corpus questions: never written into a story.
const ABSENT_FIRST = words('Thaddeus Philippa Bartholomew Guinevere Leopold Ottoline Ignatius Winifred');
const ABSENT_LAST = words(
  'Wetherby Quenneville Fairweather Abernathy Pemberton Ravenscroft Thistlewood Blackwood',
);
const ABSENT_PLACES = words(
  'Tokyo Oslo Reykjavik Lisbon Montevideo Ulaanbaatar Tbilisi Yerevan Baku Tashkent',
);
const ABSENT_TOPICS = words(
  'chess tournament goals recipe volcano dinosaur galaxy wedding marathon orchestra',
);

// ---------------------------------------------------------------------------------------
// Inflection

interface Noun {
  one: string;
  many: string;
}
interface Verb {
  base: string;
  third: string;
  past: string;
  participle: string;
  ing: string;
}

const sibilant = (w: string) => /(s|x|z|ch|sh)$/.test(w);
const consonantY = (w: string) => /[^aeiou]y$/.test(w);

function plural(word: string): string {
  if (sibilant(word)) return `${word}es`;
  if (consonantY(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function parseNouns(source: string): Noun[] {
  const seen = new Set<string>();
  const nouns: Noun[] = [];
  for (const entry of words(source)) {
    const [one, many] = entry.endsWith('=') ? [entry.slice(0, -1), entry.slice(0, -1)] : entry.split(':');
    if (!one || seen.has(one)) continue;
    seen.add(one);
    nouns.push({ one, many: many ?? plural(one) });
  }
  return nouns;
}

function parseVerbs(source: string): Verb[] {
  const seen = new Set<string>();
  const verbs: Verb[] = [];
  for (const entry of words(source)) {
    const [base, past, participle, ing] = entry.split(':');
    if (!base || seen.has(base)) continue;
    seen.add(base);
    const regularPast = base.endsWith('e')
      ? `${base}d`
      : consonantY(base)
        ? `${base.slice(0, -1)}ied`
        : `${base}ed`;
    const regularIng = /[^e]e$/.test(base) && base.length > 2 ? `${base.slice(0, -1)}ing` : `${base}ing`;
    verbs.push({
      base,
      third: sibilant(base) ? `${base}es` : consonantY(base) ? `${base.slice(0, -1)}ies` : `${base}s`,
      past: past ?? regularPast,
      participle: participle ?? past ?? regularPast,
      ing: ing ?? regularIng,
    });
  }
  return verbs;
}

const unique = (items: readonly string[]) => [...new Set(items)];
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---------------------------------------------------------------------------------------
// Entities

interface Person {
  first: string;
  last: string;
  title: string;
  female: boolean;
}

interface Vocabulary {
  nouns: Zipf<Noun>;
  verbs: Zipf<Verb>;
  adjectives: Zipf<string>;
  adverbs: Zipf<string>;
  counted: Zipf<string>;
  measures: Zipf<string>;
  events: Zipf<string>;
  people: Zipf<Person>;
  places: Zipf<string>;
  cities: Zipf<string>;
  organisations: Zipf<string>;
}

function makeVocabulary(rng: Rng): Vocabulary {
  const people: Person[] = [];
  const used = new Set<string>();
  const firstNames = FIRST_NAMES.map((entry) => entry.split(':') as [string, string]);
  while (people.length < 4000) {
    const [first, gender] = rng.pick(firstNames);
    const last = rng.pick(LAST_NAMES);
    if (used.has(`${first} ${last}`)) continue;
    used.add(`${first} ${last}`);
    const title = rng.chance(0.15) ? `${rng.pick(CITIES.slice(0, 60))} Mayor` : rng.pick(TITLES);
    people.push({ first, last, title, female: gender === 'f' });
  }
  const companies: string[] = [];
  for (const head of COMPANY_HEADS) {
    for (const tail of COMPANY_TAILS) {
      if (rng.chance(0.4))
        companies.push(`${head} ${tail}${rng.chance(0.5) ? ` ${rng.pick(COMPANY_FORMS)}` : ''}`.trim());
    }
  }
  const organisations = [...INSTITUTIONS];
  // Interleave companies among the institutions so both kinds are common.
  companies.forEach((company, i) =>
    organisations.splice(Math.min(organisations.length, 3 + i * 2), 0, company),
  );
  const places = [...CITIES, ...COUNTRIES];
  const shuffledPlaces = places
    .map((p) => [rng.next(), p] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, p]) => p);
  return {
    nouns: new Zipf(parseNouns(NOUN_SOURCE), 1.05, 8),
    verbs: new Zipf(parseVerbs(VERB_SOURCE), 1.05, 5),
    adjectives: new Zipf(unique(words(ADJECTIVE_SOURCE)), 1.05, 5),
    adverbs: new Zipf(unique(words(ADVERB_SOURCE)), 1.0, 2),
    counted: new Zipf(COUNTED, 1.0, 1),
    measures: new Zipf(MEASURES, 1.0, 1),
    events: new Zipf(EVENTS, 1.0, 1),
    people: new Zipf(people, 0.9),
    places: new Zipf(shuffledPlaces, 0.9),
    cities: new Zipf(CITIES, 0.9),
    organisations: new Zipf(organisations, 0.9),
  };
}

// ---------------------------------------------------------------------------------------
// Numbers, money, percentages, dates

const MONTHS = words('January February March April May June July August September October November December');
const MONTH_ABBREVIATIONS = words('Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.');
const WEEKDAYS = words('Monday Tuesday Wednesday Thursday Friday Saturday Sunday');
const NUMBER_WORDS = words('two three four five six seven eight nine ten dozens hundreds');

function withCommas(value: number): string {
  return value.toLocaleString('en-US');
}

function count(rng: Rng): string {
  const r = rng.next();
  if (r < 0.15) return rng.pick(NUMBER_WORDS);
  if (r < 0.65) return String(rng.int(2, 99));
  if (r < 0.9) return String(rng.int(100, 999));
  return withCommas(rng.int(1, 250) * 100 + rng.int(0, 9) * 10);
}

function money(rng: Rng): string {
  const symbol = rng.pick(['$', '$', '$', '€', '€', '£', '¥']);
  const r = rng.next();
  if (r < 0.45) return `${symbol}${rng.int(1, 99)}${rng.chance(0.5) ? `.${rng.int(1, 9)}` : ''} billion`;
  if (r < 0.85) return `${symbol}${rng.int(1, 950)} million`;
  if (r < 0.95) return `${symbol}${withCommas(rng.int(1, 90) * 50)}`;
  return `${rng.int(2, 40)} million ${symbol === '€' ? 'euros' : symbol === '£' ? 'pounds' : 'dollars'}`;
}

function percent(rng: Rng): string {
  const value = rng.chance(0.6) ? `${rng.int(0, 19)}.${rng.int(1, 9)}` : String(rng.int(1, 60));
  const r = rng.next();
  if (r < 0.55) return `${value}%`;
  if (r < 0.9) return `${value} percent`;
  return `${value} percentage points`;
}

function date(rng: Rng): string {
  const r = rng.next();
  if (r < 0.3) return `on ${rng.pick(WEEKDAYS)}`;
  if (r < 0.6) return `on ${rng.pick(MONTH_ABBREVIATIONS)} ${rng.int(1, 28)}`;
  if (r < 0.75) return `on ${rng.pick(MONTHS)} ${rng.int(1, 28)}, ${rng.int(2019, 2025)}`;
  if (r < 0.85) return `in ${rng.pick(MONTHS)}`;
  return rng.pick([
    'last week',
    'earlier this month',
    'this year',
    'last year',
    'overnight',
    'late on Friday',
    'earlier this week',
    'in 2023',
    'in 2024',
    'since 2021',
  ]);
}

// ---------------------------------------------------------------------------------------
// Stories

/** A fact planted in a sentence, with the question it answers. */
interface PlantedFact {
  kind: BenchQuestion['kind'];
  q: string;
}

class StoryWriter {
  private readonly topicNouns: Noun[];
  private readonly topicVerbs: Verb[];
  private readonly cast: Person[];
  private readonly mentioned = new Set<Person>();
  private readonly storyPlaces: string[];
  private readonly storyOrganisations: string[];

  constructor(
    private readonly rng: Rng,
    private readonly v: Vocabulary,
  ) {
    this.topicNouns = Array.from({ length: 5 }, () => v.nouns.sample(rng));
    this.topicVerbs = Array.from({ length: 3 }, () => v.verbs.sample(rng));
    this.cast = Array.from({ length: rng.int(2, 4) }, () => v.people.sample(rng));
    this.storyPlaces = Array.from({ length: 3 }, () => v.places.sample(rng));
    this.storyOrganisations = Array.from({ length: 2 }, () => v.organisations.sample(rng));
  }

  noun(): Noun {
    return this.rng.chance(0.45) ? this.rng.pick(this.topicNouns) : this.v.nouns.sample(this.rng);
  }
  verb(): Verb {
    return this.rng.chance(0.15) ? this.rng.pick(this.topicVerbs) : this.v.verbs.sample(this.rng);
  }
  adjective(): string {
    return this.v.adjectives.sample(this.rng);
  }
  place(): string {
    return this.rng.chance(0.7) ? this.rng.pick(this.storyPlaces) : this.v.places.sample(this.rng);
  }
  organisation(): string {
    return this.rng.chance(0.6)
      ? this.rng.pick(this.storyOrganisations)
      : this.v.organisations.sample(this.rng);
  }
  person(): Person {
    return this.rng.pick(this.cast);
  }

  /** "Finance Minister Maria Lopez" on first mention, then "Lopez", "Ms. Lopez" or "the minister". */
  personRef(person: Person): string {
    if (!this.mentioned.has(person)) {
      this.mentioned.add(person);
      return fullName(person);
    }
    const r = this.rng.next();
    if (r < 0.7) return person.last;
    if (r < 0.85) return `${person.female ? 'Ms.' : 'Mr.'} ${person.last}`;
    return fullName(person);
  }

  nounPhrase(): string {
    const noun = this.noun();
    const r = this.rng.next();
    if (r < 0.3) return `the ${noun.one}`;
    if (r < 0.55) return `the ${this.adjective()} ${noun.one}`;
    if (r < 0.7) return `${this.adjective()} ${noun.many}`;
    if (r < 0.8) return `the ${this.noun().one} ${noun.one}`;
    if (r < 0.9) return `${stripThe(this.place())}’s ${noun.one}`;
    return `${count(this.rng)} ${noun.many}`;
  }

  subject(): string {
    const r = this.rng.next();
    if (r < 0.45) return this.nounPhrase();
    if (r < 0.6) return this.organisation();
    if (r < 0.75) return this.personRef(this.person());
    if (r < 0.85)
      return this.rng.pick(['officials', 'analysts', 'residents', 'critics', 'lawmakers', 'investors']);
    return `${count(this.rng)} ${this.noun().many}`;
  }

  prepositional(): string {
    const r = this.rng.next();
    if (r < 0.25) return ` in ${this.place()}`;
    if (r < 0.4) return ` ${date(this.rng)}`;
    if (r < 0.5) return ` after the ${this.noun().one}`;
    if (r < 0.6) return ` amid ${this.adjective()} ${this.noun().many}`;
    if (r < 0.65) return ` for the first time since ${this.rng.int(1990, 2022)}`;
    if (r < 0.75) return ` over the ${this.noun().one}`;
    if (r < 0.8) return ` despite ${this.noun().many}`;
    if (r < 0.88) return ` with ${count(this.rng)} ${this.noun().many}`;
    return '';
  }

  predicate(): string {
    const verb = this.verb();
    const r = this.rng.next();
    if (r < 0.3) return `${verb.past} ${this.nounPhrase()}${this.prepositional()}`;
    if (r < 0.42) return `had ${verb.participle} ${this.nounPhrase()}${this.prepositional()}`;
    if (r < 0.54) return `would ${verb.base} ${this.nounPhrase()}${this.prepositional()}`;
    if (r < 0.64)
      return `${verb.past} that ${this.nounPhrase()} had ${this.v.verbs.sample(this.rng).participle} ${this.nounPhrase()}`;
    if (r < 0.74) return `was ${verb.ing} ${this.nounPhrase()}${this.prepositional()}`;
    if (r < 0.82) return `is expected to ${verb.base} ${this.nounPhrase()}${this.prepositional()}`;
    if (r < 0.9) return `${verb.past} ${this.v.adverbs.sample(this.rng)}${this.prepositional()}`;
    return `could ${verb.base} ${this.adjective()} ${this.noun().many}${this.prepositional()}`;
  }

  clause(): string {
    let text = `${this.subject()} ${this.predicate()}`;
    const r = this.rng.next();
    if (r < 0.15) text += `, while ${this.subject()} ${this.predicate()}`;
    else if (r < 0.3) text += ` and ${this.predicate()}`;
    else if (r < 0.38) text += `, including ${this.noun().many}, ${this.noun().many} and ${this.noun().many}`;
    return text;
  }

  attribution(): string {
    const r = this.rng.next();
    if (r < 0.35) return `, ${this.personRef(this.person())} said`;
    if (r < 0.5) return ', officials said';
    if (r < 0.65) return `, according to ${this.organisation()}`;
    if (r < 0.72) return `, ${this.personRef(this.person())} told reporters`;
    return '';
  }

  opener(): string {
    const r = this.rng.next();
    if (r < 0.06) return 'Meanwhile, ';
    if (r < 0.1) return 'However, ';
    if (r < 0.16) return `${capitalize(date(this.rng))}, `;
    if (r < 0.22) return `In ${this.place()}, `;
    if (r < 0.25) return 'Earlier, ';
    return '';
  }

  plainSentence(): string {
    return `${capitalize(this.opener() + this.clause())}${this.attribution()}.`;
  }

  quoteSentence(): string {
    const person = this.person();
    const r = this.rng.next();
    if (r < 0.4)
      return `“${capitalize(this.clause())},” ${this.personRef(person)} ${this.rng.pick(['said', 'said', 'added', 'told reporters', 'told the BBC', 'wrote on X'])}.`;
    if (r < 0.7) return `“${capitalize(this.clause())},” said ${this.personRef(person)}.`;
    return `${capitalize(this.personRef(person))} ${this.rng.pick(['said', 'warned', 'insisted', 'argued'])} that ${this.clause()}.`;
  }

  /** A sentence holding a fact a question can ask about, and that question. */
  factSentence(): [string, PlantedFact] {
    const rng = this.rng;
    const r = rng.next();
    if (r < 0.22) {
      const person = this.person();
      const firstMention = !this.mentioned.has(person);
      const ref = this.personRef(person);
      const topic = this.noun();
      const adjective = this.adjective();
      const warned = rng.chance(0.5);
      const verb = warned ? 'warned' : rng.pick(['said', 'told reporters']);
      const content = `the ${adjective} ${topic.one} ${rng.pick(['could', 'would', 'might'])} ${this.verb().base} ${this.nounPhrase()}${this.prepositional()}`;
      const sentence = rng.chance(0.5)
        ? `“${capitalize(content)},” ${ref} ${verb}.`
        : `${capitalize(ref)} ${verb} that ${content}.`;
      const name = rng.chance(0.25)
        ? typo(rng, nameInQuestion(rng, person, firstMention))
        : nameInQuestion(rng, person, firstMention);
      const q = warned
        ? rng.pick([
            `What did ${name} warn about the ${topic.one}?`,
            `What has ${name} warned about?`,
            `Who warned about the ${adjective} ${topic.one}?`,
          ])
        : rng.pick([
            `What did ${name} say about the ${topic.one}?`,
            `Who said the ${topic.one} ${rng.pick(['could', 'would'])} change?`,
          ]);
      return [sentence, { kind: warned ? 'warned' : 'said', q }];
    }
    if (r < 0.4) {
      const who = this.v.counted.sample(rng);
      const verb = rng.pick([
        'injured',
        'killed',
        'evacuated',
        'arrested',
        'rescued',
        'displaced',
        'hired',
        'laid off',
      ]);
      const place = this.place();
      const when = date(rng);
      const sentence = `${capitalize(rng.pick(['at least ', 'more than ', 'nearly ', '', '']))}${count(rng)} ${who} were ${verb} in ${place} ${when}${this.attribution()}.`;
      const alias = verb === 'injured' && rng.chance(0.4) ? rng.pick(['hurt', 'wounded']) : verb;
      return [sentence, { kind: 'quantity', q: `How many ${who} were ${alias} in ${place}?` }];
    }
    if (r < 0.55) {
      const organisation = this.organisation();
      const verb = rng.pick(['pledged', 'approved', 'allocated', 'set aside', 'announced']);
      const noun = this.noun();
      const adjective = this.adjective();
      const sentence = `${capitalize(organisation)} ${verb} ${money(rng)} ${rng.pick(['for', 'to fund', 'to support'])} the ${adjective} ${noun.one}${this.prepositional()}.`;
      const base =
        {
          pledged: 'pledge',
          approved: 'approve',
          allocated: 'allocate',
          'set aside': 'set aside',
          announced: 'announce',
        }[verb] ?? verb;
      return [
        sentence,
        { kind: 'money', q: `How much did ${organisation} ${base} for the ${adjective} ${noun.one}?` },
      ];
    }
    if (r < 0.68) {
      const measure = this.v.measures.sample(rng);
      const up = rng.chance(0.5);
      const place = this.place();
      const sentence = `${capitalize(rng.chance(0.3) ? `${this.adjective()} ${measure}` : measure)} ${up ? rng.pick(['rose', 'climbed', 'jumped']) : rng.pick(['fell', 'dropped', 'declined'])} ${percent(rng)} in ${place} ${date(rng)}${this.attribution()}.`;
      const q = rng.chance(0.5)
        ? `By how much did ${measure} ${up ? 'rise' : 'fall'} in ${place}?`
        : `What percentage did ${measure} ${up ? 'increase' : 'decrease'} by in ${place}?`;
      return [sentence, { kind: 'percent', q }];
    }
    if (r < 0.82) {
      const organisation = this.organisation();
      const verb = this.verb();
      const noun = this.noun();
      const sentence = `${capitalize(organisation)} will ${verb.base} the ${noun.one} on ${rng.pick(MONTH_ABBREVIATIONS)} ${rng.int(1, 28)}${this.attribution()}.`;
      return [sentence, { kind: 'when', q: `When will ${organisation} ${verb.base} the ${noun.one}?` }];
    }
    if (r < 0.92) {
      const event = this.v.events.sample(rng);
      const about = this.noun().one;
      const place = this.v.cities.sample(rng);
      const sentence = `The ${about} ${event} ${rng.pick(['took place', 'was held'])} in ${place} ${date(rng)}, drawing ${count(rng)} ${this.v.counted.sample(rng)}.`;
      const q = rng.chance(0.5)
        ? `Where was the ${about} ${event} held?`
        : `Which city hosted the ${about} ${event}?`;
      return [sentence, { kind: 'where', q }];
    }
    const person = this.person();
    const deed = rng.pick(DEED_VERBS);
    const noun = this.noun();
    const adjective = this.adjective();
    const sentence = `${capitalize(this.personRef(person))} ${deed} the ${adjective} ${noun.one} ${date(rng)}${rng.chance(0.5) ? `, ${this.clause()}` : ''}.`;
    return [sentence, { kind: 'who', q: `Who ${deed} the ${adjective} ${noun.one}?` }];
  }

  headline(): string {
    const noun = this.rng.pick(this.topicNouns);
    return `${stripThe(this.rng.pick(this.storyPlaces))} ${noun.many} ${this.rng.pick(this.topicVerbs).past} as ${stripThe(this.rng.pick(this.storyOrganisations))} ${this.v.verbs.sample(this.rng).third} ${this.noun().one}`;
  }

  lead(): string {
    const person = this.cast[0]!;
    return `${capitalize(this.personRef(person))} ${this.rng.pick(this.topicVerbs).past} the ${this.rng.pick(this.topicNouns).one} in ${this.rng.pick(this.storyPlaces)} ${date(this.rng)}, ${this.clause()}.`;
  }
}

function fullName(person: Person): string {
  return `${person.title} ${person.first} ${person.last}`;
}

function nameInQuestion(rng: Rng, person: Person, firstMention: boolean): string {
  const r = rng.next();
  if (r < 0.4 || firstMention) return `${person.first} ${person.last}`;
  if (r < 0.7) return fullName(person);
  return person.last;
}

/** One letter dropped or two swapped inside the last word, like a reader's typo. */
function typo(rng: Rng, name: string): string {
  const parts = name.split(' ');
  const last = parts.at(-1)!;
  if (last.length < 5 || !/^\p{L}+$/u.test(last)) return name;
  const i = rng.int(1, last.length - 2);
  parts[parts.length - 1] = rng.chance(0.5)
    ? last.slice(0, i) + last.slice(i + 1)
    : last.slice(0, i) + last[i + 1] + last[i] + last.slice(i + 2);
  return parts.join(' ');
}

function stripThe(name: string): string {
  return name.replace(/^the /, '');
}

function outOfCorpusQuestion(rng: Rng, v: Vocabulary): string {
  const person = `${rng.pick(ABSENT_FIRST)} ${rng.pick(ABSENT_LAST)}`;
  const place = rng.pick(ABSENT_PLACES);
  const noun = v.nouns.sample(rng);
  const r = rng.next();
  if (r < 0.25) return `What did ${rng.pick(TITLES)} ${person} say about the ${noun.one}?`;
  if (r < 0.45)
    return `How many ${noun.many} were ${rng.pick(['injured', 'killed', 'evacuated'])} in ${place}?`;
  if (r < 0.55) return `What is the weather in ${place}?`;
  if (r < 0.7) return `Who won the ${rng.pick(ABSENT_TOPICS)} ${rng.pick(['final', 'prize', 'title'])}?`;
  if (r < 0.85)
    return `How many ${rng.pick(ABSENT_TOPICS)} did ${person.split(' ')[1]} ${rng.pick(['score', 'see', 'find'])}?`;
  return `When will ${place} host the ${rng.pick(ABSENT_TOPICS)}?`;
}

/**
 * Generates `paragraphs` paragraphs of stories (8–12 paragraphs each, 3–5 sentences per
 * paragraph; the last story is cut to hit the count exactly) and questions about them.
 * The same options always give the same stories and questions.
 */
export function generateCorpus(options: GenerateOptions): GeneratedCorpus {
  const {
    paragraphs: wanted,
    questions: questionCount,
    outOfCorpusShare,
    seed,
  } = { ...defaultGenerateOptions, ...options };
  const rng = new Rng(seed);
  const vocabulary = makeVocabulary(rng);
  const stories: Story[] = [];
  const facts: BenchQuestion[] = [];
  let paragraphs = 0;
  let sentences = 0;
  let characters = 0;
  while (paragraphs < wanted) {
    const id = `bench_${String(stories.length).padStart(6, '0')}`;
    const writer = new StoryWriter(rng, vocabulary);
    const length = Math.min(rng.int(8, 12), wanted - paragraphs);
    const lines: string[] = [];
    const storyFacts: { paragraph: number; fact: PlantedFact }[] = [];
    for (let p = 0; p < length; p++) {
      const count = rng.int(3, 5);
      const factAt = rng.chance(0.7) ? rng.int(0, count - 1) : -1;
      const parts: string[] = [];
      for (let s = 0; s < count; s++) {
        if (p === 0 && s === 0) parts.push(writer.lead());
        else if (s === factAt) {
          const [sentence, fact] = writer.factSentence();
          parts.push(sentence);
          storyFacts.push({ paragraph: p + 1, fact });
        } else parts.push(rng.chance(0.22) ? writer.quoteSentence() : writer.plainSentence());
      }
      // "… according to Atlas Energy Inc." and "… in the U.S." end on their own period.
      lines.push(parts.map((sentence) => sentence.replace(/\.\.$/, '.')).join(' '));
    }
    const published = `${rng.int(2019, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const frontMatter = ['---', `title: ${writer.headline()}`, `published: ${published}`];
    if (rng.chance(0.5)) frontMatter.push(`url: https://news.example.com/${id}`);
    frontMatter.push('---');
    const story = parseStory(id, `${frontMatter.join('\n')}\n${lines.join('\n\n')}\n`);
    for (const paragraph of story.paragraphs) {
      sentences += paragraph.sentences.length;
      characters += paragraph.text.length;
    }
    paragraphs += story.paragraphs.length;
    stories.push(story);
    for (const { paragraph, fact } of storyFacts) facts.push({ ...fact, story: id, paragraph });
  }

  const questionRng = new Rng(seed ^ 0x5bd1e995);
  const outside = Math.round(questionCount * outOfCorpusShare);
  const questions: BenchQuestion[] = [];
  for (let i = 0; i < questionCount - outside && facts.length > 0; i++) {
    questions.push(facts[Math.floor(questionRng.next() * facts.length)]!);
  }
  while (questions.length < questionCount) {
    questions.push({
      q: outOfCorpusQuestion(questionRng, vocabulary),
      kind: 'out-of-corpus',
      story: null,
      paragraph: null,
    });
  }
  // Deterministic shuffle so out-of-corpus questions are spread through the run.
  for (let i = questions.length - 1; i > 0; i--) {
    const j = Math.floor(questionRng.next() * (i + 1));
    [questions[i], questions[j]] = [questions[j]!, questions[i]!];
  }
  return { stories, questions, paragraphs, sentences, characters };
}
