-- 0005: a review keeps the impact of its change at submission (#16): the test suite's result and
-- the portfolio simulation's summary; the report itself is a file referenced by its hash.

ALTER TABLE reviews ADD COLUMN impact jsonb;
