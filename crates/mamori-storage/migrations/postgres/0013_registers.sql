-- The registers beside the asset register (risk.md §7, operations.md §4): devices, applications,
-- cloud services, certificates and contractors. Which fields each register has is data in the
-- domain crate (operations::registers); the entry keeps its name in a column (for order and
-- search) and its other fields as one JSON object of texts, written only by the one parser.
-- alert_from is the first day the entry's alerts show (the company's lead before its earliest
-- dated field), so the due-date sweep over every company is one index range.
CREATE TABLE register_entries (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL
        CHECK (kind IN ('devices', 'applications', 'cloud-services', 'certificates', 'contractors')),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    fields TEXT NOT NULL,
    alert_from TEXT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX register_entries_by_org ON register_entries (org_id, kind, name);
CREATE INDEX register_entries_by_alert ON register_entries (alert_from) WHERE alert_from IS NOT NULL;

-- Which information assets an entry holds or serves: an incident on a device shows what is at
-- risk, and the asset shows where it lives.
CREATE TABLE register_links (
    entry_id BIGINT NOT NULL REFERENCES register_entries (id) ON DELETE CASCADE,
    asset_id BIGINT NOT NULL REFERENCES risk_assets (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, asset_id)
);
CREATE INDEX register_links_by_asset ON register_links (asset_id);

-- How many days ahead a company wants its register alerts (90 unless it chose otherwise).
CREATE TABLE register_settings (
    org_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    alert_days BIGINT NOT NULL CHECK (alert_days BETWEEN 1 AND 365)
);
