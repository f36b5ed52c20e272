import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recognizeEntities } from "./entities";

// The organisation and person rules of issue 16 item 3, each on sentences shaped like real press releases.

const orgs = (text: string) => recognizeEntities(text).organizations;
const orgNames = (text: string) => orgs(text).map((o) => o.name);
const org = (text: string, name: string) => orgs(text).find((o) => o.name === name);
const people = (text: string) => recognizeEntities(text).people;

describe("organisation names", () => {
  it("splits a possessive into the owner and the body it owns", () => {
    const text = "Today, the Commerce Department’s Bureau of Industry and Security (BIS) added 12 entities to the Entity List.";
    expect(orgNames(text)).toEqual(expect.arrayContaining(["US Department of Commerce", "Bureau of Industry and Security"]));
    expect(orgNames(text).some((n) => /’s|'s/.test(n))).toBe(false);
  });

  it("names the whole office after a department's possessive, with a curly or modifier apostrophe", () => {
    const text = "The U.S. Department of the Treasuryʼs Office of Foreign Assets Control (OFAC) designated two firms. OFAC said more would follow.";
    expect(org(text, "Office of Foreign Assets Control")).toMatchObject({ aliases: ["OFAC"], mentions: 2 });
    expect(orgNames(text)).toContain("US Department of the Treasury");
  });

  it("keeps a possessive that is part of the name", () => {
    const text = "Transfers went through the People's Bank of China (PBOC) and Kyrgyzstan's Keremet Bank. The PBOC declined to comment.";
    expect(orgNames(text)).toEqual(expect.arrayContaining(["People's Bank of China", "Keremet Bank"]));
    expect(org(text, "People's Bank of China")).toMatchObject({ aliases: ["PBOC"], mentions: 2 });
  });

  it("merges a body written with and without its country into one name with a count", () => {
    const text = "Treasury designated Keremet Bank on Monday. Kyrgyzstan's Keremet Bank had moved funds for Russian buyers, and Kyrgyzstan’s Keremet Bank kept the accounts open.";
    expect(orgs(text).filter((o) => o.name.includes("Keremet"))).toEqual([expect.objectContaining({ name: "Keremet Bank", mentions: 3 })]);
  });

  it("ties an acronym in brackets or after \", or\" to its expansion, and counts its later mentions", () => {
    const text =
      "The Global Export Control Coalition (GECC) met in Paris. The Coordinating Committee for Multilateral Export Controls, or CoCom, was its model. GECC members agreed; CoCom had not.";
    expect(org(text, "Global Export Control Coalition")).toMatchObject({ aliases: ["GECC"], mentions: 2 });
    expect(org(text, "Coordinating Committee for Multilateral Export Controls")).toMatchObject({ aliases: ["CoCom"], mentions: 2 });
  });

  it("keeps a Chinese company's city and legal form whole", () => {
    const text = "BIS added Shenzhen Hongxin Micro Technology (Shenzhen) Co., Ltd. and Hongda Electronics (HK) Company Limited to the list.";
    expect(orgNames(text)).toEqual(expect.arrayContaining(["Shenzhen Hongxin Micro Technology (Shenzhen) Co., Ltd.", "Hongda Electronics (HK) Company Limited"]));
  });

  it("recognises Russian legal forms written before the name, quoted or not", () => {
    const text = 'OFAC designated OOO Vektor Plus, AO Radiozavod and PAO Tochmash, as well as Limited Liability Company "Aerostar" and Joint Stock Company Kaluga Instruments.';
    expect(orgNames(text)).toEqual(
      expect.arrayContaining(["OOO Vektor Plus", "AO Radiozavod", "PAO Tochmash", 'Limited Liability Company "Aerostar"', "Joint Stock Company Kaluga Instruments"]),
    );
  });

  it("keeps a legal form after a comma, and counts the short name it defines after, not where it is defined", () => {
    const text = "BIS imposed a penalty on Northwind Machine Tools, Inc. (“Northwind”) of Ohio. Northwind cooperated with the investigation.";
    expect(org(text, "Northwind Machine Tools, Inc.")).toMatchObject({ aliases: ["Northwind"], mentions: 2 });
  });

  it("does not take a capitalised term that goes on past its head word, or an undefined acronym, for a body", () => {
    const text =
      "Items subject to the Export Administration Regulations (EAR) need a license. Unmanned Aircraft Systems (UAS) are covered by the EAR, and HTS codes identify them.";
    const names = orgNames(text);
    expect(names.some((n) => /Export Administration|Unmanned|^EAR$|^HTS$/.test(n))).toBe(false);
  });

  it("splits two bodies joined by \"and\" but keeps \"and\" inside a name", () => {
    const text = "Payments passed through the Central Bank of Armenia and Ararat Trade Bank, the Bureau of Industry and Security said.";
    expect(orgNames(text)).toEqual(expect.arrayContaining(["Central Bank of Armenia", "Ararat Trade Bank", "Bureau of Industry and Security"]));
  });

  it("takes two names joined by \"&\" for two, unless a head word or legal form makes one body", () => {
    expect(orgNames("Join the league on Steam & Discord to play.")).toEqual([]);
  });

  it("does not name generic phrases, bare legal forms or a government in office", () => {
    const text = "The Research Center and the Public Joint Stock Company were not named. Russia has been central to the Biden-Harris Administration's policy. The U.S. Government acted.";
    expect(orgNames(text)).toEqual([]);
  });

  it("ends a name at a sentence's full stop but not at an abbreviation's", () => {
    const text = "The firm was added to the Entity List. The Federal Bureau of Investigation and St. Petersburg Electronics Company assisted.";
    expect(orgNames(text)).toEqual(expect.arrayContaining(["Federal Bureau of Investigation", "St. Petersburg Electronics Company"]));
    expect(orgNames(text).some((n) => n.includes("List"))).toBe(false);
  });

  it("starts a body's name after a person's, marked by a middle initial", () => {
    const text = "Assistant Attorney General Matthew R. Hollis of the Justice Department's National Security Division announced the charges.";
    expect(orgNames(text)).toEqual(expect.arrayContaining(["US Department of Justice", "National Security Division"]));
    expect(orgNames(text).some((n) => n.includes("Hollis"))).toBe(false);
  });

  it("has no fragment whatever the text: balanced brackets, no possessive, never only a legal form", () => {
    const words = ["Bureau", "of", "Industry", "and", "Security", "(BIS)", "Treasury’s", "Office", "Co.,", "Ltd.", "(Shenzhen)", "OOO", "AO", "Limited", "Joint", "Stock", "Company", "Bank", "Kyrgyzstan's", "the", ",", ".", "(", ")", "Inc.", "Research", "Center", "Alpha", "Novator", "said", "\n"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (tokens) => {
        for (const { name } of orgs(tokens.join(" "))) {
          expect((name.match(/\(/g) ?? []).length).toBe((name.match(/\)/g) ?? []).length);
          expect(name).not.toMatch(/['’ʼ]s?$|['’ʼ]s\s/u);
          expect(name).not.toMatch(/^(?:(?:Co\.,?|Ltd\.?|Limited|Inc\.|OOO|AO|Joint|Stock|Company|Public)\s*)+$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("people", () => {
  it("strips a title and its office, however long", () => {
    const text =
      "“We will act,” said Under Secretary of Commerce for Industry and Security Jane K. Morrow. Assistant Secretary of Commerce for Export Administration Laura B. Diaz Ortega agreed.";
    expect(people(text).map((p) => p.name)).toEqual(expect.arrayContaining(["Jane K. Morrow", "Laura B. Diaz Ortega"]));
  });

  it("joins a given name and a possessive surname the tagger splits", () => {
    const text = "The rules target those who seek to aid Vladimir Putin’s drive to subjugate Ukraine and its people.";
    expect(people(text).map((p) => p.name)).toEqual(["Vladimir Putin"]);
  });

  it("finds a second title's name in the first one's words", () => {
    const text = "The talks follow calls between President Joe Biden and Chinese President Xi Jinping last month.";
    expect(people(text).map((p) => p.name)).toEqual(expect.arrayContaining(["Joe Biden", "Xi Jinping"]));
  });

  it("merges a name with and without its middle initial, and counts the surname", () => {
    const text = "Secretary Jane K. Morrow spoke first. Later, Jane Morrow said the rule works, and Morrow took questions.";
    expect(people(text)).toEqual([expect.objectContaining({ name: "Jane K. Morrow", aliases: expect.arrayContaining(["Jane Morrow", "Morrow"]), mentions: 3 })]);
  });

  it("takes no acronym, possessive or cut initial for a person", () => {
    const text = "The RIN is 0694-AI00. Under Secretary Matthew S. Ortiz spoke. President Trump’s National Security Strategy was cited.";
    const names = people(text).map((p) => p.name);
    expect(names).not.toContain("RIN");
    expect(names.some((n) => /’s|National Security/.test(n))).toBe(false);
    expect(names.some((n) => /\b\p{Lu}\.$/u.test(n))).toBe(false);
  });
});
