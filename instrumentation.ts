// Runs once when the Next.js server starts (`npm start` through server.ts, and `npm run dev`): starts the job
// queue in the Node.js runtime (instrumentation-node.ts). server.ts stops it on SIGTERM.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
