import { describe, expect, it } from "vitest";
import { htmlToText } from "./html";

describe("htmlToText", () => {
  const html = `<!doctype html><html><head><title>Ignored</title>
    <style>.x { color: red }</style><script>var tracking = "SECRET_SCRIPT";</script></head>
    <body><nav><a href="/">Home</a></nav>
    <h1>Blinken &amp; Wang meet</h1>
    <p>Talks on <a href="https://example.com/chips">chips</a> &ldquo;went well&rdquo;&nbsp;today.</p>
    <noscript>Enable JavaScript</noscript><template><p>TEMPLATE_TEXT</p></template>
    <p>Second<br>line</p>
    <ul><li>Engines</li><li>Drones</li></ul>
    <script type="application/ld+json">{"headline":"JSON_LD"}</script>
    </body></html>`;
  const text = htmlToText(html);

  it("drops scripts, styles, noscript, templates and navigation", () => {
    for (const hidden of ["SECRET_SCRIPT", "color: red", "Enable JavaScript", "TEMPLATE_TEXT", "JSON_LD", "Home"]) {
      expect(text).not.toContain(hidden);
    }
  });

  it("keeps readable text with paragraph breaks and decoded entities", () => {
    expect(text).toBe("Blinken & Wang meet\n\nTalks on chips “went well” today.\n\nSecond\nline\n\n * Engines\n * Drones");
  });

  it("handles fragments and empty input", () => {
    expect(htmlToText("<p>One</p><p>Two &gt; one</p>")).toBe("One\n\nTwo > one");
    expect(htmlToText("")).toBe("");
  });
});
