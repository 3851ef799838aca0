-- Incident numbers people can say on the phone: yyyyMMdd-NNNN, counted per day in the county's
-- time zone (county.time-zone). A number is taken from the day's row just before its incident is
-- first stored, so two nodes never take the same one; a report that fails to store leaves a gap.
create table incident_numbers (
  day  date primary key,
  last integer not null
);

alter table incidents add column number text;

-- incidents stored before numbers existed get theirs in order of creation, counted per day in
-- Asia/Shanghai (the default time zone)
with numbered as (
  select id, to_char((created_at at time zone 'Asia/Shanghai')::date, 'YYYYMMDD') || '-'
      || lpad(row_number() over (partition by (created_at at time zone 'Asia/Shanghai')::date
                                 order by created_at, id)::text, 4, '0') as number
  from incidents)
update incidents i set number = numbered.number, state = jsonb_set(i.state, '{number}', to_jsonb(numbered.number))
from numbered where i.id = numbered.id;

insert into incident_numbers (day, last)
  select (created_at at time zone 'Asia/Shanghai')::date, count(*) from incidents group by 1;

alter table incidents alter column number set not null;
alter table incidents add constraint incidents_number_key unique (number);
