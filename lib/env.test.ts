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

  it("reads SANCTIONS_LIST_URLS as bare URLs or list=URL pairs, and checks the schedule", () => {
    const { sanctionsLists } = readEnv({ SANCTIONS_LIST_URLS: " https://example.org/sdn.csv\n  un-sc=https://example.org/un.xml ", SANCTIONS_LIST_SCHEDULE: "15 4 * * *" });
    expect(sanctionsLists).toEqual({ urls: [{ url: "https://example.org/sdn.csv" }, { list: "un-sc", url: "https://example.org/un.xml" }], schedule: "15 4 * * *" });
    expect(readEnv({}).sanctionsLists).toEqual({ urls: [], schedule: "0 6 * * *" });
    expect(() => readEnv({ SANCTIONS_LIST_URLS: "ftp://example.org/sdn.csv" })).toThrow(/SANCTIONS_LIST_URLS: "ftp:\/\/example.org\/sdn.csv" is not an http\(s\) URL/);
    expect(() => readEnv({ SANCTIONS_LIST_URLS: "sdn" })).toThrow(/SANCTIONS_LIST_URLS/);
    expect(() => readEnv({ SANCTIONS_LIST_SCHEDULE: "daily" })).toThrow(/SANCTIONS_LIST_SCHEDULE must be a cron expression/);
    expect(() => readEnv({ SANCTIONS_LIST_SCHEDULE: "0 0 99 * *" })).toThrow(/SANCTIONS_LIST_SCHEDULE/);
  });
});

describe("fetch settings", () => {
  it("allows public addresses only by default", () => {
    expect(readEnv({}).fetch).toEqual({ allowPrivate: false, allowHosts: [] });
  });

  it("reads FETCH_ALLOW_PRIVATE=1 and a comma-separated FETCH_ALLOW_HOSTS, lowercased", () => {
    expect(readEnv({ FETCH_ALLOW_PRIVATE: "1", FETCH_ALLOW_HOSTS: " Intranet.Example ,127.0.0.1,," }).fetch).toEqual({
      allowPrivate: true,
      allowHosts: ["intranet.example", "127.0.0.1"],
    });
  });

  it("refuses FETCH_ALLOW_PRIVATE values other than 0 and 1", () => {
    expect(() => readEnv({ FETCH_ALLOW_PRIVATE: "yes" })).toThrow(/FETCH_ALLOW_PRIVATE/);
  });
});

describe("email settings", () => {
  it("email is off without SMTP_URL, on with it, and a wrong scheme fails loudly", () => {
    expect(readEnv({}).mail).toBeNull();
    expect(readEnv({ SMTP_URL: "" }).mail).toBeNull();
    expect(readEnv({ SMTP_URL: "smtp://mail.example.org:587", APP_URL: "https://watch.example.org" }).mail).toEqual({
      smtpUrl: "smtp://mail.example.org:587",
      from: "Sanctions Watch <no-reply@watch.example.org>",
    });
    expect(readEnv({ SMTP_URL: "smtps://u:p@mail.example.org", MAIL_FROM: "Alerts <a@example.org>" }).mail?.from).toBe("Alerts <a@example.org>");
    expect(() => readEnv({ SMTP_URL: "http://mail.example.org" })).toThrow(/SMTP_URL/);
  });
});
