// @ts-check

const baseHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its package folder at run time; pdfkit its fonts; pg-boss
  // is loaded as is, beside the queue server.ts starts (lib/jobs).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pdfkit", "pg-boss"],
  async headers() {
    return [
      { source: "/:path*", headers: baseHeaders },
      // Pages get their policy, with a per-request nonce, from proxy.ts; API responses are data only.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      // A captured page's snapshot is someone else's HTML: sandboxed too (the last match wins; same policy as its route).
      { source: "/api/captures/:id/snapshot", headers: [{ key: "Content-Security-Policy", value: "sandbox; default-src 'none'; form-action 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
