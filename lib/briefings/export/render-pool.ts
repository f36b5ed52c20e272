import "server-only";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Worker as WorkerThread } from "node:worker_threads";
import { AppError } from "@/lib/api/errors";
import type { BriefingFormatName } from "@/lib/briefings/export/formats";
import type { RenderedBriefing } from "@/lib/briefings/export/index";

// Exports render in worker threads, never on the thread that serves requests: a 200-issue briefing takes
// ~1 s as DOCX and ~2 s as PDF of pure CPU (and ~0.1 s even as CSV or JSON), long enough to stall every
// other request, `GET /api/health` included. A few long-lived workers (one per spare core, at most four)
// take jobs from one queue; how to measure the effect is in lib/briefings/README.md.

const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Exports waiting for a worker beyond this are refused (429) rather than queued without bound. */
const MAX_WAITING = 32;
/** A render that has not answered by then is stuck: its worker is replaced. */
const JOB_TIMEOUT_MS = 60_000;
/** An idle worker is stopped after this, so a quiet server gives its memory back. */
const IDLE_MS = 5 * 60_000;

// The worker runs unbundled: found from the project directory at run time (where `next start` and vitest
// run), it loads the TypeScript exporters itself through tsx (see render-worker.mjs). Worker is taken
// through getBuiltinModule rather than imported because Turbopack bundles every `new Worker(…)` of
// node:worker_threads that it can see, and neither tsx nor pdfkit's font loading survive bundling.
const { Worker } = process.getBuiltinModule("node:worker_threads");
const workerFile = () => join(process.cwd(), "lib", "briefings", "export", "render-worker.mjs");

type Job = {
  jobId: number;
  /** A snapshot as stored: its JSON text (parsed and validated in the worker), or an object. */
  snapshot: unknown;
  format: BriefingFormatName;
  resolve: (rendered: RenderedBriefing) => void;
  reject: (error: Error) => void;
};

type Reply = { jobId: number; ok: true; rendered: RenderedBriefing } | { jobId: number; ok: false; message: string };

class RenderWorker {
  private readonly worker: WorkerThread;
  private job: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  alive = true;

  constructor(private readonly onFree: (worker: RenderWorker) => void) {
    this.worker = new Worker(workerFile());
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => this.settle(reply));
    this.worker.on("error", (error) => this.die(error));
    this.worker.on("exit", (code) => this.die(new Error(`The export worker stopped (exit code ${code})`)));
    this.stopWhenIdle();
  }

  private stopWhenIdle() {
    this.idleTimer = setTimeout(() => this.stop(), IDLE_MS);
    this.idleTimer.unref();
  }

  get busy() {
    return this.job !== null;
  }

  run(job: Job) {
    this.job = job;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    // Keep the process alive while a request waits on this worker; idle workers do not hold it open.
    this.worker.ref();
    this.timer = setTimeout(() => {
      this.die(new Error(`Rendering the ${job.format} export took longer than ${JOB_TIMEOUT_MS / 1000} s`));
    }, JOB_TIMEOUT_MS);
    this.worker.postMessage({ jobId: job.jobId, snapshot: job.snapshot, format: job.format });
  }

  private finish(): Job | null {
    const job = this.job;
    this.job = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return job;
  }

  private settle(reply: Reply) {
    if (reply.jobId !== this.job?.jobId) return;
    const job = this.finish()!;
    if (reply.ok) job.resolve({ ...reply.rendered, body: new Uint8Array(reply.rendered.body) });
    else job.reject(new Error(`Rendering the ${job.format} export failed: ${reply.message}`));
    this.worker.unref();
    this.stopWhenIdle();
    this.onFree(this);
  }

  private die(error: Error) {
    if (!this.alive) return;
    this.alive = false;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.finish()?.reject(error);
    void this.worker.terminate();
    this.onFree(this);
  }

  stop() {
    if (!this.alive || this.busy) return;
    this.alive = false;
    void this.worker.terminate();
    this.onFree(this);
  }
}

class RenderPool {
  private readonly workers = new Set<RenderWorker>();
  private readonly waiting: Job[] = [];
  private nextJobId = 1;

  render(snapshot: unknown, format: BriefingFormatName): Promise<RenderedBriefing> {
    if (this.waiting.length >= MAX_WAITING) {
      return Promise.reject(
        new AppError("rate_limited", "Too many exports are being prepared right now; try again in a few seconds", undefined, {
          "Retry-After": "5",
        }),
      );
    }
    return new Promise<RenderedBriefing>((resolve, reject) => {
      this.waiting.push({ jobId: this.nextJobId++, snapshot, format, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts a worker if none is running, so the next export does not wait for one to load. */
  warm() {
    if (this.workers.size === 0 && existsSync(workerFile())) this.workers.add(new RenderWorker((worker) => this.freed(worker)));
  }

  private dispatch() {
    while (this.waiting.length > 0) {
      let free = [...this.workers].find((w) => w.alive && !w.busy);
      if (!free && this.workers.size < POOL_SIZE) {
        if (!existsSync(workerFile())) {
          const error = new Error(`The export worker is missing: ${workerFile()} (run the server from the project directory)`);
          for (const job of this.waiting.splice(0)) job.reject(error);
          return;
        }
        free = new RenderWorker((worker) => this.freed(worker));
        this.workers.add(free);
      }
      if (!free) return;
      free.run(this.waiting.shift()!);
    }
  }

  private freed(worker: RenderWorker) {
    if (!worker.alive) this.workers.delete(worker);
    this.dispatch();
  }
}

// One pool per process, kept on globalThis so Next.js dev reloads do not start a second set of workers.
const globalForPool = globalThis as unknown as { sanctionsWatchRenderPool?: RenderPool };

/**
 * `renderBriefing(snapshot, format)` on a worker thread: the same bytes, without blocking the event loop.
 * Takes a snapshot as stored (Briefing.snapshot); the worker validates it against the snapshot schema.
 */
export function renderBriefingOffThread(snapshot: unknown, format: BriefingFormatName): Promise<RenderedBriefing> {
  return pool().render(snapshot, format);
}

/**
 * Starts an export worker ahead of need (it takes a second or so to load the exporters): called when a
 * briefing is opened or created, the moment before someone is likely to download it.
 */
export function warmRenderPool(): void {
  pool().warm();
}

function pool(): RenderPool {
  globalForPool.sanctionsWatchRenderPool ??= new RenderPool();
  return globalForPool.sanctionsWatchRenderPool;
}
