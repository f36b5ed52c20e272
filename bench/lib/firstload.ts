// Issue 6: the JavaScript a route loads on first load, gzipped. Next 16 no longer prints "First Load JS"
// after every build, so it is read two ways:
// - from the page a signed-in browser gets: every `<script src>` of its HTML, fetched from the server.
//   This is the measured figure: it is exactly what a browser loads, whatever Next's manifests mean.
// - from the build output: `.next/build-manifest.json`'s rootMainFiles (Next's runtime, React, the
//   Turbopack runtime: every app route loads them) and the route's client reference manifest's
//   entryJSFiles (the chunks of its root layout, layouts and page), from which Next writes those tags.
//   A cross-check: both lists should name the same chunks.
// Scripts marked `noModule` (Next's legacy polyfills, listed as polyfillFiles) are left out of both:
// browsers that run modules skip them. Sizes are gzip level 9, as gzip-size (which the "First Load JS"
// column of earlier Next versions used) compresses; kB are 1,000 bytes, as Next printed them.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export type Chunk = { file: string; bytes: number; gzipBytes: number };
export type FirstLoad = { chunks: Chunk[]; bytes: number; gzipBytes: number };

function firstLoad(files: { file: string; body: Buffer }[]): FirstLoad {
  const chunks = files.map(({ file, body }) => ({ file, bytes: body.byteLength, gzipBytes: gzipSync(body, { level: 9 }).byteLength }));
  return { chunks, bytes: chunks.reduce((s, c) => s + c.bytes, 0), gzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0) };
}

/** `route` as the app directory names it, e.g. "/(app)/page" for the dashboard. */
export function firstLoadFromBuild(root: string, route: string): FirstLoad {
  const next = path.join(root, ".next");
  const { rootMainFiles } = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  // The client reference manifest is a script assigning globalThis.__RSC_MANIFEST[route]: run it on an empty global.
  const context: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  vm.runInNewContext(readFileSync(path.join(next, "server/app", `${route}_client-reference-manifest.js`), "utf8"), context);
  const entries = context.__RSC_MANIFEST?.[route]?.entryJSFiles;
  if (!entries) throw new Error(`No entryJSFiles for ${route} in .next/server/app${route}_client-reference-manifest.js`);
  const files = [...new Set([...rootMainFiles, ...Object.values(entries).flat()])];
  return firstLoad(files.map((file) => ({ file, body: readFileSync(path.join(next, file)) })));
}

/** Chunks are named as in the manifests ("static/chunks/….js", without the "/_next/" prefix). */
export async function firstLoadFromHtml(base: string, pagePath: string, headers: Record<string, string>): Promise<FirstLoad | { skipped: string }> {
  // Not following redirects: a redirect to the sign-in page would measure that page instead.
  const response = await fetch(base + pagePath, { headers, redirect: "manual", signal: AbortSignal.timeout(120_000) });
  const html = await response.text();
  if (response.status !== 200) return { skipped: `GET ${pagePath} answered ${response.status}` };
  const sources = [...html.matchAll(/<script\b([^>]*)>/gi)].flatMap(([, attributes]) => {
    const src = /\bsrc="([^"]+)"/.exec(attributes!)?.[1];
    return src && !/\bnomodule\b/i.test(attributes!) ? [src] : [];
  });
  const files = [];
  for (const src of new Set(sources)) {
    const chunk = await fetch(new URL(src, base), { signal: AbortSignal.timeout(60_000) });
    if (!chunk.ok) return { skipped: `${src} answered ${chunk.status}` };
    files.push({ file: new URL(src, base).pathname.replace(/^\/_next\//, ""), body: Buffer.from(await chunk.arrayBuffer()) });
  }
  return firstLoad(files);
}

/** Whether both name the same chunks. */
export function sameChunks(a: FirstLoad, b: FirstLoad): boolean {
  const names = (f: FirstLoad) => f.chunks.map((c) => c.file).sort().join("\n");
  return names(a) === names(b);
}
