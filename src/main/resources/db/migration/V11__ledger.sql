-- The work ledger (台账): entries from devices and the console, and the hazards among them with
-- every step of their life. An entry is stored before it is acknowledged; a device's clientId
-- makes a resent entry count once.

create table ledger_entries (
  id          text primary key,
  kind        text not null,
  unit_id     text not null,
  village     text not null,
  at          timestamptz not null,             -- when the work was done
  count       integer not null check (count >= 1),
  lat         double precision,
  lon         double precision,
  note        text not null default '',
  source      text not null check (source in ('device', 'console')),
  client_id   text,
  photo_id    text,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  unique (unit_id, client_id)
);
create index ledger_entries_at on ledger_entries (at);

create table hazards (
  id                 text primary key references ledger_entries (id),
  kind               text not null,
  village            text not null,
  description        text not null,
  status             text not null,
  seq                integer not null,
  reported_at        timestamptz not null,
  reported_by        text not null,
  deadline           timestamptz,
  rectified_at       timestamptz,
  closed_at          timestamptz,
  overdue_alerted_at timestamptz                -- the overdue alert was raised (once)
);
create index hazards_open on hazards (status) where status not in ('verified', 'not_a_hazard');
create index hazards_reported on hazards (reported_at);

create table hazard_steps (
  hazard_id text not null references hazards (id),
  seq       integer not null,
  action    text not null,
  by_whom   text not null,
  at        timestamptz not null,
  deadline  timestamptz,
  note      text not null default '',
  primary key (hazard_id, seq)
);
