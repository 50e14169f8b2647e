import type { BlockDiagnostic } from '../../engine/diagnostics.ts';
import type { LocalizedText } from '../../engine/text.ts';

/**
 * A check that ids in a config list are unique (branch ids, rule ids, fee codes, list names, crops…),
 * so a product cannot carry two rows where only one can ever apply. Call the returned function on
 * each item in list order: the second and every later use of an id, and any use of a `reserved` id
 * (a router's "else"), is one DUPLICATE_BRANCH error at `pointer`; a first use is nothing. It returns
 * an array so loops can `push(...)` it and whole lists can `flatMap` it, keeping diagnostics in list order.
 */
export function duplicateCheck<Id extends string>(message: (id: Id) => LocalizedText, reserved: readonly string[] = []): (id: Id, pointer: string) => BlockDiagnostic[] {
  const seen = new Set<string>(reserved);
  return (id, pointer) => {
    if (!seen.has(id)) {
      seen.add(id);
      return [];
    }
    return [{ code: 'DUPLICATE_BRANCH', severity: 'error', pointer, message: message(id) }];
  };
}
