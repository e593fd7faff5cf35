-- NIST CSF profiles kept as snapshots (diagnostics.md §6): the assessment that stands for the
-- profile at planning and the one at evaluation. The ideal profile is the planning assessment's
-- targets. One of each per organisation; choosing another replaces it.
CREATE TABLE csf_snapshots (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('planning', 'evaluation')),
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    set_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    set_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, stage)
);

-- Peer comparison counts only companies that allow anonymous use of their results
-- (diagnostics.md §9). Off until the company says yes.
ALTER TABLE company_profiles ADD COLUMN share_anonymously BIGINT NOT NULL DEFAULT 0;

-- Sign-in failures are counted per address and per e-mail from that address: someone who knows
-- an e-mail can no longer lock its owner out from everywhere else.
ALTER TABLE login_failures ADD COLUMN ip TEXT NOT NULL DEFAULT '';
CREATE INDEX login_failures_by_ip ON login_failures (ip, at);

-- Results by diagnostic: company home, history and peer groups read these.
CREATE INDEX assessments_by_catalog ON assessments (catalog_id, status, org_id, submitted_at);
