-- 0002: users can be disabled (NULL = never set, as an absent field), channel keys carry extra
-- scopes, and a review may ask to archive a product.

ALTER TABLE users ADD COLUMN disabled boolean;

ALTER TABLE api_keys ADD COLUMN scopes text[] CHECK (scopes IS NULL OR array_position(scopes, NULL) IS NULL);

ALTER TABLE reviews DROP CONSTRAINT reviews_kind_check;
ALTER TABLE reviews ADD CONSTRAINT reviews_kind_check CHECK (kind IN ('publish', 'rollback', 'archive'));
