import JSZip from "jszip";

// Rewrites a zip so that its bytes depend only on its contents: every entry gets the same fixed date (zip
// entries otherwise carry the time of writing), entries keep their order, and text parts can be edited on
// the way through (e.g. the DOCX core properties' created/modified dates).

export type PartEdits = Readonly<Record<string, (text: string) => string>>;

// DOS dates start in 1980; an earlier instant could not be written.
const ZIP_EPOCH = Date.UTC(1980, 0, 1);

export interface RestampOptions {
  /** Text edits by entry path. */
  edits?: PartEdits;
  /** Entries to write first, in this order (file-type sniffers look at the first entry); the rest keep theirs. */
  first?: readonly string[];
}

export async function restampZip(bytes: Uint8Array, at: Date, { edits = {}, first = [] }: RestampOptions = {}): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const date = new Date(Math.max(at.getTime(), ZIP_EPOCH));
  const target = new JSZip();
  const rank = (name: string) => (first.includes(name) ? first.indexOf(name) : first.length);
  // Array.prototype.sort is stable, so entries not named in `first` keep their order.
  const entries = Object.values(source.files).sort((a, b) => rank(a.name) - rank(b.name));
  for (const entry of entries) {
    if (entry.dir) continue;
    const edit = edits[entry.name];
    const content = edit ? edit(await entry.async("string")) : await entry.async("uint8array");
    target.file(entry.name, content, { date, createFolders: false });
  }
  return target.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
    platform: "DOS",
  });
}
