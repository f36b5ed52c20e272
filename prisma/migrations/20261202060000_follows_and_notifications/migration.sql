-- CreateEnum
CREATE TYPE "FollowKind" AS ENUM ('issue', 'entity', 'category');

-- CreateTable
CREATE TABLE "follow" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "FollowKind" NOT NULL,
    "targetId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follow_userId_teamId_createdAt_idx" ON "follow"("userId", "teamId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "follow_teamId_kind_targetId_userId_key" ON "follow"("teamId", "kind", "targetId", "userId");

-- CreateIndex
CREATE INDEX "notification_userId_teamId_createdAt_id_idx" ON "notification"("userId", "teamId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "notification_userId_teamId_readAt_idx" ON "notification"("userId", "teamId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "notification_eventId_userId_key" ON "notification"("eventId", "userId");

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow" ADD CONSTRAINT "follow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
