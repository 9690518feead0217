// pdf.js as an independent reader: prints, as JSON, the text of page 1 of every PDF named on the command line
// (the text items joined, a line break after each item that ends a line), in the order pdf.js reads them.
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const out = {};
for (const path of process.argv.slice(2)) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  out[path] = content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join("");
  await doc.destroy();
}
// pdf.js warns on stdout that it cannot draw without a canvas package (text needs none): JSON is the last line.
process.stdout.write("\n" + JSON.stringify(out) + "\n");
