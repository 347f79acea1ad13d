/**
 * Word lists the fact rules rely on. They describe how news English marks people, places,
 * numbers and attributions in general; none of them names anything from a particular story.
 */

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

/** Words that head a title before a name ("Mayor", "Finance Minister", "chief economist"). */
export const TITLE_HEADS = words(`
  president vice-president president-elect mayor chair chairman chairwoman chairperson chief executive ceo cfo
  coo cto minister secretary director governor senator spokesman spokeswoman spokesperson commissioner
  ambassador officer economist analyst strategist judge justice prosecutor attorney speaker chancellor king
  queen prince princess pope premier leader head founder co-founder manager commander lieutenant colonel
  captain sergeant sheriff inspector superintendent professor envoy adviser advisor counsel representative
  lawmaker congressman congresswoman mp treasurer administrator negotiator general admiral marshal
  deputy researcher scientist spokesperson chairs boss owner partner trader editor correspondent
`);

/** Honorifics: not roles, but they mark the next words as a person's name. */
export const HONORIFICS = words('mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady prof prof. rev rev.');

/** Words that narrow a title and belong to the role, not the affiliation ("Finance" Minister). */
export const ROLE_MODIFIERS = words(`
  prime deputy vice acting interim chief executive senior former first assistant associate managing general
  foreign finance interior defense defence health justice home trade economy economic labor labour education
  transport transportation energy environment agriculture culture commerce fire police press regional
  national state federal emergency attorney principal lead top junior co supreme district county city
  operating financial technology information security intelligence army navy military
`);

/** Verbs that report speech or a position ("said", "warned", "considers"). */
export const SPEECH_VERBS = words(`
  said say says saying told tells stated confirmed confirms warned warns warn expect believe argue predict
  estimate insist caution
  announced announces added adds noted urged urges welcomed welcomes considers considered
  believes believed estimated argued argues insisted insists denied denies claimed reported
  explained explains cautioned cautions disputed disputes acknowledged acknowledges admitted admits pledged
  promised predicted predicts expects wrote writes asserted asserts declared declares
  stressed stresses emphasized emphasised suggested suggests indicated indicates agreed agrees conceded
  revealed reveals complained complains countered replied responded testified vowed vows accused accuses
  blamed blames praised praises criticized criticised condemned condemns signaled signalled
  forecast projected
`);

/** Verbs that name the quote's speaker right after it ("…,” Klitschko said). */
export const QUOTE_VERBS = words(`
  said says told tells added adds wrote writes asked asks explained explains noted notes warned warns
  stated states recalled recalls replied replies continued declared insisted argued acknowledged admitted
  cautioned urged confirmed announced
`);

/** The auxiliary and adverbs that may sit between a speaker and the reporting verb. */
export const SPEECH_FILLERS = words(`
  has have had also later then already publicly previously earlier repeatedly again separately recently
  once further subsequently will would could
`);

/** Forms of "be"/"get" that make a reporting verb passive ("were reported missing"). */
export const PASSIVE_AUXILIARIES = words('is are was were be been being get got gets');

/** Last words of organisation names ("… Department", "… Capital", "… Inc"). */
export const ORG_KEYWORDS = words(`
  department ministry agency commission committee council bank reserve service services authority bureau
  office board court parliament congress senate assembly government administration party union federation
  association institute institution foundation university college school hospital clinic hall church army
  navy police corporation corp corp. inc inc. ltd ltd. llc plc co co. company group holdings partners capital
  energy mobility motors technologies technology systems airlines airways bancorp securities investments
  fund trust exchange labs media network networks industries pharmaceuticals foods health insurance
  logistics ventures cross crescent organization organisation league centre center forum alliance coalition
  command forces guard research economics analytics consulting automotive advisors advisers associates
  pharma electric steel chemicals solutions robotics semiconductor semiconductors telecom communications
  entertainment studios brands retail stores airline motor petroleum oil mining
`);

/** Organisation words a lower-case phrase may end in ("the regional weather service"). */
export const COMMON_ORG_HEADS = words(`
  government service agency ministry department commission committee council authority bureau court
  parliament administration regulator watchdog police army military navy
`);

/** Lower-case words before an organisation name that say it is one ("manufacturer Hanseong Energy"). */
export const ORG_DESCRIPTORS = words(`
  company firm maker manufacturer carmaker automaker retailer supplier lender bank insurer group startup
  start-up operator provider developer producer airline carrier broker fund agency regulator watchdog
  conglomerate giant chain brand publisher network utility union
`);

