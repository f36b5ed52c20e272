-- Full-text search over the evidence library: a vector kept in step with the title (weight A) and the
-- text (weight B) by a trigger, English stemming, indexed with GIN. Same on PGlite and PostgreSQL.
-- (A trigger rather than a generated column: Prisma would read the generation expression as a
-- default and report drift.)
-- AlterTable
ALTER TABLE "document" ADD COLUMN "search" tsvector;

CREATE FUNCTION "document_search_vector"() RETURNS trigger AS $$
BEGIN
  NEW."search" :=
    setweight(to_tsvector('english', coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW."text", '')), 'B');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "document_search_vector" BEFORE INSERT OR UPDATE OF "title", "text" ON "document"
  FOR EACH ROW EXECUTE FUNCTION "document_search_vector"();

UPDATE "document" SET "title" = "title";

-- CreateIndex
CREATE INDEX "document_teamId_publishedAt_idx" ON "document"("teamId", "publishedAt");

-- CreateIndex
CREATE INDEX "document_search_idx" ON "document" USING GIN ("search");
