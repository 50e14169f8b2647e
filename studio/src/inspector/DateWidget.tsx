import type { WidgetProps } from '@rjsf/utils';
import { DateInput } from '../app/DateInput.tsx';

/** rjsf's `date` widget (format: date, or the `date` hint) as a YYYY-MM-DD text field. */
export function DateWidget(props: WidgetProps) {
  return (
    <DateInput
      id={props.id}
      label={props.label || props.id}
      value={typeof props.value === 'string' ? props.value : ''}
      disabled={props.disabled || props.readonly}
      onChange={(value) => props.onChange(value === '' ? props.options.emptyValue : value)}
    />
  );
}
