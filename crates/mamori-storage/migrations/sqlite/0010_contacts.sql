-- Who a company contacts in an incident (operations.md §2): people inside (the escalation chain
-- beside the roles) and outside (IT vendors, cloud providers, insurers, lawyers). The public desks
-- are data of the program (mamori_domain::operations::contacts), not rows.
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('internal', 'external')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    organisation TEXT NOT NULL DEFAULT '' CHECK (length(organisation) <= 100),
    purpose TEXT NOT NULL DEFAULT '' CHECK (length(purpose) <= 200),
    phone TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 50),
    email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 200),
    alternative TEXT NOT NULL DEFAULT '' CHECK (length(alternative) <= 200),
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX contacts_by_org ON contacts (org_id, kind, id);
