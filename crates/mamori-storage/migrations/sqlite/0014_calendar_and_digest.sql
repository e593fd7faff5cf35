-- A person's secret calendar address (issue 17 §8): calendar applications subscribe to it and
-- see the due dates of the companies the person belongs to. Only the secret's hash is kept;
-- making a new one replaces the old, so a leaked address is ended by making another.
CREATE TABLE calendar_feeds (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);

-- The daily e-mail of due dates: which days it was sent (one server process claims a day, so
-- two processes on one database do not both send), and who asked not to receive it.
CREATE TABLE digest_runs (
    day TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL,
    sent BIGINT
);
CREATE TABLE digest_optouts (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    since BIGINT NOT NULL
);
