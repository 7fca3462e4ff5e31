-- 0004 people counts: the summary `bangfu status` reads, kept up to date by
-- the writers of people in their own transaction (registry/people_counts.c),
-- so that status answers at once on a million people instead of grouping them.
CREATE TABLE people_counts (
    field  TEXT NOT NULL,    -- 'people', 'households', or a column of people (categories, ...)
    value  TEXT NOT NULL,    -- the stored value ('' for empty; '' for the two totals)
    people BIGINT NOT NULL,  -- people with that value (households: distinct household numbers)
    PRIMARY KEY (field, value)
);
INSERT INTO people_counts (field, value, people) SELECT 'people', '', COUNT(*) FROM people;
INSERT INTO people_counts (field, value, people)
    SELECT 'households', '', COUNT(DISTINCT household_id) FROM people WHERE household_id <> '';
INSERT INTO people_counts (field, value, people)
    SELECT 'categories', COALESCE(categories, ''), COUNT(*) FROM people GROUP BY COALESCE(categories, '');
INSERT INTO people_counts (field, value, people)
    SELECT 'labor_ability', COALESCE(labor_ability, ''), COUNT(*) FROM people
    GROUP BY COALESCE(labor_ability, '');
INSERT INTO people_counts (field, value, people)
    SELECT 'employment_status', COALESCE(employment_status, ''), COUNT(*) FROM people
    GROUP BY COALESCE(employment_status, '');
INSERT INTO people_counts (field, value, people)
    SELECT 'employment_wish', COALESCE(employment_wish, ''), COUNT(*) FROM people
    GROUP BY COALESCE(employment_wish, '');
INSERT INTO people_counts (field, value, people)
    SELECT 'training_wish', COALESCE(training_wish, ''), COUNT(*) FROM people
    GROUP BY COALESCE(training_wish, '');
INSERT INTO people_counts (field, value, people)
    SELECT 'difficulties', COALESCE(difficulties, ''), COUNT(*) FROM people
    GROUP BY COALESCE(difficulties, '');