/** Words that let "of" join the next capitalised words to a name ("Bank of England"). */
export const OF_HEADS = words(`
  bank ministry department university institute council board bureau office court commission federation
  association union republic kingdom church college school museum academy league chamber house secretary
  chancellor minister city state states governor president director chair head
`);

/** Place names that end in these words are places of that kind ("Canal Street" → street). */
export const PLACE_SUFFIX_KINDS: Readonly<Record<string, string>> = {
  river: 'river',
  street: 'street',
  st: 'street',
  lane: 'street',
  road: 'street',
  avenue: 'street',
  boulevard: 'street',
  square: 'square',
  bridge: 'bridge',
  park: 'park',
  bay: 'bay',
  lake: 'lake',
  mountain: 'mountain',
  mountains: 'mountain',
  island: 'island',
  islands: 'island',
  valley: 'valley',
  sea: 'sea',
  ocean: 'ocean',
  gulf: 'gulf',
  strait: 'strait',
  peninsula: 'peninsula',
  province: 'province',
  county: 'county',
  district: 'district',
  region: 'region',
  oblast: 'region',
  airport: 'airport',
  station: 'station',
  port: 'port',
  harbour: 'harbour',
  harbor: 'harbor',
  heights: 'district',
};

/** Lower-case words that name a kind of place next to a name ("the Obolon district", "the city of X"). */
export const PLACE_KIND_WORDS: Readonly<Record<string, string>> = {
  city: 'city',
  town: 'town',
  village: 'village',
  district: 'district',
  districts: 'district',
  neighbourhood: 'district',
  neighborhood: 'district',
  neighbourhoods: 'district',
  neighborhoods: 'district',
  suburb: 'district',
  suburbs: 'district',
  region: 'region',
  regions: 'region',
  province: 'province',
  county: 'county',
  state: 'state',
  country: 'country',
  capital: 'city',
  port: 'city',
  island: 'island',
  area: 'area',
  oblast: 'region',
  municipality: 'city',
  borough: 'district',
  quarter: 'district',
  settlement: 'village',
  hamlet: 'village',
};

/** Prepositions after which a capitalised name is most likely a place. */
export const PLACE_PREPOSITIONS = words(`
  in near from to across outside into toward towards throughout around inside via at
`);

/** Abbreviations of countries and unions that the lexicon does not hold with dots. */
export const PLACE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  'u.s.': 'country',
  'u.s': 'country',
  us: 'country',
  usa: 'country',
  'u.s.a.': 'country',
  'u.k.': 'country',
  'u.k': 'country',
  uk: 'country',
  'e.u.': 'union',
  eu: 'union',
  uae: 'country',
  'd.c.': 'city',
};

/** Nouns that head a named piece of equipment: weapons, vehicles, devices. */
export const EQUIPMENT_HEADS = words(`
  missile missiles rocket rockets munition munitions bomb bombs drone drones shell shells artillery tank
  tanks jet jets fighter fighters aircraft warplane warplanes helicopter helicopters warship warships
  submarine submarines rifle rifles gun guns launcher launchers howitzer howitzers interceptor interceptors
  torpedo torpedoes grenade grenades ammunition mine mines boat boats ship ships vessel vessels truck trucks
  vehicle vehicles bus buses train trains plane planes scooter scooters bike bikes e-bike e-bikes bicycle
  bicycles motorcycle motorcycles car cars battery batteries cell cells pack packs charger chargers siren
  sirens pump pumps generator generators sandbag sandbags phone phones smartphone smartphones laptop laptops
  device devices radar radars satellite satellites sensor sensors camera cameras chip chips server servers
  robot robots reactor reactors turbine turbines engine engines helmet helmets ambulance ambulances
  bulldozer bulldozers excavator excavators crane cranes lifeboat lifeboats dinghy dinghies raft rafts
  system systems
`);

/** Heads that are too general alone: they count only with a modifier ("air defense systems"). */
export const WEAK_EQUIPMENT_HEADS = words(
  'system systems cell cells pack packs device devices mine mines engine engines',
);

/** Determiners, pronouns and other closed-class words that never start a name. */
export const FUNCTION_WORDS = words(`
  a an the this that these those his her its their our my your some any each every no all both either
  neither many much more most few several such other another which what who whom whose where when while
  and or but nor so yet for of in on at by to from with without into onto over under after before since
  until as than if because though although whether it he she they we i you them us him me there here
  not also only just even still then now very too about around among between against through during per
  via including include includes included according
`);

export const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

export const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** Nationality adjectives compromise's lexicon lacks (it knows most others as `Demonym`). */
export const EXTRA_DEMONYMS = words(`
  british english irish scottish welsh spanish danish swedish finnish polish turkish argentinian slovenian
  yemeni kurdish flemish catalan basque
`);
