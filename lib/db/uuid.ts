import { randomBytes } from "node:crypto";

/** A time-ordered UUID (v7, like the database's ids), for rows whose id is needed before Prisma writes them. */
export function uuidv7(at: Date = new Date()): string {
  const bytes = randomBytes(16);
  const ms = at.getTime();
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(ms / 2 ** (8 * (5 - i))) % 256;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
