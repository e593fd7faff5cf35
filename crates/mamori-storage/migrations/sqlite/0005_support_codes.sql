-- A support organisation is found by a code it hands out to the companies it serves, no longer
-- by its id: ids are sequential, so anyone could have tried them one by one and attached a
-- company to an organisation that never asked for it. One code per support organisation; making
-- a new one retires the old code, while companies that already registered stay.
CREATE TABLE support_codes (
    support_id BIGINT PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
    code TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
