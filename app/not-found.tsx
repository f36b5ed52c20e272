import Link from "next/link";
import { connection } from "next/server";

// Any address that names no page. Rendered per request, not prerendered: a prerendered page has no
// nonce on its scripts, so the strict CSP (proxy.ts) blocked them all (issue 18, finding 9).
export default async function NotFound() {
  await connection();
  return (
    <main id="main" className="page">
      <div className="empty-state stack">
        <h1>Page not found</h1>
        <p>There is no page at this address.</p>
        <p>
          <Link href="/">Back to the dashboard</Link>
        </p>
      </div>
    </main>
  );
}
