import "server-only";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Worker as WorkerThread } from "node:worker_threads";
import { AppError, isErrorCode } from "@/lib/errors";
import type { JobName, Jobs } from "@/lib/workers/jobs";

// CPU-heavy work runs in worker threads, never on the thread that serves requests: a 200-issue briefing
// takes ~1 s as DOCX and ~2 s as PDF, and a hostile document can take as long as it is allowed to
// analyse or extract (issue 18), long enough to stall every other request, `GET /api/health` included.
// A few long-lived workers (one per spare core, at least two, at most four) take jobs from one queue; each job
// has a time budget, past which its worker is stopped and replaced. The jobs themselves are in jobs.ts. At least
// two: with one, a quick job (an upload refused as the wrong type, a short text) waited behind a long analysis.

const POOL_SIZE = Math.max(2, Math.min(4, availableParallelism() - 1));
/** Jobs waiting for a worker beyond this are refused (429) rather than queued without bound. */
const MAX_WAITING = 32;
/** An idle worker is stopped after this, so a quiet server gives its memory back. */
const IDLE_MS = 5 * 60_000;
/**
 * The JavaScript heap a worker may use: a job past it is stopped as over budget instead of taking the
 * server's memory. (Buffers such as a PDF's decompressed streams are not counted: they have limits of
 * their own, lib/analysis/pdf.ts.)
 */
const HEAP_MB = 512;

// The worker runs unbundled: found from the project directory at run time (where `next start` and vitest
// run), it loads the TypeScript jobs itself through tsx (see worker.mjs). Worker is taken through
// getBuiltinModule rather than imported because Turbopack bundles every `new Worker(…)` of
// node:worker_threads that it can see, and neither tsx nor pdfkit's font loading survive bundling.
const { Worker } = process.getBuiltinModule("node:worker_threads");
const workerFile = () => join(process.cwd(), "lib", "workers", "worker.mjs");

export interface JobLimits {
  /** A job that has not answered by then is stopped, and its worker replaced. */
  timeoutMs: number;
  /** What a job over its time or memory budget fails with (by default an Error saying which). */
  overBudget?: () => Error;
}

type Job = {
  jobId: number;
  name: JobName;
  args: unknown[];
  limits: JobLimits;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
};

/** A job's failure as it crosses from the worker: an AppError keeps its code, so the API answers as if in process. */
type FailureReply = { name: string; message: string; code?: string; details?: unknown };
type Reply = { jobId: number; ok: true; result: unknown } | { jobId: number; ok: false; error: FailureReply };

function overBudget(job: Job, why: string): Error {
  return job.limits.overBudget?.() ?? new Error(`The ${job.name} job ${why}`);
}

function rebuilt(job: Job, error: FailureReply): Error {
  if (error.name === "AppError" && isErrorCode(error.code)) return new AppError(error.code, error.message, error.details);
  return new Error(`The ${job.name} job failed: ${error.message}`);
}

class PoolWorker {
  private readonly worker: WorkerThread;
  private job: Job | null = null;
  private timer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  alive = true;

  constructor(private readonly onFree: (worker: PoolWorker) => void) {
    this.worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => this.settle(reply));
    this.worker.on("error", (error: Error & { code?: string }) => {
      const job = this.job;
      this.die(job && error.code === "ERR_WORKER_OUT_OF_MEMORY" ? overBudget(job, `ran out of memory (${HEAP_MB} MB)`) : error);
    });
    this.worker.on("exit", (code) => this.die(new Error(`The worker stopped (exit code ${code})`)));
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
    // (A signal still ends the process at once: its thread is free to handle it.)
    this.worker.ref();
    this.timer = setTimeout(() => this.die(overBudget(job, `took longer than ${job.limits.timeoutMs / 1000} s`)), job.limits.timeoutMs);
    this.worker.postMessage({ jobId: job.jobId, name: job.name, args: job.args });
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
    if (reply.ok) job.resolve(reply.result);
    else job.reject(rebuilt(job, reply.error));
    this.worker.unref();
    this.stopWhenIdle();
    this.onFree(this);
  }

  die(error: Error) {
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

class WorkerPool {
  private readonly workers = new Set<PoolWorker>();
  private readonly waiting: Job[] = [];
  private nextJobId = 1;

  constructor() {
    // The server drains its requests before it exits on SIGTERM: jobs are stopped at once rather than
    // run to their budget, so their requests answer 503 and the shutdown is not held (issue 18).
    process.once("SIGTERM", () => this.stopAll(new AppError("service_unavailable", "The server is shutting down; try again in a moment")));
  }

  private stopAll(error: Error) {
    for (const job of this.waiting.splice(0)) job.reject(error);
    for (const worker of this.workers) worker.die(error);
  }

  run(name: JobName, args: unknown[], limits: JobLimits): Promise<unknown> {
    if (this.waiting.length >= MAX_WAITING) {
      return Promise.reject(
        new AppError("rate_limited", "Too many documents and exports are being processed right now; try again in a few seconds", undefined, {
          "Retry-After": "5",
        }),
      );
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ jobId: this.nextJobId++, name, args, limits, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts a worker if none is running, so the next job does not wait for one to load. */
  warm() {
    if (this.workers.size === 0 && existsSync(workerFile())) this.workers.add(new PoolWorker((worker) => this.freed(worker)));
  }

  private dispatch() {
    while (this.waiting.length > 0) {
      let free = [...this.workers].find((w) => w.alive && !w.busy);
      if (!free && this.workers.size < POOL_SIZE) {
        if (!existsSync(workerFile())) {
          const error = new Error(`The worker is missing: ${workerFile()} (run the server from the project directory)`);
          for (const job of this.waiting.splice(0)) job.reject(error);
          return;
        }
        free = new PoolWorker((worker) => this.freed(worker));
        this.workers.add(free);
      }
      if (!free) return;
      free.run(this.waiting.shift()!);
    }
  }

  private freed(worker: PoolWorker) {
    if (!worker.alive) this.workers.delete(worker);
    this.dispatch();
  }
}

// One pool per process, kept on globalThis so Next.js dev reloads do not start a second set of workers.
const globalForPool = globalThis as unknown as { sanctionsWatchWorkerPool?: WorkerPool };

function pool(): WorkerPool {
  globalForPool.sanctionsWatchWorkerPool ??= new WorkerPool();
  return globalForPool.sanctionsWatchWorkerPool;
}

/**
 * `jobs[name](...args)` on a worker thread: the same result, without blocking the event loop. Arguments
 * and results cross by structured clone; an AppError thrown by the job is thrown here with its code.
 */
export function runOffThread<N extends JobName>(name: N, args: Parameters<Jobs[N]>, limits: JobLimits): Promise<Awaited<ReturnType<Jobs[N]>>> {
  return pool().run(name, args, limits) as Promise<Awaited<ReturnType<Jobs[N]>>>;
}

/**
 * Starts a worker ahead of need (it takes a second or so to load): called when a briefing is opened or
 * created, the moment before someone is likely to download it.
 */
export function warmWorkers(): void {
  pool().warm();
}
