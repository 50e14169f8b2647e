import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const statements = (file: string) =>
  fs
    .readFileSync(new URL(file, root), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => /^(import|export)\b/.test(line));

describe('the studio shares the server contract, type-only', () => {
  it('imports the API types from server/contracts.ts with `export type` only, so no server code reaches the bundle', () => {
    const lines = statements('studio/src/api/types.ts');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^export type \{/);
    expect(fs.readFileSync(new URL('studio/src/api/types.ts', root), 'utf8')).toContain("from '../../../server/contracts.ts'");
  });

  it('keeps server/contracts.ts free of runtime code: every import and export is type-only, no value is declared', () => {
    const lines = statements('server/contracts.ts');
    for (const line of lines) expect(line).toMatch(/^(import type |export type |export interface )/);
  });

  it('leaves the studio bundle without server modules (the studio never imports server/ except the contract)', () => {
    const offenders: string[] = [];
    const walk = (dir: URL) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const url = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
        if (entry.isDirectory()) walk(url);
        else if (/\.tsx?$/.test(entry.name)) {
          for (const match of fs.readFileSync(url, 'utf8').matchAll(/from '((?:\.\.\/)+server\/[^']+)'/g)) {
            if (!match[1].endsWith('server/contracts.ts')) offenders.push(`${url.pathname}: ${match[1]}`);
          }
        }
      }
    };
    walk(new URL('studio/src/', root));
    expect(offenders).toEqual([]);
  });
});
