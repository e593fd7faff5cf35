-- Incidents (operations.md §3) with their timeline, and who in a company handles them. Only the
-- handlers and the company's own administrators see incidents (Store::incident_scope).
-- Times are milliseconds since the epoch (UTC); report dates are Japan's calendar days.
-- 0/1 columns are flags; `persons` is NULL when no personal data is involved.
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    drill BIGINT NOT NULL DEFAULT 0,
    detected_at BIGINT NOT NULL,
    detected_by TEXT NOT NULL DEFAULT '' CHECK (length(detected_by) <= 100),
    channel TEXT NOT NULL CHECK (channel IN ('internal_report', 'log_detection', 'external_contact')),
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    stage TEXT NOT NULL CHECK (stage IN ('detection', 'triage', 'containment', 'report', 'recovery', 'prevention', 'closed')),
    description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    persons BIGINT,
    sensitive BIGINT NOT NULL DEFAULT 0,
    financial_damage BIGINT NOT NULL DEFAULT 0,
    wrongful_purpose BIGINT NOT NULL DEFAULT 0,
    eu_residents BIGINT NOT NULL DEFAULT 0,
    preliminary_done_on TEXT,
    final_done_on TEXT,
    gdpr_done_on TEXT,
    lessons TEXT NOT NULL DEFAULT '' CHECK (length(lessons) <= 4000),
    closed_at BIGINT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX incidents_by_org ON incidents (org_id, closed_at);
CREATE TABLE incident_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    actor BIGINT REFERENCES users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL
);
CREATE INDEX incident_entries_by_incident ON incident_entries (incident_id, id);
CREATE TABLE incident_handlers (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, user_id)
);
