import type { Server } from "node:net";

/**
 * Closes, on arrival, each connection past `max` open at once from one address, so that one client
 * cannot hold every socket (slow clients held them 86–310 s; see decision 006). Runs before the
 * HTTP server's own listener, which then sees a closed socket and reads nothing from it.
 */
export function capConnectionsPerAddress(server: Server, max: number) {
  if (max === 0) return;
  const open = new Map<string, number>();
  server.prependListener("connection", (socket) => {
    const address = socket.remoteAddress ?? "unknown";
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
