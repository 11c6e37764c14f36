-- The plan's lifecycle, reminders, bank payments and Innsyn publishing.

-- Written notices to payers: an overdue instalment, a cancelled plan, a reminder (purring) with
-- its fee. There is no mail system in the reference: this table is the outbox a letter or e-mail
-- sender would read. One notice of a kind per invoice and sequence number, so a job run twice
-- sends nothing twice.
CREATE TABLE notices (
  notice_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('AVDRAG_FORFALT', 'PLAN_KANSELLERT', 'PURRING')),
  invoice_number TEXT NOT NULL REFERENCES invoices (invoice_number),
  plan_id TEXT REFERENCES instalment_plans (plan_id),
  sequence INTEGER NOT NULL DEFAULT 1 CHECK (sequence >= 1),
  sent_on DATE NOT NULL,
  fee_oere BIGINT NOT NULL DEFAULT 0 CHECK (fee_oere >= 0),
  amount_due_oere BIGINT NOT NULL CHECK (amount_due_oere >= 0),
  pay_by DATE,
  text TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  UNIQUE (kind, invoice_number, sequence)
);

ALTER TABLE instalment_plans ADD COLUMN cancelled_on DATE;

-- A payment as the bank reports it (one per bank transaction), before it is allocated to
-- invoices (the rows of `payments`). `bank_reference` (archive reference) finds duplicates.
CREATE TABLE bank_payments (
  bank_payment_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kid TEXT NOT NULL,
  bank_reference TEXT,
  amount_oere BIGINT NOT NULL CHECK (amount_oere > 0),
  paid_on DATE NOT NULL,
  overpaid_oere BIGINT NOT NULL DEFAULT 0 CHECK (overpaid_oere >= 0),
  forced BOOLEAN NOT NULL DEFAULT FALSE,
  booked_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX bank_payments_reference_idx ON bank_payments (bank_reference);
CREATE INDEX bank_payments_kid_idx ON bank_payments (kid, paid_on);

ALTER TABLE payments ADD COLUMN bank_payment_id BIGINT REFERENCES bank_payments (bank_payment_id);

-- Publishing: a key per record (sent with it, so a receiver recognises a retry after a lost
-- response), attempts with backoff, and a short claim so two publishers never send one record
-- at once.
ALTER TABLE innsyn_outbox ADD COLUMN idempotency_key TEXT NOT NULL DEFAULT gen_random_uuid()::text;
ALTER TABLE innsyn_outbox ADD COLUMN publish_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE innsyn_outbox ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE innsyn_outbox ADD COLUMN claimed_until TIMESTAMPTZ;
ALTER TABLE innsyn_outbox ADD COLUMN last_error TEXT;
CREATE UNIQUE INDEX innsyn_outbox_idempotency_key_idx ON innsyn_outbox (idempotency_key);

-- Decisions whose Innsyn updates the sweep released without seeing the answer marked sent.
ALTER TABLE decisions ADD COLUMN swept_at TIMESTAMPTZ;
