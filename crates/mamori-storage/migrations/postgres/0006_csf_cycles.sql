-- NIST CSF snapshots keep every improvement cycle: a cycle is a planning profile and the
-- evaluation that follows it. Until now one planning and one evaluation per organisation were
-- kept, so a second cycle overwrote the first; existing snapshots become cycle 1.
ALTER TABLE csf_snapshots ADD COLUMN cycle BIGINT NOT NULL DEFAULT 1;
ALTER TABLE csf_snapshots ALTER COLUMN cycle DROP DEFAULT;
ALTER TABLE csf_snapshots DROP CONSTRAINT csf_snapshots_pkey;
ALTER TABLE csf_snapshots ADD PRIMARY KEY (org_id, cycle, stage);
