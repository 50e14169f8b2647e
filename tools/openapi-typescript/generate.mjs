#!/usr/bin/env node
/**
 * Generates TypeScript types (`paths`, `components`, `operations`) from an OpenAPI document with
 * openapi-typescript 7, the generator channel developers use (`npx openapi-typescript …`).
 * openapi-typescript 7 prints its output through TypeScript 5's compiler API, which TypeScript 7
 * (this project's compiler) no longer ships; this workspace package therefore holds its own
 * TypeScript 5, used for nothing else. Reads a file or URL; never fetches anything a file names.
 *
 *   node tools/openapi-typescript/generate.mjs <openapi.json | http://…/api/openapi.json> <out.ts>
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const [source, out] = process.argv.slice(2);
if (!source || !out) {
  console.error('usage: node tools/openapi-typescript/generate.mjs <openapi.json | URL> <out.ts>');
  process.exit(2);
}
const input = /^https?:\/\//.test(source) ? new URL(source) : pathToFileURL(source);
const ast = await openapiTS(input);
fs.writeFileSync(out, astToString(ast));
