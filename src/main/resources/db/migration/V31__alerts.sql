-- Alerts for dispatchers, whoever raised them, the same on every node; acknowledged by a
-- dispatcher (who, when). Kept for alerts.keep and at most alerts.max of them.
create table alerts (
  id           bigserial primary key,
  at           timestamptz not null default now(),
  level        text not null,
  kind         text not null,
  code         text not null,
  params       jsonb not null default '{}',
  message      text not null,
  station_id   text,
  incident_id  text,
  unit_id      text,
  village_code text,
  key          text,
  acked_at     timestamptz,
  acked_by     text
);
create index alerts_at on alerts (at);
create index alerts_station on alerts (station_id, id);
-- an alert raised again while the same one is open is that one
create unique index alerts_open_key on alerts (key) where acked_at is null;
