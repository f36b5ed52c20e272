import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { listCategories } from "@/lib/services/categories";
import { getTeamSettings } from "@/lib/services/team-settings";
import { briefingFilterSchema } from "@/lib/validation/briefings";
import { BriefingBuilder, type FilterValues } from "./briefing-builder";

export const metadata: Metadata = { title: "New briefing" };

type SearchParams = Record<string, string | string[] | undefined>;

const FILTER_KEYS = ["q", "status", "category", "jurisdiction", "likelihood", "impact", "reviewDue", "sort"] as const;

/** The watchlist's address works here too: /briefings/new?status=warning_issued&category=… starts from that view. */
function initialFilter(searchParams: SearchParams): { values: FilterValues; ignored: boolean } {
  const raw = Object.fromEntries(FILTER_KEYS.flatMap((key) => (searchParams[key] ? [[key, searchParams[key]]] : [])));
  const parsed = briefingFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : briefingFilterSchema.parse({});
  return {
    values: {
      q: filter.q ?? "",
      status: filter.status?.[0] ?? "",
      category: filter.category?.[0] ?? "",
      jurisdiction: filter.jurisdiction?.join(", ") ?? "",
      likelihood: filter.likelihood?.[0] ?? "",
      impact: filter.impact?.[0] ? String(filter.impact[0]) : "",
      reviewDue: filter.reviewDue === true,
      sort: filter.sort,
    },
    ignored: !parsed.success,
  };
}

export default async function NewBriefingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!hasRole(actor.role, "analyst")) {
    return (
      <>
        <h1>New briefing</h1>
        <div className="notice stack" role="status">
          <p>
            You need the analyst role to create briefings. As a {actor.role} in {actor.teamName} you can read and download the team&apos;s
            briefings.
          </p>
          <p>
            <Link href="/briefings">Back to the briefings</Link>
          </p>
        </div>
      </>
    );
  }
  const [categories, { values, ignored }, team] = await Promise.all([listCategories(actor), searchParams.then(initialFilter), getTeamSettings(actor)]);
  return (
    <>
      <div className="page-title">
        <h1>New briefing</h1>
        <Link href="/briefings">Back to the briefings</Link>
      </div>
      {ignored && (
        <p role="alert" className="error-message">
          Some filters in the address were not understood and were ignored.
        </p>
      )}
      <BriefingBuilder categories={categories} initialFilter={values} timeZone={team.timeZone} />
    </>
  );
}
