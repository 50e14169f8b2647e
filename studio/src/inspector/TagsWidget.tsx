import getDefaultRegistry from '@rjsf/core/lib/getDefaultRegistry.js';
import type { WidgetProps } from '@rjsf/utils';
import { ListInput } from './ListInput.tsx';

const { CheckboxesWidget, TextWidget } = getDefaultRegistry().widgets;

/**
 * The `tags` hint: checkboxes when the field is a list of known values (channels), a multi-value
 * input otherwise (terms in months, regions, list names), typed by the item schema.
 */
export function TagsWidget(props: WidgetProps) {
  const items = props.schema.items as { enum?: unknown[]; type?: string } | undefined;
  if (props.schema.type === 'array' && items?.enum) return <CheckboxesWidget {...props} options={{ ...props.options, inline: true }} />;
  if (props.schema.type === 'array') {
    const itemType = items?.type === 'integer' || items?.type === 'number' ? items.type : 'string';
    return (
      <ListInput
        id={props.id}
        label={props.label || props.id}
        value={Array.isArray(props.value) ? (props.value as (string | number)[]) : []}
        itemType={itemType}
        unit={props.options?.unit as string | undefined}
        disabled={props.disabled || props.readonly}
        onChange={(value) => props.onChange(value)}
      />
    );
  }
  return <TextWidget {...props} />;
}
