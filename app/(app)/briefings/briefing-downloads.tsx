"use client";

import { useEffect, useRef, useState } from "react";
import { fetchBriefingFile, saveFile } from "@/lib/query/briefings";
import type { BriefingExportLink } from "@/lib/validation/briefings";

// Download buttons, one per format. Each is a real link (it works without JavaScript); with JavaScript the
// file is fetched here so a slow export shows progress: after a second without the file, an indeterminate
// progress bar and a spoken "Preparing…" (a large PDF takes a few seconds to render on the server).

type Phase = { state: "working" | "slow" | "done"; fileName?: string } | { state: "failed"; message: string };

const SLOW_AFTER_MS = 1000;

export function BriefingDownloads({ exports }: { exports: BriefingExportLink[] }) {
  const [phases, setPhases] = useState<Partial<Record<string, Phase>>>({});
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const setPhase = (format: string, phase: Phase) => setPhases((current) => ({ ...current, [format]: phase }));

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  async function download(link: BriefingExportLink) {
    const current = phases[link.format]?.state;
    if (current === "working" || current === "slow") return;
    setPhase(link.format, { state: "working" });
    timers.current.set(link.format, setTimeout(() => setPhase(link.format, { state: "slow" }), SLOW_AFTER_MS));
    try {
      const { blob, fileName } = await fetchBriefingFile(link.href, link.fileName);
      saveFile(blob, fileName);
      setPhase(link.format, { state: "done", fileName });
    } catch (error) {
      setPhase(link.format, { state: "failed", message: error instanceof Error ? error.message : "The download failed. Try again." });
    } finally {
      clearTimeout(timers.current.get(link.format));
      timers.current.delete(link.format);
    }
  }

  const announcements = exports.flatMap((link) => {
    const phase = phases[link.format];
    if (phase?.state === "slow") return [`Preparing the ${link.label} file…`];
    if (phase?.state === "done") return [`${link.label} downloaded: ${phase.fileName}.`];
    return [];
  });
  const failures = exports.flatMap((link) => {
    const phase = phases[link.format];
    return phase?.state === "failed" ? [`${link.label}: ${phase.message}`] : [];
  });

  return (
    <section className="downloads" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Download</h2>
      <ul className="download-list">
        {exports.map((link) => {
          const state = phases[link.format]?.state;
          const busy = state === "working" || state === "slow";
          return (
            <li key={link.format}>
              <a
                href={link.href}
                download={link.fileName}
                className="button"
                aria-busy={busy || undefined}
                aria-disabled={busy || undefined}
                onClick={(event) => {
                  event.preventDefault();
                  void download(link);
                }}
              >
                <span className="visually-hidden">Download </span>
                {link.label}
              </a>
              {state === "slow" && <progress className="download-progress" aria-label={`Preparing the ${link.label} file`} />}
            </li>
          );
        })}
      </ul>
      <p className="small muted" aria-live="polite">
        {announcements.join(" ")}
      </p>
      {failures.length > 0 && (
        <p role="alert" className="error-message">
          {failures.join(" ")}
        </p>
      )}
    </section>
  );
}
