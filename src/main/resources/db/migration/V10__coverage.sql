-- Patrol coverage per day (docs/evaluation.md): what the coverage accounting adds up as fixes
-- arrive. Every flush adds its increments in one transaction, keyed by a flush id so that a
-- flush retried after a lost answer is applied once.

create table coverage_village_days (
  village     text not null,
  day         date not null,
  presence_ms bigint not null default 0,
  visits      integer not null default 0,
  last_visit  timestamptz,                 -- end of the latest presence belonging to a visit
  units       integer not null default 0,  -- distinct units present that day
  primary key (village, day)
);
create index coverage_village_days_day on coverage_village_days (day);

create table coverage_village_units (
  village text not null,
  day     date not null,
  unit_id text not null,
  primary key (day, village, unit_id)
);

create table coverage_unit_days (
  unit_id    text not null,
  day        date not null,
  on_duty_ms bigint not null default 0,
  on_post_ms bigint not null default 0,
  patrol_ms  bigint not null default 0,
  distance_m double precision not null default 0,
  visits     integer not null default 0,
  primary key (unit_id, day)
);
create index coverage_unit_days_day on coverage_unit_days (day);

-- Each unit's place in the accounting (its last point and the run under way), saved with the
-- flush that counted up to it, so a restart (or another node) carries on where it stopped.
create table coverage_tracks (
  unit_id  text primary key,
  on_duty  boolean not null,
  at_ms    bigint not null,
  lat      double precision not null,
  lon      double precision not null,
  village  text,
  run_ms   bigint not null,
  visit    boolean not null,
  node_id  text not null,
  saved_at timestamptz not null default now()
);

create table coverage_flushes (
  id text primary key,
  at timestamptz not null default now()
);

-- Duty changes as reported, for recomputing coverage from history.
create table coverage_duty_changes (
  unit_id text not null,
  at      timestamptz not null,
  on_duty boolean not null,
  primary key (unit_id, at)
);

-- Villages whose patrol requirement differs from coverage.visits-per-day.
create table village_requirements (
  village        text primary key,
  visits_per_day integer not null check (visits_per_day >= 0),
  updated_by     text not null,
  updated_at     timestamptz not null default now()
);

-- Inactivity alerts raised, one per village and missed window, whichever node checks first.
create table coverage_inactivity_alerts (
  village      text not null,
  missed_since timestamptz not null,
  raised_at    timestamptz not null default now(),
  primary key (village, missed_since)
);
