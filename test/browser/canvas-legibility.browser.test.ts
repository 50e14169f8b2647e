import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, shot, signIn, startHarness, type Harness } from './harness.ts';

/**
 * Every example product, opened as a product manager opens it in a 1440×900 window, after 自动布局
 * and 适应画布: the zoom (read from React Flow's transform) and every block's whole title on screen
 * (no "…", nothing clipped, inside the canvas, no block on top of another, nothing floating over a block).
 */
let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  ({ page } = await harness.newPage());
  await signIn(page, harness.url, DEMO.author);
});
afterAll(async () => harness?.stop());

interface Legibility {
  zoom: number;
  blocks: number;
  notWhole: string[]; // titles cut, clipped or outside the canvas
  overlaps: string[]; // pairs of blocks drawn over each other
  covered: string[]; // blocks under a floating control
  titlePx: number; // the smallest title font size on screen
}

/** Measures what the person sees, in the DOM. */
function measure(target: Page): Promise<Legibility> {
  return target.evaluate(() => {
    const pane = document.querySelector('.canvas .react-flow')!.getBoundingClientRect();
    const transform = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform;
    const zoom = new DOMMatrix(transform).a;
    const nodes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')];
    const rects = nodes.map((node) => ({ id: node.dataset.id!, rect: node.getBoundingClientRect() }));
    const notWhole: string[] = [];
    let titlePx = Infinity;
    for (const node of nodes) {
      const title = node.querySelector<HTMLElement>('.block-title')!;
      const style = getComputedStyle(title);
      const box = node.getBoundingClientRect();
      const inside = box.left >= pane.left - 1 && box.right <= pane.right + 1 && box.top >= pane.top - 1 && box.bottom <= pane.bottom + 1;
      const clipped = title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1 || style.textOverflow === 'ellipsis';
      if (!inside || clipped) notWhole.push(`${node.dataset.id}: ${title.textContent}${inside ? '' : ' (outside the canvas)'}`);
      titlePx = Math.min(titlePx, parseFloat(style.fontSize) * zoom);
    }
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const overlaps: string[] = [];
    rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => hit(a.rect, b.rect) && overlaps.push(`${a.id} × ${b.id}`)));
    const floating = [...document.querySelectorAll('.react-flow__panel, .react-flow__minimap, .react-flow__controls')].map((el) => el.getBoundingClientRect());
    const covered = rects.filter(({ rect }) => floating.some((panel) => hit(panel, rect))).map(({ id }) => id);
    return { zoom, blocks: nodes.length, notWhole, overlaps, covered, titlePx };
  });
}

async function openLaidOut(id: string, buttons: { layout: string; fit: string; saved: string }): Promise<void> {
  const compiled = page.waitForResponse((response) => response.url().endsWith('/api/studio/compile'));
  await page.goto(`${harness.url}/#/products/${id}`);
  await page.locator('.react-flow__node').first().waitFor();
  await compiled; // the subtitles come with the first compile and can change the blocks' heights
  await page.waitForTimeout(300);
  const layout = page.getByRole('button', { name: buttons.layout, exact: true });
  if (await layout.isEnabled()) {
    await layout.click();
    await page.waitForTimeout(400);
    await page.keyboard.press('Control+s'); // keep no local backup behind for the next visit
    await page.getByTestId('save-state').filter({ hasText: buttons.saved }).waitFor();
  }
  await page.getByRole('button', { name: buttons.fit, exact: true }).first().click();
  await page.waitForTimeout(500); // the fit animates for 300 ms
}

/** The zoom a product of this many blocks must keep: the bar, 17 blocks ≥ 70 % and up to 40 blocks ≥ 50 %. */
const minimumZoom = (blocks: number) => (blocks <= 17 ? 0.7 : 0.5);

const LANGUAGES = [
  { locale: 'zh-CN', layout: '自动布局', fit: '适应画布', saved: '已保存' },
  { locale: 'en', layout: 'Auto layout', fit: 'Fit view', saved: 'Saved' },
] as const;

