import { Router } from 'express';
import type { BlockCatalog } from '../contracts.ts';
import { BLOCK_CATEGORIES, type BlockType, type BlockTypeInfo } from '../engine/block-type.ts';
import { APPLICATION_SCHEMA_ID, type Catalog } from '../engine/catalog.ts';
import { PORT_KINDS } from '../engine/ports.ts';
import { uiHintsFromSchema } from '../engine/ui-hints.ts';
import { inlineRefs } from '../studio/inline-refs.ts';

/** The serializable part of a block type plus its config schema with every `$ref` inlined and the form hints derived from it. */
export function blockTypeInfo(blockType: BlockType<unknown, unknown>, catalog: Catalog): BlockTypeInfo {
  const { compile: _compile, evaluate: _evaluate, summarize: _summarize, migrations, ...descriptor } = blockType;
  const schema = catalog.schemas.schema(blockType.configSchemaId);
  const configSchema = schema ? inlineRefs(schema, catalog.schemas) : {};
  return {
    ...(descriptor as Omit<BlockTypeInfo, 'configSchema' | 'ui' | 'migrations'>),
    configSchema,
    ui: uiHintsFromSchema(configSchema),
    migrations: (migrations ?? []).map(({ from, to, name }) => ({ from, to, name })),
  };
}

/** The catalog response body; built once, since block types and schemas are fixed at start-up. */
export function catalogBody(catalog: Catalog): BlockCatalog {
  const applicationSchema = catalog.schemas.schema(APPLICATION_SCHEMA_ID);
  return {
    blockTypes: [...catalog.blockTypes.values()].map((blockType) => blockTypeInfo(blockType, catalog)),
    categories: [...BLOCK_CATEGORIES],
    portKinds: [...PORT_KINDS],
    applicationSchema: applicationSchema ? inlineRefs(applicationSchema, catalog.schemas) : {},
  };
}

/**
 * `GET /api/block-types`: the public, developer-facing catalog the studio builds its palette,
 * forms and ports from. No auth. The body is built once; Express adds an ETag so browsers revalidate cheaply.
 */
export function blockTypesRouter(catalog: Catalog): Router {
  const router = Router();
  const body = JSON.stringify(catalogBody(catalog));
  router.get('/', (_req, res) => {
    res.type('application/json').setHeader('Cache-Control', 'no-cache').send(body);
  });
  return router;
}
