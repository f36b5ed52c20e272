// Runs once when the Next.js server starts (`npm start` through server.ts, and `npm run dev`): starts the job queue
// (lib/jobs) in this process, without holding up the start (creating its tables on a new database takes seconds).
// server.ts stops it on SIGTERM.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ startQueue }, { JOBS }] = await Promise.all([import("@/lib/jobs/queue"), import("@/lib/jobs/registry")]);
  startQueue({ jobs: JOBS }).then(
    () => console.log("[sanctions-watch] job queue started"),
    (error: unknown) => {
      console.error("[sanctions-watch] the job queue could not start", error);
      process.exit(1);
    },
  );
}
