import { X } from 'lucide-react';
import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useT } from '../i18n/use-t.ts';

type Item = string | number;

interface Props {
  id: string;
  label: string;
  value: Item[];
  itemType: 'integer' | 'number' | 'string';
  unit?: string;
  disabled?: boolean;
  onChange(value: Item[]): void;
}

// Commas (ASCII or Chinese), semicolons, whitespace and line breaks all separate values.
const SEPARATORS = /[,，;；、\s]+/;

/** One typed token as a list item, or undefined when it is not a value of the item type. */
export function parseItem(token: string, itemType: Props['itemType']): Item | undefined {
  const text = token.trim();
  if (!text) return undefined;
  if (itemType === 'string') return text;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  if (itemType === 'integer' && !Number.isInteger(number)) return undefined;
  return number;
}

/**
 * A list of values (terms in months, regions, list names) entered the way people type them:
 * "12, 24, 36", "12 24 36" or 12 ⏎ 24 ⏎ 36 all give [12, 24, 36]; a pasted list is split the same
 * way. Each value is a chip with a remove button; Backspace in the empty input removes the last.
 * A token that is not a value of the item type stays in the input with the reason, never stored.
 */
export function ListInput({ id, label, value, itemType, unit, disabled, onChange }: Props) {
  const { t } = useT();
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState('');

  /** Adds the complete tokens of `text`; returns what is left to keep typing (the last, unfinished token). */
  const commit = (text: string, complete: boolean): string => {
    const tokens = text.split(SEPARATORS);
    const rest = complete ? '' : (tokens.pop() ?? '');
    const added: Item[] = [];
    const bad: string[] = [];
    for (const token of tokens.filter((token) => token.trim())) {
      const item = parseItem(token, itemType);
      if (item === undefined) bad.push(token.trim());
      else if (!value.includes(item) && !added.includes(item)) added.push(item);
    }
    if (added.length) onChange([...value, ...added]);
    setInvalid(bad.length ? t(itemType === 'string' ? 'list.invalidText' : itemType === 'integer' ? 'list.invalidInteger' : 'list.invalidNumber', { value: bad.join(' ') }) : '');
    return bad.length ? [...bad, rest].filter(Boolean).join(' ') : rest;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      setDraft(commit(draft, true));
    } else if (event.key === 'Backspace' && draft === '' && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    setDraft(commit(draft + event.clipboardData.getData('text'), true));
  };

  return (
    <div className="list-input-wrap">
      <div className={`list-input${disabled ? ' disabled' : ''}`}>
        <ul className="chips" aria-label={label}>
          {value.map((item, index) => (
            <li key={`${item}-${index}`} className="chip-item">
              <span>
                {item}
                {unit && <span className="muted"> {unit}</span>}
              </span>
              {!disabled && (
                <button type="button" className="chip-remove" aria-label={t('list.remove', { value: String(item) })} onClick={() => onChange(value.filter((_, i) => i !== index))}>
                  <X size={12} aria-hidden="true" />
                </button>
              )}
            </li>
          ))}
        </ul>
        <input
          id={id}
          aria-label={label}
          aria-invalid={invalid ? true : undefined}
          value={draft}
          disabled={disabled}
          inputMode={itemType === 'string' ? 'text' : 'decimal'}
          placeholder={value.length ? '' : t(itemType === 'string' ? 'list.placeholderText' : 'list.placeholderNumbers')}
          onChange={(event) => setDraft(SEPARATORS.test(event.target.value) ? commit(event.target.value, false) : event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => draft.trim() && setDraft(commit(draft, true))}
        />
      </div>
      {invalid && (
        <p className="form-error small" role="alert">
          {invalid}
        </p>
      )}
    </div>
  );
}
