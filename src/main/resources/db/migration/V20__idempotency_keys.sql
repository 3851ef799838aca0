-- Answers to requests sent with an Idempotency-Key header, so that a client that retries (after a
-- timeout, a dropped connection, a 503) gets the first answer instead of a second incident. A row
-- is written in the transaction of the change it answers, so it exists exactly when the change
-- does. Rows older than a day are deleted by later keyed writes.
create table idempotency_keys (
  actor       text not null,               -- keys are per account: two accounts may use the same key
  key         text not null,
  fingerprint text not null,               -- SHA-256 of the request (method, path, body): the same key with another request is refused
  status      smallint not null,           -- the HTTP status of the first answer
  incident_id uuid not null,
  state       jsonb not null,              -- the incident as the change left it
  created_at  timestamptz not null default now(),
  primary key (actor, key)
);
create index idempotency_keys_age on idempotency_keys (created_at);
