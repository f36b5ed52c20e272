// A person's name as a tagger or a title proposes it, cleaned: no title or office words before it
// ("Security Alan F. Estevez" from "Under Secretary of Commerce for Industry and Security Alan F. Estevez"), no
// possession after it ("Trump’s National Security" → "Trump"), not an acronym ("RIN"), not cut after an initial.
import { CONNECTORS, OFFICE_WORDS, TITLE_BREAKERS } from "./words";

const POSSESSIVE_WORD = /^(.+?)(?:['’ʼ]s|(?<=s)['’ʼ])$/u;

/** The tokens of a proposed person's name, cleaned, or null when what is left is no name. */
export function cleanPersonTokens(tokens: readonly string[]): string[] | null {
  // "Alexandria, Virginia": a comma inside is a place and its state, or a list, not one name.
  if (tokens.slice(0, -1).some((t) => t.endsWith(","))) return null;
  let out = [...tokens];
  // A possessive ends the name: what follows is what the person has.
  const owner = out.findIndex((t) => POSSESSIVE_WORD.test(t));
  if (owner >= 0) out = [...out.slice(0, owner), out[owner]!.replace(POSSESSIVE_WORD, "$1")];
  while (out.length > 0 && (OFFICE_WORDS.has(out[0]!) || TITLE_BREAKERS.has(out[0]!) || CONNECTORS.has(out[0]!))) out.shift();
  if (out.length === 0) return null;
  // "RIN", "OFAC": acronyms are not people.
  if (out.some((t) => t.length >= 2 && /^[\p{Lu}\p{N}.&-]+$/u.test(t) && !/^(?:\p{Lu}\.)+$/u.test(t))) return null;
  // A name does not end with an initial ("Matthew S."): it was cut.
  if (out.length > 1 && /^\p{Lu}\.?$/u.test(out.at(-1)!)) return null;
  return out;
}
