-- What a company did for its programme (operations.md §5-7): education sessions and inspections
-- or audits, each on a day (YYYY-MM-DD, Japan), with what it covered and, for an inspection,
-- its findings (which become actions when recorded). They feed the maturity level's "education
-- within 12 months" and "inspection or audit within 12 months".
CREATE TABLE activities (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('education', 'inspection')),
    held_on TEXT NOT NULL,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 4000),
    participants BIGINT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX activities_by_org ON activities (org_id, kind, held_on);
