"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { ApiError } from "@/lib/query/api";
import { formatDate } from "@/lib/ui/format";
import type { ReleaseSummary } from "@/lib/validation/sanctions";

/** The formats a file can be imported as on its own (OFAC's alt, add and comments files only go with sdn.csv). */
const FORMATS = [
  { value: "ofac-sdn-csv", label: "OFAC sdn.csv" },
  { value: "un-xml", label: "UN consolidated list (XML)" },
  { value: "opensanctions-csv", label: "OpenSanctions targets.simple.csv" },
  { value: "ftm-json", label: "FollowTheMoney JSON lines" },
];

type Progress = { step: "uploading"; percent: number | null } | { step: "importing" };

/**
 * Sends the form as multipart with XMLHttpRequest, which (unlike fetch) reports how much of the body is sent:
 * an upload of a few megabytes and its import take seconds, so the page says which part it is at.
 */
function sendRelease(form: FormData, onProgress: (progress: Progress) => void): Promise<ReleaseSummary> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/sanctions/releases");
    xhr.setRequestHeader("accept", "application/json");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => onProgress({ step: "uploading", percent: event.lengthComputable ? Math.round((event.loaded / event.total) * 100) : null });
    xhr.upload.onload = () => onProgress({ step: "importing" });
    xhr.onload = () => {
      if (xhr.status === 201) return resolve(xhr.response as ReleaseSummary);
      const error = (xhr.response as { error?: { code: ApiError["code"]; message: string; details?: unknown } } | null)?.error;
      reject(new ApiError(xhr.status, error?.code ?? "internal", error?.message ?? `The server answered ${xhr.status}. Try again.`, error?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "No answer from the server: check the connection and try again."));
    xhr.send(form);
  });
}

/** What went wrong, in words that say what to do next. */
function describe(error: ApiError): { title: string; lines: string[] } {
  const details = (error.details ?? {}) as { line?: number; record?: string; previousEntries?: number; file?: string };
  switch (error.status) {
    case 409:
      return { title: "Already imported", lines: [error.message, "Nothing was imported: this exact file is a release of the list already."] };
    case 413:
      return { title: "File too large", lines: [error.message] };
    case 422: {
      const where = [details.file && `file ${details.file}`, details.line && `line ${details.line}`, details.record && `record ${details.record}`].filter(Boolean);
      const fields = Object.entries(error.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(", ")}`);
      return {
        title: "The file was not imported",
        lines: [
          error.message,
          ...(where.length ? [`Where: ${where.join(", ")}.`] : []),
          ...fields,
          ...(details.previousEntries !== undefined ? ["If the list really shrank, tick “Force” and import again."] : []),
          "Nothing was written.",
        ],
      };
    }
    default:
      return { title: "The import failed", lines: [error.message] };
  }
}

export function UploadForm({ lists }: { lists: { slug: string; name: string }[] }) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [imported, setImported] = useState<ReleaseSummary | null>(null);
  const [publishedAt, setPublishedAt] = useState("");

  // OFAC's CSV does not state its date; a file saved as sdn-2024-05-01.csv does, in its name.
  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const date = /(\d{4}-\d{2}-\d{2})/.exec(event.target.files?.[0]?.name ?? "")?.[1];
    if (date && !publishedAt) setPublishedAt(date);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError(null);
    setImported(null);
    setProgress({ step: "uploading", percent: 0 });
    try {
      const release = await sendRelease(new FormData(form), setProgress);
      setImported(release);
      form.reset();
      setPublishedAt("");
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "network", "Something went wrong. Try again."));
    } finally {
      setProgress(null);
    }
  }

  const failure = error && describe(error);
  const listName = (slug: string) => lists.find((l) => l.slug === slug)?.name ?? slug;
  return (
    <>
      <form onSubmit={onSubmit} className="stack" aria-describedby="import-hint">
        <p id="import-hint" className="muted small">
          The file becomes the list&apos;s newest release and is compared with the release before it. A file imported
          already, an empty one, or one that cannot be read is refused and nothing is written.
        </p>
        <div className="grid-2">
          <label className="field">
            <span>List file</span>
            <input type="file" name="file" required accept=".csv,.xml,.jsonl,.json,.gz" onChange={onFile} disabled={!!progress} />
            <span className="hint">.csv, .xml, .jsonl or any of them gzipped (.gz); 100 MB at most</span>
          </label>
          <label className="field">
            <span>List</span>
            <select name="list" defaultValue="" disabled={!!progress}>
              <option value="">From the file&apos;s format</option>
              {lists.map((list) => (
                <option key={list.slug} value={list.slug}>
                  {list.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Format</span>
            <select name="format" defaultValue="" disabled={!!progress}>
              <option value="">Recognised from the file</option>
              {FORMATS.map((format) => (
                <option key={format.value} value={format.value}>
                  {format.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Publication date</span>
            <input type="date" name="publishedAt" value={publishedAt} onChange={(e) => setPublishedAt(e.target.value)} disabled={!!progress} />
            <span className="hint">When the file does not state it (OFAC&apos;s CSV does not); taken from the file name when it holds one</span>
          </label>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="force" value="true" disabled={!!progress} />
          <span>Force: import even if the list shrinks by more than 20 % (otherwise such a file is refused as likely broken)</span>
        </label>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={!!progress}>
            Import
          </button>
          <span role="status" className="analyze-status">
            {progress?.step === "uploading" && (
              <>
                <progress max={100} value={progress.percent ?? undefined} aria-label="Upload" />
                Uploading{progress.percent !== null ? ` ${progress.percent} %` : "…"}
              </>
            )}
            {progress?.step === "importing" && (
              <>
                <progress aria-label="Import" />
                Importing and comparing with the release before: this takes a few seconds…
              </>
            )}
          </span>
        </div>
      </form>
      {failure && (
        <div role="alert" className="error-message">
          <strong>{failure.title}.</strong>
          {failure.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {imported && (
        <p className="notice" role="status">
          Imported {listName(imported.list)}, {formatDate(imported.publishedAt)}: {imported.entries.toLocaleString("en-GB")} entries, {imported.added} added,{" "}
          {imported.removed} removed, {imported.changed} changed. <Link href={`/lists/releases/${imported.id}`}>See what changed</Link>
        </p>
      )}
    </>
  );
}
