// The long article of the analysis benchmark: the seed's reference article, continued with generated
// reporting in the same vocabulary, cut to exactly `words` words.
import { readFileSync } from "node:fs";
import path from "node:path";
import { referenceArticle } from "@/lib/seed/demo-data";
import { longText } from "./corpus";
import { random } from "./random";

export function longArticle(root: string, words: number): string {
  const reference = readFileSync(path.join(root, "prisma/seed", referenceArticle.file), "utf8").trim();
  const have = reference.split(/\s+/).filter(Boolean).length;
  const text = `${reference}\n\n${longText(random(5000), Math.max(0, words - have) + 50)}`;
  // Cut at the word boundary, keeping the paragraphs.
  let count = 0;
  let end = text.length;
  const word = /\S+/g;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    if (++count === words) {
      end = m.index + m[0].length;
      break;
    }
  }
  return text.slice(0, end).replace(/[,;:]?$/, ".") + "\n";
}
