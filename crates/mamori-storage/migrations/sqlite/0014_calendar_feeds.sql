-- A person's secret calendar address (issue 17 §8): calendar applications subscribe to it and
-- see the due dates of the companies the person belongs to. Only the secret's hash is kept;
-- making a new one replaces the old, so a leaked address is ended by making another.
CREATE TABLE calendar_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
