/** Readable, deterministic ids: "age-gate-2", "link-14" — the first free number for the prefix. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56) || 'block';
  for (let n = 1; ; n += 1) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}
