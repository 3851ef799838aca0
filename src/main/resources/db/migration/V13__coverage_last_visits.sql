-- Each village's latest visit ever, kept by the coverage flushes, so the live map and the
-- inactivity check read one row per village whatever the history's length.
create table coverage_last_visits (
  village    text primary key,
  last_visit timestamptz not null
);
insert into coverage_last_visits (village, last_visit)
select village, max(last_visit) from coverage_village_days where last_visit is not null group by village;
