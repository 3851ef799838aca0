-- The county model: administrative areas, police organisation, people and their devices.

create table settings (
  key   text primary key,
  value text not null
);

create table townships (
  id         text primary key,
  name       text not null,
  kind       text not null check (kind in ('township', 'subdistrict')),
  center_lat double precision not null,
  center_lon double precision not null,
  outline    jsonb not null            -- [[lat, lon], ...] closed ring
);

create table stations (
  id          text primary key,
  name        text not null,
  township_id text not null references townships (id),
  lat         double precision not null,
  lon         double precision not null
);

create table offices (
  id         text primary key,
  name       text not null,
  station_id text not null references stations (id),
  lat        double precision not null,
  lon        double precision not null
);

create table workstations (
  id        text primary key,
  name      text not null,
  office_id text not null references offices (id),
  lat       double precision not null,
  lon       double precision not null
);

create table villages (
  id             text primary key,
  name           text not null,
  kind           text not null check (kind in ('village', 'committee')),
  township_id    text not null references townships (id),
  workstation_id text not null references workstations (id),
  lat            double precision not null,
  lon            double precision not null
);

create table roads (
  id     text primary key,
  name   text not null,
  kind   text not null check (kind in ('county', 'village')),
  points jsonb not null                -- [[lat, lon], ...]
);

create table units (
  id             text primary key,
  name           text not null,
  kind           text not null check (kind in ('auxiliary', 'officer')),
  workstation_id text references workstations (id),
  office_id      text not null references offices (id),
  station_id     text not null references stations (id),
  home_lat       double precision not null,
  home_lon       double precision not null
);

create table devices (
  id               text primary key,
  unit_id          text not null unique references units (id),
  secret_hash      text,               -- pbkdf2-sha256$iterations$salt$hash; never the secret itself
  secret_issued_at timestamptz,
  created_at       timestamptz not null default now()
);

create table accounts (
  username      text primary key,
  password_hash text not null,
  role          text not null check (role in ('admin', 'county', 'station', 'viewer')),
  station_ids   text[] not null default '{}',   -- scope of a station dispatcher (own + granted neighbours)
  created_at    timestamptz not null default now()
);
