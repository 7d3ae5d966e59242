-- 0002: leases of feeds to the processes that fetch them ("serve --role
-- fetch"): who holds a feed, and until when.

ALTER TABLE fetch_state ADD COLUMN lease_owner text NOT NULL DEFAULT '';
ALTER TABLE fetch_state ADD COLUMN lease_until timestamptz;

CREATE INDEX fetch_state_due ON fetch_state (next_fetch) WHERE NOT gone;
