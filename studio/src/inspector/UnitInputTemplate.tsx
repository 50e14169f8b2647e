import getDefaultRegistry from '@rjsf/core/lib/getDefaultRegistry.js';
import type { BaseInputTemplateProps } from '@rjsf/utils';
import { useState } from 'react';
import { groupThousands, ungroup } from './money-text.ts';

const DefaultInput = getDefaultRegistry().templates.BaseInputTemplate;

/**
 * A money field: shows "1,250,000.00" grouped in thousands, and the raw digits while it has focus
 * (so the caret never jumps over inserted commas); a pasted "1,250,000" is stored as "1250000".
 */
function MoneyInput(props: BaseInputTemplateProps & { label: string }) {
  const [focused, setFocused] = useState(false);
  const raw = props.value === undefined || props.value === null ? '' : String(props.value);
  return (
    <input
      id={props.id}
      name={props.id}
      className="form-control money-input"
      type="text"
      inputMode="decimal"
      aria-label={props.label}
      aria-invalid={props.rawErrors?.length ? true : undefined}
      disabled={props.disabled}
      readOnly={props.readonly}
      value={focused ? raw : groupThousands(raw)}
      onFocus={(event) => {
        setFocused(true);
        props.onFocus(props.id, event.target.value);
      }}
      onBlur={(event) => {
        setFocused(false);
        props.onBlur(props.id, ungroup(event.target.value));
      }}
      onChange={(event) => {
        const text = ungroup(event.target.value);
        props.onChange(text === '' ? props.options.emptyValue : text);
      }}
    />
  );
}

/** rjsf's input with the unit (%, bp, 元, 月, 亩…) as a suffix adornment and an accessible name. */
export function UnitInputTemplate(props: BaseInputTemplateProps) {
  const unit = props.options?.unit as string | undefined;
  const label = typeof props.label === 'string' && props.label ? props.label : props.id;
  const money = !!props.options?.money && props.schema.type === 'string';
  const input = money ? <MoneyInput {...props} label={label} /> : <DefaultInput {...props} aria-label={label} />;
  if (!unit) return input;
  return (
    <div className="with-unit">
      {input}
      <span className="unit" aria-hidden="true">
        {unit}
      </span>
    </div>
  );
}
