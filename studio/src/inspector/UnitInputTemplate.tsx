import { getDefaultRegistry } from '@rjsf/core';
import type { BaseInputTemplateProps } from '@rjsf/utils';
import { formatMoney } from '../i18n/format.ts';

const DefaultInput = getDefaultRegistry().templates.BaseInputTemplate;

/** rjsf's input with the unit (%, bp, 元, 月, 亩…) as a suffix adornment and an accessible name. */
export function UnitInputTemplate(props: BaseInputTemplateProps) {
  const unit = props.options?.unit as string | undefined;
  const label = typeof props.label === 'string' && props.label ? props.label : props.id;
  const input = <DefaultInput {...props} aria-label={label} />;
  if (!unit) return input;
  const money = props.options?.money && props.value !== undefined && props.value !== '' && Number.isFinite(Number(props.value));
  return (
    <>
      <div className="with-unit">
        {input}
        <span className="unit" aria-hidden="true">
          {unit}
        </span>
      </div>
      {money && <div className="money-preview">{formatMoney(props.value as string)}</div>}
    </>
  );
}
