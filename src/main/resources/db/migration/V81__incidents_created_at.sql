-- The monthly evaluation reads the offers of the incidents created in a month; without this index
-- that is a scan of every incident ever recorded.
create index incidents_created_at on incidents (created_at);
