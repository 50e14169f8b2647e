import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../studio/src/i18n/en.ts';
import { translate } from '../../studio/src/i18n/use-t.ts';
import { zhCN, type MessageKey } from '../../studio/src/i18n/zh-CN.ts';

const CJK = /[\u3400-\u9fff]/;
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]))].sort();
// Strings that read the same in both languages on purpose.
// app.languageName names the other language (English in zh-CN, 中文 in English), JSON is JSON.
const SAME_IN_BOTH = new Set<string>(['app.languageName', 'tab.json']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('the studio dictionaries', () => {
  it('have the same keys in zh-CN and English', () => {
    const zhKeys = Object.keys(zhCN).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys.filter((key) => !(key in zhCN))).toEqual([]);
    expect(zhKeys.filter((key) => !(key in en))).toEqual([]);
  });

  it('translate every string: Chinese in zh-CN, no Chinese in English, the same placeholders in both', () => {
    const untranslated: string[] = [];
    for (const key of Object.keys(zhCN) as MessageKey[]) {
      const zh = zhCN[key];
      const english = en[key];
      if (!zh.trim() || !english.trim()) untranslated.push(`${key}: empty`);
      if (CJK.test(english) && !SAME_IN_BOTH.has(key)) untranslated.push(`${key}: Chinese in English "${english}"`);
      if (!SAME_IN_BOTH.has(key) && !CJK.test(zh) && zh === english && /[a-z]{3}/i.test(zh)) untranslated.push(`${key}: English in zh-CN "${zh}"`);
      expect(placeholders(english), key).toEqual(placeholders(zh));
    }
    expect(untranslated).toEqual([]);
  });

  it('has every key the studio code asks for with a literal t("…")', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.resolve('studio/src'))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([\w.-]+)'/g)) {
        if (!(match[1] in zhCN)) missing.push(`${path.relative('studio/src', file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says "1 warning" and "0 errors" in English, and 个 in Chinese', () => {
    expect(translate('en', 'problems.count', { errors: 0, warnings: 1 })).toBe('0 errors, 1 warning');
    expect(translate('en', 'problems.count', { errors: 1, warnings: 2 })).toBe('1 error, 2 warnings');
    expect(translate('zh-CN', 'problems.count', { errors: 0, warnings: 1 })).toMatch(/0 个错误.*1 个警告/);
  });
});