describe('every example product is legible after automatic layout and fit view', () => {
  for (const language of LANGUAGES) {
    it(`in ${language.locale}`, async () => {
      await page.evaluate((locale) => localStorage.setItem('studio.locale', locale), language.locale);
      await page.reload();
      const { products } = await page.evaluate(async () => (await fetch('/api/studio/products')).json());
      const ids = (products as { id: string }[]).map((product) => product.id);
      expect(ids).toEqual(expect.arrayContaining(['mortgage-fast', 'merchant', 'salaried', 'agricultural', 'flash-loan']));
      const report: Record<string, Legibility> = {};
      for (const id of ids) {
        await openLaidOut(id, language);
        report[id] = await measure(page);
        await shot(page, `legible-${id}-${language.locale}`);
      }
      for (const [id, seen] of Object.entries(report)) {
        expect.soft(seen.notWhole, `${id}: titles not whole`).toEqual([]);
        expect.soft(seen.overlaps, `${id}: blocks over each other`).toEqual([]);
        expect.soft(seen.covered, `${id}: blocks under a control`).toEqual([]);
        expect.soft(seen.zoom, `${id}: zoom for ${seen.blocks} blocks`).toBeGreaterThanOrEqual(minimumZoom(seen.blocks));
      }
      expect(report['mortgage-fast']!.blocks).toBe(17);
      expect(report['mortgage-fast']!.zoom).toBeGreaterThanOrEqual(0.7);
      console.log(language.locale, Object.entries(report).map(([id, seen]) => `${id}: ${seen.blocks} blocks at ${Math.round(seen.zoom * 100)} %, title ${seen.titlePx.toFixed(1)} px`).join('; '));
    });
  }

  it('lays a 40-block product out legibly, its decline outcome in a lane below the gate that fails to it', async () => {
    await page.evaluate(() => localStorage.setItem('studio.locale', 'zh-CN'));
    const { blockTypes } = await page.evaluate(async () => (await fetch('/api/block-types')).json());
    const middle = (blockTypes as { type: string; role: string; defaults: object; inputs: { id: string }[]; outputs: { id: string; kind: string }[]; dynamicOutputs?: unknown }[])
      .filter((type) => (type.role === 'gate' || type.role === 'contributor') && !type.dynamicOutputs && type.inputs[0]?.id === 'in' && type.outputs.some((port) => port.kind === 'application'));
    const defaults = (name: string) => (blockTypes as { type: string; defaults: object }[]).find((type) => type.type === name)!.defaults;
    const blocks: object[] = [{ id: 'start', type: 'application', typeVersion: 1, config: defaults('application'), position: { x: 0, y: 0 } }];
    const links: object[] = [];
    let previous = { block: 'start', port: 'out' };
    let firstGate: string | undefined;
    for (let i = 0; i < 37; i += 1) {
      const type = middle[i % middle.length]!;
      const id = `b${i + 1}`;
      blocks.push({ id, type: type.type, typeVersion: 1, config: type.defaults, position: { x: (i % 6) * 40, y: 0 } });
      links.push({ id: `l${i}`, from: previous, to: { block: id, port: 'in' } });
      previous = { block: id, port: type.outputs.find((port) => port.kind === 'application')!.id };
      if (!firstGate && type.role === 'gate') firstGate = id;
    }
    blocks.push({ id: 'approve', type: 'offer', typeVersion: 1, config: defaults('offer'), position: { x: 0, y: 0 } }, { id: 'no', type: 'decline', typeVersion: 1, config: defaults('decline'), position: { x: 0, y: 0 } });
    links.push({ id: 'l-approve', from: previous, to: { block: 'approve', port: 'in' } }, { id: 'l-fail', from: { block: firstGate, port: 'fail' }, to: { block: 'no', port: 'in' } });
    const created = await page.evaluate(async (document) => {
      const made = await fetch('/api/studio/products', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'empty', id: 'forty-blocks', name: { 'zh-CN': '四十积木', en: 'Forty blocks' } }) });
      const { revision } = await made.json();
      const saved = await fetch('/api/studio/products/forty-blocks/draft', { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': `"${revision}"` }, body: JSON.stringify({ document }) });
      return saved.status;
    }, { schemaVersion: 1, blocks, links });
    expect(created).toBe(200);
    await page.reload();
    await openLaidOut('forty-blocks', LANGUAGES[0]);
    const seen = await measure(page);
    await shot(page, 'legible-forty-blocks-zh-CN');
    expect(seen.blocks).toBe(40);
    expect(seen.notWhole).toEqual([]);
    expect(seen.overlaps).toEqual([]);
    expect(seen.zoom).toBeGreaterThanOrEqual(0.5);
    const lanes = await page.evaluate((gate) => {
      const top = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`)!.getBoundingClientRect();
      return { gateBottom: top(gate).bottom, declineTop: top('no').top };
    }, firstGate!);
    expect(lanes.declineTop).toBeGreaterThan(lanes.gateBottom);
  });
});
