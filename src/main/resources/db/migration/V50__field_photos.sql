-- Photos taken with the field app, stored by Lamplight and referenced by id from incident reports
-- and ledger entries. The unit's station is kept with the photo so the console can scope it
-- without asking where the unit was posted when it was taken. Deleted after field.photo-retention.
create table field_photos (
  photo_id     text primary key,
  device_id    text not null,
  unit_id      text not null,
  station_id   text,
  content_type text not null,
  size_bytes   integer not null,
  bytes        bytea not null,
  uploaded_at  timestamptz not null default now(),
  -- the device-reported incident the photo shows, once the report naming it arrived
  incident_id  text
);

create index field_photos_device_uploaded on field_photos (device_id, uploaded_at);
create index field_photos_uploaded on field_photos (uploaded_at);
create index field_photos_incident on field_photos (incident_id) where incident_id is not null;
