/**
 * Re-lays out the example products' stored positions (examples/<id>/flow.json) with the studio's
 * automatic layout, using the block sizes a real browser draws at 1440×900 in both UI languages
 * (the larger of the two) and the canvas the editor shows. Run after changing the layout or the
 * block node's look: `npx tsx scripts/relayout-examples.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO, ROOT, signIn, startHarness } from '../test/browser/harness.ts';
import { layoutPositions, type Size } from '../studio/src/flow/layout.ts';
import { outputPort } from '../studio/src/flow/ports.ts';
import type { BlockTypeInfo, FlowDocument, FlowLink } from '../studio/src/api/types.ts';

const harness = await startHarness();
try {
  const { page } = await harness.newPage();
  await signIn(page, harness.url, DEMO.author);
  const { blockTypes } = (await (await fetch(`${harness.url}/api/block-types`)).json()) as { blockTypes: BlockTypeInfo[] };
  const types = new Map(blockTypes.map((type) => [type.type, type]));
  for (const id of fs.readdirSync(path.join(ROOT, 'examples'))) {
    const file = path.join(ROOT, 'examples', id, 'flow.json');
    if (!fs.existsSync(file)) continue;
    const flow = JSON.parse(fs.readFileSync(file, 'utf8')) as FlowDocument;
    if (!flow.blocks.length) continue; // a derived product draws its base's blocks
    const sizes: Record<string, Size> = {};
    let viewport: Size | undefined;
    for (const locale of ['zh-CN', 'en']) {
      await page.evaluate((value) => localStorage.setItem('studio.locale', value), locale);
      const compiled = page.waitForResponse((response) => response.url().endsWith('/api/studio/compile'));
      await page.goto(`${harness.url}/#/products/${id}`);
      await page.reload();
      await page.locator('.react-flow__node').first().waitFor();
      await compiled;
      await page.waitForTimeout(300);
      const seen = await page.evaluate(() => ({
        nodes: [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((node) => ({ id: node.dataset.id!, width: node.offsetWidth, height: node.offsetHeight })),
        pane: (({ width, height }) => ({ width, height }))(document.querySelector('.canvas .react-flow')!.getBoundingClientRect()),
      }));
      for (const node of seen.nodes) sizes[node.id] = { width: Math.max(sizes[node.id]?.width ?? 0, node.width), height: Math.max(sizes[node.id]?.height ?? 0, node.height) };
      viewport = seen.pane;
    }
    const blocks = new Map(flow.blocks.map((block) => [block.id, block]));
    const isRejection = (link: FlowLink) => {
      const from = blocks.get(link.from.block);
      return !!from && outputPort(types.get(from.type), from, link.from.port)?.kind === 'rejection';
    };
    const positions = layoutPositions(flow, sizes, { isRejection, viewport });
    for (const block of flow.blocks) block.position = positions[block.id]!;
    fs.writeFileSync(file, `${JSON.stringify(flow, null, 2)}\n`);
    console.log(`${id}: ${flow.blocks.length} blocks laid out for a ${viewport!.width}×${viewport!.height} canvas`);
  }
} finally {
  await harness.stop();
}
