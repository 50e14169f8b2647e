import type { BlockTypeInfo, FlowBlock, LocalizedText, Locale } from '../api/types.ts';
import { formatMoney } from '../i18n/format.ts';
import { translate } from '../i18n/use-t.ts';
import type { MessageKey } from '../i18n/zh-CN.ts';

const isText = (value: unknown): value is LocalizedText => !!value && typeof value === 'object' && 'zh-CN' in (value as object);

/**
 * The node's subtitle — the one place it is computed. The block type's own `summarize` (sent by the
 * server with each compile, `fromServer`) knows the key figures (an LTV block's ratios, a gate's
 * bounds); until the first compile answers, and for blocks with errors, a generic line from the
 * config and the type's UI hints stands in: the first few simple fields as "label value unit".
 */
export function summarize(block: FlowBlock, blockType: BlockTypeInfo | undefined, locale: Locale, fromServer?: LocalizedText): string {
  if (fromServer?.[locale]) return fromServer[locale];
  if (!blockType) return '';
  const fields = blockType.ui.fields ?? {};
  const keys = blockType.ui.order ?? Object.keys(blockType.configSchema.properties ?? block.config);
  const parts: string[] = [];
  for (const key of keys) {
    if (parts.length >= 3) break;
    const value = block.config[key];
    const hint = fields[`/${key}`];
    if (hint?.widget === 'expression' || hint?.widget === 'decision-table') continue;
    let shown: string | undefined;
    if (typeof value === 'number' || (typeof value === 'string' && value.length <= 24)) {
      shown = hint?.enumLabels?.[String(value)]?.[locale] ?? String(value);
    } else if (typeof value === 'boolean') {
      shown = value ? '✓' : '✗';
    } else if (isText(value)) {
      shown = value[locale];
    } else if (Array.isArray(value) && value.length && value.length <= 4 && value.every((item) => typeof item !== 'object')) {
      shown = value.map((item) => hint?.enumLabels?.[String(item)]?.[locale] ?? String(item)).join(' / ');
    } else if (Array.isArray(value)) {
      shown = `${value.length}`;
    }
    if (shown === undefined || shown === '') continue;
    const label = hint?.label?.[locale] ?? blockType.configSchema.properties?.[key]?.title ?? key;
    if (hint?.unit === 'CNY' && Number.isFinite(Number(shown))) {
      parts.push(`${label} ${formatMoney(shown)}`);
      continue;
    }
    const unit = hint?.unit ? translate(locale, `unit.${hint.unit}` as MessageKey) : '';
    parts.push(`${label} ${shown}${unit ? ` ${unit}` : ''}`);
  }
  return parts.join(' · ');
}
