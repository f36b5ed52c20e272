// Legal forms across languages, each written many ways, grouped into families that count as the same form.
// A legal form says little about who a company is, so matching weighs it low (and a name made only of legal
// forms, such as "CORP", matches nothing: watchman#483).

const FAMILIES: Record<string, string[]> = {
  // limited company / limited liability company and their equivalents
  limited: [
    "ltd", "limited", "co ltd", "company limited", "co limited", "llc", "limited liability company", "limited liability co",
    "ooo", "obshchestvo s ogranichennoy otvetstvennostyu", "obshchestvo s ogranichennoi otvetstvennostiu", "too", "tov",
    "gmbh", "sarl", "srl", "s r l", "sro", "spolka z ograniczona odpowiedzialnoscia", "sp z o o", "bv", "b v", "pty ltd",
    "pty", "pte ltd", "pte", "sdn bhd", "bhd", "kft", "doo", "d o o", "ltda", "fze", "fzco", "fzc", "fz llc", "ehf",
    "societatea cu raspundere limitata", "yugen kaisha", "youxian gongsi", "you xian gong si", "sa de cv", "s de rl de cv", "s de rl",
  ],
  // joint stock companies, public or closed, and their equivalents
  stock: [
    "jsc", "ojsc", "cjsc", "pjsc", "ao", "oao", "zao", "pao", "nao", "ooo ao", "joint stock company", "open joint stock company",
    "closed joint stock company", "public joint stock company", "aktsionernoe obshchestvo", "aktsionernoye obshchestvo",
    "otkrytoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo", "publichnoe aktsionernoe obshchestvo",
    "ag", "aktiengesellschaft", "sa", "s a", "spa", "s p a", "nv", "n v", "as", "a s", "asa", "ab", "oy", "oyj", "kabushiki kaisha",
    "kk", "gufen youxian gongsi", "plc", "public limited company", "tbk", "pt", "jsc co",
  ],
  corporation: ["corp", "corporation", "inc", "incorporated"],
  company: ["co", "company", "comp", "cie", "compania", "compagnie", "companhia", "kompaniya", "gongsi", "gong si"],
  partnership: ["lp", "l p", "llp", "limited partnership", "kg", "gmbh co kg", "gmbh und co kg", "ohg", "snc"],
  group: ["group", "grp", "holding", "holdings", "hldgs", "jituan"],
};

/** Phrase (normalised words joined by spaces) → family; longest phrases first so "co ltd" wins over "co". */
const PHRASES = new Map(
  Object.entries(FAMILIES)
    .flatMap(([family, phrases]) => phrases.map((phrase) => [phrase, family] as const))
    .sort((a, b) => b[0].split(" ").length - a[0].split(" ").length),
);
const LONGEST = Math.max(...[...PHRASES.keys()].map((phrase) => phrase.split(" ").length));

export interface LegalFormSplit {
  /** The words that are not part of a legal form. */
  words: string[];
  /** The families of the legal forms found ("limited", "stock"…), in order. */
  legalForms: string[];
}

/**
 * Takes the legal forms out of a name's words. Words of one or two letters such as "co", "sa", "ao" count as a
 * legal form only beside other words, so "AO" alone stays a name.
 */
export function splitLegalForms(words: string[]): LegalFormSplit {
  const kept: string[] = [];
  const legalForms: string[] = [];
  for (let at = 0; at < words.length; ) {
    let found = 0;
    for (let length = Math.min(LONGEST, words.length - at); length > 0 && !found; length--) {
      const family = PHRASES.get(words.slice(at, at + length).join(" "));
      if (family && words.length > length) {
        legalForms.push(family);
        found = length;
      }
    }
    if (found) at += found;
    else kept.push(words[at++]!);
  }
  return { words: kept, legalForms };
}
