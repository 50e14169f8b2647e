import { describe, expect, it } from 'vitest';
import { applicationBlock } from '../../server/blocks/application/application.block.ts';

const config = (min: string, max: string) => ({
  ...applicationBlock.defaults,
  name: { 'zh-CN': '闪贷', en: 'Flash loan' },
  amount: { ...applicationBlock.defaults.amount, min, max },
  termMonths: { min: 6, max: 36 },
});

describe('the application block’s one-line summary', () => {
  it('groups the amount range with commas in English, as the limit blocks do', () => {
    expect(applicationBlock.summarize!(config('1000', '200000'), 'en')).toBe('Flash loan · CNY 1,000–200,000 · 6–36 months');
    expect(applicationBlock.summarize!(config('500.50', '1234567.25'), 'en')).toBe('Flash loan · CNY 500.50–1,234,567.25 · 6–36 months');
  });

  it('writes whole ten-thousands as 万 in Chinese, other amounts grouped', () => {
    expect(applicationBlock.summarize!(config('1000', '200000'), 'zh-CN')).toBe('闪贷 · 1,000–20万 元 · 6–36 个月');
    expect(applicationBlock.summarize!(config('5000', '123000'), 'zh-CN')).toBe('闪贷 · 5,000–123,000 元 · 6–36 个月');
  });
});
