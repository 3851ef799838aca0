-- Month partitions of position history begin and end at UTC month starts. Until now a month's
-- bounds were its dates read in the session's time zone, and sessions differ (Flyway sends the
-- JVM's zone, the Vert.x client none, so the server's): a month made in one zone overlapped its
-- neighbour made in another, and PostgreSQL refused it.
--
-- A month made before this, in whatever zone, is kept as it is, found by name as before. Its next
-- month starts where it ends if it ends later than UTC (a zone west of UTC), so the two do not
-- overlap; an earlier end leaves a few hours to the default partition. Settings of the function's
-- own make the bounds it reads and writes plain ISO text in UTC, whatever the session's are.
create or replace function ensure_position_partition(month_start date) returns void language plpgsql
  set timezone to 'UTC' set datestyle to 'ISO, YMD' as $$
declare
  name text := 'positions_' || to_char(month_start, 'YYYYMM');
  lower_bound timestamptz := month_start::timestamp at time zone 'UTC';
  upper_bound timestamptz := (month_start + interval '1 month')::timestamp at time zone 'UTC';
  made record;
begin
  if to_regclass(name) is not null then
    return;
  end if;
  for made in
    select b[1]::timestamptz as low, b[2]::timestamptz as high
      from pg_inherits i join pg_class c on c.oid = i.inhrelid,
           regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\) TO \(''([^'']+)''\)') m(b)
     where i.inhparent = 'positions'::regclass and b is not null
  loop
    if made.low < lower_bound and made.high > lower_bound then
      lower_bound := made.high;
    end if;
    if made.low < upper_bound and made.high > upper_bound then
      upper_bound := made.low;
    end if;
  end loop;
  execute format('create table %I partition of positions for values from (%L) to (%L)',
                 name, lower_bound, upper_bound);
end $$;
