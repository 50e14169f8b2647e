import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SchemaRegistry, type RegistryOptions } from './engine/schema-registry.ts';
import { fromRoot } from './root.ts';
import { blockTypes } from './blocks/index.ts';
import type { BlockType } from './engine/block-type.ts';
import type { Catalog } from './engine/catalog.ts';

export type { Catalog } from './engine/catalog.ts';

/** Where the JSON Schemas live (product-schemas/ at the repository root). */
export const SCHEMA_DIR = fromRoot('product-schemas');

/** Reads every *.schema.json under product-schemas/ (the only file I/O; done once at start-up). */
export function loadSchemaFiles(dir = SCHEMA_DIR): object[] {
  const found: object[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.schema.json')) found.push(JSON.parse(fs.readFileSync(full, 'utf8')));
    }
  };
  walk(dir);
  return found;
}

/** Builds a catalog from schemas and block types; rejects duplicate block types. */
export function createCatalog(schemas: object[] = loadSchemaFiles(), types: BlockType<unknown, unknown>[] = blockTypes, options: RegistryOptions = {}): Catalog {
  const byType = new Map<string, BlockType<unknown, unknown>>();
  for (const blockType of types) {
    if (byType.has(blockType.type)) throw new Error(`block type "${blockType.type}" is registered twice`);
    byType.set(blockType.type, blockType);
  }
  return { schemas: new SchemaRegistry(schemas, options), blockTypes: byType, sha256Hex: (text) => createHash('sha256').update(text).digest('hex') };
}

let shared: Catalog | undefined;

/** The process-wide catalog, built on first use. */
export function defaultCatalog(): Catalog {
  shared ??= createCatalog();
  return shared;
}
