// The small closed word lists the name rules read: how names are joined, which words name a kind of body,
// which words are titles and which start sentences. General English and government usage, no names.
import { ORGANIZATION_HEAD_WORDS } from "../taxonomy";

/** Lower-case words that join the parts of a name: "Bureau of Industry and Security", "Department of the Treasury". */
export const CONNECTORS = new Set(["of", "and", "for", "the", "&", "de", "du", "des", "la", "di", "van", "von", "on"]);

/** Words naming a kind of body: a run of capitals ending in one ("… Bureau") or continuing "of …" names a body. */
export const ORGANIZATION_HEADS = new Set(ORGANIZATION_HEAD_WORDS);

/** Heads that are as often a common noun's ("Unmanned Aircraft Systems", "Information Technology") as a company's. */
export const WEAK_HEADS = new Set(["Systems", "Technology", "Technologies", "Electronics", "Services", "Industries", "Trading", "Works", "Network", "Plant", "Exchange", "Service"]);

// A name made only of these (and connectors, legal forms) names a kind of body, not a body: "Research Center",
// "Strike Force" alone is the article's shorthand for a name given in full elsewhere.
export const GENERIC_BODY_WORDS = new Set([
  ...ORGANIZATION_HEAD_WORDS.map((w) => w.toLowerCase()),
  "research", "trading", "industry", "industrial", "technology", "technologies", "holding", "holdings", "national",
  "federal", "state", "international", "global", "general", "joint", "public", "private", "main", "central",
  "government", "information",
]);

export function isGenericName(name: string): boolean {
  const words = name.toLowerCase().replace(/[().,"“”«»]/g, " ").split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => GENERIC_BODY_WORDS.has(w) || CONNECTORS.has(w));
}

/** Titles end a name and start none: "… Security Assistant Secretary for Export Enforcement Matthew S. Axelrod". */
export const TITLE_BREAKERS = new Set([
  "Secretary", "Undersecretary", "Under", "Assistant", "Deputy", "Minister", "President", "Vice", "Ambassador",
  "Senator", "Sen", "Sen.", "Rep", "Rep.", "Governor", "Gov.", "Chairman", "Chairwoman", "Chairperson", "Chair",
  "Director", "Commissioner", "Spokesperson", "Spokesman", "Spokeswoman", "Envoy", "Chancellor", "Mr", "Mr.",
  "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "CEO", "Attorney", "Administrator",
]);

/** Capitalised only because they start a sentence or a heading: never the first word of a name. */
export const NOT_NAME = new Set([
  "The", "A", "An", "And", "Of", "In", "On", "At", "For", "To", "By", "With", "From", "During", "After", "Before",
  "While", "However", "But", "This", "That", "These", "Those", "Why", "What", "When", "Where", "Who", "How", "Today",
  "Yesterday", "Tomorrow", "Also", "Additionally", "Further", "Furthermore", "Moreover", "Meanwhile", "Since", "As",
  "If", "Under", "Through", "Both", "Each", "All", "Any", "Some", "Its", "Their", "His", "Her", "Our", "We", "It",
  "They", "He", "She", "I", "You", "Recently", "Previously", "Specifically", "Separately", "Together", "Including",
  "Like", "Unlike", "Against", "Among", "Between", "Following", "Pursuant", "Per", "Via", "Without", "Within",
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
  "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Key", "New", "Updated",
]);

/**
 * Words of the offices in a title ("Under Secretary of Commerce for Industry and Security Alan F. Estevez"):
 * a person's name found after a title does not start with one.
 */
export const OFFICE_WORDS = new Set([
  "Security", "Enforcement", "Administration", "Affairs", "Industry", "Policy", "Intelligence", "Export", "Exports",
  "Trade", "Commerce", "Treasury", "State", "Defense", "Defence", "Justice", "Finance", "Operations", "Analysis",
  "Terrorism", "Crimes", "Financial", "Assets", "Control", "Controls", "Sanctions", "Energy", "Economic", "Political",
  "Legal", "Public", "International", "Foreign", "Homeland", "National", "Management", "Resources", "Development",
  "Counterterrorism", "Nonproliferation", "Proliferation", "Technology", "Investigations", "Office", "Bureau",
  "Department", "Ministry", "Division", "Section", "Unit", "Affairs", "Relations", "Planning", "Strategy", "Strategic",
  "Arms", "Verification", "Compliance", "Licensing", "Services", "Information", "Communications", "Press",
]);

/**
 * Possessives that are part of a name, not an owner before it: "People's Bank of China", "Workers' Party of
 * Korea", "Children's Hospital". Any other possessive splits a name in two.
 */
export const NAME_INTERNAL_POSSESSIVES = new Set(["People", "Peoples", "Workers", "Children", "Women", "Farmers", "Veterans", "Citizens", "Soldiers", "Writers"]);

/** Whether a word with an apostrophe is one of those: "People's", "Workers’". */
export function isNameInternalPossessive(word: string): boolean {
  return NAME_INTERNAL_POSSESSIVES.has(word.replace(/(?:['’ʼ]s|['’ʼ])$/u, ""));
}
