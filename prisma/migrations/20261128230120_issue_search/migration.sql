-- The watchlist's free-text search (`q`): a vector kept in step with the title and actors (weight A),
-- the tags (B) and the summary (C) by a trigger, indexed with GIN; the query matches word prefixes
-- (lib/services/watchlist.ts). It replaces ILIKE over every summary, a pass over the whole team's
-- issues on each search. Actors and tags are not stemmed ('simple'): they are names.
ALTER TABLE "issue" ADD COLUMN "search" tsvector;

CREATE FUNCTION "issue_search_vector"() RETURNS trigger AS $$
BEGIN
  NEW."search" :=
    setweight(to_tsvector('english', coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector('simple', array_to_string(NEW."actors", ' ')), 'A') ||
    setweight(to_tsvector('simple', array_to_string(NEW."tags", ' ')), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW."summary", '')), 'C');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "issue_search_vector" BEFORE INSERT OR UPDATE OF "title", "summary", "actors", "tags" ON "issue"
  FOR EACH ROW EXECUTE FUNCTION "issue_search_vector"();

UPDATE "issue" SET "title" = "title";

-- CreateIndex
CREATE INDEX "issue_search_idx" ON "issue" USING GIN ("search");
