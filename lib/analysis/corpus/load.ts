// Reads the labelled set from disk: manifest.json and the texts it lists. Kept apart from evaluate.ts,
// which stays pure.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CorpusEntry, CorpusText } from "./evaluate";

export const CORPUS_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface CorpusManifest {
  description: string;
  labelledOn: string;
  texts: CorpusEntry[];
}

export function readManifest(dir = CORPUS_DIR): CorpusManifest {
  return JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as CorpusManifest;
}

export function loadCorpus(dir = CORPUS_DIR): CorpusText[] {
  return readManifest(dir).texts.map((entry) => ({ ...entry, text: readFileSync(path.join(dir, entry.file), "utf8") }));
}
