-- Who holds each security role of a company (operations.md §1), with a deputy for absence and
-- how to reach them. `role` is a code of mamori_domain::operations::roles; names are written as
-- people know each other, not linked to accounts (most staff have no account in Mamori).
CREATE TABLE security_roles (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    holder TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 100),
    deputy TEXT NOT NULL DEFAULT '' CHECK (length(deputy) <= 100),
    contact TEXT NOT NULL DEFAULT '' CHECK (length(contact) <= 200),
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, role)
);
