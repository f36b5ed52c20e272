// How much a word tells names apart: its inverse document frequency over a list's names. "Trading", "Bank",
// "Mohammed" or "Shenzhen" appear in hundreds of names and weigh little; "Habbash" or "Gazprom" weigh a lot.

export class WordWeights {
  private readonly counts = new Map<string, number>();
  private names = 0;

  /** Counts the spelling keys of one name (each key once per name). */
  addName(keys: readonly string[]): void {
    this.names++;
    for (const key of new Set(keys)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** The weight of a word by its spelling key, from 1 (in every name) up; a word never seen weighs the most. */
  weight(key: string): number {
    const count = this.counts.get(key) ?? 0;
    return 1 + Math.log((this.names + 1) / (count + 1));
  }

  /** How many names a key appears in. */
  frequency(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
