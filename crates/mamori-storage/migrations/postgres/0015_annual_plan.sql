-- The annual plan (operations.md §8): for each fiscal year (named by the calendar year it starts
-- in, April), the month each yearly item is placed in and, once it is done, the day.
CREATE TABLE annual_plan (
    org_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    item TEXT NOT NULL,
    month BIGINT NOT NULL CHECK (month BETWEEN 1 AND 12),
    done_on TEXT,
    updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, fiscal_year, item)
);
