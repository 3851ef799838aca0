-- Incidents and their durable timeline. Every state change is appended to incident_events
-- before it is acknowledged; (incident_id, seq) makes a lost or doubled event impossible.

create table incidents (
  id          uuid primary key,
  type        text not null,
  severity    smallint not null check (severity between 1 and 3),
  status      text not null,
  level       smallint not null default 1,
  lat         double precision not null,
  lon         double precision not null,
  description text not null default '',
  source      text not null,
  reported_by text,
  shortfall   text,
  state       jsonb not null,           -- full snapshot, used to resume dispatch after a restart
  created_at  timestamptz not null,
  updated_at  timestamptz not null
);
create index incidents_open on incidents (status) where status not in ('closed', 'cancelled');

create table incident_events (
  incident_id uuid not null references incidents (id),
  seq         integer not null,
  at          timestamptz not null,
  kind        text not null,
  unit_id     text,
  actor       text,
  details     jsonb not null default '{}',
  primary key (incident_id, seq)
);

-- Orders for devices, kept until the device acknowledges them (PUBACK), so a device with a
-- persistent session gets what was sent while it was offline, on whichever node it reconnects to.
create table device_orders (
  seq        bigserial primary key,     -- delivery order
  order_id   text not null unique,
  device_id  text not null,
  topic      text not null,
  payload    text not null,
  created_at timestamptz not null default now(),
  acked_at   timestamptz,
  dropped_at timestamptz               -- discarded: clean session, or beyond the per-device bound
);
create index device_orders_pending on device_orders (device_id, seq) where acked_at is null and dropped_at is null;

-- Persistent MQTT sessions (clean session false / session expiry > 0): what the device subscribed to.
create table device_sessions (
  device_id     text primary key,
  subscriptions text[] not null default '{}',
  expires_at    timestamptz
);

create table audit_log (
  id      bigserial primary key,
  at      timestamptz not null default now(),
  actor   text not null,
  action  text not null,
  target  text,
  details jsonb not null default '{}'
);
