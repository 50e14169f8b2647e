import { useRef, useState } from 'react';
import type { FieldProps, UiSchema } from '@rjsf/utils';
import type { JsonSchema, Locale } from '../api/types.ts';
import { useT } from '../i18n/use-t.ts';
import { parseCsv, toCsv } from '../../../shared/csv.ts';
import type { InspectorFormContext } from './form-context.ts';
import { columnsFor, type TableColumn } from './table-columns.ts';
import { Plus, X } from 'lucide-react';

type Row = Record<string, unknown>;

/** A cell keeps its own text while typing ("0." or "罗平县|") and writes the typed value on blur. */
function CellInput({ label, text, disabled, onCommit }: { label: string; text: string; disabled?: boolean; onCommit(text: string): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      aria-label={label}
      value={draft ?? text}
      disabled={disabled}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => {
        if (draft !== null && draft !== text) onCommit(draft);
        setDraft(null);
      }}
    />
  );
}

const LANGUAGE_WORDS: Record<Locale, Record<'zh-CN' | 'en', string>> = { 'zh-CN': { 'zh-CN': '中文', en: '英文' }, en: { 'zh-CN': 'Chinese', en: 'English' } };

/**
 * A column's heading in the UI language, from the field labels the form already has (its uiSchema:
 * "规则名称 · 英文", "Reason message · Chinese"); the CSV header where a part has none (a condition
 * column "score.min"). The CSV header stays the tooltip and the cells' accessible name.
 */
function columnTitle(column: TableColumn, itemsUi: UiSchema | undefined, locale: Locale): string {
  if (!column.path) return column.header;
  const titles: string[] = [];
  let node = itemsUi;
  for (const part of column.path.split('.')) {
    node = node?.[part] as UiSchema | undefined;
    const title = node?.['ui:title'];
    if (part === 'zh-CN' || part === 'en') titles.push(LANGUAGE_WORDS[locale][part]);
    else if (typeof title === 'string' && title) titles.push(title);
    else return column.header;
  }
  return titles.join(' · ');
}

/** The `decision-table` editor: an editable grid with add/remove row and CSV import/export. */
export function DecisionTableField(props: FieldProps) {
  const { t, locale } = useT();
  const rows = (Array.isArray(props.formData) ? props.formData : []) as Row[];
  const context = props.registry.formContext as InspectorFormContext;
  const columns = columnsFor((props.schema as JsonSchema).items as JsonSchema, context.config);
  const file = useRef<HTMLInputElement>(null);
  const [error, setError] = useState('');
  const title = (props.uiSchema?.['ui:title'] as string) ?? props.schema.title ?? props.name;
  const disabled = props.disabled || props.readonly;
  const change = (next: Row[]) => props.onChange(next, props.fieldPathId?.path ?? []);

  const exportCsv = () => {
    const csv = toCsv([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.get(row)))], { bom: true });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `${props.name || 'table'}.csv` });
    link.click();
    URL.revokeObjectURL(url);
  };

  const importCsv = async (picked: File | undefined) => {
    if (!picked) return;
    setError('');
    const parsed = parseCsv(await picked.text());
    if (parsed.error) {
      const { code, line, column } = parsed.error;
      return setError(t(code === 'unclosed-quote' ? 'table.csvUnclosedQuote' : 'table.csvTextAfterQuote', { line, column }));
    }
    const [header, ...body] = parsed.records;
    if (!header) return setError(t('table.csvEmpty'));
    const names = header.fields.map((name) => name.trim());
    const known = new Map(columns.map((c) => [c.header, c]));
    for (const column of columns) if (column.alias && !known.has(column.alias)) known.set(column.alias, column);
    if (names.includes('label') && !known.has('label')) {
      known.set('label', { header: 'label', get: () => '', set: (row, text) => (text.trim() ? { ...row, label: { 'zh-CN': text.trim(), en: text.trim() } } : row) });
    }
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length) return setError(t('table.csvUnknownColumns', { columns: unknown.join(', '), expected: columns.map((c) => c.header).join(', ') }));
    const ragged = body.find((record) => record.fields.length !== names.length);
    if (ragged) return setError(t('table.csvFieldCount', { line: ragged.line, count: ragged.fields.length, columns: names.length }));
    change(body.map((record) => names.reduce<Row>((row, name, i) => known.get(name)!.set(row, record.fields[i]), {})));
  };

  return (
    <fieldset className="decision-table" aria-label={title}>
      <legend>
        {title} <span className="muted small">{t('table.rows', { count: rows.length })}</span>
      </legend>
      <div className="table-scroll">
        <table className="table grid">
          <thead>
            <tr>
              <th>#</th>
              {columns.map((column) => (
                <th key={column.header} title={column.header}>
                  {columnTitle(column, props.uiSchema?.items as UiSchema | undefined, locale)}
                </th>
              ))}
              <th aria-label={t('table.removeRow', { row: '' })} />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td className="muted">{index + 1}</td>
                {columns.map((column) => (
                  <td key={column.header}>
                    <CellInput
                      label={`${column.header} ${index + 1}`}
                      text={column.get(row)}
                      disabled={disabled}
                      onCommit={(text) => change(rows.map((r, i) => (i === index ? column.set(r, text) : r)))}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="btn btn-ghost icon"
                    disabled={disabled}
                    aria-label={t('table.removeRow', { row: index + 1 })}
                    onClick={() => change(rows.filter((_, i) => i !== index))}
                  >
                    <X size={16} aria-hidden="true" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-actions">
        <button type="button" className="btn" disabled={disabled} aria-label={t('table.addRow')} onClick={() => change([...rows, {}])}>
          <Plus size={16} aria-hidden="true" /> {t('table.addRow')}
        </button>
        <button type="button" className="btn btn-ghost" disabled={disabled} aria-label={t('table.importCsv')} onClick={() => file.current?.click()}>
          {t('table.importCsv')}
        </button>
        <button type="button" className="btn btn-ghost" aria-label={t('table.exportCsv')} onClick={exportCsv}>
          {t('table.exportCsv')}
        </button>
        <input ref={file} type="file" accept=".csv,text/csv" hidden aria-label={t('table.importCsv')} onChange={(e) => void importCsv(e.target.files?.[0])} />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t('table.csvError', { message: error })}
        </p>
      )}
      {props.rawErrors?.map((message) => (
        <p key={message} className="form-error small">
          {message}
        </p>
      ))}
    </fieldset>
  );
}
