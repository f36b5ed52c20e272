import type { Metadata } from "next";
import Link from "next/link";
import { THRESHOLDS } from "@/lib/sanctions/match/score";
import { requireActor } from "@/lib/auth/current";
import { MAX_SCREENING_NAMES } from "@/lib/validation/sanctions";
import { ScreeningForm } from "./screening-form";
import { formatScore } from "@/lib/ui/entity-labels";

export const metadata: Metadata = { title: "Screening" };

// Screening pasted names against the latest release of every list; nothing is stored.
export default async function ScreeningPage() {
  await requireActor();
  return (
    <div className="stack">
      <div className="page-title">
        <h1>Screening</h1>
        <Link href="/lists" className="button">
          Sanctions lists
        </Link>
      </div>
      <p className="muted">
        Paste up to {MAX_SCREENING_NAMES.toLocaleString("en-GB")} names, one per line, to match them against the latest release of every imported list.
        A score of {formatScore(THRESHOLDS.match)} or more is a <strong>match</strong>; from {formatScore(THRESHOLDS.review)} it is worth a{" "}
        <strong>review</strong>; below that nothing is shown. Word order, case, accents, legal forms (Co., Ltd = Company Limited = OOO…) and
        transliterations do not count against a name; people never match organisations. Nothing you screen is stored.
      </p>
      <ScreeningForm maxNames={MAX_SCREENING_NAMES} />
    </div>
  );
}
