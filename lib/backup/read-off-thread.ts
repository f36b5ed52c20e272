import "server-only";
import { join } from "node:path";
import type { Worker as WorkerThread } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { RestoredTeam, RowBatch } from "./restore-plan";

// Uploaded backups are read in a worker thread of their own (read-worker.mjs), one restore at a time:
// reading holds the whole file, parsed, in memory (about 2 GB for the bench's 272 MB team).
// Worker is taken through getBuiltinModule, not imported, for the reason render-pool.ts gives (Turbopack
// would bundle the worker, and tsx does not survive bundling).
const { Worker } = process.getBuiltinModule("node:worker_threads");
const workerFile = () => join(process.cwd(), "lib", "backup", "read-worker.mjs");

type Reply =
  | { kind: "team"; team: RestoredTeam }
  | { kind: "batch"; batch: RowBatch }
  | { kind: "done" }
  | { kind: "error"; code: ErrorCode; message: string; details?: unknown };

let reading = false;

/** One worker, asked one question at a time: read the file, then the next batch until done. */
class BackupReader {
  private readonly worker: WorkerThread = new Worker(workerFile());
  private waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;

  constructor() {
    this.worker.on("message", (reply: Reply) => this.settle((w) => w.resolve(reply)));
    this.worker.on("error", (error) => this.settle((w) => w.reject(error)));
    this.worker.on("exit", (code) => this.settle((w) => w.reject(new Error(`The restore worker stopped (exit code ${code})`))));
  }

  private settle(answer: (waiting: NonNullable<BackupReader["waiting"]>) => void) {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) answer(waiting);
  }

  async ask(message: { kind: "read"; bytes: ArrayBuffer } | { kind: "next" }): Promise<Exclude<Reply, { kind: "error" }>> {
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(message, message.kind === "read" ? [message.bytes] : []);
    });
    if (reply.kind !== "error") return reply;
    throw reply.code === "internal" ? new Error(`Reading the backup failed: ${reply.message}`) : new AppError(reply.code, reply.message, reply.details);
  }

  stop() {
    void this.worker.terminate();
  }
}

/**
 * Reads an uploaded team backup off the request thread: its team once the whole file is checked (the
 * API's error otherwise, e.g. 422 naming a reference outside the file), then its rows batch by batch.
 * The bytes are moved to the worker, not copied: the caller must not use them afterwards.
 */
export async function readBackupOffThread(bytes: Uint8Array<ArrayBuffer>): Promise<{ team: RestoredTeam; batches: AsyncGenerator<RowBatch> }> {
  if (reading) throw new AppError("rate_limited", "Another restore is running; try again when it has finished", undefined, { "Retry-After": "30" });
  reading = true;
  const reader = new BackupReader();
  const done = () => {
    reader.stop();
    reading = false;
  };
  try {
    const first = await reader.ask({ kind: "read", bytes: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer });
    if (first.kind !== "team") throw new Error(`The restore worker answered ${first.kind} first`);
    async function* batches(): AsyncGenerator<RowBatch> {
      try {
        for (let reply = await reader.ask({ kind: "next" }); reply.kind === "batch"; reply = await reader.ask({ kind: "next" })) yield reply.batch;
      } finally {
        done();
      }
    }
    return { team: first.team, batches: batches() };
  } catch (error) {
    done();
    throw error;
  }
}
