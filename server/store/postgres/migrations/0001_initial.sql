-- 0001: the studio's store as tables. Every constraint here turns a state the application must
-- never reach into an error the database raises, whichever process (or person with psql) writes.

CREATE TABLE products (
  id          text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  name        jsonb NOT NULL CHECK (jsonb_typeof(name) = 'object' AND name ? 'zh-CN' AND name ? 'en'),
  kind        text NOT NULL CHECK (length(kind) > 0),
  document    jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
  revision    integer NOT NULL CHECK (revision >= 1),
  status      text NOT NULL CHECK (status IN ('draft', 'in-review', 'published')),
  archived    boolean NOT NULL DEFAULT false,
  samples     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(samples) = 'array'),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL CHECK (updated_at >= created_at),
  updated_by  text NOT NULL,
  position    bigint GENERATED ALWAYS AS IDENTITY UNIQUE -- listing order: the order products were created in
);

CREATE SEQUENCE review_numbers;

CREATE TABLE reviews (
  id               text PRIMARY KEY,
  product_id       text NOT NULL REFERENCES products (id),
  kind             text NOT NULL CHECK (kind IN ('publish', 'rollback')),
  status           text NOT NULL CHECK (status IN ('open', 'approved', 'rejected')),
  submitted_by     text NOT NULL,
  submitted_at     timestamptz NOT NULL,
  comment          text,
  document         jsonb NOT NULL,
  definition       jsonb NOT NULL,
  hash             text NOT NULL CHECK (hash LIKE 'sha256:%'),
  base_version     integer CHECK (base_version >= 1),
  rollback_of      integer CHECK (rollback_of >= 1),
  decided_by       text,
  decided_at       timestamptz,
  decision_comment text,
  -- a review is decided exactly when it is no longer open: one approval (or rejection) per review
  CHECK ((status = 'open') = (decided_by IS NULL) AND (status = 'open') = (decided_at IS NULL)),
  CHECK (kind = 'rollback' OR rollback_of IS NULL)
);
-- one open review per product
CREATE UNIQUE INDEX reviews_one_open_per_product ON reviews (product_id) WHERE status = 'open';
CREATE INDEX reviews_by_product ON reviews (product_id);

-- a decided review never changes again
CREATE FUNCTION reviews_decided_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'open' THEN
    RAISE EXCEPTION 'review % is already %', OLD.id, OLD.status USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reviews_decided_are_final BEFORE UPDATE ON reviews FOR EACH ROW EXECUTE FUNCTION reviews_decided_are_final();

CREATE TABLE versions (
  product_id    text NOT NULL REFERENCES products (id),
  version       integer NOT NULL CHECK (version >= 1),
  hash          text NOT NULL CHECK (hash LIKE 'sha256:%'),
  definition    jsonb NOT NULL CHECK ((definition ->> 'version')::integer = version AND definition ->> 'hash' = hash),
  document      jsonb NOT NULL,
  channels      text[] NOT NULL,
  submitted_by  text NOT NULL,
  approved_by   text NOT NULL,
  review_id     text NOT NULL,
  published_at  timestamptz NOT NULL,
  PRIMARY KEY (product_id, version)
);

-- what the channel runtime replicas follow: every change of what channels are served, in commit
-- order (writers take an advisory lock first, so a sequence number is never seen before a smaller one)
CREATE TABLE releases (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id  text NOT NULL REFERENCES products (id),
  action      text NOT NULL CHECK (action IN ('publish', 'retire', 'restore')),
  version     integer,
  at          timestamptz NOT NULL,
  CHECK ((action = 'publish') = (version IS NOT NULL)),
  FOREIGN KEY (product_id, version) REFERENCES versions (product_id, version)
);

CREATE TABLE audit_events (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL CHECK (length(action) > 0),
  product_id  text,
  hash_before text,
  hash_after  text,
  detail      jsonb CHECK (detail IS NULL OR jsonb_typeof(detail) = 'object'),
  -- which of hash_before / hash_after the event carried (undefined and null differ in the API)
  has_hash_before boolean NOT NULL DEFAULT false,
  has_hash_after  boolean NOT NULL DEFAULT false
);
CREATE INDEX audit_by_product ON audit_events (product_id, seq);

-- published versions, releases and the audit trail are append-only
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never updated or deleted', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER versions_append_only BEFORE UPDATE OR DELETE ON versions FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER releases_append_only BEFORE UPDATE OR DELETE ON releases FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION append_only();

CREATE TABLE users (
  username      text PRIMARY KEY CHECK (length(username) BETWEEN 1 AND 100),
  display_name  text NOT NULL,
  roles         text[] NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['author', 'approver', 'admin']),
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%')
);

CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  channel     text NOT NULL CHECK (channel IN ('app', 'mini-program', 'branch', 'pad', 'partner')),
  key_hash    text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL
);
