import type { JsonSchema, LocalizedText } from '../api/types.ts';

export interface FieldPath {
  path: string; // dotted, e.g. "applicant.bureau.currentOverdue"
  type: string;
  label?: LocalizedText;
}

/** Every field of the application schema as a dotted path (for expression completion). */
export function fieldPaths(schema: JsonSchema | undefined, prefix = '', depth = 0): FieldPath[] {
  if (!schema?.properties || depth > 6) return [];
  const paths: FieldPath[] = [];
  for (const [name, child] of Object.entries<JsonSchema>(schema.properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    const type = Array.isArray(child.type) ? child.type.join('|') : (child.type ?? 'any');
    paths.push({ path, type, label: child['x-label'] });
    if (child.properties) paths.push(...fieldPaths(child, path, depth + 1));
  }
  return paths;
}
