/**
 * Lays out every example flow left to right with the studio's own automatic layout (dagre), so
 * the examples open tidy on the canvas: `npx tsx scripts/layout-examples.ts`. Derived products
 * have no blocks of their own and are skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { layoutPositions } from '../studio/src/flow/layout.ts';
import type { FlowDocument } from '../studio/src/api/types.ts';

const examples = path.join(import.meta.dirname, '..', 'examples');
for (const name of fs.readdirSync(examples).sort()) {
  const file = path.join(examples, name, 'flow.json');
  if (!fs.existsSync(file)) continue;
  const document = JSON.parse(fs.readFileSync(file, 'utf8')) as FlowDocument;
  if (!document.blocks.length) continue;
  const positions = layoutPositions(document);
  for (const block of document.blocks) block.position = positions[block.id];
  fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`${name}: ${document.blocks.length} blocks laid out\n`);
}
