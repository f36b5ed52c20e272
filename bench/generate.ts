// The PostgreSQL dataset, generated in its own process so that bench/run.ts can build the PGlite
// dataset at the same time (each keeps one core busy).
//
//   tsx --conditions=react-server bench/generate.ts <postgres-url> <result.json>
import { writeFileSync } from "node:fs";
import { LARGE } from "./lib/dataset";
import { ensurePostgresDataset } from "./lib/datasets";

const [url, outPath] = process.argv.slice(2);
if (!url || !outPath) throw new Error("usage: generate.ts <postgres-url> <result.json>");
const result = await ensurePostgresDataset(url, LARGE, (message) => process.stderr.write(`  [postgres] ${message.trim()}\n`));
writeFileSync(outPath, JSON.stringify(result));
