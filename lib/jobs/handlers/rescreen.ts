import { rescreenAllTeams } from "@/lib/services/entities/hits";
import { RELEASE_IMPORTED } from "../release-imported";
import { defineJob } from "../job";

/** After a release is imported (API, CLI or schedule): every team's entities screened again against the lists. */
export const rescreenAfterRelease = defineJob<{ releaseId: string }>({
  name: RELEASE_IMPORTED,
  async handle() {
    const counts = await rescreenAllTeams();
    let newHits = 0;
    for (const team of counts.values()) newHits += team.newHits;
    return { teams: counts.size, newHits };
  },
  // One running and one waiting across instances: imports that arrive during a re-screening need one more, not one each.
  queue: { policy: "stately" },
});
