import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "./analyze";
import { AMBIGUOUS_TERMS, checkSenses } from "./sense";
import { splitSentences } from "./text";
import { findTaxonomyTerms } from "./vocabulary";

/** The ambiguous words of the text that count, and those that do not, as the vocabulary names them. */
function senses(text: string): { kept: string[]; rejected: string[] } {
  const verdict = checkSenses(text, splitSentences(text), findTaxonomyTerms(text));
  const ambiguous = (phrase: string) => phrase in AMBIGUOUS_TERMS;
  return { kept: verdict.kept.map((h) => h.phrase).filter(ambiguous), rejected: verdict.rejected.map((h) => h.phrase) };
}

const categoryOf = (text: string) => analyzeDocument({ text }, []).categories.map((c) => c.slug);

describe("word sense of the taxonomy's ambiguous terms", () => {
  describe("engine", () => {
    it("counts for engines of drones and missiles", () => {
      const text = "The network supplied Chinese-made engines for Russia's Geran-2 attack drones and cruise missiles.";
      expect(senses(text)).toEqual({ kept: ["engine"], rejected: [] });
      expect(categoryOf(text)[0]).toBe("engines-propulsion");
    });

    it("does not count for game, search or rendering engines", () => {
      for (const text of [
        "Godot is a free and open-source game engine for building 2D and 3D games.",
        "Tantivy is a full-text search engine library written in Rust, inspired by Apache Lucene.",
        "WebKit is the browser rendering engine used by Safari and many other applications.",
      ]) {
        expect(senses(text), text).toEqual({ kept: [], rejected: ["engine"] });
        expect(categoryOf(text), text).not.toContain("engines-propulsion");
      }
    });

    it("with no cue nearby, follows the document: a sanctions release yes, a README no", () => {
      const release = "Treasury designated three companies for supplying UAV components to Russia's military. The engines were shipped through Türkiye.";
      expect(senses(release).kept).toEqual(["engine"]);
      const readme = "Install the package with npm. The engine starts when you call run().";
      expect(senses(readme).rejected).toEqual(["engine"]);
    });
  });

  describe("chip", () => {
    it("counts for semiconductors", () => {
      const text = "Exports of advanced AI chips and semiconductor manufacturing equipment to China now need a license.";
      expect(senses(text).kept).toEqual(["chip"]);
      expect(categoryOf(text)).toContain("microelectronics-chips");
    });

    it("does not count for food, poker or game counters", () => {
      for (const text of [
        "Potato chips are a snack food made from thinly sliced potatoes fried in oil and salted.",
        "Each player starts the poker tournament with 10,000 chips and the blinds rise every hour.",
        "To play, an odd number of objects (marbles, chips, matches) are placed in a row.",
      ]) {
        expect(senses(text), text).toEqual({ kept: [], rejected: ["chip"] });
        expect(categoryOf(text), text).not.toContain("microelectronics-chips");
      }
    });

    it("does not count for a chip shot in golf", () => {
      expect(senses("She played a delicate chip onto the green from the rough and holed the putt.").rejected).toEqual(["chip"]);
    });
  });

  describe("bank", () => {
    it("counts for a bank in a sanctions story", () => {
      const text = "OFAC warned that any foreign bank processing payments for Russia's military-industrial base risks secondary sanctions.";
      expect(senses(text).kept).toEqual(["bank"]);
      expect(categoryOf(text)[0]).toBe("financial-institutions");
    });

    it("does not count for a river bank", () => {
      for (const text of [
        "The model computes bank erosion along the river from the flow velocity and the sediment of the bank.",
        "Willows were planted along the eroded bank of the stream to slow the flood water.",
      ]) {
        expect(senses(text).kept, text).toEqual([]);
        expect(categoryOf(text), text).not.toContain("financial-institutions");
      }
    });
  });

  describe("sanction", () => {
    it("counts for government sanctions", () => {
      const text = "The EU adopted its 17th package of sanctions against Russia, designating 75 individuals and entities.";
      expect(senses(text).kept).toEqual(["sanction"]);
    });

    it("does not count for sport disciplinary sanctions", () => {
      for (const text of [
        "Players serving Valve sanctions may be ineligible to play in the league this season.",
        "The league's disciplinary committee imposed sanctions on the club after its fans invaded the pitch during the match.",
      ]) {
        expect(senses(text), text).toEqual({ kept: [], rejected: ["sanction"] });
      }
    });

    it("keeps a team sport's sanctions out of the relevance", () => {
      const sport = analyzeDocument({ text: "The esports league suspended two teams: the sanctions follow a cheating scandal at the tournament." }, []);
      expect(sport.relevanceExplained.notCounted.join(" ")).toContain("sanction");
    });
  });

  it("never counts more than the vocabulary found, and keeps every unambiguous term", () => {
    const words = fc.constantFrom("engine", "engines", "chip", "bank", "sanctions", "game", "river", "drone", "Treasury", "export control", "potato", "the", "missile", "search");
    fc.assert(
      fc.property(fc.array(words, { maxLength: 40 }), (list) => {
        const text = `${list.join(" ")}.`;
        const hits = findTaxonomyTerms(text);
        const verdict = checkSenses(text, splitSentences(text), hits);
        expect(verdict.kept.length + verdict.rejected.length).toBe(hits.length);
        for (const hit of hits) if (!(hit.phrase in AMBIGUOUS_TERMS)) expect(verdict.kept).toContain(hit);
        for (const hit of verdict.rejected) expect(hit.phrase in AMBIGUOUS_TERMS).toBe(true);
      }),
    );
  });
});
