-- 0004: facts about the store itself. `seeding` is present from the moment a process starts seeding
-- an empty database until the seeding is complete: a crash in between leaves it, and the next start
-- seeds again (seeding skips what is already there).

CREATE TABLE store_meta (
  key    text PRIMARY KEY CHECK (key IN ('seeding')),
  value  text NOT NULL
);
