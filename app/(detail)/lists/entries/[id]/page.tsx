import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getSanctionsEntry } from "@/lib/services/sanctions/lists";
import { formatDate } from "@/lib/ui/format";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import type { EntryView } from "@/lib/validation/sanctions";

type Props = { params: Promise<{ id: string }> };

const loadEntry = loaderOrNotFound((_actor, id) => getSanctionsEntry(id));

const TYPE_LABELS: Record<EntryView["type"], string> = { person: "Person", organization: "Organisation", vessel: "Vessel", aircraft: "Aircraft" };
const ALIAS_KINDS: Record<EntryView["aliases"][number]["kind"], string> = { aka: "a.k.a.", fka: "f.k.a.", nka: "n.k.a.", original_script: "original script" };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { record } = await loadEntry((await params).id);
  return { title: record.name };
}

/** One entry of a release, whole: what the list says about it. */
export default async function EntryPage({ params }: Props) {
  const { record: entry } = await loadEntry((await params).id);
  const address = (a: EntryView["addresses"][number]) => [a.street, a.city, a.region, a.postalCode, a.country, a.note].filter(Boolean).join(", ");

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/lists">← Sanctions lists</Link> · <Link href={`/lists/releases/${entry.release.id}`}>What changed on {formatDate(entry.release.publishedAt)}</Link>
      </nav>
      <h1>{entry.name}</h1>
      <p className="muted">
        {TYPE_LABELS[entry.type]} on {entry.list}, id {entry.sourceId}, as the release of {formatDate(entry.release.publishedAt)} lists it
      </p>
      <section className="card" aria-labelledby="entry-facts">
        <h2 id="entry-facts" className="visually-hidden">
          What the list says
        </h2>
        <dl className="facts">
          <Fact term="List id">{entry.sourceId}</Fact>
          <Fact term="Programs">{entry.programs.join(", ")}</Fact>
          <Fact term="Countries">{entry.countries.join(", ")}</Fact>
          <Fact term="Listed on">{entry.listedOn && formatDate(entry.listedOn)}</Fact>
          <Fact term="Birth dates">{entry.birthDates.join(", ")}</Fact>
          <Fact term="Aliases" wide>
            {entry.aliases.length > 0 && (
              <ul className="inline-list">
                {entry.aliases.map((alias) => (
                  <li key={`${alias.kind}-${alias.name}`}>
                    {alias.name} <span className="muted small">({ALIAS_KINDS[alias.kind]}, {alias.quality})</span>
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact term="Identifiers" wide>
            {entry.identifiers.length > 0 && (
              <ul className="inline-list">
                {entry.identifiers.map((id) => (
                  <li key={`${id.label}-${id.value}`}>
                    {id.label}: <code>{id.value}</code>
                    {id.country ? ` (${id.country})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact term="Addresses" wide>
            {entry.addresses.length > 0 && (
              <ul className="inline-list">
                {entry.addresses.map((a, i) => (
                  <li key={i}>{address(a)}</li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact term="Remarks" wide>
            {entry.remarks && <span className="issue-summary break-anywhere">{entry.remarks}</span>}
          </Fact>
        </dl>
      </section>
    </div>
  );
}

function Fact({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "facts-wide" : undefined}>
      <dt>{term}</dt>
      <dd>{children || <span className="muted">None listed</span>}</dd>
    </div>
  );
}
