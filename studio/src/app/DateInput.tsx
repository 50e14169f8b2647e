import { useEffect, useState } from 'react';
import { isIsoDate } from '../i18n/format.ts';
import { useT } from '../i18n/use-t.ts';

interface Props {
  id?: string;
  label: string;
  value: string; // YYYY-MM-DD or ''
  disabled?: boolean;
  onChange(value: string): void; // only real dates, or '' when cleared
}

/**
 * A date typed as the bank writes it, 2026-12-03, whatever the browser's own locale (the native
 * date input would show 12/03/2026 on an English-US machine), in both languages. An impossible
 * date stays in the field with the reason under it.
 */
export function DateInput({ id, label, value, disabled, onChange }: Props) {
  const { t } = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText((current) => (current === value || (!isIsoDate(current) && value === '') ? current : value)), [value]);
  const invalid = text !== '' && !isIsoDate(text);
  return (
    <span className="date-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        aria-label={label}
        aria-invalid={invalid || undefined}
        placeholder="2026-12-03"
        value={text}
        disabled={disabled}
        onChange={(event) => {
          // 2026/12/3, 2026.12.3 and 2026年12月3日 are read as 2026-12-03.
          const typed = event.target.value
            .trim()
            .replace(/[/.年月]/g, '-')
            .replace(/日$/, '');
          const parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
          const next = parts ? `${parts[1]}-${parts[2].padStart(2, '0')}-${parts[3].padStart(2, '0')}` : typed;
          setText(next);
          if (next === '') onChange('');
          else if (isIsoDate(next)) onChange(next);
        }}
      />
      <small className={invalid ? 'form-error' : 'muted'}>{invalid ? t('date.invalid') : ''}</small>
    </span>
  );
}
