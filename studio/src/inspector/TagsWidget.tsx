import { getDefaultRegistry } from '@rjsf/core';
import type { WidgetProps } from '@rjsf/utils';

const { CheckboxesWidget, TextWidget } = getDefaultRegistry().widgets;

/**
 * The `tags` hint: checkboxes when the field is a list of known values (channels), a plain text
 * input otherwise (a single tag, or free values separated by commas).
 */
export function TagsWidget(props: WidgetProps) {
  const items = props.schema.items as { enum?: unknown[] } | undefined;
  if (props.schema.type === 'array' && items?.enum) return <CheckboxesWidget {...props} options={{ ...props.options, inline: true }} />;
  if (props.schema.type === 'array') {
    const value = Array.isArray(props.value) ? (props.value as string[]).join(', ') : '';
    return <TextWidget {...props} value={value} onChange={(text: string) => props.onChange(String(text ?? '').split(',').map((s) => s.trim()).filter(Boolean))} />;
  }
  return <TextWidget {...props} />;
}
