-- NIST CSF snapshots keep every improvement cycle: a cycle is a planning profile and the
-- evaluation that follows it. Until now one planning and one evaluation per organisation were
-- kept, so a second cycle overwrote the first; existing snapshots become cycle 1.
CREATE TABLE csf_snapshots_by_cycle (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    cycle BIGINT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('planning', 'evaluation')),
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    set_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, cycle, stage)
);
INSERT INTO csf_snapshots_by_cycle (org_id, cycle, stage, assessment_id, set_by, set_at)
    SELECT org_id, 1, stage, assessment_id, set_by, set_at FROM csf_snapshots;
DROP TABLE csf_snapshots;
ALTER TABLE csf_snapshots_by_cycle RENAME TO csf_snapshots;
