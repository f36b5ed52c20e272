import { NextResponse, type NextRequest } from "next/server";

// A strict Content-Security-Policy with a fresh nonce per page: Next.js puts the nonce on its own
// inline scripts (it reads it from the request's CSP header), and nothing else may run. Styles
// allow inline attributes, which React and the chart library set; scripts never do.
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  // Where the person was going, so the sign-in page can bring them back there.
  headers.set("x-return-to", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Pages only: API responses are JSON or files, and static assets (public/) need no nonce.
  matcher: [{ source: "/((?!api|_next/static|_next/image|favicon.ico|icon|apple-touch-icon|manifest.webmanifest|robots.txt).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
