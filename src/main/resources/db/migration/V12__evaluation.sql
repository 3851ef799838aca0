-- The monthly evaluation (docs/evaluation.md): the brigade's inspections, and months once closed
-- with their figures frozen (never recomputed) and each subject's score, from which the rotation
-- flag of later months and the yearly ranking are worked out.

create table inspections (
  month        text not null,                 -- the evaluation month, 2024-05
  subject      text not null,                 -- an office or workstation code
  hardware     double precision not null check (hardware between 0 and 100),
  housekeeping double precision not null check (housekeeping between 0 and 100),
  ledgers      double precision not null check (ledgers between 0 and 100),
  entered_by   text not null,
  entered_at   timestamptz not null default now(),
  primary key (month, subject)
);

create table evaluation_months (
  month     text primary key,
  closed_at timestamptz not null default now(),
  closed_by text not null,
  result    jsonb not null                    -- the whole evaluation as it was closed
);

create table evaluation_scores (
  month   text not null references evaluation_months (month),
  subject text not null,
  kind    text not null check (kind in ('office', 'workstation', 'officer', 'auxiliary')),
  score   double precision not null,
  rank    integer not null,
  tier    text,                               -- offices only
  amount  integer,                            -- offices only, yuan
  primary key (month, subject)
);
create index evaluation_scores_subject on evaluation_scores (subject, month);
