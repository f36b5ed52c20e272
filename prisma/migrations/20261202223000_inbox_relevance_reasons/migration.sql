-- What moved an inbox item's relevance on arrival (issue 16: the inbox gives the relevance with its reasons).
-- Items that arrived before keep none: they were analysed once, on arrival.
ALTER TABLE "inbox_item" ADD COLUMN "relevanceReasons" TEXT[] DEFAULT ARRAY[]::TEXT[];
