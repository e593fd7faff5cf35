-- The company's action list (operations.md §5): what it has decided to do about diagnosis gaps,
-- risk treatment decisions, audit findings and incident lessons, with owner, due date and status.
-- `owner` is a person's name as typed: many owners (an outside vendor, a part-time clerk) have no
-- account. `due_date` is a calendar date 'YYYY-MM-DD' (text, so both backends compare it alike).
-- `catalog_id` and `item_id` name the catalog item a diagnosis action came from.
CREATE TABLE actions (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('diagnosis', 'risk', 'audit', 'incident', 'other')),
    assessment_id BIGINT REFERENCES assessments (id) ON DELETE SET NULL,
    catalog_id TEXT,
    item_id TEXT,
    priority BIGINT NOT NULL,
    owner TEXT,
    due_date TEXT,
    status TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
    cost_yen BIGINT,
    note TEXT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX actions_by_org ON actions (org_id, status);
-- One open action per catalog item: taking the same item twice finds the open one.
CREATE UNIQUE INDEX actions_open_item ON actions (org_id, catalog_id, item_id)
    WHERE status IN ('todo', 'doing') AND catalog_id IS NOT NULL AND item_id IS NOT NULL;
