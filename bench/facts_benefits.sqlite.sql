-- Three benefits of 济人社字〔2020〕47号 (policies/jining_2020_47.lua) written as plain SQL
-- over the stored tables, for the period 2020-01..2020-12 inside the document's window
-- 2020-01-01..2021-12-31: bench/facts_bench.sh times them beside `bangfu calc` and compares
-- the totals.  The same rules as the engine (docs/policy-format.md, "Dates and rounding"):
-- N whole months from a day S end the day before the same day N months later, or on the last
-- day of a shorter month.  One line per benefit: id|total in fen|grants.
-- PostgreSQL: facts_benefits.postgresql.sql, the same queries.
WITH RECURSIVE
k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 12),
-- 万州区 建档立卡贫困人口, whom all three benefits are for.
wanzhou AS (
    SELECT id_number, three_no FROM people
    WHERE hukou_region LIKE '500101%' AND categories LIKE '%建档立卡贫困人口%'),
-- 四(一)1 一次性交通伙食补助, once 1500 yuan: a job in 济宁 lasting 3 whole months by the end
-- of the period or of the job; due when reached (not before the window), once per person.
meal_jobs AS (
    SELECT j.id_number,
           MIN(COALESCE(j.end_date, '9999-12-31'), '2020-12-31') AS last_day,
           CAST(substr(j.start_date, 1, 4) AS INTEGER) * 12
               + CAST(substr(j.start_date, 6, 2) AS INTEGER) - 1 + 3 AS month_index,
           CAST(substr(j.start_date, 9, 2) AS INTEGER) AS day
    FROM jobs j JOIN wanzhou w ON w.id_number = j.id_number
    WHERE j.region LIKE '3708%'),
meal_reached AS (
    SELECT id_number, last_day,
           CASE WHEN day > CAST(strftime('%d', month_first, '+1 month', '-1 day') AS INTEGER)
                THEN date(month_first, '+1 month', '-1 day')
                ELSE date(month_first, (day - 2) || ' days') END AS reached
    FROM (SELECT *, printf('%04d-%02d-01', month_index / 12, month_index % 12 + 1) AS month_first
          FROM meal_jobs)),
meal AS (
    SELECT 'jining47.transport_meal' AS benefit, 150000 * COUNT(DISTINCT id_number) AS fen,
           COUNT(DISTINCT id_number) AS grants
    FROM meal_reached
    WHERE reached <= last_day AND MAX(reached, '2020-01-01') <= last_day),
-- 四(一)4 公益性岗位就业补贴, 990 yuan per whole month worked at a public-welfare post in 万州区
-- by a 三无 laborer, from the post's first day (or the window's), each paid in the month it
-- ends; one per person and month.
post_jobs AS (
    SELECT j.id_number,
           MAX(j.start_date, '2020-01-01') AS anchor,
           MIN(COALESCE(j.end_date, '9999-12-31'), '2020-12-31') AS last_day
    FROM jobs j JOIN wanzhou w ON w.id_number = j.id_number
    WHERE w.three_no = 1 AND j.kind = 'public_welfare_post' AND j.region LIKE '500101%'),
post_months AS (
    SELECT id_number, last_day, day,
           printf('%04d-%02d-01', month_index / 12, month_index % 12 + 1) AS month_first
    FROM (SELECT p.id_number, p.last_day, CAST(substr(p.anchor, 9, 2) AS INTEGER) AS day,
                 CAST(substr(p.anchor, 1, 4) AS INTEGER) * 12
                     + CAST(substr(p.anchor, 6, 2) AS INTEGER) - 1 + k.n AS month_index
          FROM post_jobs p, k)),
post_ends AS (
    SELECT id_number, last_day,
           CASE WHEN day > CAST(strftime('%d', month_first, '+1 month', '-1 day') AS INTEGER)
                THEN date(month_first, '+1 month', '-1 day')
                ELSE date(month_first, (day - 2) || ' days') END AS month_end
    FROM post_months),
post AS (
    SELECT 'jining47.wanzhou_public_welfare', 99000 * COUNT(*), COUNT(*)
    FROM (SELECT DISTINCT id_number, substr(month_end, 1, 7)
          FROM post_ends WHERE month_end <= last_day)),
-- 四(一)5 培训期间生活费补贴, 50 yuan a day of a skill or pre-job training in 万州区 that ended
-- in the period; no day before the window counts.
living AS (
    SELECT 'jining47.wanzhou_training_living',
           5000 * COALESCE(SUM(CASE WHEN t.start_date < '2020-01-01'
                                         AND julianday(t.end_date) - julianday('2020-01-01') + 1 < t.days
                                    THEN CAST(julianday(t.end_date) - julianday('2020-01-01') + 1 AS INTEGER)
                                    ELSE t.days END), 0),
           COUNT(*)
    FROM trainings t JOIN wanzhou w ON w.id_number = t.id_number
    WHERE t.region LIKE '500101%' AND t.kind IN ('skill', 'pre_job')
      AND t.end_date BETWEEN '2020-01-01' AND '2020-12-31')
SELECT * FROM meal UNION ALL SELECT * FROM post UNION ALL SELECT * FROM living;
