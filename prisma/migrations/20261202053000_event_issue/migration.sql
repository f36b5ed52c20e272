-- An issue's timeline (lib/services/issue-history.ts) read every team event and filtered on a JSON
-- field: 0.3 s for the busiest bench issue. The issue an event is about is now a column the database
-- generates from the event itself, so writers cannot forget it and the append-only history needs no
-- backfill UPDATE (adding a stored generated column rewrites the table without firing triggers).
ALTER TABLE "event" ADD COLUMN "issueId" TEXT GENERATED ALWAYS AS (
  CASE
    WHEN "entityType" = 'issue' THEN "entityId"
    WHEN "entityType" IN ('evidence', 'comment') THEN "after" ->> 'issueId'
  END
) STORED;

CREATE INDEX "event_teamId_issueId_at_id_idx" ON "event"("teamId", "issueId", "at", "id");
