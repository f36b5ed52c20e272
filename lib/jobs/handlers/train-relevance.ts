import { teamsWithDecisions, TRAIN_RELEVANCE, trainRelevanceModel } from "@/lib/services/relevance-model";
import { enqueue } from "../enqueue";
import { defineJob } from "../job";

// Issue 16 item 1: each team's relevance model, retrained from its decisions (lib/services/relevance-model.ts).

/** One team's model, sent a little after its inbox decisions and evidence links (kickRelevanceTraining). */
export const trainRelevanceJob = defineJob<{ teamId: string }>({
  name: TRAIN_RELEVANCE,
  handle: ({ teamId }) => trainRelevanceModel(teamId),
  // One waiting and one running per team: a burst of decisions is one training, which reads them all.
  queue: { policy: "stately" },
});

/** Daily, in case a kick was lost (no queue in the process, a crash): every team with decisions, retrained. */
export const trainAllRelevanceJob = defineJob<Record<string, never>>({
  name: "relevance.train-all",
  handle: async () => {
    const teams = await teamsWithDecisions();
    for (const teamId of teams) await enqueue(trainRelevanceJob, { teamId }, { singletonKey: teamId });
    return { teams: teams.length };
  },
  queue: { policy: "singleton" },
  schedule: () => ({ cron: "23 4 * * *", data: {} }),
});
