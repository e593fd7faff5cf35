-- The consultant's notes per item of a secondary diagnosis (傾向と対策, 改善提案). Kept apart from
-- the answer sets because they stay editable after submission, when the answers and the result
-- they were scored into must not move. An empty text is no note; a row with both empty is removed.
CREATE TABLE assessment_notes (
    assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    observation TEXT NOT NULL CHECK (length(observation) <= 2000),
    proposal TEXT NOT NULL CHECK (length(proposal) <= 2000),
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, item_id)
);
