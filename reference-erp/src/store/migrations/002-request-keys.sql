-- Idempotency keyed by who asks and what: a stored decision is returned only to a request with
-- the same foresporselId, the same requester, the same message type and the same content.
-- requester_key: SHA-256 (hex) of "<foedselsnummer|organisasjonsnummer>:<number>";
-- request_hash: SHA-256 (hex) of the canonical request (see src/protocol/request-fingerprint.ts).
-- NULL in rows decided before this migration: those match on the message type alone.
ALTER TABLE decisions ADD COLUMN requester_key TEXT;
ALTER TABLE decisions ADD COLUMN request_hash TEXT;

-- Answers given to a Fiks IO message without a decision under its foresporselId (a payload that
-- fails its schema, a foresporselId clash): a redelivery of the same message gets them again.
CREATE TABLE message_answers (
  melding_id TEXT PRIMARY KEY,
  request_type TEXT NOT NULL,
  reply_type TEXT NOT NULL,
  reply_payload TEXT NOT NULL,
  answered_at TIMESTAMPTZ NOT NULL
);

-- The files a comment listed in vedlegg, as they came in the request's ASiC-E.
CREATE TABLE comment_attachments (
  henvendelse_id TEXT NOT NULL REFERENCES comments (henvendelse_id),
  position INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content BYTEA NOT NULL,
  PRIMARY KEY (henvendelse_id, position),
  UNIQUE (henvendelse_id, file_name)
);
