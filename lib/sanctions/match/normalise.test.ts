import { describe, expect, it } from "vitest";
import { splitLegalForms } from "./legal-forms";
import { nameWords, normaliseName, spellingKey } from "./normalise";
import { editDistance } from "./words";

const keys = (name: string) => normaliseName(name).keys;

describe("nameWords", () => {
  it("folds case, diacritics, punctuation and other scripts into lower-case ASCII words", () => {
    expect(nameWords("François  HOLLANDE")).toEqual(["francois", "hollande"]);
    expect(nameWords("AL-ASSAD, Bashar")).toEqual(["al", "assad", "bashar"]);
    expect(nameWords("Standard & Poor's")).toEqual(["standard", "and", "poors"]);
    expect(nameWords("HSBC Holdings p.l.c.")).toEqual(["hsbc", "holdings", "plc"]);
    expect(nameWords("Αλέξης Τσίπρας")).toEqual(["alexis", "tsipras"]);
    expect(nameWords("习近平")).toEqual(["xi", "jin", "ping"]);
  });
});

describe("spellingKey", () => {
  it("gives Cyrillic names and their common Latin spellings one key", () => {
    expect(keys("Михаил Ходорковский")).toEqual(keys("Mikhail Khodorkovsky"));
    expect(keys("Mikhail Khodorkovskiy")).toEqual(keys("Mikhail Hodorkovsky"));
    expect(keys("Сергей Лавров")).toEqual(keys("Sergey Lavrov"));
    expect(spellingKey("sergei")).toBe(spellingKey("sergey"));
    expect(spellingKey("aleksandr")).toBe(spellingKey("alexandr"));
    expect(spellingKey("yuri")).toBe(spellingKey("iouri"));
    expect(spellingKey("zhukov")).toBe(spellingKey("jukov"));
    expect(spellingKey("smirnoff")).toBe(spellingKey("smirnov"));
    expect(spellingKey("tsipras")).toBe(spellingKey("cipras"));
  });
});

describe("legal forms", () => {
  it("treats the same legal form across languages as one", () => {
    const family = (name: string) => normaliseName(name).legalForms;
    expect(family("Blue Hat Trading Co., Ltd.")).toEqual(family("Blue Hat Trading Company Limited"));
    expect(family("ACME LLC")).toEqual(family("ООО Акме"));
    expect(family("ACME GmbH")).toEqual(family("ACME LLC"));
    expect(family("Gazprom JSC")).toEqual(family("OAO Gazprom"));
    expect(family("PJSC Gazprom")).toEqual(family("Public Joint Stock Company Gazprom"));
    expect(family("АО Газпром")).toEqual(family("Gazprom AG"));
    expect(normaliseName("Open Joint Stock Company Gasprom").words).toEqual(["gasprom"]);
  });

  it("keeps a legal form that is the whole name, so it matches nothing else", () => {
    expect(splitLegalForms(["corp"])).toEqual({ words: ["corp"], legalForms: [] });
    expect(splitLegalForms(["ao"])).toEqual({ words: ["ao"], legalForms: [] });
  });

  it("reads COMP and other abbreviations as the words they stand for", () => {
    expect(normaliseName("Anglo-Caribbean Comp. Ltd").legalForms).toEqual(["company", "limited"]);
    expect(keys("Acme Intl Tech")).toEqual(keys("ACME INTERNATIONAL TECHNOLOGY"));
  });

  it("joins an organisation's single letters, and keeps a person's initials", () => {
    expect(normaliseName("A-B-C Company").words).toEqual(["abc"]);
    expect(normaliseName("A.B.C. Company").words).toEqual(["abc"]);
    expect(normaliseName("Aaron A. Wendt", { person: true }).words).toEqual(["aaron", "a", "wendt"]);
  });
});

describe("editDistance", () => {
  it("counts a swap of neighbours as one edit and stops past the limit", () => {
    expect(editDistance("appel", "apple", 2)).toBe(1);
    expect(editDistance("scholz", "schulze", 2)).toBe(2);
    expect(editDistance("bush", "habbash", 2)).toBe(3);
  });
});
