import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { listSanctionsLists } from "@/lib/services/sanctions/lists";
import { formatDate, formatDateTime } from "@/lib/ui/format";
import type { ReleaseView } from "@/lib/validation/sanctions";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Sanctions lists" };

// The instance's sanctions lists and their releases. Lists are shared by every team, so importing is for the
// people in LIST_ADMINS; everyone else reads.
export default async function ListsPage() {
  const actor = await requireActor();
  const { items: lists, canImport } = await listSanctionsLists(actor);

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Sanctions lists</h1>
        <Link href="/screening" className="button">
          Screen names
        </Link>
      </div>

      {canImport ? (
        <section aria-labelledby="import-heading" className="card stack list-import">
          <h2 id="import-heading">Import a release</h2>
          <UploadForm lists={lists.map(({ slug, name }) => ({ slug, name }))} />
        </section>
      ) : (
        <p className="muted">
          Lists are shared by every team on this instance. Only list admins (the people the operator names in <code>LIST_ADMINS</code>)
          can import a release; everyone can read them and screen names.
        </p>
      )}

      {lists.length === 0 ? (
        <div className="empty-state">
          <h2>No list imported yet</h2>
          <p>
            An operator imports a list file from the command line, e.g. <code>npm run lists:import -- sdn.csv</code>
            {canImport ? ", or upload it above" : ""}. OFAC sdn.csv, the UN consolidated XML, OpenSanctions
            targets.simple.csv and FollowTheMoney JSON lines are read, gzipped or not.
          </p>
        </div>
      ) : (
        lists.map((list) => (
          <section key={list.slug} aria-labelledby={`list-${list.slug}`} className="stack tight">
            <h2 id={`list-${list.slug}`}>
              {list.name} <span className="muted small">({list.slug})</span>
            </h2>
            <ReleasesTable listName={list.name} releases={list.releases} />
          </section>
        ))
      )}
    </div>
  );
}

function ReleasesTable({ listName, releases }: { listName: string; releases: ReleaseView[] }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Releases of {listName}, newest first; each date links to what the release changed</caption>
        <thead>
          <tr>
            <th scope="col">Published</th>
            <th scope="col">Entries</th>
            <th scope="col">Added</th>
            <th scope="col">Removed</th>
            <th scope="col">Changed</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Imported</th>
          </tr>
        </thead>
        <tbody>
          {releases.map((release) => (
            <tr key={release.id}>
              <td>
                <Link href={`/lists/releases/${release.id}`} className="issue-link">
                  {formatDate(release.publishedAt)}
                </Link>
              </td>
              <td>{release.entries.toLocaleString("en-GB")}</td>
              <td>{release.added.toLocaleString("en-GB")}</td>
              <td>{release.removed.toLocaleString("en-GB")}</td>
              <td>{release.changed.toLocaleString("en-GB")}</td>
              <td>
                {/* The first 12 characters tell releases apart; the whole hash, to compare with a file's, one click away. */}
                <details>
                  <summary>
                    <code>{release.sha256.slice(0, 12)}…</code>
                  </summary>
                  <code className="break-anywhere">{release.sha256}</code>
                </details>
              </td>
              <td>
                {release.importedByName}
                <div className="muted small">{formatDateTime(release.importedAt)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
