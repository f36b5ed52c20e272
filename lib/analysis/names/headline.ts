// Title-case lines (headlines, page titles): their capitals say nothing about where a name ends.

function isCapitalised(token: string): boolean {
  return /^\p{Lu}/u.test(token);
}

// Headlines in title case fool the tagger into finding people such as "April Visit".
export function isHeadline(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words.length < 3 || /[.!?]["”’]?$/.test(line.trim())) return false;
  const long = words.filter((w) => w.replace(/\W/g, "").length >= 4);
  return long.length > 0 && long.filter((w) => isCapitalised(w)).length / long.length >= 0.6;
}

