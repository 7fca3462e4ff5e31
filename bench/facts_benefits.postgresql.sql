-- The queries of facts_benefits.sqlite.sql (read its comments) in PostgreSQL's dialect:
-- adding N months to a day clamps to the shorter month's last day, so N whole months from S
-- end the day before S + N months, or on that day when it was clamped.
WITH
k(n) AS (SELECT generate_series(1, 12)),
wanzhou AS (
    SELECT id_number, three_no FROM people
    WHERE hukou_region LIKE '500101%' AND categories LIKE '%建档立卡贫困人口%'),
meal_jobs AS (
    SELECT j.id_number, j.start_date::date AS start_day,
           LEAST(COALESCE(j.end_date, '9999-12-31'), '2020-12-31')::date AS last_day,
           (j.start_date::date + interval '3 months')::date AS later
    FROM jobs j JOIN wanzhou w ON w.id_number = j.id_number
    WHERE j.region LIKE '3708%'),
meal_reached AS (
    SELECT id_number, last_day,
           CASE WHEN extract(day FROM later) < extract(day FROM start_day) THEN later
                ELSE later - 1 END AS reached
    FROM meal_jobs),
meal AS (
    SELECT 'jining47.transport_meal' AS benefit, 150000 * COUNT(DISTINCT id_number) AS fen,
           COUNT(DISTINCT id_number) AS grants
    FROM meal_reached
    WHERE reached <= last_day AND GREATEST(reached, date '2020-01-01') <= last_day),
post_jobs AS (
    SELECT j.id_number,
           GREATEST(j.start_date, '2020-01-01')::date AS anchor,
           LEAST(COALESCE(j.end_date, '9999-12-31'), '2020-12-31')::date AS last_day
    FROM jobs j JOIN wanzhou w ON w.id_number = j.id_number
    WHERE w.three_no = 1 AND j.kind = 'public_welfare_post' AND j.region LIKE '500101%'),
post_ends AS (
    SELECT id_number, last_day,
           CASE WHEN extract(day FROM later) < extract(day FROM anchor) THEN later
                ELSE later - 1 END AS month_end
    FROM (SELECT p.*, (p.anchor + make_interval(months => k.n))::date AS later
          FROM post_jobs p, k) months),
post AS (
    SELECT 'jining47.wanzhou_public_welfare', 99000 * COUNT(*), COUNT(*)
    FROM (SELECT DISTINCT id_number, date_trunc('month', month_end)
          FROM post_ends WHERE month_end <= last_day) granted),
living AS (
    SELECT 'jining47.wanzhou_training_living',
           5000 * COALESCE(SUM(CASE WHEN t.start_date < '2020-01-01'
                                         AND t.end_date::date - date '2020-01-01' + 1 < t.days
                                    THEN t.end_date::date - date '2020-01-01' + 1
                                    ELSE t.days END), 0),
           COUNT(*)
    FROM trainings t JOIN wanzhou w ON w.id_number = t.id_number
    WHERE t.region LIKE '500101%' AND t.kind IN ('skill', 'pre_job')
      AND t.end_date BETWEEN '2020-01-01' AND '2020-12-31')
SELECT * FROM meal UNION ALL SELECT * FROM post UNION ALL SELECT * FROM living;
