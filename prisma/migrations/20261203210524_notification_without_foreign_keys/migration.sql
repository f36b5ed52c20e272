-- Notifications without foreign keys (docs/decisions/012-notifications-without-foreign-keys.md): an event writes a
-- row per follower, and the keys' checks (two per row) were a third of that INSERT. Only the outbox hook writes
-- notifications, for members it has just read in the same transaction.
ALTER TABLE "notification" DROP CONSTRAINT "notification_teamId_fkey";
ALTER TABLE "notification" DROP CONSTRAINT "notification_userId_fkey";

-- What the keys' ON DELETE CASCADE did: a deleted team's or user's notifications go with it, once per statement.
CREATE FUNCTION "notification_delete_with_owner"() RETURNS trigger AS $$
BEGIN
  IF TG_TABLE_NAME = 'team' THEN
    DELETE FROM "notification" n USING "gone" g WHERE n."teamId" = g."id";
  ELSE
    DELETE FROM "notification" n USING "gone" g WHERE n."userId" = g."id";
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "team_notifications_delete" AFTER DELETE ON "team"
  REFERENCING OLD TABLE AS "gone" FOR EACH STATEMENT EXECUTE FUNCTION "notification_delete_with_owner"();
CREATE TRIGGER "user_notifications_delete" AFTER DELETE ON "user"
  REFERENCING OLD TABLE AS "gone" FOR EACH STATEMENT EXECUTE FUNCTION "notification_delete_with_owner"();
