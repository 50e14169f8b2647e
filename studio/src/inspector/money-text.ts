/**
 * Money as a person reads and types it: "1,250,000.5" ⇄ the exact decimal string "1250000.5".
 * String operations only — no float ever holds the amount.
 */

/** Groups the integer part in thousands; anything that is not a plain decimal is returned as typed. */
export function groupThousands(value: string): string {
  const match = /^(-?)(\d+)(\.\d*)?$/.exec(value);
  if (!match) return value;
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${match[3] ?? ''}`;
}

/** What was typed, without grouping separators (ASCII or full-width commas, spaces, underscores). */
export function ungroup(text: string): string {
  return text.replace(/[,，\s_]/g, '');
}
