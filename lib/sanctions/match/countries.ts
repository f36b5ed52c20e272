// Countries as ISO codes, whether a list writes "Russia", "Korea, North", "RU" or "Russian Federation".
import { nameWords } from "./normalise";

// Names the lists use that Intl.DisplayNames does not give.
const OTHER_NAMES: Record<string, string> = {
  "korea north": "KP",
  "north korea": "KP",
  "democratic peoples republic of korea": "KP",
  "korea south": "KR",
  "south korea": "KR",
  "republic of korea": "KR",
  burma: "MM",
  "russian federation": "RU",
  "iran islamic republic of": "IR",
  "syrian arab republic": "SY",
  "congo democratic republic of the": "CD",
  "democratic republic of the congo": "CD",
  "congo republic of the": "CG",
  "hong kong": "HK",
  macau: "MO",
  turkey: "TR",
  "united republic of tanzania": "TZ",
  "viet nam": "VN",
  "united states of america": "US",
  usa: "US",
  uk: "GB",
  "west bank": "PS",
  "gaza strip": "PS",
  "palestinian territories": "PS",
};

let byName: Map<string, string> | undefined;

function countryNames(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(OTHER_NAMES));
  const english = new Intl.DisplayNames(["en"], { type: "region" });
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      const name = english.of(code);
      const key = name && name !== code ? nameWords(name).join(" ") : "";
      // The first code wins: deprecated codes that come later (SU, "Russia") do not replace current ones (RU).
      if (key && !byName.has(key)) byName.set(key, code);
    }
  }
  return byName;
}

/** The ISO 3166 alpha-2 code of a country name or code, or null when unknown. */
export function countryCode(country: string): string | null {
  const trimmed = country.trim();
  if (/^[a-z]{2}$/i.test(trimmed)) return trimmed.toUpperCase();
  return countryNames().get(nameWords(trimmed).join(" ")) ?? null;
}
