-- Position history keyed by a unit number instead of the unit's text id. The primary key's B-tree
-- is most of what a history row costs PostgreSQL, and a four-byte key is cheaper to compare and
-- to store than a text one. A number is given to a unit the first time it has history and never
-- changes or goes, so history stays readable by unit id after the person leaves the county.

create table position_units (
  unit_no int generated always as identity primary key,
  unit_id text not null unique
);

-- The old table and its monthly partitions step aside, so that the new ones can take their names;
-- their key's indexes go at once, for the same reason (the copy reads the whole table anyway).
alter table positions rename to positions_by_text;
alter table positions_by_text drop constraint positions_pkey;
do $$
declare
  part regclass;
begin
  for part in select inhrelid::regclass from pg_inherits where inhparent = 'positions_by_text'::regclass loop
    execute format('alter table %s rename to %I', part, 'by_text_' || part::text);
  end loop;
end $$;

create table positions (
  unit_no     int not null,
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
  primary key (unit_no, ts)
) partition by range (ts);

create table positions_default partition of positions default;

-- A partition for every month that has history, before any of it is copied: a month's rows must
-- not land in the default partition, which would then refuse that month's own partition.
select ensure_position_partition(month)
  from (select distinct date_trunc('month', ts)::date as month from positions_by_text
        union select date_trunc('month', now())::date
        union select (date_trunc('month', now()) + interval '1 month')::date) months;

insert into position_units (unit_id) select distinct unit_id from positions_by_text order by unit_id;

insert into positions (unit_no, device_id, ts, lat, lon, accuracy, speed, heading, altitude, battery, source,
                       implausible, received_at)
  select u.unit_no, p.device_id, p.ts, p.lat, p.lon, p.accuracy, p.speed, p.heading, p.altitude, p.battery, p.source,
         p.implausible, p.received_at
    from positions_by_text p join position_units u using (unit_id);

drop table positions_by_text;
