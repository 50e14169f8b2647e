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

/** The folder holding base products: `--base-dir`, else the folder above the flow's own (examples/). */
export const baseDirOf = (flowFile: string, baseDir?: string): string => path.resolve(baseDir ?? path.join(path.dirname(path.resolve(flowFile)), '..'));

/** Derived products name their base by id; it is read from `<baseDir>/<baseId>/flow.json`. */
export function folderBaseResolver(baseDir: string): BaseResolver {
  return ({ productId }) => {
    // The id comes from the document: keep it a plain folder name, never a path out of baseDir.
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(productId)) return undefined;
    const candidate = path.join(baseDir, productId, 'flow.json');
    if (!fs.existsSync(candidate)) return undefined;
    return { document: JSON.parse(fs.readFileSync(candidate, 'utf8')) as FlowDocument, version: null };
  };
}

/** The base resolver for a flow file with the default base dir (beside the flow's folder). */
export const siblingBaseResolver = (flowFile: string): BaseResolver => folderBaseResolver(baseDirOf(flowFile));
