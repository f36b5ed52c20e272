-- CreateIndex
CREATE INDEX "event_teamId_action_at_idx" ON "event"("teamId", "action", "at");
