-- DropIndex
DROP INDEX "event_teamId_at_idx";

-- CreateTable
CREATE TABLE "evidence_week" (
    "teamId" TEXT NOT NULL,
    "week" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "evidence_week_pkey" PRIMARY KEY ("teamId","week")
);

-- CreateIndex
CREATE INDEX "event_teamId_at_id_idx" ON "event"("teamId", "at", "id");

-- CreateIndex
CREATE INDEX "issue_teamId_nextReviewAt_idx" ON "issue"("teamId", "nextReviewAt");

-- AddForeignKey
ALTER TABLE "evidence_week" ADD CONSTRAINT "evidence_week_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Evidence per team and week, kept in step with the evidence table by statement-level triggers (one
-- upsert per statement and week, however many rows a statement inserts or deletes). All evidence is
-- counted, that of deleted issues too: the dashboard subtracts those (few) when it reads, so the
-- tally stays exact whichever way an issue or its evidence goes.
CREATE FUNCTION "evidence_week_tally"() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "evidence_week" ("teamId", "week", "count")
      SELECT "teamId", date_trunc('week', "createdAt"), count(*) FROM "changed_new" GROUP BY 1, 2
    ON CONFLICT ("teamId", "week") DO UPDATE SET "count" = "evidence_week"."count" + EXCLUDED."count";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "evidence_week" w SET "count" = w."count" - gone.n
    FROM (SELECT "teamId", date_trunc('week', "createdAt") AS "week", count(*) AS n FROM "changed_old" GROUP BY 1, 2) gone
    WHERE w."teamId" = gone."teamId" AND w."week" = gone."week";
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "evidence_week_insert" AFTER INSERT ON "evidence"
  REFERENCING NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "evidence_week_tally"();
CREATE TRIGGER "evidence_week_update" AFTER UPDATE ON "evidence"
  REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "evidence_week_tally"();
CREATE TRIGGER "evidence_week_delete" AFTER DELETE ON "evidence"
  REFERENCING OLD TABLE AS "changed_old" FOR EACH STATEMENT EXECUTE FUNCTION "evidence_week_tally"();

-- The evidence already there.
INSERT INTO "evidence_week" ("teamId", "week", "count")
  SELECT "teamId", date_trunc('week', "createdAt"), count(*) FROM "evidence" GROUP BY 1, 2;
