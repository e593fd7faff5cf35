-- Education as a plan with figures (operations.md §6): for a session, how many people it was
-- for (so attendance is a rate), the average test score (0-100) and how absentees were followed
-- up; for a fiscal year, the company's numeric targets.
ALTER TABLE activities ADD COLUMN invited BIGINT;
ALTER TABLE activities ADD COLUMN test_average BIGINT;
ALTER TABLE activities ADD COLUMN follow_up TEXT NOT NULL DEFAULT '';

CREATE TABLE education_targets (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    attendance_percent BIGINT CHECK (attendance_percent BETWEEN 1 AND 100),
    test_score BIGINT CHECK (test_score BETWEEN 0 AND 100),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, fiscal_year)
);
