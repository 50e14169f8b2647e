/**
 * A write the store refused because it would break a rule the store itself enforces across
 * processes (PostgreSQL's constraints): answered as 409 with `code`.
 */
export class StoreConflict extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
