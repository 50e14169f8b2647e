-- 0006: portfolios, simulation reports and simulation jobs in the database (#16), so that every
-- process sharing it — replicas behind a load balancer — sees the same ones: a portfolio uploaded
-- through one is simulated through another, a review's report is read through any, and a job is
-- polled or cancelled through any. With the embedded store they stay files under DATA_DIR.

-- A portfolio's description; its rows are the chunks sharing its rows_id. Identity: the SHA-256
-- of the rows' JSON-lines text, scoped to the product (another product's hash is not found).
CREATE TABLE portfolios (
  product_id  text NOT NULL CHECK (product_id ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  hash        text NOT NULL CHECK (hash ~ '^sha256:[0-9a-f]{64}$'),
  rows_id     uuid NOT NULL UNIQUE,
  meta        jsonb NOT NULL CHECK (jsonb_typeof(meta) = 'object'),
  uploaded_at timestamptz NOT NULL,
  PRIMARY KEY (product_id, hash)
);

-- The rows (personal data), as consecutive pieces of the JSON-lines text, each ending with a
-- line end: read in chunk order they are the text the hash was taken of. Deleting the portfolio
-- deletes them. Written inside the upload's transaction before its portfolio row exists, hence
-- the deferred check.
CREATE TABLE portfolio_chunks (
  rows_id uuid NOT NULL REFERENCES portfolios (rows_id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  chunk   integer NOT NULL CHECK (chunk >= 0),
  lines   text NOT NULL CHECK (right(lines, 1) = E'\n'),
  PRIMARY KEY (rows_id, chunk)
);

-- Reports by the SHA-256 of their JSON text, stored as that very text (json would reorder nothing,
-- jsonb would: the bytes must stay the hashed ones).
CREATE TABLE simulation_reports (
  hash       text PRIMARY KEY CHECK (hash ~ '^sha256:[0-9a-f]{64}$'),
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Simulation jobs as the API shows them (job), with what other processes need beside: the
-- status, the running process's heartbeat (database time: the processes' clocks need not agree)
-- and a cancellation another process asked for.
CREATE TABLE simulation_jobs (
  id               uuid PRIMARY KEY,
  product_id       text NOT NULL,
  status           text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  job              jsonb NOT NULL CHECK (job ->> 'status' = status AND job ->> 'id' = id::text),
  cancel_requested boolean NOT NULL DEFAULT false,
  started_at       timestamptz NOT NULL,
  heartbeat_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX simulation_jobs_finished ON simulation_jobs (started_at) WHERE status <> 'running';
