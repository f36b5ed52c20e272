-- CreateTable
CREATE TABLE "security_event_repeat" (
    "key" TEXT NOT NULL,
    "eventId" TEXT,
    "repeats" INTEGER NOT NULL DEFAULT 0,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "security_event_repeat_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "security_event_repeat_eventId_key" ON "security_event_repeat"("eventId");

-- AddForeignKey
ALTER TABLE "security_event_repeat" ADD CONSTRAINT "security_event_repeat_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
