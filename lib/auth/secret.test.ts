import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { storedSecret } from "./secret";

withTestDatabase();

const name = `test-${randomUUID()}`;
afterAll(async () => {
  await db.appSecret.deleteMany({ where: { name } });
});

describe("storedSecret", () => {
  it("is made once, random and long, and the same for every caller at once", async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => storedSecret(name)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[\w-]{43}$/);
    expect(await storedSecret(name)).toBe(secrets[0]);
    expect(await storedSecret(`${name}-other`)).not.toBe(secrets[0]);
    await db.appSecret.deleteMany({ where: { name: `${name}-other` } });
  });
});
