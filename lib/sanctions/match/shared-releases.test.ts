import { expect, it } from "vitest";
import { newEntry } from "../entry";
import { ScreeningIndex } from "./screening-index";
import { screenAgainstReleases, shareEntries } from "./shared-releases";

const sdn = [newEntry("36577", "organization", "CHINA HEAD AEROSPACE TECHNOLOGY CO."), newEntry("35504", "person", "TUROV, Artyom Viktorovich")];
const un = [newEntry("1", "organization", "CHINA HEAD AEROSPACE TECHNOLOGY COMPANY")];

const shared = (releaseId: string, entries: typeof sdn) => ({ releaseId, entries: shareEntries(entries.map((entry) => JSON.stringify(entry))) });

it("scores as the index does, naming each match by its release and entry position, best per entry", () => {
  const [matches] = screenAgainstReleases([shared("r1", sdn), shared("r2", un)], [[{ name: "China Head Aerospace Technology Co., Ltd." }, { name: "China Head Aerospace" }]]);
  const direct = new ScreeningIndex(sdn).screen({ name: "China Head Aerospace Technology Co., Ltd." })[0]!;
  expect(matches!.map((m) => [m.release, m.entry, m.sourceId]).sort()).toEqual([
    [0, 0, "36577"],
    [1, 0, "1"],
  ]);
  expect(matches!.map((m) => m.score)).toEqual(matches!.map((m) => m.score).sort((a, b) => b - a));
  expect(matches!.find((m) => m.release === 0)!.score).toBe(direct.score);
  expect(matches!.find((m) => m.release === 0)!.explanation.summary).toBe(direct.explanation.summary);
});

it("keeps a release's index while calls name it, and uses a newer release's entries once it is named instead", () => {
  expect(screenAgainstReleases([shared("old", sdn)], [[{ name: "Artyom Viktorovich Turov", type: "person" }]])[0]).toHaveLength(1);
  // The same release id again: its index is kept (the entries given are not read again).
  expect(screenAgainstReleases([{ releaseId: "old", entries: new SharedArrayBuffer(0) }], [[{ name: "Artyom Viktorovich Turov", type: "person" }]])[0]).toHaveLength(1);
  // A newer release without the person: no match.
  expect(screenAgainstReleases([shared("new", sdn.slice(0, 1))], [[{ name: "Artyom Viktorovich Turov", type: "person" }]])[0]).toEqual([]);
  expect(() => screenAgainstReleases([{ releaseId: "old", entries: new SharedArrayBuffer(0) }], [[{ name: "x" }]])).toThrow(); // dropped: read again
});
