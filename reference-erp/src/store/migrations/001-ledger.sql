-- The ledger of the reference invoicing system. Money is integer øre (BIGINT); dates are DATE;
-- status and code values are the protocols' and FINT's own words.

CREATE TABLE units (
  unit_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT
);

CREATE TABLE payers (
  payer_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  foedselsnummer TEXT UNIQUE CHECK (foedselsnummer ~ '^[0-9]{11}$'),
  organisasjonsnummer TEXT UNIQUE CHECK (organisasjonsnummer ~ '^[0-9]{9}$'),
  distribution_channel TEXT NOT NULL
    CHECK (distribution_channel IN ('AVTALEGIRO', 'EFAKTURA', 'POST', 'EPOST', 'DIGIPOST', 'EBOKS')),
  avtalegiro BOOLEAN NOT NULL DEFAULT FALSE,
  efaktura BOOLEAN NOT NULL DEFAULT FALSE,
  email TEXT,
  phone TEXT,
  CHECK ((foedselsnummer IS NULL) <> (organisasjonsnummer IS NULL))
);

CREATE TABLE properties (
  property_id TEXT PRIMARY KEY,
  kommunenummer TEXT NOT NULL CHECK (kommunenummer ~ '^[0-9]{4}$'),
  gaardsnummer INTEGER NOT NULL,
  bruksnummer INTEGER NOT NULL,
  festenummer INTEGER NOT NULL DEFAULT 0,
  seksjonsnummer INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kommunenummer, gaardsnummer, bruksnummer, festenummer, seksjonsnummer)
);

CREATE TABLE property_owners (
  property_id TEXT NOT NULL REFERENCES properties (property_id),
  payer_id TEXT NOT NULL REFERENCES payers (payer_id),
  PRIMARY KEY (property_id, payer_id)
);

CREATE TABLE instalment_plans (
  plan_id TEXT PRIMARY KEY,
  original_invoice_number TEXT NOT NULL,
  requested_by TEXT REFERENCES payers (payer_id),
  instalment_count INTEGER NOT NULL CHECK (instalment_count >= 2),
  total_oere BIGINT NOT NULL CHECK (total_oere >= 0),
  created_on DATE NOT NULL,
  status TEXT NOT NULL DEFAULT 'AKTIV' CHECK (status IN ('AKTIV', 'KANSELLERT', 'FULLFOERT')),
  foresporsel_id TEXT
);

CREATE TABLE invoices (
  invoice_number TEXT PRIMARY KEY CHECK (invoice_number ~ '\S' AND length(invoice_number) <= 50),
  payer_id TEXT REFERENCES payers (payer_id),
  property_id TEXT REFERENCES properties (property_id),
  product_type TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (unit_id),
  amount_oere BIGINT NOT NULL CHECK (amount_oere >= 0),
  rest_oere BIGINT NOT NULL CHECK (rest_oere >= 0 AND rest_oere <= amount_oere),
  invoice_date DATE NOT NULL,
  due_date DATE NOT NULL,
  kid TEXT NOT NULL UNIQUE CHECK (kid ~ '^[0-9]{2,25}$'),
  account_number TEXT NOT NULL CHECK (account_number ~ '^[0-9]{11}$'),
  status TEXT NOT NULL CHECK (status IN ('IKKE_SENDT', 'SENDT', 'KLAR', 'FAKTURERT', 'BETALT', 'KREDITERT',
    'KANSELLERT', 'OPPDATERINGSFEIL', 'FEIL_FRA_OEKONOMISYSTEM', 'FORSENDELSESFEIL', 'GENERELL_FEIL')),
  claim_level TEXT NOT NULL DEFAULT 'INGEN'
    CHECK (claim_level IN ('INGEN', 'PURRING', 'INKASSOVARSEL', 'INKASSO')),
  distribution_channel TEXT NOT NULL,
  disputed BOOLEAN NOT NULL DEFAULT FALSE,
  reminders_paused BOOLEAN NOT NULL DEFAULT FALSE,
  next_reminder_date DATE,
  replaced_by_plan TEXT REFERENCES instalment_plans (plan_id),
  plan_id TEXT REFERENCES instalment_plans (plan_id),
  instalment_number INTEGER,
  parent_invoice_number TEXT REFERENCES invoices (invoice_number),
  CHECK ((payer_id IS NULL) <> (property_id IS NULL))
);

CREATE INDEX invoices_payer_idx ON invoices (payer_id);
CREATE INDEX invoices_property_idx ON invoices (property_id);

CREATE TABLE payments (
  payment_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kid TEXT NOT NULL,
  invoice_number TEXT REFERENCES invoices (invoice_number),
  amount_oere BIGINT NOT NULL CHECK (amount_oere > 0),
  paid_on DATE NOT NULL,
  booked_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE deferrals (
  deferral_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_number TEXT NOT NULL REFERENCES invoices (invoice_number),
  requested_by TEXT REFERENCES payers (payer_id),
  original_due_date DATE NOT NULL,
  new_due_date DATE NOT NULL CHECK (new_due_date > original_due_date),
  granted_on DATE NOT NULL,
  foresporsel_id TEXT,
  UNIQUE (invoice_number)
);

CREATE INDEX deferrals_requested_by_idx ON deferrals (requested_by, granted_on);

CREATE TABLE comments (
  henvendelse_id TEXT PRIMARY KEY,
  invoice_number TEXT NOT NULL REFERENCES invoices (invoice_number),
  payer_id TEXT NOT NULL REFERENCES payers (payer_id),
  category TEXT NOT NULL,
  text TEXT NOT NULL,
  contact JSONB,
  reply_channel TEXT,
  attachments JSONB,
  unit_id TEXT NOT NULL REFERENCES units (unit_id),
  received_at TIMESTAMPTZ NOT NULL,
  received_on DATE NOT NULL,
  answer_due DATE,
  foresporsel_id TEXT
);

CREATE INDEX comments_payer_day_idx ON comments (payer_id, received_on);

CREATE TABLE disputes (
  dispute_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_number TEXT NOT NULL REFERENCES invoices (invoice_number),
  henvendelse_id TEXT REFERENCES comments (henvendelse_id),
  category TEXT NOT NULL,
  opened_on DATE NOT NULL,
  resolved_on DATE
);

-- One row per answered request: the exact answer, so a repeat gets the identical bytes back.
CREATE TABLE decisions (
  decision_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  foresporsel_id TEXT NOT NULL UNIQUE,
  melding_id TEXT UNIQUE,
  request_type TEXT NOT NULL,
  reply_type TEXT NOT NULL,
  reply_payload TEXT NOT NULL,
  decided_at TIMESTAMPTZ NOT NULL,
  answer_sent_at TIMESTAMPTZ
);

CREATE TABLE audit_log (
  audit_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  logged_at TIMESTAMPTZ NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  invoice_number TEXT,
  foresporsel_id TEXT,
  outcome TEXT NOT NULL,
  details JSONB NOT NULL DEFAULT '{}'
);

-- Innsyn updates (faktura.v1-shaped records). Written with the decision, released for publishing
-- once the answer has been sent (released_at), then published (published_at).
CREATE TABLE innsyn_outbox (
  outbox_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  foresporsel_id TEXT,
  invoice_number TEXT NOT NULL,
  record JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  released_at TIMESTAMPTZ,
  published_at TIMESTAMPTZ
);

CREATE INDEX innsyn_outbox_pending_idx ON innsyn_outbox (released_at, published_at);
