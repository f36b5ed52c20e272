"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/lib/query/api";
import type { ScreeningRequest, ScreeningResponse } from "@/lib/validation/sanctions";
import { formatScore } from "@/lib/ui/entity-labels";

type Result = ScreeningResponse["results"][number];
type Match = Result["matches"][number];

const TYPES = [
  { value: "", label: "Any type" },
  { value: "person", label: "Person" },
  { value: "organization", label: "Organisation" },
  { value: "vessel", label: "Vessel" },
  { value: "aircraft", label: "Aircraft" },
];

/** `maxNames` comes from the server page: the validation module would bring its importers into the browser. */
export function ScreeningForm({ maxNames }: { maxNames: number }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [response, setResponse] = useState<ScreeningResponse | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const names = String(data.get("names") ?? "").split("\n").map((n) => n.trim()).filter(Boolean);
    if (names.length === 0) return setError("Paste at least one name.");
    if (names.length > maxNames) return setError(`${names.length.toLocaleString("en-GB")} names: screen at most ${maxNames.toLocaleString("en-GB")} at a time.`);
    const type = String(data.get("type") ?? "") || undefined;
    const country = String(data.get("country") ?? "").trim() || undefined;
    const body: ScreeningRequest = { names: names.map((name) => ({ name, type: type as ScreeningRequest["names"][number]["type"], country })) };
    setPending(true);
    setError(null);
    try {
      setResponse(await apiFetch<ScreeningResponse>("/api/screening", { method: "POST", body }));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <form onSubmit={onSubmit} className="card stack" aria-label="Names to screen">
        <label className="field">
          <span>Names, one per line</span>
          <textarea name="names" rows={8} required placeholder={"Wuhan Global Sensor Technology Company Limited\nIvan Petrov"} />
        </label>
        <div className="grid-2">
          <label className="field">
            <span>
              Type <span className="hint">(for every name)</span>
            </span>
            <select name="type" defaultValue="">
              {TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>
              Country <span className="hint">(for every name, optional: another country lowers the score)</span>
            </span>
            <input name="country" maxLength={100} placeholder="e.g. China or CN" />
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={pending}>
            Screen
          </button>
          <span role="status" className="analyze-status">
            {pending ? "Screening… (the first screening after an import reads the list: a few seconds)" : ""}
          </span>
        </div>
      </form>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
      {response && <Results response={response} />}
    </>
  );
}

function Results({ response }: { response: ScreeningResponse }) {
  const { results } = response;
  const matched = results.filter((r) => r.matches.some((m) => m.level === "match")).length;
  const review = results.filter((r) => r.matches.length > 0).length - matched;
  return (
    <section aria-labelledby="results-heading" className="stack">
      <h2 id="results-heading">Results</h2>
      <p aria-live="polite">
        {results.length === 1 ? "1 name" : `${results.length} names`} screened: {matched} with a match, {review} to review, {results.length - matched - review} without a match.
      </p>
      <ol className="screening-results">
        {results.map((result, i) => (
          <li key={i} className="card">
            <h3>{result.name}</h3>
            {result.matches.length === 0 ? (
              <p className="muted">No match: no entry scores {formatScore(response.thresholds.review)} or more.</p>
            ) : (
              <MatchesTable result={result} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function MatchesTable({ result }: { result: Result }) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Matches for {result.name}, best first</caption>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">List</th>
            <th scope="col">Score</th>
            <th scope="col">Programs</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {result.matches.map((match) => (
            <tr key={match.entryId}>
              <td>
                <Link href={`/lists/entries/${match.entryId}`} className="issue-link">
                  {match.name}
                </Link>
                {match.matchedName !== match.name && <div className="small">matched: {match.matchedName}</div>}
              </td>
              <td>
                {match.list}
                <div className="muted small">id {match.sourceId}</div>
              </td>
              <td>
                <strong>{formatScore(match.score)}</strong> <span className={`badge level-${match.level}`}>{match.level}</span>
              </td>
              <td>{match.programs.join(", ") || "—"}</td>
              <td>
                <Explanation match={match} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Explanation({ match: { explanation } }: { match: Match }) {
  return (
    <>
      <p className="small">{explanation.summary}</p>
      {explanation.words.length > 0 && (
        <p className="small">
          Words:{" "}
          {explanation.words.map((w) => (w.query === w.entry ? w.query : `${w.query} ≈ ${w.entry}`) + ` (${formatScore(w.similarity)})`).join(", ")}
          {explanation.unmatchedQueryWords.length > 0 && `; not in the entry: ${explanation.unmatchedQueryWords.join(", ")}`}
          {explanation.unmatchedEntryWords.length > 0 && `; not in the name: ${explanation.unmatchedEntryWords.join(", ")}`}
        </p>
      )}
      {explanation.reasons.length > 0 && (
        <ul className="reasons small">
          {explanation.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </>
  );
}
