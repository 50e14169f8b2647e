import type { BlockType } from './block-type.ts';
import type { Sha256Hex } from './compiler/hash.ts';
import type { SchemaRegistry } from './schema-registry.ts';

/** What the compiler and runtime need: the schema registry and the registered block types by name. */
export interface Catalog {
  schemas: SchemaRegistry;
  blockTypes: ReadonlyMap<string, BlockType<unknown, unknown>>;
  sha256Hex?: Sha256Hex; // a faster SHA-256 the host offers (the server: node:crypto); default: the engine's pure one
}

export const APPLICATION_SCHEMA_ID = 'https://schemas.loan-blocks.dev/application.schema.json';
export const FLOW_SCHEMA_ID = 'https://schemas.loan-blocks.dev/flow.schema.json';
export const PRODUCT_SCHEMA_ID = 'https://schemas.loan-blocks.dev/product.schema.json';
export const DECISION_SCHEMA_ID = 'https://schemas.loan-blocks.dev/decision.schema.json';
