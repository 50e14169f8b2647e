-- 0003: sessions and sign-in throttling counters in the database, so that any number of authoring
-- processes share them (a sign-in on one is known to all; five failures on each count as ten).

CREATE TABLE sessions (
  sid_hash    text PRIMARY KEY CHECK (sid_hash ~ '^[0-9a-f]{64}$'), -- sha256 of the cookie value: a dump of the table signs nobody in
  username    text NOT NULL REFERENCES users (username) ON DELETE CASCADE,
  session     jsonb NOT NULL CHECK (jsonb_typeof(session) = 'object'), -- the SessionUser as at sign-in
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (username);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE sign_in_failures (
  scope     text NOT NULL CHECK (scope IN ('sign-in-account', 'sign-in-address')),
  key       text NOT NULL CHECK (length(key) <= 300),
  hits      integer NOT NULL CHECK (hits >= 0),
  reset_at  timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
