import { SaxesParser } from "saxes";

/**
 * The first well-formedness error of an XML document ("3:17: unclosed tag: channel"), or null. feedsmith reads
 * what it can of a cut-off document, which would keep half a feed and say nothing; a strict parser says where it
 * broke. Undefined entities (`&nbsp;` in a title) are let through, as every feed reader does.
 */
export function wellFormednessError(xml: string): string | null {
  const parser = new SaxesParser();
  let first: string | null = null;
  parser.on("error", (error) => {
    if (!first && !/undefined entity/.test(error.message)) first = error.message;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    first ??= (error as Error).message;
  }
  return first;
}
