// Checks on an organisation's name, whoever proposed it (the phrase rules or the tagger): is it whole, is it
// a government in office rather than a body, is it only the start of a longer capitalised term.
import { isOnlyLegalForm } from "./legal-forms";
import { isNameInternalPossessive } from "./words";

/** The last check on any organisation's name, whoever proposed it: balanced brackets and quotes, no possessive. */
export function isWholeName(name: string): boolean {
  const count = (re: RegExp) => (name.match(re) ?? []).length;
  const possessive = name.split(" ").some((w) => /['’ʼ]s?$/u.test(w) && !isNameInternalPossessive(w));
  return count(/\(/g) === count(/\)/g) && count(/"/g) % 2 === 0 && count(/[“«]/g) === count(/[”»]/g) && !possessive && !isOnlyLegalForm(name);
}

/** "the Biden-Harris Administration", "the Trump Administration": a government in office, not a body to screen. */
export function isGovernmentOf(name: string, personTokens: ReadonlySet<string>): boolean {
  const tokens = name.split(" ").filter(Boolean);
  if (tokens.length < 2 || !/^(?:Administration|Government)$/.test(tokens.at(-1) ?? "")) return false;
  return tokens.slice(0, -1).every((t) => /^\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+$/u.test(t) || t.split("-").every((part) => personTokens.has(part)));
}

/** "Export Administration" of "Export Administration Regulations": every mention goes on in capitals, so it is a longer name's start. */
export function alwaysContinued(text: string, name: string): boolean {
  let seen = 0;
  // Twenty mentions all going on decide it: a name mentioned thousands of times is not read thousands of times.
  for (let i = text.indexOf(name); i >= 0 && seen < 20; i = text.indexOf(name, i + name.length)) {
    seen++;
    if (!/^\s+\p{Lu}\p{Ll}/u.test(text.slice(i + name.length, i + name.length + 5))) return false;
  }
  return seen > 0;
}

// Every term and each of its leading words ("Export Administration" of "Export Administration Regulations"),
// computed once per set of terms: looked up, not searched for, however many terms a long text defines.
const TERM_STARTS = new WeakMap<ReadonlySet<string>, Set<string>>();
export function termStarts(terms: ReadonlySet<string>): Set<string> {
  let starts = TERM_STARTS.get(terms);
  if (!starts) {
    starts = new Set<string>();
    for (const term of terms) {
      const words = term.split(" ");
      for (let i = 1; i <= words.length; i++) starts.add(words.slice(0, i).join(" "));
    }
    TERM_STARTS.set(terms, starts);
  }
  return starts;
}
