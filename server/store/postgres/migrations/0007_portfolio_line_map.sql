-- 0007: which line of the uploaded file each stored row of a portfolio came from (#16: reports name
-- the uploaded file's lines, not the stored rows'). The breakpoints of that map as text (see
-- server/simulation/line-map.ts); NULL when every stored row is its own line, and for portfolios
-- stored before this migration (their lines keep being counted in the stored rows). It goes with
-- the description: the same rows uploaded again from another file take the new file's map.
ALTER TABLE portfolios ADD COLUMN line_map text CHECK (line_map IS NULL OR (left(line_map, 1) = '[' AND right(line_map, 1) = ']'));
