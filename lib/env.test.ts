import { describe, expect, it } from "vitest";
import { PUBLIC_DEV_SECRET, readEnv } from "./env";

describe("readEnv", () => {
  it("refuses the public development secret in production", () => {
    expect(() => readEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: PUBLIC_DEV_SECRET })).toThrow(/BETTER_AUTH_SECRET/);
  });

  it("leaves an unset secret unset, for the app to make one (lib/auth/secret.ts), in production too", () => {
    expect(readEnv({ NODE_ENV: "production" }).authSecret).toBeUndefined();
    expect(readEnv({ NODE_ENV: "development" }).authSecret).toBeUndefined();
  });

  it("takes a configured secret as it is", () => {
    const secret = "a-random-secret-of-at-least-32-characters";
    expect(readEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret }).authSecret).toBe(secret);
  });
});
