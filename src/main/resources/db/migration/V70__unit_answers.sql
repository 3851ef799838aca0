-- A unit's answers to its offers, by time: the field app's "my day" reads them per unit and day.
create index incident_events_unit_answers on incident_events (unit_id, at) where kind in ('accepted', 'declined');
