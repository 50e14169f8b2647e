import fs from 'node:fs';
import path from 'node:path';
import type { FlowDocument } from '../engine/flow-document.ts';
import type { BaseResolver } from '../engine/compiler/resolve-base.ts';

/** Reads a JSON file, or exits 2 with a message naming the file. */
export function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`${file}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

/** Derived products name their base by id; look for it beside the flow's folder (examples/<id>/flow.json). */
export function siblingBaseResolver(flowFile: string): BaseResolver {
  return ({ productId }) => {
    const candidate = path.join(path.dirname(path.resolve(flowFile)), '..', productId, 'flow.json');
    if (!fs.existsSync(candidate)) return undefined;
    return { document: JSON.parse(fs.readFileSync(candidate, 'utf8')) as FlowDocument, version: null };
  };
}
