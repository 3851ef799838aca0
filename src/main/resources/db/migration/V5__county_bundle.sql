-- The county a bundle describes: areas with polygons (the county, townships, villages and
-- committees), stations over several townships, offices over villages, each workstation in one
-- village, people with a phone, and any number of devices per person. A row a later import or
-- an administrator retires keeps its place (history and incidents still name it) with retired_at
-- set; everything that loads the county skips retired rows.
--
-- A database made by an earlier release holds the demo county as rectangular townships and
-- village points: it is converted here, each village getting a small square around its point.

create table areas (
  code       text primary key,
  name       text not null,
  level      text not null check (level in ('county', 'township', 'village', 'committee')),
  parent     text references areas (code),
  shape      jsonb not null,           -- GeoJSON Polygon or MultiPolygon, positions [lon, lat]
  retired_at timestamptz
);
create index areas_parent on areas (parent);

-- The old county: its extent is the box around the township outlines ([[lat, lon], ...]).
insert into areas (code, name, level, parent, shape)
select 'C01', coalesce((select value from settings where key = 'county.name'), 'county'), 'county', null,
       jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
         jsonb_build_array(min_lon, min_lat), jsonb_build_array(max_lon, min_lat), jsonb_build_array(max_lon, max_lat),
         jsonb_build_array(min_lon, max_lat), jsonb_build_array(min_lon, min_lat))))
from (select min((p ->> 0)::float8) as min_lat, max((p ->> 0)::float8) as max_lat,
             min((p ->> 1)::float8) as min_lon, max((p ->> 1)::float8) as max_lon
      from townships t, jsonb_array_elements(t.outline) p) box
where min_lat is not null;

insert into areas (code, name, level, parent, shape)
select t.id, t.name, 'township', 'C01',
       jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(
         (select jsonb_agg(jsonb_build_array(p -> 1, p -> 0) order by n)
          from jsonb_array_elements(t.outline) with ordinality as ring(p, n))))
from townships t;

-- A village point becomes a square of about 220 m: the old generator kept points 300 m inside
-- their township and at least 250 m apart.
insert into areas (code, name, level, parent, shape)
select v.id, v.name, v.kind, v.township_id,
       jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
         jsonb_build_array(v.lon - 0.0012, v.lat - 0.001), jsonb_build_array(v.lon + 0.0012, v.lat - 0.001),
         jsonb_build_array(v.lon + 0.0012, v.lat + 0.001), jsonb_build_array(v.lon - 0.0012, v.lat + 0.001),
         jsonb_build_array(v.lon - 0.0012, v.lat - 0.001))))
from villages v;

alter table stations add column township_codes text[] not null default '{}';
alter table stations add column retired_at timestamptz;
update stations s set township_codes = (
  select array_agg(distinct code order by code) from (
    select s.township_id as code
    union
    select v.township_id from offices o join workstations w on w.office_id = o.id join villages v on v.workstation_id = w.id
    where o.station_id = s.id) codes);
alter table stations drop column township_id;

alter table offices add column village_codes text[] not null default '{}';
alter table offices add column retired_at timestamptz;
update offices o set village_codes = coalesce((
  select array_agg(v.id order by v.id) from workstations w join villages v on v.workstation_id = w.id
  where w.office_id = o.id), '{}');

-- A workstation without a village of its own (the old town hubs) takes the nearest one.
alter table workstations add column village_code text references areas (code);
alter table workstations add column retired_at timestamptz;
update workstations w set village_code = coalesce(
  (select v.id from villages v where v.workstation_id = w.id order by v.id limit 1),
  (select v.id from villages v order by (v.lat - w.lat) ^ 2 + (v.lon - w.lon) ^ 2 limit 1));
alter table workstations alter column village_code set not null;

alter table units add column phone text not null default '';
alter table units add column retired_at timestamptz;

-- A person may carry several devices (a radio, a phone's field app, OwnTracks).
alter table devices drop constraint devices_unit_id_key;
alter table devices add column retired_at timestamptz;
create index devices_unit on devices (unit_id);

alter table roads drop constraint roads_kind_check;
alter table roads add constraint roads_kind_check check (kind in ('county', 'township', 'village'));

drop table villages;
drop table townships;
delete from settings where key = 'county.name';
