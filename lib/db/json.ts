import { Prisma } from "@/lib/generated/prisma/client";

/** A value as a JSON column takes it: plain JSON (dates as strings), and SQL NULL for nothing. */
export const jsonColumn = (value: unknown) =>
  value === undefined || value === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
