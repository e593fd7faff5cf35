-- Information assets and risk analysis (risk.md, IPA's リスク分析シート): the company's asset register,
-- how often each threat occurs per medium, the countermeasure checklist's answers, treatment
-- decisions, the company's settings, the register's history and closed analyses.
-- Codes are stored as text ('office_pc', 'leak', 'avoid'); the web layer checks them and shows
-- their Japanese names. Dates people type are 'YYYY-MM-DD' text, as in `actions`.

-- One row per asset and medium (risk.md §1). `medium` is a code (paper, office_pc, mobile,
-- removable, internal_server, external_server; more may come, so no CHECK). `personal` holds the
-- comma-separated codes personal, sensitive, my_number ('' for none); `classification` and
-- `lifecycle` are codes of the risk catalog too (internal, store …). `position` is the row's
-- place in the register, as people ordered it.
CREATE TABLE risk_assets (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    business_category TEXT,
    name TEXT NOT NULL,
    note TEXT,
    users TEXT,
    owner_department TEXT,
    medium TEXT NOT NULL,
    personal TEXT NOT NULL DEFAULT '',
    persons BIGINT CHECK (persons >= 0),
    classification TEXT,
    risk_owner TEXT,
    c BIGINT NOT NULL CHECK (c BETWEEN 0 AND 2),
    i BIGINT NOT NULL CHECK (i BETWEEN 0 AND 2),
    a BIGINT NOT NULL CHECK (a BETWEEN 0 AND 2),
    retention TEXT,
    registered TEXT,
    lifecycle TEXT,
    position BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX risk_assets_by_org ON risk_assets (org_id, position);

-- 脅威の状況 (risk.md §2): how often each kind of threat occurs to a medium, 1-3. The medium's
-- threat is the highest of them.
CREATE TABLE risk_threats (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    medium TEXT NOT NULL,
    threat_kind TEXT NOT NULL CHECK (threat_kind IN ('leak', 'tamper', 'loss', 'outage', 'theft')),
    frequency BIGINT NOT NULL CHECK (frequency BETWEEN 1 AND 3),
    PRIMARY KEY (org_id, medium, threat_kind)
);

-- 対策状況チェック (risk.md §3): 1 done, 2 partly, 3 not done or unknown, 4 not applicable.
CREATE TABLE risk_countermeasures (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    answer BIGINT NOT NULL CHECK (answer BETWEEN 1 AND 4),
    note TEXT,
    PRIMARY KEY (org_id, item_id)
);

-- リスク対応 (risk.md §5): one decision per asset. The planned measures can become an action of the
-- company's action list; deleting that action only clears the link. `approved_by` is the name of
-- the person who accepted the residual risk (as typed, like action owners).
CREATE TABLE risk_treatments (
    asset_id BIGINT PRIMARY KEY REFERENCES risk_assets (id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    option TEXT NOT NULL CHECK (option IN ('avoid', 'reduce', 'transfer', 'accept')),
    planned TEXT,
    action_id BIGINT REFERENCES actions (id) ON DELETE SET NULL,
    owner TEXT,
    due_date TEXT,
    residual_risk BIGINT CHECK (residual_risk BETWEEN 0 AND 6),
    approved_by TEXT,
    approved_on TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX risk_treatments_by_org ON risk_treatments (org_id);
CREATE INDEX risk_treatments_by_action ON risk_treatments (action_id);

-- The company's choices (risk.md §5-6); no row means the defaults. `incident_cost_template` is the
-- JSON of the editable cost lines of the incident cost model (NULL: the built-in template).
CREATE TABLE risk_settings (
    org_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    acceptance_threshold BIGINT NOT NULL DEFAULT 3 CHECK (acceptance_threshold BETWEEN 0 AND 6),
    compensation_per_person BIGINT NOT NULL DEFAULT 28308 CHECK (compensation_per_person >= 0),
    incident_cost_template TEXT,
    updated_at BIGINT NOT NULL
);

-- Who changed which asset, when, and how: `change` is JSON {"action": create | update | delete |
-- import | treatment, "fields": {name: {"before": …, "after": …}}}. No foreign key on the asset or
-- the actor: the history outlives both (the actor's e-mail is copied, as in `audit_events`).
CREATE TABLE risk_asset_history (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    asset_id BIGINT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL,
    change TEXT NOT NULL
);
CREATE INDEX risk_asset_history_by_org ON risk_asset_history (org_id, id);
CREATE INDEX risk_asset_history_by_asset ON risk_asset_history (asset_id, id);

-- A closed analysis: the whole analysis at that moment (assets, threats, answers, treatments,
-- results) as JSON, so later changes to the register do not rewrite what was decided.
CREATE TABLE risk_snapshots (
    id BIGSERIAL PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    closed_at BIGINT NOT NULL,
    closed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    data TEXT NOT NULL
);
CREATE INDEX risk_snapshots_by_org ON risk_snapshots (org_id, id);
