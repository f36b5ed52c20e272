-- An issue's evidence counted by stance and grade, for its page and GET /api/issues/{id} (issue 17: the
-- busiest issue's totals grouped 1,067 rows and joined their sources on every view). Kept by triggers, as
-- evidence_week is, so writers cannot forget it. The grade's reliability is the source's, F when the
-- evidence's document has none (as admiraltyGrade grades it); a source whose reliability changes, or that
-- is deleted, moves its evidence's counts.
CREATE TABLE "evidence_tally" (
    "issueId" TEXT NOT NULL,
    "stance" "Stance" NOT NULL,
    "reliability" "Reliability" NOT NULL,
    "credibility" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "evidence_tally_pkey" PRIMARY KEY ("issueId","stance","reliability","credibility")
);

ALTER TABLE "evidence_tally" ADD CONSTRAINT "evidence_tally_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One upsert per statement, however many rows it writes. A row whose source is gone (being deleted, see
-- below) counts as F, as one without a source does. Only issues that still exist are counted: when a team
-- goes, its issues, evidence, documents and sources go in one cascade, in no set order.
CREATE FUNCTION "evidence_tally_count"() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "evidence_tally" t SET "count" = t."count" - gone.n
    FROM (
      SELECT c."issueId", c."stance", COALESCE(s."reliability", 'F') AS "reliability", c."credibility", count(*)::int AS n
      FROM "changed_old" c LEFT JOIN "source" s ON s."id" = c."sourceId" GROUP BY 1, 2, 3, 4
    ) gone
    WHERE t."issueId" = gone."issueId" AND t."stance" = gone."stance" AND t."reliability" = gone."reliability" AND t."credibility" = gone."credibility";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "evidence_tally" ("issueId", "stance", "reliability", "credibility", "count")
      SELECT c."issueId", c."stance", COALESCE(s."reliability", 'F'), c."credibility", count(*)::int
      FROM "changed_new" c JOIN "issue" i ON i."id" = c."issueId" LEFT JOIN "source" s ON s."id" = c."sourceId" GROUP BY 1, 2, 3, 4
    ON CONFLICT ("issueId", "stance", "reliability", "credibility") DO UPDATE SET "count" = "evidence_tally"."count" + EXCLUDED."count";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM "evidence_tally" WHERE "count" <= 0 AND "issueId" IN (SELECT "issueId" FROM "changed_old");
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "evidence_tally_insert" AFTER INSERT ON "evidence"
  REFERENCING NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "evidence_tally_count"();
-- (A statement trigger with transition tables cannot name columns: an edit of a note subtracts and adds back.)
CREATE TRIGGER "evidence_tally_update" AFTER UPDATE ON "evidence"
  REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" FOR EACH STATEMENT EXECUTE FUNCTION "evidence_tally_count"();
CREATE TRIGGER "evidence_tally_delete" AFTER DELETE ON "evidence"
  REFERENCING OLD TABLE AS "changed_old" FOR EACH STATEMENT EXECUTE FUNCTION "evidence_tally_count"();

-- A source's new reliability regrades its evidence. A deleted source's evidence becomes F before the
-- foreign key clears its documents' source (hence BEFORE DELETE): the evidence update that follows then
-- moves F to F.
CREATE FUNCTION "evidence_tally_source"() RETURNS trigger AS $$
DECLARE
  regraded "Reliability" := CASE WHEN TG_OP = 'DELETE' THEN 'F' ELSE NEW."reliability" END;
BEGIN
  IF OLD."reliability" IS DISTINCT FROM regraded THEN
    UPDATE "evidence_tally" t SET "count" = t."count" - moved.n
    FROM (SELECT "issueId", "stance", "credibility", count(*)::int AS n FROM "evidence" WHERE "sourceId" = OLD."id" GROUP BY 1, 2, 3) moved
    WHERE t."issueId" = moved."issueId" AND t."stance" = moved."stance" AND t."reliability" = OLD."reliability" AND t."credibility" = moved."credibility";
    INSERT INTO "evidence_tally" ("issueId", "stance", "reliability", "credibility", "count")
      SELECT e."issueId", e."stance", regraded, e."credibility", count(*)::int
      FROM "evidence" e JOIN "issue" i ON i."id" = e."issueId" WHERE e."sourceId" = OLD."id" GROUP BY 1, 2, 4
    ON CONFLICT ("issueId", "stance", "reliability", "credibility") DO UPDATE SET "count" = "evidence_tally"."count" + EXCLUDED."count";
    DELETE FROM "evidence_tally" WHERE "count" <= 0 AND "reliability" = OLD."reliability"
      AND "issueId" IN (SELECT "issueId" FROM "evidence" WHERE "sourceId" = OLD."id");
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "evidence_tally_source_update" AFTER UPDATE OF "reliability" ON "source"
  FOR EACH ROW EXECUTE FUNCTION "evidence_tally_source"();
CREATE TRIGGER "evidence_tally_source_delete" BEFORE DELETE ON "source"
  FOR EACH ROW EXECUTE FUNCTION "evidence_tally_source"();

-- The evidence already there.
INSERT INTO "evidence_tally" ("issueId", "stance", "reliability", "credibility", "count")
  SELECT e."issueId", e."stance", COALESCE(s."reliability", 'F'), e."credibility", count(*)::int
  FROM "evidence" e LEFT JOIN "source" s ON s."id" = e."sourceId" GROUP BY 1, 2, 3, 4;
