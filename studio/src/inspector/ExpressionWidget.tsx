import { lazy, Suspense } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import type { InspectorFormContext } from './form-context.ts';

const ExpressionEditor = lazy(() => import('../monaco/ExpressionEditor.tsx'));

/** The `expression` widget: Monaco (loaded on first use) with field completion and compile markers. */
export function ExpressionWidget(props: WidgetProps) {
  const context = props.registry.formContext as InspectorFormContext;
  const pointer =
    '/' +
    props.id
      .replace(/^root_?/, '')
      .split('_')
      .filter(Boolean)
      .join('/');
  const markers = context.diagnostics.filter((d) => d.code.startsWith('EXPRESSION_') && d.fieldPointer === pointer);
  const fallback = (
    <textarea className="expression-fallback" value={(props.value as string) ?? ''} aria-label={props.label} onChange={(e) => props.onChange(e.target.value)} readOnly={props.readonly} />
  );
  return (
    <Suspense fallback={fallback}>
      <ExpressionEditor
        value={(props.value as string) ?? ''}
        onChange={(value) => props.onChange(value)}
        readOnly={props.readonly || props.disabled}
        ariaLabel={props.label || pointer}
        markers={markers}
        applicationSchema={context.applicationSchema}
        locale={context.locale}
      />
    </Suspense>
  );
}
