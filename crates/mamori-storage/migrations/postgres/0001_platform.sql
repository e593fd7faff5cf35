-- Platform tables: organisations, people, access, assessments, audit.
-- Timestamps are BIGINT milliseconds since the Unix epoch (UTC) so both backends store them alike.
CREATE TABLE organisations (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('company', 'support')),
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    site_admin BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'consultant', 'member', 'viewer')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE company_profiles (
    org_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    industry TEXT,
    employee_band TEXT,
    employees BIGINT,
    prefecture TEXT,
    city TEXT,
    capital_yen BIGINT,
    parent_company TEXT,
    supply_chain TEXT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE consents (
    company_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    support_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (company_id, support_id)
);
CREATE INDEX consents_by_support ON consents (support_id);

CREATE TABLE assessments (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    catalog_id TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    targets TEXT,
    result TEXT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    submitted_at BIGINT,
    revision BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX assessments_by_org ON assessments (org_id, created_at);

CREATE TABLE answer_sets (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    answers TEXT NOT NULL,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, position)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE login_failures (
    email TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, at);

-- The audit log keeps no foreign keys: it must outlive the users and organisations it mentions.
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX audit_events_by_org ON audit_events (org_id, id);
