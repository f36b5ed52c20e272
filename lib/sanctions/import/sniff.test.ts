import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { sanctionsFixturePath, type SanctionsFixture } from "../fixtures/fixtures";
import { isGzip, sniffFormat } from "./sniff";

function head(fixture: SanctionsFixture): Buffer {
  return gunzipSync(readFileSync(sanctionsFixturePath(fixture))).subarray(0, 4096);
}

describe("sniffFormat", () => {
  it("tells the real files apart", () => {
    expect(sniffFormat(head("ofacSdn2024May01"))).toBe("ofac-sdn-csv");
    expect(sniffFormat(head("ofac2019Alt"))).toBe("ofac-alt-csv");
    expect(sniffFormat(head("ofac2019Add"))).toBe("ofac-add-csv");
    expect(sniffFormat(head("ofac2019Comments"))).toBe("ofac-comments-csv");
    expect(sniffFormat(head("unConsolidated2026Feb27"))).toBe("un-xml");
  });

  it("knows OpenSanctions' CSV and FollowTheMoney lines, and nothing else", () => {
    expect(sniffFormat(Buffer.from("id,schema,name,aliases,birth_date\n"))).toBe("opensanctions-csv");
    expect(sniffFormat(Buffer.from('{"id": "x", "schema": "Person", "properties": {}}\n'))).toBe("ftm-json");
    expect(sniffFormat(Buffer.from("<html><body>Not found</body></html>"))).toBeNull();
    expect(sniffFormat(Buffer.from("name,country\nACME,RU\n"))).toBeNull();
    expect(sniffFormat(Buffer.from(""))).toBeNull();
  });

  it("recognises gzip, which the caller decompresses first", () => {
    expect(isGzip(readFileSync(sanctionsFixturePath("ofacSdn2024May01")))).toBe(true);
    expect(isGzip(Buffer.from("36,"))).toBe(false);
  });
});
