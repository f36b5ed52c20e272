// A real-looking news page for the capture tests (unit, API and e2e): navigation, scripts, a cookie
// banner, JSON-LD and meta tags around one article. The article text is written for these tests.

export const ARTICLE_TITLE = "Treasury Targets Suppliers of Machine Tools to Russia's Military";

export const ARTICLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${ARTICLE_TITLE} | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="${ARTICLE_TITLE}">
<meta name="author" content="Jane Doe">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example Wire"},{"@type":"NewsArticle","headline":"${ARTICLE_TITLE}","datePublished":"2024-05-01T21:30:00-04:00","author":{"@type":"Person","name":"Jane Doe"}}]}</script>
<script>window.tracker = function () { document.body.innerHTML = "hijacked"; }; tracker();</script>
<style>body { font-family: serif }</style>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a> <a href="/subscribe">Subscribe</a></nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<main>
<article>
<h1>${ARTICLE_TITLE}</h1>
<p class="byline">By <span class="author">Jane Doe</span></p>
<p>WASHINGTON — The U.S. Treasury Department on Wednesday designated a dozen companies in China and Kazakhstan that it said supplied computer numerical control machine tools to Russian defense manufacturers, widening its campaign against the networks that keep Russia's military industry supplied.</p>
<p>The companies shipped lathes, milling machines and their spare parts worth more than $40 million since early 2023, the department said, often routing the goods through trading firms registered weeks before the first shipment.</p>
<p>"Third-country suppliers who arm Russia's war machine will face consequences," a senior Treasury official told reporters, adding that banks that handle such trade risk losing access to the U.S. financial system.</p>
<p>Analysts said the designations show a shift from end users toward the middlemen who supply them. Exports of machine tools from China to Russia have more than doubled since 2022, according to customs data.</p>
</article>
</main>
<aside><h2>Most read</h2><ul><li><a href="/a">Markets rally on rate hopes</a></li><li><a href="/b">Storm season starts early</a></li></ul></aside>
<footer><p>© 2024 Example Wire. All rights reserved.</p></footer>
<script>document.write("<p>injected</p>")</script>
</body>
</html>`;
