-- Position history: every accepted fix once, keyed by unit and fix time (idempotent inserts).
-- Range-partitioned by month so time-range queries touch few partitions and old months drop cheaply.

create table positions (
  unit_id     text not null,
  device_id   text not null,
  ts          timestamptz not null,
  lat         double precision not null,
  lon         double precision not null,
  accuracy    real,
  speed       real,
  heading     real,
  altitude    real,
  battery     real,
  source      text not null,
  implausible boolean not null default false,   -- flagged jump: kept, but the unit was not moved
  received_at timestamptz not null default now(),
  primary key (unit_id, ts)
) partition by range (ts);

-- Catch-all for fixes outside the prepared months; the writer creates monthly partitions ahead.
create table positions_default partition of positions default;

create function ensure_position_partition(month_start date) returns void language plpgsql as $$
declare
  name text := 'positions_' || to_char(month_start, 'YYYYMM');
begin
  if to_regclass(name) is null then
    execute format('create table %I partition of positions for values from (%L) to (%L)',
                   name, month_start, (month_start + interval '1 month')::date);
  end if;
end $$;

select ensure_position_partition(date_trunc('month', now())::date);
select ensure_position_partition((date_trunc('month', now()) + interval '1 month')::date);
