import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { notificationsAtom } from "./atom";
import { absoluteLink, digestEmail, escapeHtml, notificationEmail, type EmailNotification } from "./email-content";

const links = { appUrl: "https://watch.example.org", unsubscribeUrl: "https://watch.example.org/api/notifications/unsubscribe?token=a.b", teamName: "Desk <A>" };
const notification = (over: Partial<EmailNotification> = {}): EmailNotification => ({
  id: "n1",
  kind: "status",
  title: "“Chips”: status Monitoring → Warning issued",
  summary: "Because <script>alert(1)</script> & more",
  link: "/issues/i1",
  createdAt: new Date("2026-01-01T00:00:00Z"),
  ...over,
});

describe("notification emails", () => {
  it("escape every value in the HTML, keep it as is in the text, and link absolutely", () => {
    const email = notificationEmail(notification(), links);
    expect(email.html).toContain("Because &lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("Team Desk &lt;A&gt;");
    expect(email.text).toContain("Because <script>alert(1)</script> & more");
    expect(email.text).toContain("https://watch.example.org/issues/i1");
    expect(email.headers).toMatchObject({
      "Message-ID": "<notification.n1@watch.example.org>",
      "X-SW-Notification-Id": "n1",
      "List-Unsubscribe": `<${links.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("keep line breaks out of the subject (no header injection)", () => {
    expect(notificationEmail(notification({ title: "A\r\nBcc: someone@evil.example" }), links).subject).toBe("[Sanctions Watch] A Bcc: someone@evil.example");
  });

  it("never let a stored link leave the app's origin", () => {
    for (const link of ["//evil.example/x", "https://evil.example/x", "\\\\evil.example"]) expect(absoluteLink(links.appUrl, link).startsWith("https://watch.example.org/")).toBe(true);
  });

  it("a digest's Message-ID is the same for the same notifications and differs for others", () => {
    const one = digestEmail({ key: "u/t/daily/2026-01-01", cadence: "daily", firstDay: "2026-01-01", items: [notification()] }, links);
    const same = digestEmail({ key: "u/t/daily/2026-01-01", cadence: "daily", firstDay: "2026-01-01", items: [notification()] }, links);
    const more = digestEmail({ key: "u/t/daily/2026-01-01", cadence: "daily", firstDay: "2026-01-01", items: [notification(), notification({ id: "n2" })] }, links);
    expect(one.headers["Message-ID"]).toBe(same.headers["Message-ID"]);
    expect(more.headers["Message-ID"]).not.toBe(one.headers["Message-ID"]);
    expect(more.subject).toBe("[Sanctions Watch] Daily digest of 2026-01-01: 2 notifications");
  });

  it("escapeHtml leaves no markup or attribute breakout, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
    );
  });
});

it("the Atom feed escapes XML and names each entry by the notification's id", () => {
  const xml = notificationsAtom({ feedId: "f1", title: "Mine & yours", appUrl: links.appUrl, updated: new Date(0) }, [notification({ title: "A <b> & \u0001" })]);
  expect(xml).toContain("<title>A &lt;b&gt; &amp; </title>");
  expect(xml).toContain("<id>urn:sanctions-watch:notification:n1</id>");
  expect(xml).toContain('href="https://watch.example.org/issues/i1"');
});

it("a scheduled briefing's email links every download, absolutely; other kinds have none", () => {
  const briefing = notification({ kind: "briefing", title: "Briefing ready: “Weekly”", link: "/briefings/b1" });
  const email = notificationEmail(briefing, links);
  for (const format of ["md", "docx", "pdf", "csv", "json"]) {
    expect(email.text).toContain(`https://watch.example.org/api/briefings/b1/export?format=${format}`);
    expect(email.html).toContain(`href="https://watch.example.org/api/briefings/b1/export?format=${format}"`);
  }
  expect(digestEmail({ key: "u/t/daily/2026-01-05", cadence: "daily", firstDay: "2026-01-05", items: [briefing] }, links).text).toContain("PDF: https://watch.example.org/api/briefings/b1/export?format=pdf");
  expect(notificationEmail(notification(), links).text).not.toContain("/export?format=");
  expect(notificationEmail(notification({ kind: "briefing", link: "/issues/i1" }), links).text).not.toContain("/export?format=");
});
