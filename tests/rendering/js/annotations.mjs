// pdf.js as an independent reader of link annotations: prints, as JSON, the link annotations of page 1 of every
// PDF named on the command line ({subtype, url, contents, rect}).
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const out = {};
for (const path of process.argv.slice(2)) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const annotations = await page.getAnnotations();
  out[path] = annotations.map((a) => ({ subtype: a.subtype, url: a.url, contents: a.contentsObj?.str, rect: a.rect }));
  await doc.destroy();
}
process.stdout.write("\n" + JSON.stringify(out) + "\n");
