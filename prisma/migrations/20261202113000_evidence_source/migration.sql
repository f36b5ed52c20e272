-- An issue's evidence totals by grade (lib/services/issue-evidence.ts) joined every evidence row to its
-- document for the source's reliability: 1,067 document lookups, most of the busiest issue page's
-- database time. Evidence now carries its document's source, kept by triggers (a document's source can
-- change; writers cannot forget it), so the totals read one index and join the few sources at the end.
ALTER TABLE "evidence" ADD COLUMN "sourceId" TEXT;

UPDATE "evidence" e SET "sourceId" = d."sourceId"
FROM "document" d WHERE d."id" = e."documentId" AND d."sourceId" IS NOT NULL;

CREATE FUNCTION "evidence_source"() RETURNS trigger AS $$
BEGIN
  SELECT d."sourceId" INTO NEW."sourceId" FROM "document" d WHERE d."id" = NEW."documentId";
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "evidence_source" BEFORE INSERT OR UPDATE OF "documentId", "sourceId" ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION "evidence_source"();

CREATE FUNCTION "document_source_to_evidence"() RETURNS trigger AS $$
BEGIN
  UPDATE "evidence" SET "sourceId" = NEW."sourceId" WHERE "documentId" = NEW."id";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "document_source_to_evidence" AFTER UPDATE OF "sourceId" ON "document"
  FOR EACH ROW WHEN (OLD."sourceId" IS DISTINCT FROM NEW."sourceId") EXECUTE FUNCTION "document_source_to_evidence"();

-- The totals: an index-only scan of the issue's entries.
CREATE INDEX "evidence_issueId_stance_credibility_sourceId_idx" ON "evidence"("issueId", "stance", "credibility", "sourceId");

-- The newest page, ordered as it is read (createdAt, then id): a LIMIT scan instead of sorting every row.
DROP INDEX "evidence_issueId_createdAt_idx";
CREATE INDEX "evidence_issueId_createdAt_id_idx" ON "evidence"("issueId", "createdAt", "id");
