-- The disclosure plan (operations.md §2): for each audience (a code of
-- mamori_domain::operations::contacts::AUDIENCES), who reports, when and how.
CREATE TABLE disclosure_plan (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT '' CHECK (length(who) <= 100),
    timing TEXT NOT NULL DEFAULT '' CHECK (length(timing) <= 200),
    method TEXT NOT NULL DEFAULT '' CHECK (length(method) <= 200),
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, audience)
);
