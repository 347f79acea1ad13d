import { stemWord } from './aliases.js';

/**
 * Common English verbs, adjectives and adverbs. A question word the stories never use is
 * weak evidence against an answer when it is one of these ("How did X *react*", "what
 * *changed*"): readers paraphrase with them. An unknown noun ("landslide", "pharmacists")
 * usually means the question is about something the stories do not cover.
 */
const PARAPHRASE_WORDS = `
accept achieve act add admit advise affect afford agree aim allow announce answer appear apply approve argue
arrange arrive ask attempt attend avoid back base bear beat become begin believe belong benefit blame block
boost borrow break bring build burn buy calculate call cancel care carry cause change charge check choose claim
clear close collect come comment commit compare compete complain complete concern confirm consider contain
continue contribute control convince cope cost count cover create criticise criticize cross cut deal decide
declare decline deliver demand deny depend describe deserve design destroy determine develop die differ
disagree discover discuss dismiss display do doubt drive drop earn ease eat emerge emigrate emphasise encourage
end enjoy ensure enter escape establish estimate expand expect experience explain express extend face fail fall
feel fight fill finish fit fix flee focus follow force forget form found gain get give go grant grow guess
handle happen hate head hear help hide hit hold hope hurt identify ignore imagine implement imply impose improve
include increase indicate influence inform insist intend introduce invest involve join judge keep kill know
lack last launch lead learn leave lend let lie like limit link listen live look lose love maintain make manage
mark matter mean measure meet mention mind miss move need note notice obtain occur offer open operate order
organise organize owe own pass pay perform permit persuade pick place plan play point prefer prepare present
press prevent produce promise propose protect prove provide publish pull push put raise reach react read
realise realize receive recognise recognize recommend record recover reduce refer reflect refuse regard reject
relate release rely remain remember remove repeat replace reply report represent require rescue resolve respond
rest result return reveal rise risk run save say see seek seem sell send serve set settle shape share shift show
shut sign signal sit solve sort sound speak spend split spread stand start state stay step stick stop struggle
study succeed suffer suggest supply support suppose survive suspect switch take talk target teach tell tend
thank think threaten throw touch track trade train treat trigger trust try turn understand urge use vary view
visit vote wait walk want warn wash watch wear welcome win wish wonder work worry write
able actual additional affected aware bad big broad certain clear close common complete current different
difficult direct early easy entire exact expected extra fair false final fine first full general good great
hard high huge important key large last late latest likely little long low main major many minor more most much
new next normal official old only open overall particular past possible potential previous primary private
probable public quick real recent right serious short significant similar simple single small special specific
strong such sure total true typical usual various whole wide worst best better worse hardest biggest largest
again ago ahead almost already also always approximately around away currently directly early eventually exactly
finally first generally just largely later likely mainly mostly nearly now often only originally partly perhaps
possibly presumably previously probably quickly rather really recently roughly since so soon still then there
together too twice usually very well yet yesterday today tomorrow
`;

const PARAPHRASE_STEMS: ReadonlySet<string> = new Set(
  PARAPHRASE_WORDS.split(/\s+/)
    .filter(Boolean)
    .map((word) => stemWord(word)),
);

/**
 * Whether an unknown question word is probably a paraphrase (a common verb, adjective or
 * adverb, or shaped like one) rather than a thing the stories do not mention.
 */
export function isParaphraseWord(word: string, stem: string): boolean {
  if (PARAPHRASE_STEMS.has(stem) || PARAPHRASE_STEMS.has(stemWord(word))) return true;
  return /(ly|ed|est)$/.test(word) && word.length > 4;
}
