import type { NamedEntity } from "@/lib/analysis/analyze";
import { foundText, RELEVANCE_PARTS, signedWeight } from "@/lib/analysis/relevance-reasons";
import type { DocumentSuggestions } from "@/lib/query/documents";
import { formatScore } from "@/lib/ui/entity-labels";

/** What the analysis recognised: names, places, categories and HS codes (for the analyst's judgment; not saved). */
export function Findings({ analysis }: { analysis: DocumentSuggestions }) {
  return (
    <section className="card stack" aria-labelledby="intake-findings-heading">
      <h3 id="intake-findings-heading">What the analysis found</h3>
      <dl className="facts findings">
        <div>
          <dt>Relevance</dt>
          <dd>
            <Relevance analysis={analysis} />
          </dd>
        </div>
        <div>
          <dt>People</dt>
          <dd>
            <Names entities={analysis.people} />
          </dd>
        </div>
        <div>
          <dt>Organizations</dt>
          <dd>
            <Names entities={analysis.organizations} />
          </dd>
        </div>
        <div>
          <dt>Places</dt>
          <dd>
            <Names entities={analysis.places} />
          </dd>
        </div>
        <div>
          <dt>Jurisdictions</dt>
          <dd>
            <List items={analysis.jurisdictions.map((j) => ({ key: j.code, label: `${j.name} (${j.code})`, detail: j.matchedTerms.join(", ") }))} />
          </dd>
        </div>
        <div>
          <dt>Categories</dt>
          <dd>
            <List items={analysis.categories.map((c) => ({ key: c.slug, label: c.name, detail: c.matchedTerms.join(", ") }))} />
          </dd>
        </div>
        <div>
          <dt>HS codes</dt>
          <dd>
            <List items={analysis.hsCodes.map((h) => ({ key: h.code, label: `${h.code} ${h.description}`, detail: h.matchedTerms.join(", ") }))} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** How relevant the document is to the watchlist and what moved it, the team's learned part among the others. */
function Relevance({ analysis }: { analysis: DocumentSuggestions }) {
  const { relevance, related, relevanceExplained: explained } = analysis;
  return (
    <>
      {formatScore(relevance)}, {related ? "related" : "not related"}
      {explained.issueTitle && <span className="muted small"> (most to “{explained.issueTitle}”)</span>}
      {explained.reasons.length > 0 && (
        <ul className="finding-list" aria-label="What moved the relevance">
          {explained.reasons.map((reason) => (
            <li key={reason.part}>
              {RELEVANCE_PARTS[reason.part]}: {signedWeight(reason.weight)}
              {reason.found.length > 0 && (
                <span className="muted small"> — {foundText(reason)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Names({ entities }: { entities: NamedEntity[] }) {
  return (
    <List
      items={entities.map((e) => ({
        key: `${e.name}-${e.start}`,
        label: e.name,
        // The other ways the text writes it ("BIS", "Commerce Department"), so the analyst sees what was merged.
        detail: [e.aliases.length > 0 ? `also ${e.aliases.slice(0, 3).join(", ")}` : "", e.mentions > 1 ? `${e.mentions} mentions` : ""].filter(Boolean).join("; "),
      }))}
    />
  );
}

function List({ items }: { items: { key: string; label: string; detail: string }[] }) {
  if (items.length === 0) return <span className="muted">None found</span>;
  return (
    <ul className="finding-list">
      {items.map((item) => (
        <li key={item.key}>
          {item.label}
          {item.detail && <span className="muted small"> ({item.detail})</span>}
        </li>
      ))}
    </ul>
  );
}
