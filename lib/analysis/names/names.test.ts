import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isOnlyLegalForm, legalPrefixOf, legalSuffixOf, withoutLegalForm } from "./legal-forms";
import { mergeVariants, organizationKey, personKey } from "./merge";
import { cleanPersonTokens } from "./people";

const countries = new Set(["U.S.", "US", "Russian", "Kyrgyzstan", "Chinese"]);
const orgKey = (name: string) => organizationKey(name, countries);

describe("legal forms", () => {
  it("finds forms after and before a name, and the name without them", () => {
    expect(legalSuffixOf("Haas Automation, Inc.")).toBe("Inc.");
    expect(legalSuffixOf("Redlepus Vector Industry (Shenzhen) Co., Ltd.")).toBe("Co., Ltd.");
    expect(legalSuffixOf("Gazprombank Joint Stock Company")).toBe("Joint Stock Company");
    expect(legalPrefixOf("OOO Sky Frame")).toBe("OOO");
    expect(legalPrefixOf("PAO Sovcomflot")).toBe("PAO");
    expect(withoutLegalForm('Limited Liability Company "Tekhnopark"')).toBe("Tekhnopark");
    expect(withoutLegalForm("Haas Automation, Inc.")).toBe("Haas Automation");
  });

  it("tells a bare legal form from a name", () => {
    for (const bare of ["Public Joint Stock Company", "Co., Ltd.", "LLC", "OOO", "Limited Liability Company"]) expect(isOnlyLegalForm(bare), bare).toBe(true);
    for (const name of ["AO Kronshtadt", "Haas Automation, Inc.", "Bureau of Industry and Security"]) expect(isOnlyLegalForm(name), name).toBe(false);
  });
});

describe("merging variants", () => {
  it("merges a body written with its country, its legal form or its short form into one name", () => {
    const merged = mergeVariants(
      ["Keremet Bank", "Kyrgyzstan Keremet Bank", "Haas Automation", "Haas Automation, Inc.", "Disruptive Technology Strike Force", "Strike Force", "Coordinating Committee", "Coordinating Committee for Multilateral Export Controls"],
      orgKey,
      new Set(),
      true,
    );
    expect(merged.get("Kyrgyzstan Keremet Bank")).toBe("Kyrgyzstan Keremet Bank");
    expect(merged.get("Keremet Bank")).toBe("Kyrgyzstan Keremet Bank");
    expect(merged.get("Haas Automation")).toBe("Haas Automation, Inc.");
    expect(merged.get("Strike Force")).toBe("Disruptive Technology Strike Force");
    expect(merged.get("Coordinating Committee")).toBe("Coordinating Committee for Multilateral Export Controls");
  });

  it("prefers a known body's own name, and leaves a short form two bodies share alone", () => {
    const merged = mergeVariants(["US Department of Commerce", "U.S. Department of Commerce", "Central Bank of Armenia", "Central Bank of Russia", "Central Bank"], orgKey, new Set(["US Department of Commerce"]), true);
    expect(merged.get("U.S. Department of Commerce")).toBe("US Department of Commerce");
    expect(merged.get("Central Bank")).toBe("Central Bank");
  });

  it("merges people with and without middle initials", () => {
    expect(personKey("Alan F. Estevez")).toBe(personKey("Alan Estevez"));
    expect(mergeVariants(["Alan Estevez", "Alan F. Estevez"], personKey).get("Alan Estevez")).toBe("Alan F. Estevez");
  });

  it("is idempotent: merging the merged names changes nothing, and each name maps to a name that maps to itself", () => {
    const words = ["Keremet", "Bank", "U.S.", "Kyrgyzstan", "Strike", "Force", "Technology", "of", "for", "the", "Trade", "Inc.", "Co., Ltd.", "OOO", "Alpha", "Council"];
    const name = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 12 }), fc.boolean(), (names, shortForms) => {
        const merged = mergeVariants(names, orgKey, new Set(), shortForms);
        const targets = [...new Set(merged.values())];
        for (const t of targets) expect(merged.get(t) ?? t).toBe(t);
        const again = mergeVariants(targets, orgKey, new Set(), shortForms);
        for (const t of targets) expect(again.get(t)).toBe(t);
      }),
      { numRuns: 400 },
    );
  });
});

describe("people's names", () => {
  it("strips titles and office words before a name, and refuses acronyms and cut names", () => {
    expect(cleanPersonTokens(["Security", "Alan", "F.", "Estevez"])).toEqual(["Alan", "F.", "Estevez"]);
    expect(cleanPersonTokens(["Trump’s", "National", "Security"])).toEqual(["Trump"]);
    expect(cleanPersonTokens(["RIN"])).toBeNull();
    expect(cleanPersonTokens(["Enforcement", "Matthew", "S."])).toBeNull();
  });
});
